package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ragApp = "../bom/discover/testdata/repos/rag-app"

// osvFixture is the vulnerability package's small OSV-format database.
const osvFixture = "../vuln/testdata/osv"

func TestBOMCycloneDX(t *testing.T) {
	code, out, errOut := run(t, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}, "bom", ragApp)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var doc struct {
		BOMFormat   string `json:"bomFormat"`
		SpecVersion string `json:"specVersion"`
		Metadata    struct {
			Timestamp string `json:"timestamp"`
		} `json:"metadata"`
		Components []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.BOMFormat != "CycloneDX" || doc.SpecVersion != "1.6" || doc.Metadata.Timestamp != "2023-11-14T22:13:20Z" {
		t.Errorf("got %s %s %s", doc.BOMFormat, doc.SpecVersion, doc.Metadata.Timestamp)
	}
	models := 0
	for _, c := range doc.Components {
		if c.Type == "machine-learning-model" {
			models++
		}
	}
	if models < 3 {
		t.Errorf("only %d model components: %+v", models, doc.Components)
	}
}

func TestBOMFormats(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		file string
		want string
	}{
		{[]string{"--spec-version", "1.7"}, "a.cdx.json", `"specVersion": "1.7"`},
		{nil, "a.xml", `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"`},
		{nil, "a.spdx.json", `"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"`},
		{nil, "a.md", "| "},
		{[]string{"-f", "table"}, "a.txt", "openai"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			p := filepath.Join(dir, c.file)
			args := append([]string{"bom", ragApp, "-o", p}, c.args...)
			if code, _, errOut := run(t, nil, args...); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), c.want) {
				t.Errorf("%s lacks %q:\n%.400s", c.file, c.want, b)
			}
		})
	}
}

func TestBOMUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bom", ragApp, "--spec-version", "1.5"},
		{"bom", ragApp, "-f", "yaml"},
		{"bom", ragApp, "--fail-on", "severe"},
		{"bom", "does-not-exist"},
		{"bom", ragApp, "--vuln-db", "does-not-exist"},
	} {
		if code, _, _ := run(t, nil, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if code, _, _ := run(t, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, "bom", ragApp); code != ExitUsage {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d", code)
	}
}

func TestBOMVulnerabilities(t *testing.T) {
	code, out, errOut := run(t, nil, "bom", ragApp, "--vuln-db", osvFixture, "--fail-on", "high")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr %s", code, ExitFindings, errOut)
	}
	for _, id := range []string{"GHSA-53q9-r3pm-6pq6", `"ref": "pkg:pypi/torch@2.2.0"`} {
		if !strings.Contains(out, id) {
			t.Errorf("BOM lacks %s", id)
		}
	}
	if code, _, _ := run(t, map[string]string{"AISEC_VULN_DB": osvFixture}, "bom", ragApp); code != ExitOK {
		t.Errorf("without --fail-on: exit %d, want 0", code)
	}
}

func TestScanApplicationCode(t *testing.T) {
	code, out, errOut := run(t, nil, "scan", ragApp, "-f", "json", "--vuln-db", osvFixture)
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, rule := range []string{"AISEC-CODE-001", "AISEC-CODE-005", "AISEC-CODE-006", "AISEC-CODE-008", "AISEC-CODE-009", "AISEC-SECRET-001", "AISEC-DEP-001"} {
		if !strings.Contains(out, `"rule": "`+rule+`"`) {
			t.Errorf("scan of the RAG app lacks %s", rule)
		}
	}
	if strings.Contains(out, `"rule": "AISEC-PY-001"`) {
		t.Error("application code was judged by the model-code rules")
	}
}
