package hdf5

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/xtest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current output")

// fixtures lists the generated .h5 files.
func fixtures(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.h5"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures in testdata (run generate.py): %v", err)
	}
	return names
}

func parseBytes(t testing.TB, b []byte, budget limits.Budget) (*File, error) {
	t.Helper()
	return Parse(context.Background(), bytes.NewReader(b), int64(len(b)), budget)
}

func parseFile(t *testing.T, path string) *File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseBytes(t, b, limits.Budget{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return f
}

// summarise mirrors generate.py: long strings are compared by SHA-256 and length.
func summarise(s string) string {
	if len(s) > 1024 {
		return fmt.Sprintf("sha256:%x:%d", sha256.Sum256([]byte(s)), len(s))
	}
	return s
}

// goldenAttr is the golden-file view of an attribute: long strings summarised, NaN-safe.
type goldenAttr struct {
	Name, Class, Type string
	Offset            int64
	Values            []any
}

func goldenView(attrs []Attribute) []goldenAttr {
	out := []goldenAttr{}
	for _, a := range attrs {
		g := goldenAttr{Name: a.Name, Class: a.Class, Type: a.Type, Offset: a.Offset, Values: []any{}}
		for _, s := range a.Strings {
			g.Values = append(g.Values, summarise(s))
		}
		for _, v := range a.Ints {
			g.Values = append(g.Values, v)
		}
		for _, v := range a.Floats {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				g.Values = append(g.Values, fmt.Sprint(v))
			} else {
				g.Values = append(g.Values, v)
			}
		}
		out = append(out, g)
	}
	return out
}

// TestGolden pins the full parse (values, offsets, object paths, gaps) of every fixture.
func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := parseFile(t, path)
			view := map[string]any{"superblock": f.Superblock, "gaps": f.Gaps(), "/": goldenView(f.Attributes)}
			for _, o := range f.Objects {
				view[o.Path] = goldenView(o.Attributes)
			}
			got, err := json.MarshalIndent(view, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(path), ".h5")+".json")
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
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(bytes.TrimSpace(want)) != string(got) {
				t.Errorf("output differs from %s (run go test -update and review the diff)\n%s", golden, got)
			}
		})
	}
}

type expectedAttr struct {
	Class  string `json:"class"`
	Values []any  `json:"values"`
}

// TestMatchesH5py compares every attribute of every object with what h5py itself read when
// the fixtures were generated (testdata/expected.json), an oracle independent of this reader.
func TestMatchesH5py(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]map[string]map[string]expectedAttr
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := parseFile(t, path)
			if gaps := f.Gaps(); len(gaps) > 0 {
				t.Errorf("unexpected gaps: %q", gaps)
			}
			got := map[string][]Attribute{"/": f.Attributes}
			for _, o := range f.Objects {
				got[o.Path] = o.Attributes
			}
			checkOffsets(t, path, f)
			exp := want[filepath.Base(path)]
			if len(exp) == 0 {
				t.Fatalf("no expectations for %s (rerun generate.py)", path)
			}
			for obj, attrs := range exp {
				compareObject(t, obj, attrs, got[obj])
			}
			if len(got) != len(exp) {
				t.Errorf("read %d objects, h5py saw %d", len(got), len(exp))
			}
		})
	}
}

func compareObject(t *testing.T, obj string, want map[string]expectedAttr, got []Attribute) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d attributes, h5py saw %d", obj, len(got), len(want))
	}
	for _, a := range got {
		w, ok := want[a.Name]
		if !ok {
			t.Errorf("%s: attribute %q unknown to h5py", obj, a.Name)
			continue
		}
		if a.Class != w.Class {
			t.Errorf("%s.%s: class %q, h5py %q", obj, a.Name, a.Class, w.Class)
		}
		var vals []any
		vals = append(vals, goldenView([]Attribute{a})[0].Values...)
		gj, _ := json.Marshal(vals)
		wj, _ := json.Marshal(w.Values)
		if string(gj) != string(wj) && !(len(vals) == 0 && len(w.Values) == 0) {
			t.Errorf("%s.%s: values %s, h5py %s", obj, a.Name, gj, wj)
		}
	}
}

// checkOffsets asserts that each string value sits at its reported file offset.
func checkOffsets(t *testing.T, path string, f *File) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.MetaStrings() {
		if s.Offset >= 0 && !bytes.HasPrefix(b[s.Offset:], []byte(s.Value)) {
			t.Errorf("%s: %s is not at offset %d", path, s.Key, s.Offset)
		}
	}
}

// TestCorpus reads the Keras samples of the shared corpus in place.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "corpus", "models", "modelaudit", "samples", "keras")
	cases := []struct {
		file, want string
	}{
		{"malicious_lambda.h5", `"class_name": "Lambda"`},
		{"safe_model.h5", `"class_name": "Dense"`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			f := parseFile(t, filepath.Join(dir, tc.file))
			if len(f.Gaps()) > 0 {
				t.Errorf("gaps: %q", f.Gaps())
			}
			a, ok := f.Attr("model_config")
			if !ok || a.Class != ClassString || len(a.Strings) != 1 || !strings.Contains(a.Strings[0], tc.want) {
				t.Fatalf("model_config = %+v, want a string containing %s", a, tc.want)
			}
			if tc.file == "safe_model.h5" && strings.Contains(a.Strings[0], "Lambda") {
				t.Errorf("benign model_config mentions Lambda: %s", a.Strings[0])
			}
		})
	}
}

func TestLooks(t *testing.T) {
	ub, err := os.ReadFile(filepath.Join("testdata", "v0_userblock.h5"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		head []byte
		want bool
	}{
		{"signature at 0", []byte(Signature + "rest"), true},
		{"user block", ub[:4096], true},
		{"short", []byte(Signature[:5]), false},
		{"empty", nil, false},
		{"zip", []byte("PK\x03\x04" + strings.Repeat("\x00", 600)), false},
		{"signature at 100", append(make([]byte, 100), Signature...), false},
	}
	for _, tc := range cases {
		if got := Looks(tc.head); got != tc.want {
			t.Errorf("%s: Looks = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMetaStrings(t *testing.T) {
	f := parseFile(t, filepath.Join("testdata", "v0_keras.h5"))
	got := map[string]int64{}
	for _, s := range f.MetaStrings() {
		got[s.Key] = s.Offset
		if s.Key == "attrs.model_config" && !strings.Contains(s.Value, `"Lambda"`) {
			t.Errorf("model_config meta string lacks the Lambda layer: %.80s", s.Value)
		}
	}
	for _, key := range []string{"attrs.model_config", "attrs.keras_version", "attrs.training_config",
		"/model_weights.attrs.layer_names[1]", "/model_weights/dense_1.attrs.weight_names[0]"} {
		off, ok := got[key]
		if !ok {
			t.Errorf("missing meta string %q (have %v)", key, got)
		} else if off <= 0 {
			t.Errorf("meta string %q has offset %d", key, off)
		}
	}
	b, _ := os.ReadFile(filepath.Join("testdata", "v0_keras.h5"))
	a, _ := f.Attr("keras_version")
	if !bytes.HasPrefix(b[a.Offset:], []byte("2.4.0")) {
		t.Errorf("keras_version offset %d does not point at its value", a.Offset)
	}
}
