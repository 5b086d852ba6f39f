package pycode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.py")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"f\"{a!r:{b}}\" rb'\\x41' '''x", "exec(\"exec('import os')\")", "getattr(__import__('os'), 'system')('x')",
		"x = f'{", "((((", "from . import (a as b,\n c)\n", "\\\n", "ｅｘｅｃ(x)",
	} {
		f.Add(s)
	}
}

// FuzzAnalyze checks that any input is analysed without panicking, with hits that point
// inside the source and stay small.
func FuzzAnalyze(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		hits := Analyze(src)
		if len(hits) > 10*len(Rules())+len(src) {
			t.Fatalf("%d hits for %d bytes", len(hits), len(src))
		}
		for _, h := range hits {
			if h.Offset < 0 || h.Offset > len(src) || h.Count < 1 || h.Line < 1 {
				t.Fatalf("bad hit %+v", h)
			}
			if len(h.Evidence()) > 1024 || len(h.Name) > 110 {
				t.Fatalf("oversized evidence %d / name %d", len(h.Evidence()), len(h.Name))
			}
			if utf8.ValidString(src) && !utf8.ValidString(h.Evidence()) {
				t.Fatalf("evidence of valid UTF-8 source is not UTF-8: %q", h.Evidence())
			}
		}
	})
}

// FuzzLexer checks token spans and that Strip keeps offsets and line breaks.
func FuzzLexer(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		lx := NewLexer(src)
		prev := 0
		n := 0
		for tok, ok := lx.Next(); ok; tok, ok = lx.Next() {
			n++
			if tok.Start < 0 || tok.End < tok.Start || tok.End > len(src) {
				t.Fatalf("token %+v outside the %d-byte source", tok, len(src))
			}
			if tok.Start < prev && !tok.Synthetic && tok.Kind != TokString {
				t.Fatalf("token %+v goes backwards (previous start %d)", tok, prev)
			}
			if !tok.Synthetic {
				prev = tok.Start
			}
			if len(tok.Text) > MaxLiteral+4*len(src) {
				t.Fatalf("token text of %d bytes", len(tok.Text))
			}
			if n > 4*len(src)+8 {
				t.Fatalf("more tokens (%d) than the source can hold", n)
			}
		}
		s := Strip(src)
		if len(s) != len(src) || strings.Count(s, "\n") != strings.Count(src, "\n") {
			t.Fatal("Strip changed offsets or line breaks")
		}
	})
}
