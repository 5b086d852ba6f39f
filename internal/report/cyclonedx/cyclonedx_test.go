package cyclonedx_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/bomtest"
	"github.com/aisecops/aisec/internal/report/cyclonedx"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, b *bom.BOM, o cyclonedx.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := cyclonedx.Write(&buf, b, o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts cyclonedx.Options
	}{
		{"sample-1.6.json", cyclonedx.Options{}},
		{"sample-1.7.json", cyclonedx.Options{SpecVersion: "1.7"}},
		{"sample-1.6.xml", cyclonedx.Options{XML: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reporttest.Golden(t, tc.name, render(t, bomtest.Sample(), tc.opts), *update)
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, bomtest.Sample(), cyclonedx.Options{})
	b := render(t, bomtest.Sample(), cyclonedx.Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same BOM differ")
	}
}

func TestValidatesAgainstSchema(t *testing.T) {
	for _, v := range []string{"1.6", "1.7"} {
		for name, b := range map[string]*bom.BOM{
			"sample": bomtest.Sample(), "minimal": bomtest.Minimal(), "empty": {}, "nil": nil,
			"model directory": modelSubject(),
		} {
			t.Run(v+"/"+name, func(t *testing.T) {
				bomtest.ValidateCycloneDX(t, v, render(t, b, cyclonedx.Options{SpecVersion: v}))
			})
		}
	}
}

// modelSubject is the BOM of `aisec bom` run on a model directory: the subject is the model.
func modelSubject() *bom.BOM {
	b := bomtest.Minimal()
	b.Subject = b.Components[0]
	b.Components = b.Components[1:]
	b.Subject.Model = &bom.ModelInfo{Task: "text-classification", Format: "onnx"}
	return b
}

// TestValidatorAcceptsOfficialExamples checks the validator itself on the ML-BOM examples of
// the CycloneDX specification repository.
func TestValidatorAcceptsOfficialExamples(t *testing.T) {
	dir := filepath.Join(bomtest.CycloneDXSchemaDir(t), "examples")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			v := "1.6"
			if strings.HasSuffix(f, "-1.7.json") {
				v = "1.7"
			}
			bomtest.ValidateCycloneDX(t, v, doc)
		})
	}
}

// TestValidatorRejects makes sure the validator is not vacuous: a 1.7-only field in a 1.6
// document, a duplicate bom-ref and a dangling dependency must each fail.
func TestValidatorRejects(t *testing.T) {
	for name, edit := range map[string]func(map[string]any){
		"isExternal in 1.6": func(d map[string]any) {
			d["components"].([]any)[0].(map[string]any)["isExternal"] = true
		},
		"duplicate bom-ref": func(d map[string]any) {
			c := d["components"].([]any)
			c[1].(map[string]any)["bom-ref"] = c[0].(map[string]any)["bom-ref"]
		},
		"dangling dependency": func(d map[string]any) {
			d["dependencies"] = []any{map[string]any{"ref": "nowhere"}}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(render(t, bomtest.Sample(), cyclonedx.Options{}), &d); err != nil {
				t.Fatal(err)
			}
			edit(d)
			doc, _ := json.Marshal(d)
			ft := &fakeT{TB: t}
			func() {
				defer func() { _ = recover() }()
				bomtest.ValidateCycloneDX(ft, "1.6", doc)
			}()
			if !ft.failed {
				t.Error("the validator accepted an invalid document")
			}
		})
	}
}

// fakeT records failures instead of failing the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true; panic(fatal{}) }
func (f *fakeT) Helper()               {}

type fatal struct{}

func TestXMLRoundTrip(t *testing.T) {
	for v, spec := range map[string]cdx.SpecVersion{"1.6": cdx.SpecVersion1_6, "1.7": cdx.SpecVersion1_7} {
		t.Run(v, func(t *testing.T) {
			out := render(t, bomtest.Sample(), cyclonedx.Options{SpecVersion: v, XML: true})
			var got cdx.BOM
			if err := cdx.NewBOMDecoder(bytes.NewReader(out), cdx.BOMFileFormatXML).Decode(&got); err != nil {
				t.Fatalf("decode XML: %v", err)
			}
			want := cyclonedx.Convert(bomtest.Sample())
			if got.SpecVersion != spec {
				t.Errorf("spec version = %v, want %s", got.SpecVersion, v)
			}
			if n, w := count(got.Components), count(want.Components); n != w || n == 0 {
				t.Errorf("XML has %d top-level components, want %d", n, w)
			}
			if n, w := count(got.Services), count(want.Services); n != w || n == 0 {
				t.Errorf("XML has %d services, want %d", n, w)
			}
			if n, w := nested(got.Components), nested(want.Components); n != w {
				t.Errorf("XML has %d components in all, want %d", n, w)
			}
			if n, w := count(got.Dependencies), count(want.Dependencies); n != w {
				t.Errorf("XML has %d dependencies, want %d", n, w)
			}
		})
	}
}

func count[T any](s *[]T) int {
	if s == nil {
		return 0
	}
	return len(*s)
}

func nested(cs *[]cdx.Component) int {
	if cs == nil {
		return 0
	}
	n := 0
	for _, c := range *cs {
		n += 1 + nested(c.Components)
	}
	return n
}

func TestSpecVersionOption(t *testing.T) {
	if err := cyclonedx.Write(&bytes.Buffer{}, bomtest.Sample(), cyclonedx.Options{SpecVersion: "1.5"}); err == nil {
		t.Error("Write accepted spec version 1.5")
	}
	v16 := string(render(t, bomtest.Sample(), cyclonedx.Options{}))
	v17 := string(render(t, bomtest.Sample(), cyclonedx.Options{SpecVersion: "1.7"}))
	if strings.Contains(v16, "isExternal") {
		t.Error("1.6 output has the 1.7-only isExternal")
	}
	if !strings.Contains(v17, `"isExternal": true`) {
		t.Error("1.7 output lacks isExternal for the hosted model")
	}
	if !strings.Contains(v16, `"authenticated": false`) {
		t.Error(`output lost "authenticated": false`)
	}
}

// TestLibraryDownConversion records the cyclonedx-go behaviour the writer
// works around: EncodeVersion drops IsExternal for 1.6 (good) but also false booleans (bad),
// which is why Write sets the version itself.
func TestLibraryDownConversion(t *testing.T) {
	b := cdx.NewBOM()
	b.Components = &[]cdx.Component{{Type: cdx.ComponentTypeLibrary, Name: "c", IsExternal: new(true)}}
	b.Services = &[]cdx.Service{{Name: "s", Authenticated: new(false)}}
	var buf bytes.Buffer
	if err := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).EncodeVersion(b, cdx.SpecVersion1_6); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "isExternal") {
		t.Error("cyclonedx-go kept isExternal when down-converting to 1.6")
	}
	if strings.Contains(buf.String(), "authenticated") {
		t.Log("cyclonedx-go now keeps false booleans; Write could use EncodeVersion again")
	}
}

// FuzzWrite checks that whatever strings a scanned repository contributes, the JSON output
// still validates against the CycloneDX 1.6 schema with unique, resolving references, and the
// XML output decodes.
func FuzzWrite(f *testing.F) {
	check := bomtest.CycloneDXChecker(f, "1.6")
	f.Add("llama", "1.0", "https://huggingface.co/x", strings.Repeat("ab", 32))
	f.Add("a b", "a b", "not a url", "SHA-256")
	f.Add("", "", "", "")
	f.Add("x\x00\x1b[31m", "\xff\xfe", "http://[::1", "<>&\"'")
	f.Add("dup", "dup", "dup", "dup")
	f.Add("MIT", "apache-2.0", "urn:uuid:x", "model:dup#file:dup")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		if len(a)+len(b)+len(c)+len(d) > 1024 {
			return // schema validation of long values is slow; length adds no new paths here
		}
		in := bomtest.FromFuzz(a, b, c, d)
		for _, msg := range check(render(t, in, cyclonedx.Options{})) {
			t.Errorf("%s", msg)
		}
		var got cdx.BOM
		out := render(t, in, cyclonedx.Options{XML: true})
		if err := cdx.NewBOMDecoder(bytes.NewReader(out), cdx.BOMFileFormatXML).Decode(&got); err != nil {
			t.Errorf("XML output does not decode: %v", err)
		}
	})
}

// BenchmarkWrite writes a BOM of 50,000 libraries and a model of 50,000 files.
func BenchmarkWrite(b *testing.B) {
	in := bomtest.Large(50000)
	for b.Loop() {
		if err := cyclonedx.Write(io.Discard, in, cyclonedx.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
