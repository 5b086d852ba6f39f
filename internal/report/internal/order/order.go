// Package order sorts report content the same way in every writer, so that output is
// deterministic whatever order a concurrent scan produced it in. Every function returns a
// sorted copy and leaves its input alone: writers never modify the report they render.
package order

import (
	"cmp"
	"slices"

	"github.com/aisecops/aisec/internal/finding"
)

// compareLocation orders findings by where they were seen, then by what was seen.
func compareLocation(a, b finding.Finding) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Member, b.Member),
		cmp.Compare(a.Offset, b.Offset),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Evidence, b.Evidence),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
	)
}

// ByLocation returns the findings sorted by path, member, offset, rule and evidence.
func ByLocation(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, compareLocation)
	return out
}

// BySeverity returns the findings sorted by severity (highest first), then by location.
func BySeverity(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), compareLocation(a, b))
	})
	return out
}

// Suppressed returns the suppressed findings sorted by the location of their finding.
func Suppressed(ss []finding.Suppressed) []finding.Suppressed {
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b finding.Suppressed) int {
		return cmp.Or(compareLocation(a.Finding, b.Finding), cmp.Compare(a.Reason, b.Reason))
	})
	return out
}

// Files returns the file results sorted by path, then member.
func Files(files []finding.FileResult) []finding.FileResult {
	out := slices.Clone(files)
	slices.SortStableFunc(out, func(a, b finding.FileResult) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Member, b.Member))
	})
	return out
}

// Incomplete returns the partial and error files, sorted by path then member. These are the
// files a report must call out: they cannot be treated as clean.
func Incomplete(files []finding.FileResult) []finding.FileResult {
	var out []finding.FileResult
	for _, f := range Files(files) {
		if f.Status == finding.StatusPartial || f.Status == finding.StatusError {
			out = append(out, f)
		}
	}
	return out
}

// FileLocation joins a file result's path and member the way finding.Finding.Location does.
func FileLocation(f finding.FileResult) string {
	return finding.Finding{Path: f.Path, Member: f.Member}.Location()
}
