package injection

import (
	"unicode"
	"unicode/utf8"
)

// reversedWords are trigger words spelled backwards; two of them in a text make the scanner
// also read the text reversed ("snoitcurtsni suoiverp lla erongi").
var reversedWords = []string{"erongi", "dragersid", "tegrof", "snoitcurtsni", "noitcurtsni", "suoiverp",
	"roirp", "selur", "tpmorp", "metsys", "laever", "kaerbliaj", "ssapyb", "edirrevo", "drowssap", "terces",
	"snoitcirtser", "tnatsissa", "eht", "woh", "llet", "ekam", "etirw", "uoy", "dna", "evig", "tnaw",
	"tuptuo", "rewsna", "ylper", "dnopser", "tnirp", "ylno", "ruoy", "edoc"}

// reverseRunes returns s with its characters in reverse order.
func reverseRunes(s string) string {
	b := make([]byte, len(s))
	k := len(s)
	for _, r := range s {
		n := utf8.RuneLen(r)
		if n < 0 {
			n = 1
			r = utf8.RuneError
		}
		k -= n
		utf8.EncodeRune(b[k:], r)
	}
	return string(b[k:])
}

// variant is a rewritten text with, per byte, the offset in the original it came from.
type variant struct {
	text   string
	offs   []int32
	rawLen int
}

func (v variant) orig(i int) int {
	if i >= len(v.offs) {
		return v.rawLen
	}
	return int(v.offs[i])
}

// unit is an isolated letter: a letter with no letter or digit on either side.
type unit struct{ start, end int }

const (
	minSpacedLetters = 4
	maxSpacedGap     = 3
)

// spacedVariant joins letter-spaced words ("i g n o r e  a l l", "i.g.n.o.r.e") so that the
// grammar can read them. A gap wider than the narrowest one in the run is a word break.
// It returns false when the text has no such run.
func spacedVariant(raw, norm string) (variant, bool) {
	if !hasSpacedRun(norm) {
		return variant{}, false
	}
	units := isolatedLetters(raw)
	if len(units) < minSpacedLetters {
		return variant{}, false
	}
	var out []byte
	var offs []int32
	copied := 0
	found := false
	for i := 0; i < len(units); {
		j := i + 1
		for j < len(units) && joinable(raw, units[j-1], units[j]) {
			j++
		}
		if j-i < minSpacedLetters {
			i = j
			continue
		}
		found = true
		out, offs = appendRaw(out, offs, raw, copied, units[i].start)
		out, offs = appendJoined(out, offs, raw, units[i:j])
		copied = units[j-1].end
		i = j
	}
	if !found {
		return variant{}, false
	}
	out, offs = appendRaw(out, offs, raw, copied, len(raw))
	return variant{text: string(out), offs: offs, rawLen: len(raw)}, true
}

// hasSpacedRun is a cheap byte-level test on the normalised text (look-alikes already
// folded to Latin) for minSpacedLetters isolated letters in a row.
func hasSpacedRun(s string) bool {
	run, last := 0, -10
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			continue
		}
		// i starts a run of word bytes (the loop skips whole runs): only a run of one
		// letter is an isolated letter.
		if i+1 < len(s) && isWordByte(s[i+1]) || !isASCIILetter(s[i]) {
			for i+1 < len(s) && isWordByte(s[i+1]) {
				i++
			}
			continue
		}
		if i-last <= maxSpacedGap+1 {
			run++
		} else {
			run = 1
		}
		if run >= minSpacedLetters {
			return true
		}
		last = i
	}
	return false
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

func isolatedLetters(raw string) []unit {
	var units []unit
	prevWord := false
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRuneInString(raw[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if unicode.IsLetter(r) && !prevWord {
			next, _ := utf8.DecodeRuneInString(raw[i+n:])
			if i+n >= len(raw) || !(unicode.IsLetter(next) || unicode.IsDigit(next) || unicode.Is(unicode.M, next)) {
				units = append(units, unit{i, i + n})
			}
		}
		prevWord = word || unicode.Is(unicode.M, r)
		i += n
	}
	return units
}

// joinable reports whether two isolated letters are separated by a short gap of spacing or
// punctuation only.
func joinable(raw string, a, b unit) bool {
	gap := raw[a.end:b.start]
	if len(gap) == 0 || len(gap) > maxSpacedGap*utf8.UTFMax {
		return false
	}
	runes := 0
	for _, r := range gap {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		runes++
	}
	return runes <= maxSpacedGap
}

func appendRaw(out []byte, offs []int32, raw string, from, to int) ([]byte, []int32) {
	for k := from; k < to; k++ {
		out = append(out, raw[k])
		offs = append(offs, int32(k))
	}
	return out, offs
}

func appendJoined(out []byte, offs []int32, raw string, run []unit) ([]byte, []int32) {
	narrow := len(raw)
	for k := 1; k < len(run); k++ {
		narrow = min(narrow, run[k].start-run[k-1].end)
	}
	for k, u := range run {
		if k > 0 && u.start-run[k-1].end > narrow {
			out = append(out, ' ')
			offs = append(offs, int32(run[k-1].end))
		}
		out, offs = appendRaw(out, offs, raw, u.start, u.end)
	}
	return out, offs
}

// isSplitter reports characters used to break up trigger words ("i-nstruction", "m*ssage").
// '_' and '/' are left out (snake_case and paths are everywhere in code); splitSpan handles
// their doubled forms ("m__essage").
func isSplitter(c byte) bool {
	switch c {
	case '-', '*', '.', '|', '~', '`', '^', '+':
		return true
	}
	return false
}

// splitStart marks the bytes a splitter run can start with (splitters and '_').
var splitStart = func() (t [256]bool) {
	for c := range t {
		t[c] = isSplitter(byte(c)) || c == '_'
	}
	return t
}()

// splitSpan returns the end of the splitter run at s[i:] (i when there is none): up to four
// splitters, or two or more underscores.
func splitSpan(s string, i int) int {
	j := i
	for j < len(s) && j-i < 4 && isSplitter(s[j]) {
		j++
	}
	if j == i {
		for j < len(s) && j-i < 4 && s[j] == '_' {
			j++
		}
		if j-i < 2 {
			return i
		}
	}
	return j
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }

// joinedVariant removes splitters inside words of the normalised text s when at least
// minSplits of them cut off a fragment of one or two letters (the usual way of hiding a
// word from a filter). Offsets map to s.
func joinedVariant(s string) (variant, bool) {
	const minSplits = 2
	splits := 0
	for i := 1; i < len(s); i++ {
		// Most bytes are not splitters: test that before anything else.
		if !splitStart[s[i]] || !isASCIILetter(s[i-1]) {
			continue
		}
		j := splitSpan(s, i)
		if j > i && j < len(s) && isASCIILetter(s[j]) && (fragment(s, i-1, -1) <= 2 || fragment(s, j, 1) <= 2) {
			splits++
		}
	}
	if splits < minSplits {
		return variant{}, false
	}
	out := make([]byte, 0, len(s))
	offs := make([]int32, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && isASCIILetter(s[i-1]) {
			if j := splitSpan(s, i); j > i && j < len(s) && isASCIILetter(s[j]) {
				i = j - 1
				continue
			}
		}
		out = append(out, s[i])
		offs = append(offs, int32(i))
	}
	return variant{text: string(out), offs: offs, rawLen: len(s)}, true
}

// fragment counts the letters from s[i] in direction dir.
func fragment(s string, i, dir int) int {
	n := 0
	for i >= 0 && i < len(s) && isASCIILetter(s[i]) {
		n++
		i += dir
	}
	return n
}
