package config

import (
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/limits"
)

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unknown key", "allow_global: [x]", "field allow_global not found"},
		{"suppression without reason", "suppressions: [{rule: AISEC-PKL-004}]", "needs a reason"},
		{"suppression without matcher", "suppressions: [{reason: x}]", "needs at least one"},
		{"bad expiry", "suppressions: [{rule: R, reason: x, expires: tomorrow}]", "YYYY-MM-DD"},
		{"denylist override", "severity: {AISEC-PKL-001: low}", "cannot be overridden"},
		{"bad severity", "severity: {AISEC-PKL-004: severe}", "unknown severity"},
		{"bad size", "budgets: {max_file_bytes: lots}", "invalid size"},
		{"bad duration", "budgets: {file_timeout: forever}", "invalid duration"},
		{"bad fail_on", "fail_on: sometimes", "fail_on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBudgets(t *testing.T) {
	c, err := Parse([]byte("budgets: {max_file_bytes: 2GiB, max_ratio: 50, file_timeout: 90s, max_depth: 3}"))
	if err != nil {
		t.Fatal(err)
	}
	b := c.Budgets.Apply(limits.Default())
	if b.MaxFileBytes != 2<<30 || b.MaxRatio != 50 || b.FileTimeout != 90*time.Second || b.MaxDepth != 3 {
		t.Fatalf("budgets not applied: %+v", b)
	}
	if b.MaxEntries != limits.Default().MaxEntries {
		t.Fatalf("unset budget changed: %d", b.MaxEntries)
	}
}

func TestApply(t *testing.T) {
	doc := `
severity: {AISEC-ARC-007: info}
suppressions:
  - rule: AISEC-PKL-004
    path: "legacy/**/*.pkl"
    reason: reviewed
  - fingerprint: sha256:abc
    reason: fixture
    expires: 2020-01-01
`
	c, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	rep := &finding.Report{Findings: []finding.Finding{
		{Rule: "AISEC-PKL-004", Severity: finding.Medium, Path: "legacy/a/b/m.pkl"},
		{Rule: "AISEC-PKL-004", Severity: finding.Medium, Path: "legacy/m.pkl"},
		{Rule: "AISEC-PKL-004", Severity: finding.Medium, Path: "new/m.pkl"},
		{Rule: "AISEC-ARC-007", Severity: finding.Low, Path: "x.zip"},
		{Rule: "AISEC-PKL-001", Severity: finding.Critical, Path: "y.pkl", Fingerprint: "sha256:abc"},
	}}
	warnings := c.Apply(rep, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if len(rep.Suppressed) != 2 || len(rep.Findings) != 3 {
		t.Fatalf("suppressed %d kept %d: %+v", len(rep.Suppressed), len(rep.Findings), rep.Findings)
	}
	if rep.Findings[1].Severity != finding.Info {
		t.Fatalf("override not applied: %+v", rep.Findings[1])
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "expired") {
		t.Fatalf("want one expiry warning, got %v", warnings)
	}
	if rep.Summary.Suppressed != 2 || rep.Summary.Findings.Critical != 1 {
		t.Fatalf("summary not recomputed: %+v", rep.Summary)
	}
}

func TestFailOnNoneAndExpiredThenValid(t *testing.T) {
	if _, err := Parse([]byte("fail_on: none")); err != nil {
		t.Fatalf("fail_on: none rejected: %v", err)
	}
	c, err := Parse([]byte("suppressions:\n  - {rule: R, reason: old, expires: 2020-01-01}\n  - {path: \"*.pkl\", reason: current}\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep := &finding.Report{Findings: []finding.Finding{{Rule: "R", Path: "a.pkl"}}}
	warnings := c.Apply(rep, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if len(rep.Findings) != 0 || len(rep.Suppressed) != 1 || rep.Suppressed[0].Reason != "current" || len(warnings) != 1 {
		t.Fatalf("an expired suppression must not hide a valid one: %+v %v", rep, warnings)
	}
}
