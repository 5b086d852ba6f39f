package pymarshal

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

// view is what the golden files record about one fixture.
type view struct {
	Layout    string   `json:"layout"`
	Name      string   `json:"name"`
	QualName  string   `json:"qualname,omitempty"`
	Filename  string   `json:"filename"`
	ArgCount  int      `json:"argcount"`
	PosOnly   int      `json:"posonlyargcount"`
	KwOnly    int      `json:"kwonlyargcount"`
	Flags     uint32   `json:"flags"`
	Bytecode  int      `json:"bytecode_len"`
	Consts    []string `json:"consts"`
	Summary   Summary  `json:"summary"`
	Trailing  int      `json:"trailing,omitempty"`
	FirstLine int      `json:"firstlineno"`
}

func render(v *Value, depth int) string {
	if v == nil {
		return "NULL"
	}
	if depth > 8 {
		return "…"
	}
	switch v.Kind {
	case KindStr:
		return "str:" + v.Str
	case KindBytes:
		return "bytes:" + v.Str
	case KindCode:
		return "code:" + v.Code.Name
	case KindTuple, KindList, KindSet, KindFrozenSet, KindDict, KindSlice:
		parts := make([]string, 0, len(v.Items))
		for _, it := range v.Items {
			parts = append(parts, render(it, depth+1))
		}
		if v.Kind == KindFrozenSet || v.Kind == KindSet {
			// Set order follows string hashing, which Python randomises per run.
			sortStrings(parts)
		}
		return v.Kind.String() + "(" + strings.Join(parts, ", ") + ")"
	}
	return v.Kind.String() + ":" + v.Str
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.marshal")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	wantLayout := map[string]Layout{"py27": LayoutPy27, "py37": LayoutPy30, "py38": LayoutPy38, "py311": LayoutPy311, "py313": LayoutPy311}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".marshal")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ReadCode(data, Limits{})
			if err != nil {
				t.Fatalf("ReadCode: %v", err)
			}
			if want := wantLayout[strings.SplitN(name, "_", 2)[0]]; c.Layout != want {
				t.Errorf("layout %v, want %v", c.Layout, want)
			}
			v := view{Layout: c.Layout.String(), Name: c.Name, QualName: c.QualName, Filename: c.Filename,
				ArgCount: c.ArgCount, PosOnly: c.PosOnlyArgCount, KwOnly: c.KwOnlyArgCount, Flags: c.Flags,
				Bytecode: c.BytecodeLen, Summary: Summarize(c, 100), Trailing: c.Trailing, FirstLine: c.FirstLine}
			for _, k := range c.Consts {
				v.Consts = append(v.Consts, render(k, 0))
			}
			if strings.Contains(name, "constants") {
				sortStrings(v.Summary.Strings) // the set constant's order varies between runs
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), v)
		})
	}
}

func checkGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", path, got)
	}
}

func TestDangerousNamesSeen(t *testing.T) {
	for _, f := range []string{"py27_os_system", "py37_os_system", "py38_os_system", "py311_os_system", "py313_os_system"} {
		data, err := os.ReadFile(filepath.Join("testdata", f+".marshal"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := ReadCode(data, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		s := Summarize(c, 100)
		if !contains(s.Names, "system") || !contains(s.Names, "__import__") || !contains(s.Strings, "os") {
			t.Errorf("%s: summary misses the payload: %+v", f, s)
		}
	}
	data, _ := os.ReadFile("testdata/py311_nested.marshal")
	c, err := ReadCode(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(c, 100)
	if !contains(s.Names, "exec") || len(s.Functions) != 2 {
		t.Errorf("nested lambda not followed: %+v", s)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// le32 encodes n as marshal's little-endian int32.
func le32(n int) string {
	return string([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)})
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrMalformed},
		{"null at top", "0", ErrMalformed},
		{"unknown type", "?", ErrMalformed},
		{"truncated int", "i\x01\x00", ErrMalformed},
		{"huge tuple count", "(" + le32(1<<30), ErrMalformed},
		{"negative string length", "s" + le32(-1), ErrMalformed},
		{"string past end", "u" + le32(10) + "abc", ErrMalformed},
		{"ref before any", "r" + le32(0), ErrMalformed},
		{"ref to reserved code", "\xe3" + le32(0) + le32(0) + le32(0) + le32(0) + le32(0) + "r" + le32(0), ErrMalformed},
		{"NULL in tuple", ")\x010", ErrMalformed},
		{"long digit out of range", "l" + le32(1) + "\xff\xff", ErrMalformed},
		{"long past end", "l" + le32(-1000), ErrMalformed},
		{"python 2 string ref in py3 data", "R" + le32(0), ErrMalformed},
		{"deep nesting", strings.Repeat(")\x01", 10000) + "N", limits.ErrExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode([]byte(tt.data), LayoutPy311, Limits{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestValues(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"small int", "i" + le32(-5), "int:-5"},
		{"long", "l" + le32(-2) + "\x00\x00\x01\x00", "int:-32768"},
		{"big long", "l" + le32(5) + strings.Repeat("\x01\x00", 5), "int:<int of 75 bits>"},
		{"binary float", "g\x00\x00\x00\x00\x00\x00\xf8\x3f", "float:1.5"},
		{"text float", "f\x032.5", "float:2.5"},
		{"complex", "x\x011\x012", "complex:(1+2j)"},
		{"latin-1 short ascii", "z\x02\xe9t", "str:ét"},
		{"cyclic list", "\xdb" + le32(1) + "r" + le32(0), "list(list(…))"},
		{"dict", "{z\x01ai" + le32(1) + "0", "dict(str:a, int:1)"},
		{"frozenset ref after completion", "(" + le32(2) + "\xbe" + le32(1) + "z\x01ar" + le32(0), "tuple(frozenset(str:a), frozenset(str:a))"},
		{"slice", ":NNi" + le32(2), "slice(None:None, None:None, int:2)"},
		{"ellipsis", ".", "Ellipsis:Ellipsis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _, err := Decode([]byte(tt.data), LayoutPy311, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := render(v, 0); !strings.HasPrefix(got, strings.TrimSuffix(tt.want, "…))")) {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestObjectBudget(t *testing.T) {
	data := "(" + le32(5000) + strings.Repeat("N", 5000)
	if _, _, err := Decode([]byte(data), LayoutPy311, Limits{MaxObjects: 100}); !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("object budget not enforced: %v", err)
	}
}

func TestTrailingAndFallback(t *testing.T) {
	data, err := os.ReadFile("testdata/py311_os_system.marshal")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ReadCode(append(append([]byte{}, data...), "junk"...), Limits{})
	if err != nil || c.Trailing != 4 {
		t.Fatalf("trailing bytes: %v %+v", err, c)
	}
	mangled := append([]byte{}, data...)
	mangled[1] = 0xff // argcount out of range in every layout
	mangled[4] = 0x7f
	if _, err := ReadCode(mangled, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Fatalf("mangled header decoded: %v", err)
	}
	ids := Identifiers(mangled, 50)
	for _, want := range []string{"__import__", "system", "os"} {
		if !contains(ids, want) {
			t.Errorf("fallback misses %q: %v", want, ids)
		}
	}
	if got := Identifiers(mangled, 2); len(got) != 2 {
		t.Errorf("fallback cap not honoured: %v", got)
	}
	if _, err := ReadCode([]byte("i\x01\x00\x00\x00"), Limits{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("non-code object accepted: %v", err)
	}
}
