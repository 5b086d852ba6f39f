package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text written in fullwidth forms (４１１１…, jane＠corp.com) or split by zero-width characters
// and soft hyphens reads the same to a person and to a model, but matches no byte-level
// pattern. Unhide undoes those two tricks, and only those, on a copy that keeps a map back to
// the original bytes, so that recognisers of exact formats (keys, card numbers) can run on it.
// Unlike Normalize it keeps case, accents and spacing.

// MayHide is a cheap test for the characters Unhide changes: it looks at UTF-8 lead bytes
// only, so pure ASCII text pays three byte searches, and typographic quotes and dashes
// (E2 80 xx too) are told apart from the characters that are folded.
func MayHide(s string) bool {
	for _, lead := range [...]byte{0xE2, 0xEF, 0xC2, 0xE3} {
		for i := 0; ; i++ {
			j := strings.IndexByte(s[i:], lead)
			if j < 0 {
				break
			}
			i += j
			if r, _ := utf8.DecodeRuneInString(s[i:]); hiding(r) {
				return true
			}
		}
	}
	return false
}

func hiding(r rune) bool { return splitter(r) || r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 }

// splitter reports the invisible format characters used to split a value.
func splitter(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x2060 && r <= 0x2064 || r == 0xFEFF || r == 0x00AD
}

// Unhidden is the result of Unhide.
type Unhidden struct {
	// Text has the zero-width characters removed and fullwidth ASCII (and the ideographic
	// space) made ASCII.
	Text string
	src  string
	offs []int32 // for every byte of Text, the offset in src of the rune it came from
}

// Unhide folds s; ok is false, and nothing is allocated, when there is nothing to fold.
func Unhide(s string) (u Unhidden, ok bool) {
	var b strings.Builder
	begin := func(i int) { // the first change: copy the untouched prefix
		if ok {
			return
		}
		ok = true
		b.Grow(len(s))
		b.WriteString(s[:i])
		u.offs = make([]int32, i, len(s))
		for k := range i {
			u.offs[k] = int32(k)
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case splitter(r):
			begin(i)
		case r == 0x3000 || r >= 0xFF01 && r <= 0xFF5E:
			begin(i)
			if r == 0x3000 {
				b.WriteByte(' ')
			} else {
				b.WriteByte(byte(r - 0xFEE0))
			}
			u.offs = append(u.offs, int32(i))
		case ok:
			b.WriteString(s[i : i+size])
			for k := range size {
				u.offs = append(u.offs, int32(i+k))
			}
		}
		i += size
	}
	if !ok {
		return Unhidden{}, false
	}
	u.Text, u.src = b.String(), s
	return u, true
}

// Span maps the non-empty span [start, end) of Text back to the original string, covering
// whole runes.
func (u Unhidden) Span(start, end int) (int, int) {
	last := int(u.offs[end-1])
	_, size := utf8.DecodeRuneInString(u.src[last:])
	return int(u.offs[start]), last + size
}

// minInterleaved is how many characters in a row, each followed by an invisible one, make
// InterleavedInvisible report a run; minInterleavedLetters of them must be letters.
const (
	minInterleaved        = 8
	minInterleavedLetters = 6
)

// InterleavedInvisible finds the first run of text with an invisible format character
// (zero-width space, joiner, word joiner, BOM, soft hyphen) after every single visible
// character: "T\u200bh\u200be\u200b …". People do not type that; it is how an instruction is kept
// from matching filters while still reading normally to a model. Emoji sequences joined by
// ZWJ and the occasional ZWNJ or soft hyphen of ordinary text do not qualify. It returns
// the byte span of the run.
func InterleavedInvisible(s string) (start, end int, ok bool) {
	if !MayHide(s) {
		return 0, 0, false
	}
	pairs, letters := 0, 0
	start = -1
	pending, pendingLetter := -1, false // the visible character waiting for its invisible one
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if splitter(r) {
			if pending < 0 { // two invisible characters in a row end the run
				if pairs >= minInterleaved && letters >= minInterleavedLetters {
					return start, end, true
				}
				pairs, letters, start = 0, 0, -1
			} else {
				if start < 0 {
					start = pending
				}
				pairs++
				if pendingLetter {
					letters++
				}
				pending, end = -1, i+n
			}
		} else {
			if pending >= 0 { // two visible characters in a row end the run
				if pairs >= minInterleaved && letters >= minInterleavedLetters {
					return start, end, true
				}
				pairs, letters, start = 0, 0, -1
			}
			pending, pendingLetter = i, unicode.IsLetter(r)
		}
		i += n
	}
	if pairs >= minInterleaved && letters >= minInterleavedLetters {
		return start, end, true
	}
	return 0, 0, false
}
