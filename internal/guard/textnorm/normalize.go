// Package textnorm folds text into a canonical form for matching and classification, and
// finds decoded variants of substrings that look encoded (base64, hex, percent, rot13,
// Unicode tag characters, zero-width binary). Attackers hide trigger phrases behind
// invisible characters, look-alike letters, odd widths and encodings; scanners and the
// classifier look at the folded text so that one rule covers all of those spellings.
//
// Everything here takes untrusted text: work is linear in the input and allocations are
// bounded by a small multiple of its length.
package textnorm

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Normalize returns s folded for matching: compatibility forms (fullwidth, mathematical
// alphanumerics, ligatures, circled and squared letters) become their plain letters,
// invisible and format characters (zero-width, bidi controls, variation selectors, Unicode
// tag characters, other control characters) are dropped, combining accents are stripped
// from Latin and Greek letters, Cyrillic/Greek look-alikes inside words that also contain
// Latin letters become Latin, everything is lower-cased and every run of white space
// becomes one space (leading and trailing space removed).
//
// Plain ASCII text takes a fast path of one pass and one allocation.
func Normalize(s string) string {
	if isASCII(s) {
		return normalizeASCII(s)
	}
	n := normalizer{src: s}
	n.out = make([]byte, 0, len(s))
	n.run()
	return string(n.out)
}

// Mapped is normalised text together with, for every byte of Text, the byte offset in the
// original string of the character that produced it. Offsets has len(Text)+1 entries; the
// last is the length of the original.
type Mapped struct {
	Text    string
	Offsets []int32
	srcLen  int
	src     string
}

// NormalizeMap is Normalize that also records where every output byte came from, so that a
// match in the folded text can be reported as a span of the original.
func NormalizeMap(s string) Mapped {
	var b MapBuffers
	return b.NormalizeMap(s)
}

// MapBuffers is reusable working memory for NormalizeMap, for callers that normalise many
// texts (a scanner keeps one in its pooled per-call state). The zero value is ready to use.
type MapBuffers struct {
	out  []byte
	offs []int32
}

// NormalizeMap is the package's NormalizeMap, reusing b's memory. The result's Offsets alias
// b and are only valid until b is used again; its Text is a copy and stays valid.
func (b *MapBuffers) NormalizeMap(s string) Mapped {
	if cap(b.out) < len(s) {
		b.out = make([]byte, 0, len(s))
	}
	if cap(b.offs) < len(s)+1 {
		b.offs = make([]int32, 0, len(s)+1)
	}
	n := normalizer{src: s, mapped: true, out: b.out[:0], offs: b.offs[:0]}
	if isASCII(s) {
		n.runASCII()
	} else {
		n.run()
	}
	n.offs = append(n.offs, int32(len(s)))
	b.out, b.offs = n.out, n.offs // keep what the run grew
	return Mapped{Text: string(n.out), Offsets: n.offs, srcLen: len(s), src: s}
}

// Span converts the byte range [start,end) of m.Text into a byte range of the original.
// The end is extended to the end of the original character when a single character was
// expanded into several output bytes (a ligature, a fullwidth letter).
func (m Mapped) Span(start, end int) (int, int) {
	if len(m.Offsets) == 0 {
		return 0, 0
	}
	start = clamp(start, 0, len(m.Offsets)-1)
	end = clamp(end, start, len(m.Offsets)-1)
	os := int(m.Offsets[start])
	if end == start {
		return os, os
	}
	last := int(m.Offsets[end-1])
	oe := int(m.Offsets[end])
	if oe <= last {
		_, size := utf8.DecodeRuneInString(m.src[last:])
		oe = last + size
	}
	return os, oe
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiFold maps each ASCII byte to its folded form: letters lower-cased, white space to
// foldSpace, other control characters to foldDrop. Bytes ≥ 0x80 never reach it.
var asciiFold = func() (t [128]byte) {
	for c := range t {
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			t[c] = foldSpace
		case c < 0x20 || c == 0x7f:
			t[c] = foldDrop
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

const (
	foldDrop  = 0
	foldSpace = 1
)

// normalizeASCII is the fast path: lower-case, drop control characters, collapse space.
// Spaces are written eagerly and a trailing one is cut at the end.
func normalizeASCII(s string) string {
	buf := make([]byte, len(s))
	n := 0
	for i := 0; i < len(s); i++ {
		c := asciiFold[s[i]&0x7f]
		switch {
		case c > foldSpace:
			buf[n] = c
			n++
		case c == foldSpace && n > 0 && buf[n-1] != ' ':
			buf[n] = ' '
			n++
		}
	}
	if n > 0 && buf[n-1] == ' ' {
		n--
	}
	if n == 0 {
		return ""
	}
	// buf is never written again, so it can back the string (as strings.Builder does).
	return unsafe.String(&buf[0], n)
}

// normalizer holds the state of one pass over src.
type normalizer struct {
	src    string
	out    []byte
	offs   []int32
	mapped bool
	// space is set when white space was seen and not yet written; spaceAt is where it began.
	space   bool
	spaceAt int
	// foldWord says whether the current word mixes Latin letters with look-alikes; wordEnd
	// is the byte offset where that decision stops applying.
	foldWord bool
	wordEnd  int
	// lastLatin remembers whether the previous word was Latin, so that a word written only
	// with look-alikes in Latin text is folded too.
	lastLatin bool
}

// runASCII is the mapped fast path for ASCII input; it fills out and offs directly.
func (n *normalizer) runASCII() {
	s := n.src
	out := n.out[:len(s)]
	offs := n.offs[:len(s)]
	k := 0
	for i := 0; i < len(s); i++ {
		c := asciiFold[s[i]&0x7f]
		switch {
		case c > foldSpace:
			out[k], offs[k] = c, int32(i)
			k++
		case c == foldSpace && k > 0 && out[k-1] != ' ':
			out[k], offs[k] = ' ', int32(i)
			k++
		}
	}
	if k > 0 && out[k-1] == ' ' {
		k--
	}
	n.out, n.offs = out[:k], offs[:k]
}

func (n *normalizer) markSpace(at int) {
	if !n.space {
		n.space = true
		n.spaceAt = at
	}
}

func (n *normalizer) emitByte(c byte, at int) {
	if n.space {
		if len(n.out) > 0 {
			n.out = append(n.out, ' ')
			if n.mapped {
				n.offs = append(n.offs, int32(n.spaceAt))
			}
		}
		n.space = false
	}
	n.out = append(n.out, c)
	if n.mapped {
		n.offs = append(n.offs, int32(at))
	}
}

func (n *normalizer) emitRune(r rune, at int) {
	if r < utf8.RuneSelf {
		n.emitByte(byte(r), at)
		return
	}
	var buf [utf8.UTFMax]byte
	k := utf8.EncodeRune(buf[:], r)
	n.emitByte(buf[0], at)
	n.out = append(n.out, buf[1:k]...)
	if n.mapped {
		for j := 1; j < k; j++ {
			n.offs = append(n.offs, int32(at))
		}
	}
}

// run is the general path, one rune at a time.
func (n *normalizer) run() {
	s := n.src
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n.ascii(c, i)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n.other(r, i)
		i += size
	}
}

func (n *normalizer) ascii(c byte, at int) {
	switch {
	case c == ' ' || (c >= '\t' && c <= '\r'):
		n.markSpace(at)
		return
	case c < 0x20 || c == 0x7f:
		return
	case c >= 'A' && c <= 'Z':
		c += 'a' - 'A'
	}
	if c >= 'a' && c <= 'z' {
		n.lastLatin = true
	}
	n.emitByte(c, at)
}

// other handles one non-ASCII rune r found at byte offset at.
func (n *normalizer) other(r rune, at int) {
	switch {
	case isInvisible(r):
		return
	case unicode.IsSpace(r) || r == 0x2800: // braille blank pads like a space
		n.markSpace(at)
		return
	case isCombiningMark(r):
		return
	}
	if at >= n.wordEnd {
		// Only look-alikes need the word-level decision; other letters of another script
		// end a Latin context ("мой сор" stays Cyrillic).
		if isLookalike(r) {
			n.decideWord(at)
		} else if !isLatinLetter(r) && unicode.IsLetter(r) {
			n.lastLatin = false
		}
	}
	if f, ok := foldLetter(r, n.foldWord && at < n.wordEnd); ok {
		n.emitFolded(f, at)
		return
	}
	if d := decompose(n.src[at:], r); len(d) > 0 {
		for len(d) > 0 {
			dr, size := utf8.DecodeRune(d)
			d = d[size:]
			if isCombiningMark(dr) || isInvisible(dr) {
				continue
			}
			if unicode.IsSpace(dr) {
				n.markSpace(at)
				continue
			}
			f, _ := foldLetter(dr, n.foldWord && at < n.wordEnd)
			n.emitFolded(f, at)
		}
		return
	}
	n.emitFolded(r, at)
}

func (n *normalizer) emitFolded(r rune, at int) {
	switch {
	case r >= 'A' && r <= 'Z':
		r += 'a' - 'A'
	case r >= 0x2e80 && r < 0xa640, r >= 0xac00 && r < 0xd800:
		// CJK, kana and Hangul have no case: skip the table search.
	case r >= utf8.RuneSelf:
		r = unicode.ToLower(r)
	}
	n.emitRune(r, at)
}

// decideWord looks ahead over the word that starts at offset at and decides whether its
// look-alike letters should be folded to Latin: yes when the word also holds Latin letters,
// or when every letter is a look-alike and the previous word was Latin.
func (n *normalizer) decideWord(at int) {
	s := n.src
	latin, alike, other := false, false, false
	i := at
scan:
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			latin = true
		case isInvisible(r) || isCombiningMark(r):
		case !unicode.IsLetter(r):
			break scan
		case isLatinLetter(r):
			latin = true
		case isLookalike(r):
			alike = true
		default:
			other = true
		}
		i += size
	}
	n.wordEnd = i
	n.foldWord = alike && (latin || (!other && n.lastLatin))
	n.lastLatin = latin || n.foldWord
}
