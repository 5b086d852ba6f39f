package leak

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// shingleWords is the shingle size: five consecutive words. Shorter shingles match
// everyday phrases; longer ones miss lightly edited copies.
const shingleWords = 5

// Values stored for a shingle of the system prompt.
const (
	// generic marks a boilerplate or quoted shingle ("you are a helpful assistant"): it
	// bridges a copied region but adds no words to it and does not count towards coverage.
	generic = ^uint32(0)
)

// profile is the hashed shingle set of one system prompt. It is immutable once built and
// shared between concurrent scans through the cache.
type profile struct {
	system string // the prompt it was built from (cache collision check)
	keys   []uint64
	vals   []uint32 // index of a distinct informative shingle, or generic
	mask   uint64
	shift  uint8 // 64 - log2(len(keys)): slots are taken from the hash's high bits
	// informative is the number of distinct shingles that are neither boilerplate nor
	// expected output: the denominator of coverage.
	informative int
}

// shingler turns a stream of word hashes into shingle hashes.
type shingler struct {
	ring [shingleWords]word
	n    int
}

// push adds w and reports the hash of the shingle ending at w once there are enough words.
func (s *shingler) push(w word) (uint64, bool) {
	s.ring[s.n%shingleWords] = w
	s.n++
	if s.n < shingleWords {
		return 0, false
	}
	var h uint64
	for i := s.n - shingleWords; i < s.n; i++ {
		h = bits.RotateLeft64(h, 23) ^ s.ring[i%shingleWords].h
		h *= 0x9E3779B97F4A7C15
	}
	h ^= h >> 29 // the multiply leaves the low bits weak; fold the high ones in
	if h == 0 {
		h = 1 // 0 marks an empty table slot
	}
	return h, true
}

// first returns the oldest word of the current shingle.
func (s *shingler) first() word { return s.ring[(s.n-shingleWords)%shingleWords] }

// shingleSet hashes every shingle of text (used for boilerplate and allowed phrases).
func shingleSet(texts []string, into map[uint64]bool) {
	for _, t := range texts {
		var sh shingler
		eachWord(t, func(w word) bool {
			if h, ok := sh.push(w); ok {
				into[h] = true
			}
			return true
		})
	}
}

// buildProfile hashes the shingles of system. Shingles that touch a quoted passage are
// treated like boilerplate: text in quotes is usually a canned reply the model is meant to
// say, so it bridges a copied region but is no evidence on its own. skip holds shingles never
// to match (allowed phrases), boiler the boilerplate ones.
func buildProfile(system string, skip, boiler map[uint64]bool) *profile {
	p := &profile{system: system}
	if !isASCII(system) {
		// Look-alike letters, styled and fullwidth forms, accents and invisible characters
		// fold away (ASCII needs none of it: the tokenizer lower-cases).
		system = textnorm.Normalize(system)
	}
	quoted := quotedRanges(system)
	type entry struct {
		h      uint64
		quoted bool
	}
	var hashes []entry
	var sh shingler
	lastQuoted := -1 // index in sh of the last quoted word
	q := 0           // first quoted range that may still contain a word
	eachWord(system, func(w word) bool {
		for q < len(quoted) && quoted[q][1] <= w.start {
			q++
		}
		if q < len(quoted) && w.start >= quoted[q][0] {
			lastQuoted = sh.n
		}
		if h, ok := sh.push(w); ok {
			hashes = append(hashes, entry{h, lastQuoted >= sh.n-shingleWords})
		}
		return true
	})
	size, logSize := 16, 4
	for size < 2*len(hashes) {
		size, logSize = size*2, logSize+1
	}
	p.keys, p.vals, p.mask = make([]uint64, size), make([]uint32, size), uint64(size-1)
	p.shift = uint8(64 - logSize)
	for _, e := range hashes {
		if skip[e.h] {
			continue
		}
		v := uint32(p.informative)
		if e.quoted || boiler[e.h] {
			v = generic
		}
		if p.insert(e.h, v) && v != generic {
			p.informative++
		}
	}
	return p
}

// insert adds h unless present; it reports whether h was new.
func (p *profile) insert(h uint64, v uint32) bool {
	for i := p.slot(h); ; i = (i + 1) & p.mask {
		switch p.keys[i] {
		case 0:
			p.keys[i], p.vals[i] = h, v
			return true
		case h:
			return false
		}
	}
}

// slot is the first slot probed for h (Fibonacci hashing on the high bits).
func (p *profile) slot(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> p.shift }

// lookup returns the value stored for h.
func (p *profile) lookup(h uint64) (uint32, bool) {
	for i := p.slot(h); ; i = (i + 1) & p.mask {
		switch p.keys[i] {
		case 0:
			return 0, false
		case h:
			return p.vals[i], true
		}
	}
}

// maxQuote bounds a quoted passage: an unmatched quote mark must not swallow the prompt.
const maxQuote = 400

// quotedRanges returns the byte ranges of text between double quotation marks. Straight
// quotes are ambiguous, so an opening mark must follow a space or an opening bracket and
// precede a non-space, and a closing mark the reverse; a stray mark then does not flip the
// rest of the prompt inside out.
func quotedRanges(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		open, size := nextQuote(text, i)
		if open < 0 {
			break
		}
		i = open + size
		if !opens(text, open, size) {
			continue
		}
		for k := i; k < len(text) && k-i <= maxQuote; {
			r, n := utf8.DecodeRuneInString(text[k:])
			if (r == '"' || r == '”' || r == '»' || r == '“') && closes(text, k, n) {
				out = append(out, [2]int{open, k})
				i = k + n
				break
			}
			k += n
		}
	}
	return out
}

// nextQuote finds the next opening-quote candidate at or after i (byte scan: this runs over
// the whole system prompt).
func nextQuote(text string, i int) (int, int) {
	for ; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"':
			return i, 1
		case c == 0xC2 && strings.HasPrefix(text[i:], "«"):
			return i, len("«")
		case c == 0xE2 && (strings.HasPrefix(text[i:], "“") || strings.HasPrefix(text[i:], "„")):
			return i, len("“")
		}
	}
	return -1, 0
}

func opens(text string, at, size int) bool {
	if at > 0 && !strings.ContainsRune(" \t\n([{:", lastRune(text[:at])) {
		return false
	}
	return at+size < len(text) && !isSpace(text[at+size])
}

func closes(text string, at, size int) bool {
	if at == 0 || isSpace(text[at-1]) {
		return false
	}
	if end := at + size; end < len(text) {
		return strings.ContainsRune(" \t\n.,;:!?)]}'", rune(text[end]))
	}
	return true
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
