package pii

import (
	"context"
	"slices"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// scanFolded appends the findings of segment seg once personal data written in fullwidth forms
// (４１１１…, jane＠corp.com) or split by zero-width characters is put back together
// (textnorm.Unhide), skipping those that a finding in ms (found in the original) overlaps.
// Excerpts are masked from the folded value.
func (sc *Scanner) scanFolded(ctx context.Context, seg int, s string, ms []match, out []scanners.Finding) ([]scanners.Finding, error) {
	u, ok := textnorm.Unhide(s)
	if !ok {
		return out, nil
	}
	f := u.Text
	more, err := sc.find(ctx, f)
	for _, m := range more {
		start, end := u.Span(m.start, m.end)
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
