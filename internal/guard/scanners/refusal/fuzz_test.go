package refusal

import (
	"context"
	"github.com/aisecops/aisec/internal/guard/scanners/scannertest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzScan: any output gives in-range spans and clean excerpts, never a panic.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{"I'm sorry, but I can't help with that.", "\"a. b\" c. “d", "抱歉，我无法。", "```\nx", "\xff. I cannot"} {
		f.Add(seed)
	}
	s, err := New(Options{Phrases: []string{"only about acme"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := s.Scan(context.Background(), &scanners.Request{Segments: []scanners.Segment{{Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || !utf8.ValidString(fd.Excerpt) || strings.ContainsAny(fd.Excerpt, "\x1b\n\r") {
				t.Fatalf("bad finding %+v for %d bytes", fd, len(text))
			}
		}
	})
}

func BenchmarkScan4KiB(b *testing.B) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	const para = "Sure! Photosynthesis converts light into chemical energy. Plants use chlorophyll to absorb " +
		"light, mostly blue and red. The energy splits water and releases oxygen.\n\n"
	text := strings.Repeat(para, 4096/len(para)+1)[:4096]
	req := &scanners.Request{Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}}}
	scannertest.Bench(b, s, req)
}
