package code

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds adds the samples and small tricky inputs.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/samples/*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"f\"{a!r:{b}}\" rb'\\x41' '''x", "x = f'{", "((((", "from . import (a as b,\n c)\n", "\\\n",
		"`${`${a(`", "/re/g.test(x) / 2 / 3", "a?.b?.(c)!.d", "import x, {a as b} from 'm'", "const {a: b} = require('m')",
		"import (\n\t. \"x\"\n\t_ \"y\"\n)\nfunc (r *T) M() { p.T{A: 1} }", "\"\"\"text\nblock\"\"\" new X<Y<Z>>()",
		"x = \xff\xfe(\x80)", "}}}])]", "@a(b)\nclass C(D): pass", "f(**k, *a, x=1)",
		"M = {'model': ['gpt-4o', {'a': 'claude-3-5-sonnet-20241022'}], 'gpt-4o': 1}\ncase 'o3-mini': x == 'gpt-4.1'",
		"type M = | 'gpt-4o' | 'x';\nconst (\n\tA = \"gemini-2.0-flash\"\n)\n{ model: c ? 'a' : 'b' }",
	} {
		f.Add([]byte(s))
	}
}

var allLangs = []Lang{Python, JavaScript, TypeScript, Go, Java}

// checkFile verifies the invariants of a parse: spans inside the source, bounded counts and
// sizes, lines within the file, indexes valid.
func checkFile(t *testing.T, src []byte, f *File) {
	t.Helper()
	lines := strings.Count(string(src), "\n") + 1
	if len(f.Calls) > MaxCalls || len(f.Strings) > MaxStrings || len(f.Assigns) > MaxAssigns || len(f.Imports) > MaxImports || len(f.Idents) > MaxIdents {
		t.Fatalf("bounds exceeded: %d calls %d strings %d assigns", len(f.Calls), len(f.Strings), len(f.Assigns))
	}
	for _, c := range f.Calls {
		if c.Offset < 0 || c.Offset > len(src) || c.End < c.Offset || c.End > len(src) || c.Line < 1 || c.Line > lines {
			t.Fatalf("call %+v outside the %d-byte source", c, len(src))
		}
		if len(c.Args) > MaxArgs || len(c.Callee) > maxCallee || len(c.Raw) > maxCallee {
			t.Fatalf("oversized call %q", c.Callee)
		}
		for _, a := range c.Args {
			if a.Start < 0 || a.End > len(src) || a.Start > a.End || len(a.Value) > MaxLiteral {
				t.Fatalf("arg %+v outside the source", a)
			}
			if utf8.Valid(src) && !utf8.ValidString(a.Value) {
				t.Fatalf("arg value not UTF-8: %q", a.Value)
			}
		}
	}
	for _, s := range f.Strings {
		if len(s.Key) > 64+4 || s.Listed && s.Key != "" {
			t.Fatalf("bad literal key %+v", s)
		}
		if len(s.Value) > MaxLiteral || !utf8.ValidString(s.Value) || s.Offset < 0 || s.Offset > len(src) || s.Line < 1 || s.Line > lines {
			t.Fatalf("bad literal %+v", s)
		}
	}
	for _, a := range f.Assigns {
		for _, i := range a.Calls {
			if i < 0 || i >= len(f.Calls) {
				t.Fatalf("assign %+v indexes call %d of %d", a, i, len(f.Calls))
			}
		}
		if len(a.Value) > MaxValue+4 || a.Line < 1 || a.Line > lines {
			t.Fatalf("bad assign %+v", a)
		}
	}
	for i := 1; i < len(f.Idents); i++ {
		if f.Idents[i].Offset < f.Idents[i-1].Offset {
			t.Fatalf("idents out of order at %d", i)
		}
	}
}

// FuzzParse parses any input in every language.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range allLangs {
			checkFile(t, src, Parse(lang, src))
		}
	})
}

// FuzzUsages checks that usages of any input are bounded and well formed.
func FuzzUsages(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range allLangs {
			file := Parse(lang, src)
			us := Usages(file)
			if len(us) > len(file.Imports)+3*len(file.Calls)+len(file.Strings)+len(file.Calls)*MaxArgs {
				t.Fatalf("%d usages", len(us))
			}
			for i, u := range us {
				if u.Kind == "" || len(u.Evidence) > maxEvidence+4 || len(u.Name) > MaxValue+4 || u.Line < 1 {
					t.Fatalf("bad usage %+v", u)
				}
				if i > 0 && us[i-1].Line > u.Line {
					t.Fatal("usages not sorted by line")
				}
			}
		}
	})
}

// FuzzParseNotebook checks that any document parses or fails cleanly, and that the joined
// code maps back to cells.
func FuzzParseNotebook(f *testing.F) {
	if data, err := os.ReadFile("testdata/samples/notebook.ipynb"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{`{"cells": []}`, `{"cells": [{"cell_type": "code", "source": ["%%bash\n", "x"]}]}`,
		`{"cells": [{"cell_type": "code", "source": "a(", "outputs": [{"output_type": "error", "traceback": ["\u001b[1m"]}]}]}`,
		`{"metadata": {"kernelspec": {"language": "javascript"}}, "cells": [{"cell_type": "code", "source": "eval(x)"}]}`, `[]`, `{"cells": {}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := ParseNotebook(data)
		if err != nil {
			if nb != nil {
				t.Fatal("notebook and error")
			}
			return
		}
		if len(nb.Cells) > MaxCells {
			t.Fatalf("%d cells", len(nb.Cells))
		}
		file := nb.Code()
		for _, c := range file.Calls {
			if _, _, ok := file.CellOf(c.Line); !ok {
				t.Fatalf("call at line %d maps to no cell", c.Line)
			}
		}
	})
}
