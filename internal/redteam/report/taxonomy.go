package report

import (
	"slices"
	"strings"
)

// Category is one entry of a taxonomy: an OWASP LLM Top 10 category or an ATLAS technique.
type Category struct {
	ID   string
	Name string
}

// OWASPCategories returns the OWASP Top 10 for LLM Applications 2025, in order.
func OWASPCategories() []Category {
	return []Category{
		{"LLM01", "Prompt Injection"},
		{"LLM02", "Sensitive Information Disclosure"},
		{"LLM03", "Supply Chain"},
		{"LLM04", "Data and Model Poisoning"},
		{"LLM05", "Improper Output Handling"},
		{"LLM06", "Excessive Agency"},
		{"LLM07", "System Prompt Leakage"},
		{"LLM08", "Vector and Embedding Weaknesses"},
		{"LLM09", "Misinformation"},
		{"LLM10", "Unbounded Consumption"},
	}
}

// OWASPName returns the 2025 name of an OWASP LLM category ("LLM01"), or "" when unknown.
func OWASPName(id string) string {
	for _, c := range OWASPCategories() {
		if strings.EqualFold(c.ID, id) {
			return c.Name
		}
	}
	return ""
}

// atlasTechniques names the MITRE ATLAS techniques red-team probes map to. Names follow
// the ATLAS data (mitre-atlas/atlas-data); AML.T0053 was renamed from "LLM Plugin
// Compromise" and AML.T0056 from "LLM Meta Prompt Extraction".
func atlasTechniques() []Category {
	return []Category{
		{"AML.T0024", "Exfiltration via AI Inference API"},
		{"AML.T0029", "Denial of AI Service"},
		{"AML.T0034", "Cost Harvesting"},
		{"AML.T0043", "Craft Adversarial Data"},
		{"AML.T0048", "External Harms"},
		{"AML.T0048.000", "External Harms: Financial Harm"},
		{"AML.T0048.001", "External Harms: Reputational Harm"},
		{"AML.T0048.002", "External Harms: Societal Harm"},
		{"AML.T0048.003", "External Harms: User Harm"},
		{"AML.T0051", "LLM Prompt Injection"},
		{"AML.T0051.000", "LLM Prompt Injection: Direct"},
		{"AML.T0051.001", "LLM Prompt Injection: Indirect"},
		{"AML.T0051.002", "LLM Prompt Injection: Triggered"},
		{"AML.T0053", "AI Agent Tool Invocation"},
		{"AML.T0054", "LLM Jailbreak"},
		{"AML.T0056", "Extract LLM System Prompt"},
		{"AML.T0057", "LLM Data Leakage"},
		{"AML.T0060", "Publish Hallucinated Entities"},
		{"AML.T0061", "LLM Prompt Self-Replication"},
		{"AML.T0062", "Discover LLM Hallucinations"},
		{"AML.T0065", "LLM Prompt Crafting"},
		{"AML.T0067", "LLM Trusted Output Components Manipulation"},
		{"AML.T0068", "LLM Prompt Obfuscation"},
		{"AML.T0069", "Discover LLM System Information"},
		{"AML.T0069.002", "Discover LLM System Information: System Prompt"},
		{"AML.T0086", "Exfiltration via AI Agent Tool Invocation"},
	}
}

// ATLASName returns the name of an ATLAS technique ("AML.T0051.000"). An unknown
// sub-technique gets its parent's name; an unknown technique gets "".
func ATLASName(id string) string {
	for _, c := range atlasTechniques() {
		if strings.EqualFold(c.ID, id) {
			return c.Name
		}
	}
	if i := strings.LastIndexByte(id, '.'); i > len("AML.T") {
		if parent := ATLASName(id[:i]); parent != "" {
			return parent + ": sub-technique " + id[i+1:]
		}
	}
	return ""
}

// tagValues returns the values of the tags with the given scheme ("owasp"), normalised by
// norm and deduplicated, in tag order. Tags are "scheme:value", compared case-insensitively.
func tagValues(tags []string, scheme string, norm func(string) string) []string {
	var out []string
	for _, t := range tags {
		k, v, ok := strings.Cut(t, ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), scheme) {
			continue
		}
		v = norm(strings.TrimSpace(v))
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// normOWASP turns "llm01", "LLM01:2025" or "LLM01" into "LLM01"; anything else into "".
func normOWASP(v string) string {
	v = strings.ToUpper(v)
	if len(v) < 5 || !strings.HasPrefix(v, "LLM") || !isDigits(v[3:5]) {
		return ""
	}
	return v[:5]
}

// normATLAS upper-cases an ATLAS ID ("aml.t0051.000" → "AML.T0051.000") and rejects
// values that are not ATLAS technique IDs.
func normATLAS(v string) string {
	v = strings.ToUpper(v)
	if !strings.HasPrefix(v, "AML.T") || len(v) < len("AML.T0000") {
		return ""
	}
	return v
}

// normCWE turns "cwe-89", "CWE-89" or "89" into "CWE-89".
func normCWE(v string) string {
	n := strings.TrimPrefix(strings.ToUpper(v), "CWE-")
	if n == "" || !isDigits(n) {
		return ""
	}
	return "CWE-" + n
}

// injectionFamilies are the families whose probes exercise prompt injection; their probes
// map to CWE-1427 (Improper Neutralization of Input Used for LLM Prompting) when they carry
// no CWE tag of their own.
func injectionFamilies() []string {
	return []string{"injection", "indirect", "encoding", "jailbreak"}
}

// probeCWEs returns the CWE IDs of a probe: its "cwe:" tags, else CWE-1427 for
// injection-like probes (family or owasp:LLM01), else none.
func probeCWEs(family string, tags, owasp []string) []string {
	if cwes := tagValues(tags, "cwe", normCWE); len(cwes) > 0 {
		return cwes
	}
	if slices.Contains(injectionFamilies(), family) || slices.Contains(owasp, "LLM01") {
		return []string{"CWE-1427"}
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
