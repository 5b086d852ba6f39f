// Package vulns reports dependencies whose pinned versions have published advisories. It reads
// the packages of a parsed manifest or lockfile (*deps.Manifest) and asks a vuln.Matcher: an
// offline OSV database or the OSV API, whichever the user configured.
package vulns

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/vuln"
)

// RuleVulnerable is a pinned dependency version with a known advisory. Each finding carries the
// advisory's own severity when the advisory states one.
var RuleVulnerable = finding.Rule{
	ID: "AISEC-DEP-001", Severity: finding.High, Title: "Dependency version with a known vulnerability",
	Description: "A dependency is pinned or locked at a version that an OSV advisory lists as affected. AI frameworks " +
		"and clients (torch, transformers, langchain, llama-index, vllm, gradio, mlflow…) regularly ship fixes for " +
		"deserialisation, template injection and server-side request forgery flaws. The finding's severity is the " +
		"advisory's (CVSS base score or the database's rating); high when the advisory states none.",
	Remediation: "Upgrade to a fixed version named in the evidence, or confirm the vulnerable code path is not used and " +
		"suppress the finding with a reason and an expiry date.",
	CWE: "CWE-1395", ATLAS: "AML.T0010", OWASP: "LLM03:2025",
}

// Matched is a manifest's pinned packages with the advisories found for each: the scanner asks
// the advisory source (which may be a network API), the detector only reads the answer.
type Matched struct {
	Packages   []deps.Package
	Advisories [][]vuln.Advisory // Advisories[i] affect Packages[i]
}

// Queries lists the advisory queries for a manifest: every package pinned to a registry version.
func Queries(m *deps.Manifest) ([]vuln.Query, []deps.Package) {
	var qs []vuln.Query
	var pkgs []deps.Package
	for _, p := range m.Packages {
		if p.Version == "" || p.Source != "" {
			continue // unpinned, or not from the registry the advisories describe
		}
		qs = append(qs, vuln.Query{Ecosystem: string(p.Ecosystem), Name: p.Name, Version: p.Version})
		pkgs = append(pkgs, p)
	}
	return qs, pkgs
}

// Detector reports the advisories of *Matched models.
type Detector struct{}

// New returns the detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "vulns" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return []finding.Rule{RuleVulnerable} }

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	m, ok := t.Model.(*Matched)
	if !ok || m == nil {
		return nil
	}
	var out []finding.Finding
	for i, advs := range m.Advisories {
		if i >= len(m.Packages) {
			break
		}
		for _, a := range advs {
			out = append(out, vulnerable(m.Packages[i], a))
		}
	}
	return out
}

// vulnerable renders one advisory on one package.
func vulnerable(p deps.Package, a vuln.Advisory) finding.Finding {
	ev := fmt.Sprintf("%s %s %s", p.Name, p.Version, a.ID)
	if len(a.Aliases) > 0 {
		ev += " (" + strings.Join(a.Aliases, ", ") + ")"
	}
	if a.Summary != "" {
		ev += ": " + a.Summary
	}
	if len(a.Fixed) > 0 {
		ev += "; fixed in " + strings.Join(a.Fixed, ", ")
	}
	if p.Line > 0 {
		ev += fmt.Sprintf(" [line %d]", p.Line)
	}
	f := RuleVulnerable.New(ev, finding.NoOffset)
	if s, err := finding.ParseSeverity(a.Severity); err == nil && a.Severity != "" {
		f.Severity = s
	}
	return f
}

var _ detect.Detector = (*Detector)(nil)
