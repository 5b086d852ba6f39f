package canary

import (
	"context"
	"github.com/aisecops/aisec/internal/guard/scanners/scannertest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzScan: any output and any token give findings with valid spans, never a panic.
func FuzzScan(f *testing.F) {
	f.Add("aisec-3f9a0c1d2e4b5a67", "leak: 3 f 9 a 0 c 1 d 2 e 4 b 5 a 6 7")
	f.Add("aisec-3f9a0c1d2e4b5a67", "YWlzZWMtM2Y5YTBjMWQyZTRiNWE2Nw==")
	f.Add("x", "\xff\xfe３ｆ")
	f.Add("ZZZZZZZZZZ", "zzzzzzzzzz")
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, token, text string) {
		req := &scanners.Request{Canary: token, Segments: []scanners.Segment{{Text: text}}}
		fs, err := s.Scan(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End {
				t.Fatalf("span %d-%d outside %d bytes", fd.Start, fd.End, len(text))
			}
			if !utf8.ValidString(fd.Excerpt) {
				t.Fatalf("excerpt not UTF-8: %q", fd.Excerpt)
			}
		}
		if strings.TrimSpace(token) != "" && strings.Contains(text, token) && len(fs) == 0 {
			t.Fatalf("verbatim token %q missed", token)
		}
	})
}

func BenchmarkScan4KiB(b *testing.B) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	text := benignOutput(4096)
	req := &scanners.Request{Canary: NewToken(), Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}}}
	scannertest.Bench(b, s, req)
}

// benignOutput is a typical markdown answer of about n bytes.
func benignOutput(n int) string {
	const para = "To configure the server, open `config.yaml` and set **port** to 8080. " +
		"Then run `go build ./...` and start it with `./server --verbose`. If you see an error " +
		"such as \"address already in use\", another process holds the port: find it with `lsof -i :8080`.\n\n"
	return strings.Repeat(para, n/len(para)+1)[:n]
}
