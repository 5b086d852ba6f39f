package keras

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
	"github.com/aisecops/aisec/internal/xtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// originOf picks the origin a fixture was written for from its name.
func originOf(name string) Origin {
	switch {
	case strings.HasPrefix(name, "h5_training"):
		return OriginH5TrainingConfig
	case strings.HasPrefix(name, "h5_"):
		return OriginH5ModelConfig
	case strings.HasPrefix(name, "savedmodel_"):
		return OriginSavedModelMetadata
	case strings.HasSuffix(name, "_metadata.json"):
		return OriginKerasMetadata
	}
	return OriginKerasConfig
}

// lambdaView is the golden record of one Lambda (the code object itself may be cyclic).
type lambdaView struct {
	Lambda
	Code   string `json:"Code,omitempty"`
	Layout string `json:"Layout,omitempty"`
}

type modelView struct {
	Origin       Origin
	ClassName    string
	KerasVersion string
	Backend      string
	DateSaved    string
	Objects      []Object
	Lambdas      []lambdaView
	Duplicates   []Duplicate
	Gaps         []string
	MetaStrings  int
	CodeStrings  []string
}

func view(m *Model) modelView {
	v := modelView{Origin: m.Origin, ClassName: m.ClassName, KerasVersion: m.KerasVersion, Backend: m.Backend,
		DateSaved: m.DateSaved, Objects: m.Objects, Duplicates: m.Duplicates, Gaps: m.Gaps(), MetaStrings: len(m.MetaStrings())}
	for _, l := range m.Lambdas {
		lv := lambdaView{Lambda: l}
		if l.Code != nil {
			lv.Code, lv.Layout = l.Code.QualName+l.Code.Name, l.Code.Layout.String()
			lv.Lambda.Code = nil
		}
		v.Lambdas = append(v.Lambdas, lv)
	}
	for _, s := range m.MetaStrings() {
		if strings.Contains(s.Key, "<co_consts>") {
			v.CodeStrings = append(v.CodeStrings, s.Key+" = "+s.Value)
		}
	}
	return v
}

func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(data, originOf(name), limits.Budget{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(m.Gaps()) != 0 {
				t.Errorf("unexpected gaps: %v", m.Gaps())
			}
			checkGolden(t, filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".json")+".golden"), view(m))
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

func mustParse(t *testing.T, s string) *Model {
	t.Helper()
	m, err := Parse([]byte(s), OriginKerasConfig, limits.Budget{})
	if err != nil {
		t.Fatalf("Parse(%.60q): %v", s, err)
	}
	return m
}

func TestLambdaForms(t *testing.T) {
	code, err := os.ReadFile("testdata/h5_lambda_os_system.json")
	if err != nil {
		t.Fatal(err)
	}
	b64 := mustParse(t, string(code)).Lambdas[0]
	if b64.Kind != KindBytecode || b64.Code == nil || b64.Encoding != "base64" {
		t.Fatalf("base64 bytecode not decoded: %+v", b64)
	}
	tests := []struct {
		name, function string
		kind           LambdaKind
		names          string // a word Words or Summary.Names must hold
	}{
		{"source text", `"lambda x: eval('print(1)')"`, KindSource, "eval"},
		{"dotted name without type", `"my_pkg.scale"`, KindByName, ""},
		{"base64 with junk characters", `["` + strings.ReplaceAll(b64Text(t), "A", "A*") + `", null, null]`, KindBytecode, "system"},
		{"raw_unicode_escape marshal", `"\u00e3\u0000\u0000"`, KindBytecode, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, `{"class_name": "Lambda", "config": {"name": "l", "function": `+tt.function+`}}`)
			if len(m.Lambdas) != 1 {
				t.Fatalf("got %d lambdas", len(m.Lambdas))
			}
			l := m.Lambdas[0]
			if l.Kind != tt.kind {
				t.Fatalf("kind %q, want %q: %+v", l.Kind, tt.kind, l)
			}
			if tt.names != "" && !has(l.Words, tt.names) && !has(l.Summary.Names, tt.names) {
				t.Errorf("%q not found in %v / %v", tt.names, l.Words, l.Summary.Names)
			}
		})
	}
}

func b64Text(t *testing.T) string {
	data, err := os.ReadFile("testdata/h5_lambda_os_system.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Config struct {
			Layers []struct {
				Config struct {
					Function []any `json:"function"`
				} `json:"config"`
			} `json:"layers"`
		} `json:"config"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(v.Config.Layers[1].Config.Function[0].(string), "\n", "")
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestA2bBase64(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"aGVsbG8=", "hello", true},
		{"aGVs\nbG8=", "hello", true},
		{"aGVsbG8", "", false},          // incorrect padding
		{"a", "", false},                // one char past a multiple of 4
		{"aGVsbG8=junk", "hello", true}, // a complete pad ends the input
		{"aG!Vs#bG8=", "hello", true},   // non-alphabet characters are skipped
		{"aGVsbA==", "hell", true},      // double pad
		{"\u00e9aGVs", "", false},       // non-ASCII raises
		{"", "", true},
	}
	for _, tt := range tests {
		got, ok := a2bBase64(tt.in)
		if ok != tt.ok || ok && string(got) != tt.want {
			t.Errorf("a2bBase64(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got := string(rawUnicodeEscape("a\u00e9\u65e5\U0001F600")); got != "a\xe9\\u65e5\\U0001f600" {
		t.Errorf("rawUnicodeEscape = %q", got)
	}
}

func TestJSONEdges(t *testing.T) {
	t.Run("python literals", func(t *testing.T) {
		m := mustParse(t, `{"class_name": "ReLU", "config": {"max_value": Infinity, "t": -Infinity, "n": NaN, "s": "NaN Infinity"}}`)
		if len(m.Objects) != 1 || len(m.Gaps()) != 0 {
			t.Fatalf("%+v", m)
		}
	})
	t.Run("utf-16 with BOM", func(t *testing.T) {
		data, err := os.ReadFile("testdata/keras3_cve_2025_1550_utf16.json")
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(data, OriginKerasConfig, limits.Budget{})
		if err != nil || len(m.Objects) != 2 || m.Objects[1].Module != "subprocess" {
			t.Fatalf("%v %+v", err, m)
		}
		if m.Objects[1].Offset != -1 {
			t.Errorf("offsets of transcoded text must be unknown, got %d", m.Objects[1].Offset)
		}
	})
	t.Run("utf-8 BOM keeps offsets", func(t *testing.T) {
		m := mustParse(t, "\xef\xbb\xbf{\"class_name\": \"Dense\"}")
		if m.Objects[0].Offset != 3 {
			t.Errorf("offset %d, want 3", m.Objects[0].Offset)
		}
	})
	t.Run("offsets", func(t *testing.T) {
		s := `{"a": [1, {"class_name": "X", "config": "y"}]}`
		m := mustParse(t, s)
		if got := m.Objects[0].Offset; got != int64(strings.Index(s, `{"class_name"`)) {
			t.Errorf("offset %d", got)
		}
		for _, ms := range m.MetaStrings() {
			if ms.Offset < 0 || !strings.HasPrefix(s[ms.Offset:], `"`+ms.Value) {
				t.Errorf("meta string %+v does not point at its value", ms)
			}
		}
	})
	t.Run("h5 offsets unknown", func(t *testing.T) {
		m, _ := Parse([]byte(`{"class_name": "X", "config": {}}`), OriginH5ModelConfig, limits.Budget{})
		if m.FileOffset(m.Objects[0].Offset) != -1 {
			t.Error("H5 attribute text has no known file offset")
		}
	})
	t.Run("deep nesting is a gap", func(t *testing.T) {
		s := `{"class_name": "A", "x": ` + strings.Repeat("[", MaxJSONDepth+10) + `"deep"` + strings.Repeat("]", MaxJSONDepth+10) + `, "tail": "seen"}`
		m := mustParse(t, s)
		if len(m.Gaps()) != 1 || !hasMeta(m, "seen") || hasMeta(m, "deep") {
			t.Fatalf("gaps %v, strings %+v", m.Gaps(), m.MetaStrings())
		}
	})
	t.Run("truncated keeps the prefix", func(t *testing.T) {
		m := mustParse(t, `{"class_name": "Sequential", "config": {"layers": [{"class_name": "Lambda", "config": {"function": "lambda x: exec(1)"}}, {"class_`)
		if len(m.Gaps()) != 1 || len(m.Lambdas) != 1 {
			t.Fatalf("gaps %v lambdas %d", m.Gaps(), len(m.Lambdas))
		}
	})
	t.Run("trailing data is a gap", func(t *testing.T) {
		if m := mustParse(t, `{"a": 1} {"b": "hidden"}`); len(m.Gaps()) != 1 {
			t.Fatalf("gaps %v", m.Gaps())
		}
	})
	t.Run("duplicate keys: last wins, both walked", func(t *testing.T) {
		m := mustParse(t, `{"class_name": "function", "module": "keras.layers", "config": "relu", "module": "os"}`)
		if len(m.Duplicates) != 1 || m.Objects[0].Module != "os" || !hasMeta(m, "keras.layers") {
			t.Fatalf("%+v", m)
		}
	})
}

func hasMeta(m *Model, v string) bool {
	for _, s := range m.MetaStrings() {
		if s.Value == v {
			return true
		}
	}
	return false
}

func TestErrors(t *testing.T) {
	for _, s := range []string{"", "not json", "}", "\x00\x00"} {
		if _, err := Parse([]byte(s), OriginKerasConfig, limits.Budget{}); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
	big := make([]byte, 100)
	if _, err := Parse(big, OriginKerasConfig, limits.Budget{MaxFileBytes: 10}); !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("size budget not enforced: %v", err)
	}
	many := `{"class_name": "A", "l": [` + strings.Repeat(`{"class_name": "B"},`, 50) + `1]}`
	m, err := Parse([]byte(many), OriginKerasConfig, limits.Budget{MaxEntries: 10})
	if err != nil || len(m.Objects) != 10 || len(m.Gaps()) != 1 {
		t.Fatalf("object budget: %v objects=%d gaps=%v", err, len(m.Objects), m.Gaps())
	}
}

// ModelConfig returns the model_config JSON of a small HDF5 file by a crude byte search: the
// corpus samples store it as a plain string attribute. Exported to tests only.
func modelConfigOf(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(data, []byte(`{"class_name"`))
	if start < 0 {
		t.Fatalf("%s: no model_config JSON found", path)
	}
	depth, inStr := 0, false
	for i := start; i < len(data); i++ {
		switch c := data[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case !inStr && c == '{':
			depth++
		case !inStr && c == '}':
			if depth--; depth == 0 {
				return data[start : i+1]
			}
		}
	}
	t.Fatalf("%s: unterminated JSON", path)
	return nil
}

func TestCorpusH5(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "corpus", "models", "modelaudit", "samples", "keras")
	m, err := Parse(modelConfigOf(t, filepath.Join(dir, "malicious_lambda.h5")), OriginH5ModelConfig, limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Lambdas) != 1 || m.Lambdas[0].Kind != KindSource || !has(m.Lambdas[0].Words, "eval") {
		t.Errorf("malicious_lambda.h5: %+v", m.Lambdas)
	}
	m, err = Parse(modelConfigOf(t, filepath.Join(dir, "safe_model.h5")), OriginH5ModelConfig, limits.Budget{})
	if err != nil || len(m.Lambdas) != 0 || len(m.Objects) != 2 {
		t.Errorf("safe_model.h5: %v %+v", err, m)
	}
}
