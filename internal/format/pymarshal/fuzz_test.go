package pymarshal

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadCode checks that arbitrary bytes never panic or hang the decoder, that budgets hold,
// and that whatever decodes is internally consistent.
func FuzzReadCode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.marshal")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\xdb\x01\x00\x00\x00r\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxDepth: 50, MaxObjects: 10_000}
		c, err := ReadCode(data, lim)
		if err == nil {
			if c == nil || c.Layout == LayoutUnknown {
				t.Fatalf("code without layout: %+v", c)
			}
			if c.Trailing < 0 || c.Trailing >= len(data) || c.BytecodeLen > len(data) {
				t.Fatalf("sizes out of range: trailing %d, bytecode %d, data %d", c.Trailing, c.BytecodeLen, len(data))
			}
			s := Summarize(c, 20)
			for _, l := range [][]string{s.Functions, s.Names, s.Strings, s.VarNames, s.Filenames} {
				if len(l) > 20 {
					t.Fatalf("summary list over its cap: %d", len(l))
				}
			}
		}
		for _, l := range layouts {
			if v, n, err := Decode(data, l, lim); err == nil && (v == nil || n > len(data) || n <= 0) {
				t.Fatalf("Decode(%v) consumed %d of %d bytes, value %v", l, n, len(data), v)
			}
		}
		if ids := Identifiers(data, 10); len(ids) > 10 {
			t.Fatalf("identifiers over cap: %d", len(ids))
		}
	})
}
