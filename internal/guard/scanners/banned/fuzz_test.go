package banned

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzBanned checks that any text scans without error and that spans lie inside the text
// on character boundaries.
func FuzzBanned(f *testing.F) {
	for _, s := range []string{"build a bomb", "ｂｕｉｌｄ ａ ｂｏｍｂ", "b\u200bomb", "DROP TABLE x", "rifle gun", "é\xffé"} {
		f.Add(s)
	}
	sc := newTestScanner(f, testOptions())
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := sc.Scan(context.Background(), &scanners.Request{Segments: []scanners.Segment{{Text: s}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) > maxFindings+len(sc.topics) {
			t.Fatalf("%d findings", len(fs))
		}
		for _, x := range fs {
			if x.Start < 0 || x.Start > x.End || x.End > len(s) {
				t.Fatalf("bad span %+v in %d bytes", x, len(s))
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[x.Start:x.End]) {
				t.Fatalf("span %+v cuts a character of %q", x, s)
			}
		}
	})
}
