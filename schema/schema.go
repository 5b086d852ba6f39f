// Package schema embeds the JSON Schemas of aisec's own output, so that tests and tools can
// validate reports without the network.
package schema

import (
	"bytes"
	_ "embed" // for the go:embed directive below
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ScanV1ID is the $id of the aisec.scan/v1 report schema.
const ScanV1ID = "https://aisecops.dev/schema/aisec.scan/v1.json"

// ScanV1 is the JSON Schema (draft 2020-12) of the aisec.scan/v1 report. Treat it as read-only.
//
//go:embed scan.v1.json
var ScanV1 []byte

// CompileScanV1 compiles ScanV1 with format assertions on (so "started" must be a date-time).
func CompileScanV1() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ScanV1))
	if err != nil {
		return nil, fmt.Errorf("unable to parse the scan schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(ScanV1ID, doc); err != nil {
		return nil, fmt.Errorf("unable to add the scan schema: %w", err)
	}
	sch, err := c.Compile(ScanV1ID)
	if err != nil {
		return nil, fmt.Errorf("unable to compile the scan schema: %w", err)
	}
	return sch, nil
}

// ValidateScanV1 reports whether report (a JSON document) conforms to the aisec.scan/v1 schema.
func ValidateScanV1(report []byte) error {
	sch, err := CompileScanV1()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(report))
	if err != nil {
		return fmt.Errorf("unable to parse the report: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("report does not match %s: %w", ScanV1ID, err)
	}
	return nil
}
