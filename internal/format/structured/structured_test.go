package structured

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

// view is what a golden file records about one fixture.
type view struct {
	Flavour Flavour  `json:"flavour,omitempty"`
	Error   string   `json:"error,omitempty"`
	Gaps    []string `json:"gaps,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
	Tags    []Tag    `json:"tags,omitempty"`
	More    int      `json:"more_documents,omitempty"`
	Strings []string `json:"strings,omitempty"`
}

func viewOf(d *Doc, err error) view {
	if err != nil {
		return view{Error: err.Error()}
	}
	v := view{Flavour: d.Flavour, Gaps: d.Gaps(), Skipped: d.Skipped, Tags: d.Tags, More: len(d.More)}
	for _, s := range d.MetaStrings() {
		v.Strings = append(v.Strings, fmt.Sprintf("%s = %q", s.Key, s.Value))
	}
	return v
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		ext := filepath.Ext(f)
		if ext != ".json" && ext != ".yaml" && ext != ".txt" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(viewOf(Parse(data, limits.Budget{}))); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			golden := filepath.Join("testdata", "golden", filepath.Base(f)+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
				t.Fatalf("%s differs from golden (run with -update to accept):\n%s", f, got)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d fixtures found", n)
	}
}

func TestParseCases(t *testing.T) {
	deepJSON := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	deepYAML := "a: " + strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + "\n"
	tests := []struct {
		name    string
		data    string
		flavour Flavour
		wantErr error
		gaps    int
	}{
		{"json object", `{"model_type": "bert"}`, JSON, nil, 0},
		{"json array", `[{"type": "x"}]`, JSON, nil, 0},
		{"json with BOM", "\xef\xbb\xbf{\"a\": 1}", JSON, nil, 0},
		{"json scalar is not a config", `"just a string"`, "", ErrNotConfig, 0},
		{"yaml flow mapping that is not JSON", `{a: 1, b: [x, y]}`, YAML, nil, 0},
		{"yaml scalar is not a config", "hello world\n", "", ErrNotConfig, 0},
		{"yaml sequence is not a config", "- a\n- b\n", "", ErrNotConfig, 0},
		{"empty", "", "", ErrNotConfig, 0},
		{"comment only", "# nothing\n", "", ErrNotConfig, 0},
		{"deep json", deepJSON, "", ErrTooDeep, 0},
		{"deep yaml", deepYAML, "", nil, 0},
		{"json at the depth limit", strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), JSON, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.data), limits.Budget{})
			if tt.name == "deep yaml" {
				if err == nil {
					t.Fatal("deep YAML was accepted")
				}
				return
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Flavour != tt.flavour || len(d.Gaps()) != tt.gaps {
				t.Fatalf("flavour %q gaps %v", d.Flavour, d.Gaps())
			}
		})
	}
}

func TestAliasBombRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/billion_laughs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(data, limits.Budget{})
	if !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("alias bomb: err = %v, want a budget error", err)
	}
	_, err = Parse([]byte("a: &x\n  b: *x\n"), limits.Budget{})
	if err == nil || !strings.Contains(err.Error(), "contains it") {
		t.Fatalf("recursive alias: err = %v", err)
	}
}

func TestYAMLValues(t *testing.T) {
	d, err := Parse([]byte("i: 12\nf: 1.5e3\nb: yes\nt: true\nn: ~\nh: 0x10\ns: '12'\nbig: 99999999999999999999999\n"), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"i": 12.0, "f": 1500.0, "b": "yes", "t": true, "n": nil, "h": 16.0, "s": "12", "big": 1e23}
	m := d.Map()
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %#v, want %#v", k, m[k], v)
		}
	}
}

func TestMergeKeys(t *testing.T) {
	d, err := Parse([]byte("base: &b {x: 1, y: 2}\nother: &o {z: 3, x: 9}\nc:\n  <<: [*b, *o]\n  y: 5\n"), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := Lookup(d.Root, "c")
	got := fmt.Sprint(c)
	if got != "map[x:1 y:5 z:3]" {
		t.Fatalf("merged mapping = %s", got)
	}
}

func TestSizeCapIsAGap(t *testing.T) {
	d, err := Parse([]byte(`{"a": "`+strings.Repeat("x", 100)+`"}`), limits.Budget{MaxFileBytes: 50})
	if err != nil {
		t.Fatal(err)
	}
	var p format.Partial = d
	if len(p.Gaps()) != 1 || d.Root != nil || d.Flavour != JSON {
		t.Fatalf("want one gap and no tree, got %+v", d)
	}
}

func TestStringCapIsAGap(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i <= MaxStrings; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"s"`)
	}
	b.WriteString("]")
	d, err := Parse([]byte(b.String()), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.MetaStrings()) != MaxStrings || len(d.Gaps()) != 1 {
		t.Fatalf("strings %d gaps %v", len(d.MetaStrings()), d.Gaps())
	}
}

func TestNodeCap(t *testing.T) {
	data := "[" + strings.Repeat("0,", MaxNodes) + "0]"
	if _, err := Parse([]byte(data), limits.Budget{}); !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("err = %v, want a budget error", err)
	}
	yml := "a: [" + strings.Repeat("0,", MaxYAMLNodes) + "0]\n"
	d, err := Parse([]byte(yml), limits.Budget{})
	if err != nil || len(d.Gaps()) != 1 || d.Root != nil {
		t.Fatalf("oversized YAML: err %v doc %+v", err, d)
	}
}

func TestPaths(t *testing.T) {
	tests := []struct{ parent, key, want string }{
		{"", "auto_map", "auto_map"},
		{"auto_map", "AutoModel", "auto_map.AutoModel"},
		{"weight_map", "model.embed.weight", `weight_map["model.embed.weight"]`},
		{"", "a b", `["a b"]`},
		{"x", "", `x[""]`},
		{"#1", "name", "#1.name"},
	}
	for _, tt := range tests {
		if got := Key(tt.parent, tt.key); got != tt.want {
			t.Errorf("Key(%q, %q) = %q, want %q", tt.parent, tt.key, got, tt.want)
		}
	}
	if got := Index("chat_template", 0) + ".template"; got != "chat_template[0].template" {
		t.Errorf("index path = %q", got)
	}
	long := Key(strings.Repeat("a", 1000), strings.Repeat("b", 1000))
	if len(long) > maxPath+8 {
		t.Errorf("path not clipped: %d bytes", len(long))
	}
}
