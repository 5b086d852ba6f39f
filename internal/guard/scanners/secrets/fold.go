package secrets

import (
	"strings"
	"unicode/utf8"
)

// A key split by zero-width characters or soft hyphens, or written in fullwidth forms, reads
// the same to a person and to most tokenizers but matches no gitleaks pattern. fold undoes
// those two tricks on a copy of the text; Scan runs the rules on it as well and maps what it
// finds back to the original bytes.

// mayFold is a cheap test for the UTF-8 forms of the characters fold changes: it looks at
// the lead bytes only, so pure ASCII text pays three byte searches and typographic quotes or
// dashes (also E2 80 xx) do not start a second scan.
func mayFold(s string) bool {
	for _, lead := range [...]byte{0xE2, 0xEF, 0xC2} {
		for i := 0; ; i++ {
			j := strings.IndexByte(s[i:], lead)
			if j < 0 {
				break
			}
			i += j
			if r, _ := utf8.DecodeRuneInString(s[i:]); invisible(r) || r >= 0xFF01 && r <= 0xFF5E {
				return true
			}
		}
	}
	return false
}

// fold returns s without invisible format characters and with fullwidth ASCII made ASCII, and
// for every byte of the result the offset of the rune of s it came from. ok is false when
// nothing changed.
func fold(s string) (out string, offs []int32, ok bool) {
	var b strings.Builder
	begin := func(i int) { // the first change: copy the untouched prefix
		if ok {
			return
		}
		ok = true
		b.Grow(len(s))
		b.WriteString(s[:i])
		offs = make([]int32, i, len(s))
		for k := range i {
			offs[k] = int32(k)
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case invisible(r):
			begin(i)
		case r >= 0xFF01 && r <= 0xFF5E:
			begin(i)
			b.WriteByte(byte(r - 0xFEE0))
			offs = append(offs, int32(i))
		case ok:
			b.WriteString(s[i : i+size])
			for k := range size {
				offs = append(offs, int32(i+k))
			}
		}
		i += size
	}
	return b.String(), offs, ok
}

func invisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x2060 && r <= 0x2064 || r == 0xFEFF || r == 0x00AD
}

// unfold maps the span [start, end) of the folded text back to s.
func unfold(s string, offs []int32, start, end int) (int, int) {
	last := int(offs[end-1])
	_, size := utf8.DecodeRuneInString(s[last:])
	return int(offs[start]), last + size
}
