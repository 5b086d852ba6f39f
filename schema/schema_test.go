package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	jsonreport "github.com/aisecops/aisec/internal/report/json"
	"github.com/aisecops/aisec/internal/report/reporttest"
	"github.com/aisecops/aisec/schema"
)

func write(t *testing.T, r *finding.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonreport.New().Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.String()
}

// TestWriterOutputValidates checks that what the JSON writer produces is what the schema says.
func TestWriterOutputValidates(t *testing.T) {
	for name, r := range map[string]*finding.Report{
		"sample": reporttest.Sample(),
		"clean":  reporttest.Clean(),
		"empty":  reporttest.Empty(),
	} {
		t.Run(name, func(t *testing.T) {
			if err := schema.ValidateScanV1([]byte(write(t, r))); err != nil {
				t.Errorf("valid report rejected: %v", err)
			}
		})
	}
}

// TestBrokenDocumentsFail checks that the schema has teeth: each edit breaks the contract.
func TestBrokenDocumentsFail(t *testing.T) {
	good := write(t, reporttest.Sample())
	for _, tc := range []struct{ name, old, new string }{
		{"wrong schema id", `"schema": "aisec.scan/v1"`, `"schema": "aisec.scan/v2"`},
		{"unknown severity", `"severity": "critical"`, `"severity": "fatal"`},
		{"unknown status", `"status": "partial"`, `"status": "half"`},
		{"renamed field", `"duration_ms"`, `"durationMs"`},
		{"bad date", `"started": "2026-03-04T05:06:07Z"`, `"started": "yesterday"`},
		{"negative size", `"size": 64`, `"size": -64`},
		{"offset below -1", `"offset": 26`, `"offset": -2`},
		{"string count", `"files": 7`, `"files": "7"`},
		{"null findings", `"findings": [`, `"findings": null, "x": [`},
		{"bad sha256", `"sha256": "ffff`, `"sha256": "FFFF`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.old) {
				t.Fatalf("sample output lacks %q; update the test", tc.old)
			}
			bad := strings.Replace(good, tc.old, tc.new, 1)
			if err := schema.ValidateScanV1([]byte(bad)); err == nil {
				t.Errorf("broken report accepted")
			}
		})
	}
}

// TestAdditiveFieldsAccepted checks the v1 promise that new fields do not break validation.
func TestAdditiveFieldsAccepted(t *testing.T) {
	doc := strings.Replace(write(t, reporttest.Sample()), `"schema": "aisec.scan/v1",`,
		`"schema": "aisec.scan/v1", "config": {"x": 1},`, 1)
	if err := schema.ValidateScanV1([]byte(doc)); err != nil {
		t.Errorf("report with an added field rejected: %v", err)
	}
}

func TestNotJSON(t *testing.T) {
	if err := schema.ValidateScanV1([]byte("{")); err == nil {
		t.Error("truncated document accepted")
	}
}
