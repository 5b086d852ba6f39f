package banned

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

const benchParagraph = `Please help me write a short design note for our payments service. The service exposes an
API that other teams call to create invoices, and we want the note to explain how authentication works,
how we rotate access tokens, and why we never store passwords in plain text. Keep the tone friendly. `

// BenchmarkBanned4KiB: 4 KiB of prose against 100 banned phrases, 5 topics of 10 keywords
// and 2 regexes, nothing matching.
func BenchmarkBanned4KiB(b *testing.B) {
	var opts Options
	for i := range 100 {
		opts.Substrings = append(opts.Substrings, Substring{Text: fmt.Sprintf("forbidden phrase %d", i), WholeWord: i%2 == 0})
	}
	for t := range 5 {
		var kws []string
		for k := range 10 {
			kws = append(kws, fmt.Sprintf("topic%dword%d", t, k))
		}
		opts.Topics = append(opts.Topics, Topic{Name: fmt.Sprint(t), Keywords: kws})
	}
	opts.Regexes = []Regex{{Name: "ticket", Pattern: `\bACME-\d{4,}\b`}, {Name: "drop", Pattern: `drop\s+table`, Normalized: true}}
	sc := newTestScanner(b, opts)
	s := strings.Repeat(benchParagraph, 4096/len(benchParagraph)+1)[:4096]
	req := &scanners.Request{Segments: []scanners.Segment{{Text: s}}}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sc.Scan(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
