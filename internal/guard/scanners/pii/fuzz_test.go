package pii

import (
	"context"
	"strings"
	"testing"
)

// FuzzPII checks that any text scans without error and that findings are well-formed:
// spans inside the text, in order and not overlapping, excerpts that differ from values.
func FuzzPII(f *testing.F) {
	for _, c := range positives {
		f.Add(c.text)
	}
	for _, s := range negatives {
		f.Add(s)
	}
	sc := newTestScanner(f, Options{})
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := sc.Find(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, x := range fs {
			if x.Start < last || x.Start >= x.End || x.End > len(s) {
				t.Fatalf("bad span %+v after %d in %d bytes", x, last, len(s))
			}
			last = x.End
			if v := s[x.Start:x.End]; len(v) >= 6 && x.Kind != IPAddress && strings.Contains(x.Excerpt, v) {
				t.Fatalf("excerpt %q reveals %q", x.Excerpt, v)
			}
		}
	})
}
