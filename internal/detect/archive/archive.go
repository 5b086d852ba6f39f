// Package archive reports the structural anomalies that container readers tolerate: path
// traversal, parser-differential tricks, encrypted or unreadable members.
package archive

import (
	"context"
	"fmt"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/source"
)

func rule(id string, sev finding.Severity, cwe, title, desc, fix string) finding.Rule {
	return finding.Rule{ID: id, Severity: sev, Title: title, Description: desc, Remediation: fix, CWE: cwe,
		ATLAS: "AML.T0010", OWASP: "LLM03:2025"}
}

// Rules of the archive detector.
var (
	RuleTraversal = rule("AISEC-ARC-001", finding.High, "CWE-22", "Archive member escapes the extraction directory",
		"A member name is absolute or climbs out with \"..\": extracting the archive writes outside the target "+
			"directory (zip-slip).", "Do not extract this archive; rebuild it from trusted sources.")
	RuleDifferential = rule("AISEC-ARC-002", finding.High, "CWE-436", "Archive built to make readers disagree",
		"The archive carries a parser-differential trick (bad CRC, misleading flag bits, local and central names "+
			"that differ, duplicate or overlapping members, data prepended to the archive, end records that point at "+
			"different central directories, stored sizes that disagree). Lenient loaders such as "+
			"PyTorch's still read it while strict scanners give up — the trick behind CVE-2025-1944/1945/10156.",
		"Treat the file as hostile; obtain the model from its publisher and verify its signature.")
	RuleEncrypted = rule("AISEC-ARC-003", finding.Medium, "CWE-693", "Archive member cannot be inspected",
		"A member is encrypted or uses a method aisec cannot decode, so its content was not analysed.",
		"Obtain an unencrypted copy and scan it, or inspect the member by other means.")
	RuleLink = rule("AISEC-ARC-004", finding.Medium, "CWE-59", "Archive holds links or special files",
		"Symbolic or hard links and device entries in a model archive can redirect extraction to arbitrary files.",
		"Extract with a tool that refuses links, or rebuild the archive without them.")
	RuleBomb = rule("AISEC-ARC-005", finding.Medium, "CWE-409", "Decompression ratio beyond the budget",
		"A member expands far more than model data does (a decompression bomb, or unusually redundant data). "+
			"Analysis stopped at the budget.", "Raise budgets.max_ratio in .aisec.yaml if the data is legitimate.")
	RuleDamaged = rule("AISEC-ARC-006", finding.Medium, "CWE-20", "Archive structure is damaged",
		"The archive is truncated or malformed; the part that could not be read was not analysed.",
		"Re-download the file and compare its digest with the publisher's.")
	RuleTrailing = rule("AISEC-ARC-007", finding.Low, "CWE-20", "Data after the end of the archive",
		"Bytes follow the end of the archive or stream. Polyglot files hide a second format there.",
		"Check where the file came from.")
)

// Detector reports container anomalies ([]source.Anomaly models).
type Detector struct{}

// New returns the archive detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "archive" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RuleTraversal, RuleDifferential, RuleEncrypted, RuleLink, RuleBomb, RuleDamaged, RuleTrailing}
}

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	anomalies, ok := t.Model.([]source.Anomaly)
	if !ok {
		return nil
	}
	var out []finding.Finding
	for _, a := range anomalies {
		r, ok := ruleFor(a.Kind)
		if !ok {
			continue
		}
		ev := string(a.Kind)
		if a.Member != "" {
			ev += fmt.Sprintf(" in member %q", a.Member)
		}
		if a.Detail != "" {
			ev += ": " + a.Detail
		}
		out = append(out, r.New(ev, finding.NoOffset))
	}
	return out
}

func ruleFor(k source.AnomalyKind) (finding.Rule, bool) {
	switch k {
	case source.PathTraversal, source.AbsolutePath:
		return RuleTraversal, true
	case source.NameMismatch, source.FlagBits, source.CRCMismatch, source.DuplicateName, source.Overlapping, source.PrependedData,
		source.DirectoryMismatch, source.SizeMismatch:
		return RuleDifferential, true
	case source.Encrypted, source.Unscannable:
		return RuleEncrypted, true
	case source.SymlinkMember, source.HardlinkMember, source.SpecialMember:
		return RuleLink, true
	case source.Ratio:
		return RuleBomb, true
	case source.Truncated, source.Malformed:
		return RuleDamaged, true
	case source.TrailingData:
		return RuleTrailing, true
	}
	// Budget hits are reported once, as AISEC-SCAN-001, by the orchestrator.
	return finding.Rule{}, false
}

var _ detect.Detector = (*Detector)(nil)
