package finding

// Rule is the per-rule advisory: what a finding means, independent of where it was seen.
// Rules are declared by detectors and documented in docs/rules.md.
type Rule struct {
	ID          string   // stable identifier, e.g. AISEC-PKL-001
	Severity    Severity // default severity; configuration may override it
	Title       string   // one line
	Description string   // what was seen and why it matters
	Remediation string   // what the user should do
	CWE         string   // e.g. CWE-502
	ATLAS       string   // MITRE ATLAS technique, e.g. AML.T0011.000
	OWASP       string   // e.g. LLM03:2025
}

// New returns a finding for one occurrence of the rule. Location fields are filled by the caller
// that knows where the evidence came from.
func (r Rule) New(evidence string, offset int64) Finding {
	return Finding{
		Rule:        r.ID,
		Severity:    r.Severity,
		Title:       r.Title,
		Description: r.Description,
		Remediation: r.Remediation,
		Offset:      offset,
		Evidence:    evidence,
		CWE:         r.CWE,
		ATLAS:       r.ATLAS,
		OWASP:       r.OWASP,
	}
}
