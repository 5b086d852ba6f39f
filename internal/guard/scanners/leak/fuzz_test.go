package leak

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzScan: any system prompt and output give in-range spans and scores, never a panic; an
// output equal to a long system prompt is always reported.
func FuzzScan(f *testing.F) {
	f.Add(sysBank, sysBank[100:400])
	f.Add(sysGate, "Access Denied")
	f.Add("\"a\" “b” «c» „d“ \"", "a b c d e f g h")
	f.Add("東京東京東京東京東京東京東京", "東京東京東京東京")
	s, err := New(Options{CacheSize: 4})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, system, output string) {
		req := &scanners.Request{System: system, Segments: []scanners.Segment{{Text: output}, {Text: system}}}
		fs, err := s.Scan(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			text := req.Segments[fd.Segment].Text
			if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End || fd.Score < 0.5 || fd.Score > 1 {
				t.Fatalf("finding %+v out of range for %d bytes", fd, len(text))
			}
		}
		if !strings.ContainsAny(system, "\"“«„") && len(strings.Fields(system)) >= 40 && distinctWords(system) >= 30 {
			found := false
			for _, fd := range fs {
				found = found || fd.Segment == 1
			}
			if !found {
				t.Fatalf("system prompt copied verbatim not reported")
			}
		}
	})
}

func distinctWords(s string) int {
	seen := map[uint64]bool{}
	eachWord(s, func(w word) bool { seen[w.h] = true; return true })
	return len(seen)
}

func BenchmarkScan4KiB(b *testing.B) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	out := benignOutput(4096)
	req := &scanners.Request{System: sysBank + "\n" + sysCode + "\n" + sysRAG,
		Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: out}}}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Scan(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProfile32KiB is the uncached cost of a 32 KiB system prompt (first window of a
// request with a new prompt).
func BenchmarkProfile32KiB(b *testing.B) {
	sys := strings.Repeat(sysBank+"\n"+sysCode+"\n"+sysRAG+"\n", 32<<10/(len(sysBank)+len(sysCode)+len(sysRAG)+3)+1)[:32<<10]
	b.SetBytes(int64(len(sys)))
	b.ReportAllocs()
	for b.Loop() {
		buildProfile(sys, nil, nil)
	}
}

func benignOutput(n int) string {
	const para = "To configure the server, open `config.yaml` and set **port** to 8080. " +
		"Then run `go build ./...` and start it with `./server --verbose`. If you see an error " +
		"such as \"address already in use\", another process holds the port: find it with `lsof -i :8080`.\n\n"
	return strings.Repeat(para, n/len(para)+1)[:n]
}
