package bomtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/aisecops/aisec/internal/xtest"
)

// cdxSchemas are the schema files of /work/shared/schemas/cyclonedx with the $id each is
// registered under; the relative $refs between them resolve against these.
var cdxSchemas = []struct{ file, id string }{
	{"bom-1.6.schema.json", "http://cyclonedx.org/schema/bom-1.6.schema.json"},
	{"bom-1.7.schema.json", "http://cyclonedx.org/schema/bom-1.7.schema.json"},
	{"spdx.schema.json", "http://cyclonedx.org/schema/spdx.schema.json"},
	{"jsf-0.82.schema.json", "http://cyclonedx.org/schema/jsf-0.82.schema.json"},
	{"cryptography-defs.schema.json", "http://cyclonedx.org/schema/cryptography-defs.schema.json"},
}

// CycloneDXSchemaDir returns the folder holding the official CycloneDX schemas (under the
// shared data folder; the test is skipped when it is absent, see xtest.SharedDir).
func CycloneDXSchemaDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(xtest.SharedDir(t), "schemas", "cyclonedx")
}

// ValidateCycloneDX checks a CycloneDX JSON document against the official schema of
// specVersion ("1.6" or "1.7"), with all five schema files registered under their $id, format
// assertions on and remote loading off. It then checks what the schema cannot: every bom-ref
// is unique, and every dependency, model-card dataset and vulnerability reference resolves to a
// bom-ref in the document.
func ValidateCycloneDX(t testing.TB, specVersion string, doc []byte) {
	t.Helper()
	for _, msg := range CycloneDXChecker(t, specVersion)(doc) {
		t.Errorf("CycloneDX %s: %s", specVersion, msg)
	}
}

// CycloneDXChecker compiles the schema of specVersion once and returns a function that reports
// what ValidateCycloneDX would, for checking many documents (fuzz targets).
func CycloneDXChecker(t testing.TB, specVersion string) func(doc []byte) []string {
	t.Helper()
	sch := compileCycloneDX(t, specVersion)
	return func(doc []byte) []string {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			return []string{"document is not JSON: " + err.Error()}
		}
		var errs []string
		if err := sch.Validate(inst); err != nil {
			errs = append(errs, "schema validation failed:\n"+err.Error())
		}
		return append(errs, cycloneDXRefErrors(inst)...)
	}
}

func compileCycloneDX(t testing.TB, specVersion string) *jsonschema.Schema {
	t.Helper()
	if specVersion != "1.6" && specVersion != "1.7" {
		t.Fatalf("unsupported CycloneDX spec version %q", specVersion)
	}
	dir := CycloneDXSchemaDir(t)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	c.UseLoader(jsonschema.SchemeURLLoader{}) // every $ref must resolve to a registered file
	for _, s := range cdxSchemas {
		f, err := os.Open(filepath.Join(dir, s.file))
		if err != nil {
			t.Fatalf("unable to open schema: %v", err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("unable to parse schema %s: %v", s.file, err)
		}
		if err := c.AddResource(s.id, doc); err != nil {
			t.Fatalf("unable to register schema %s: %v", s.file, err)
		}
	}
	sch, err := c.Compile("http://cyclonedx.org/schema/bom-" + specVersion + ".schema.json")
	if err != nil {
		t.Fatalf("unable to compile the CycloneDX %s schema: %v", specVersion, err)
	}
	return sch
}

// cycloneDXRefErrors walks a decoded CycloneDX document and returns what is wrong with its
// references.
func cycloneDXRefErrors(doc any) []string {
	refs := map[string]int{}
	collectBOMRefs(doc, refs)
	var errs []string
	for ref, n := range refs {
		if n > 1 {
			errs = append(errs, fmt.Sprintf("bom-ref %q is used %d times", ref, n))
		}
	}
	root, _ := doc.(map[string]any)
	check := func(where, ref string) {
		if refs[ref] == 0 {
			errs = append(errs, fmt.Sprintf("%s refers to unknown bom-ref %q", where, ref))
		}
	}
	for _, d := range objects(root["dependencies"]) {
		ref, _ := d["ref"].(string)
		check("dependency", ref)
		deps, _ := d["dependsOn"].([]any)
		for _, on := range deps {
			s, _ := on.(string)
			check("dependency "+ref, s)
		}
	}
	for _, v := range objects(root["vulnerabilities"]) {
		for _, a := range objects(v["affects"]) {
			s, _ := a["ref"].(string)
			check(fmt.Sprintf("vulnerability %v", v["id"]), s)
		}
	}
	walkComponents(root["components"], func(c map[string]any) {
		mc, _ := c["modelCard"].(map[string]any)
		mp, _ := mc["modelParameters"].(map[string]any)
		for _, d := range objects(mp["datasets"]) {
			if s, ok := d["ref"].(string); ok {
				check(fmt.Sprintf("model card of %v", c["bom-ref"]), s)
			}
		}
	})
	slices.Sort(errs)
	return errs
}

func collectBOMRefs(v any, refs map[string]int) {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["bom-ref"].(string); ok {
			refs[s]++
		}
		for _, child := range x {
			collectBOMRefs(child, refs)
		}
	case []any:
		for _, child := range x {
			collectBOMRefs(child, refs)
		}
	}
}

func walkComponents(v any, f func(map[string]any)) {
	for _, c := range objects(v) {
		f(c)
		walkComponents(c["components"], f)
	}
}

// objects returns the objects of a JSON array, skipping anything else.
func objects(v any) []map[string]any {
	arr, _ := v.([]any)
	var out []map[string]any
	for _, item := range arr {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
