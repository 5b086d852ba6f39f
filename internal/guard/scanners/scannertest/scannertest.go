// Package scannertest holds what the scanners' tests share: running a scanner over one text and
// checking the invariants every finding must keep, whatever the scanner.
package scannertest

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Output scans text as the one choice of a model answer.
func Output(t testing.TB, s scanners.Scanner, text string) []scanners.Finding {
	t.Helper()
	return scan(t, s, scanners.Output, scanners.RoleAssistant, text)
}

// Input scans text as the one user message of a request.
func Input(t testing.TB, s scanners.Scanner, text string) []scanners.Finding {
	t.Helper()
	return scan(t, s, scanners.Input, scanners.RoleUser, text)
}

func scan(t testing.TB, s scanners.Scanner, d scanners.Direction, role, text string) []scanners.Finding {
	t.Helper()
	fs, err := s.Scan(context.Background(), &scanners.Request{Direction: d,
		Segments: []scanners.Segment{{Role: role, Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Rule != s.Name() || f.Segment != 0 || f.Start < 0 || f.Start > f.End || f.End > len(text) {
			t.Fatalf("finding %+v breaks the span contract for %d bytes of text", f, len(text))
		}
		if !utf8.ValidString(f.Excerpt) {
			t.Fatalf("excerpt %q is not valid UTF-8", f.Excerpt)
		}
	}
	return fs
}

// Bench measures s on req, reporting throughput over the request's text.
func Bench(b *testing.B, s scanners.Scanner, req *scanners.Request) {
	b.Helper()
	n := 0
	for _, seg := range req.Segments {
		n += len(seg.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Scan(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
