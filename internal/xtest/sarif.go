package xtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaURI is the id of the OASIS SARIF 2.1.0 schema (errata 01).
const sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIFSchema compiles the official SARIF 2.1.0 schema from the shared folder, in place
// (skipped or failed as SharedDir says when the folder is missing).
func SARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(SharedDir(t), "schemas", "sarif", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("unable to open the SARIF schema: %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("unable to parse the SARIF schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4) // the SARIF schema is draft-04 ("id", not "$id")
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaURI, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaURI)
	if err != nil {
		t.Fatalf("unable to compile the SARIF schema: %v", err)
	}
	return sch
}
