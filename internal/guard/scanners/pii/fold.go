package pii

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Personal data written in fullwidth forms (４１１１…, jane＠corp.com) or split by zero-width
// characters reads the same to a person and to the model, but not to byte-level recognisers.
// scanFolded undoes the two tricks on a copy of the text and maps what it finds back.

// mayFold looks at UTF-8 lead bytes only: pure ASCII text pays three byte searches, and
// typographic quotes and dashes (E2 80 xx too) are told apart from the characters folded.
func mayFold(s string) bool {
	for _, lead := range [...]byte{0xE2, 0xEF, 0xC2} {
		for i := 0; ; i++ {
			j := strings.IndexByte(s[i:], lead)
			if j < 0 {
				break
			}
			i += j
			if r, _ := utf8.DecodeRuneInString(s[i:]); foldable(r) {
				return true
			}
		}
	}
	return false
}

func foldable(r rune) bool { return invisible(r) || r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 }

func invisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x2060 && r <= 0x2064 || r == 0xFEFF || r == 0x00AD
}

// fold returns s without invisible format characters and with fullwidth ASCII (and the
// ideographic space) made ASCII, and for every byte of the result the offset in s of the
// rune it came from.
func fold(s string) (string, []int32) {
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int32, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case invisible(r):
		case r == 0x3000:
			b.WriteByte(' ')
			offs = append(offs, int32(i))
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
			offs = append(offs, int32(i))
		default:
			b.WriteString(s[i : i+size])
			for k := range size {
				offs = append(offs, int32(i+k))
			}
		}
		i += size
	}
	return b.String(), offs
}

// scanFolded appends the findings of the folded text of segment seg that no finding in ms
// (found in the original) overlaps. Excerpts are masked from the folded value.
func (sc *Scanner) scanFolded(ctx context.Context, seg int, s string, ms []match, out []scanners.Finding) ([]scanners.Finding, error) {
	f, offs := fold(s)
	more, err := sc.find(ctx, f)
	for _, m := range more {
		last := int(offs[m.end-1])
		_, size := utf8.DecodeRuneInString(s[last:])
		start, end := int(offs[m.start]), last+size
		if slices.ContainsFunc(ms, func(o match) bool { return o.start < end && start < o.end }) {
			continue
		}
		out = append(out, scanners.Finding{
			Rule: Name, Kind: m.kind, Score: score(m.kind), Segment: seg, Start: start, End: end,
			Excerpt: Mask(m.kind, f[m.start:m.end]), Redactable: true,
		})
	}
	return out, err
}
