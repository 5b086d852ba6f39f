package structured

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte("a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b, *b]\nd: {<<: *a}\n"))
	f.Add([]byte(`{"k": [1, {"x": null, "y": true}], "s": "\u00e9\ud800"}`))
	f.Add([]byte("--- !!python/object/apply:os.system\n- id\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data, limits.Budget{})
		if err != nil {
			if d != nil {
				t.Fatal("a Doc returned with an error")
			}
			return
		}
		if d.Flavour != JSON && d.Flavour != YAML {
			t.Fatalf("flavour %q", d.Flavour)
		}
		if d.Root == nil && len(d.Gaps()) == 0 {
			t.Fatal("no tree and no gap")
		}
		if n := countValues(d.Root, 0, t); n > MaxNodes {
			t.Fatalf("%d values over the cap", n)
		}
		ss := d.MetaStrings()
		if len(ss) > MaxStrings || len(d.Tags) > MaxTags || len(d.More) > MaxDocs {
			t.Fatalf("caps exceeded: %d strings %d tags %d docs", len(ss), len(d.Tags), len(d.More))
		}
		for _, s := range ss {
			// Invalid UTF-8 is decoded as U+FFFD: three bytes for each bad byte.
			if s.Offset != -1 || len(s.Key) > maxPath+8 || len(s.Value) > 3*len(data) {
				t.Fatalf("bad string %q (%d bytes) offset %d", s.Key, len(s.Value), s.Offset)
			}
		}
		again, err := Parse(data, limits.Budget{})
		if err != nil || len(again.MetaStrings()) != len(ss) {
			t.Fatal("Parse is not deterministic")
		}
	})
}

// countValues counts tree values and checks the depth cap.
func countValues(v any, depth int, t *testing.T) int {
	if depth > MaxDepth+1 {
		t.Fatalf("tree deeper than %d", MaxDepth)
	}
	n := 1
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			n += countValues(it, depth+1, t)
		}
	case map[string]any:
		for _, it := range x {
			n += countValues(it, depth+1, t)
		}
	}
	return n
}
