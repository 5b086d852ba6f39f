package scan

import "github.com/aisecops/aisec/internal/finding"

// RuleIncomplete is reported for every input that could not be fully analysed (a budget was
// exhausted, the time ran out, a member could not be decoded), so that it is never mistaken for
// a clean file.
var RuleIncomplete = finding.Rule{
	ID:       "AISEC-SCAN-001",
	Severity: finding.Medium,
	Title:    "Analysis incomplete",
	Description: "aisec could not analyse all of this input, so it cannot vouch for it. The evidence says which " +
		"budget or error stopped the analysis.",
	Remediation: "Inspect the file by other means, or raise the budget in .aisec.yaml (budgets:) if the input is " +
		"legitimately large, and scan again.",
	CWE: "CWE-693",
}

// Rules lists the rules the orchestrator itself reports.
func Rules() []finding.Rule { return []finding.Rule{RuleIncomplete} }
