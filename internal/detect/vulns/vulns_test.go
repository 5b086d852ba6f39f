package vulns

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/vuln"
)

func TestQueriesOnlyPinnedRegistryPackages(t *testing.T) {
	m := &deps.Manifest{Packages: []deps.Package{
		{Ecosystem: deps.PyPI, Name: "torch", Version: "2.2.0"},
		{Ecosystem: deps.PyPI, Name: "openai", Constraint: ">=1"},
		{Ecosystem: deps.PyPI, Name: "mylib", Version: "1.0", Source: "git+https://example.com/mylib"},
	}}
	qs, pkgs := Queries(m)
	if len(qs) != 1 || qs[0] != (vuln.Query{Ecosystem: "PyPI", Name: "torch", Version: "2.2.0"}) || pkgs[0].Name != "torch" {
		t.Fatalf("Queries = %+v", qs)
	}
}

func TestDetectUsesAdvisorySeverity(t *testing.T) {
	m := &Matched{
		Packages: []deps.Package{{Ecosystem: deps.PyPI, Name: "torch", Version: "2.2.0", Line: 8}},
		Advisories: [][]vuln.Advisory{{
			{ID: "GHSA-53q9-r3pm-6pq6", Aliases: []string{"CVE-2025-32434"}, Severity: "critical", Fixed: []string{"2.6.0"}},
			{ID: "OSV-NO-SEVERITY"},
		}},
	}
	fs := New().Detect(context.Background(), detect.Target{Model: m})
	if len(fs) != 2 {
		t.Fatalf("got %d findings", len(fs))
	}
	if fs[0].Severity != finding.Critical || !strings.Contains(fs[0].Evidence, "fixed in 2.6.0") || !strings.Contains(fs[0].Evidence, "[line 8]") {
		t.Errorf("first finding: %+v", fs[0])
	}
	if fs[1].Severity != RuleVulnerable.Severity {
		t.Errorf("an advisory without severity should keep the rule's: %v", fs[1].Severity)
	}
	if got := New().Detect(context.Background(), detect.Target{Model: &deps.Manifest{}}); got != nil {
		t.Errorf("a bare manifest gave findings: %v", got)
	}
}
