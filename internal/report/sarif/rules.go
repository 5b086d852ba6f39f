package sarif

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/aisecops/aisec/internal/finding"
	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// rulesDocURI is where rules are documented; each rule links to its anchor.
const rulesDocURI = "https://github.com/aisecops/aisec/blob/main/docs/rules.md"

// Level maps a severity to a SARIF level. GitHub code scanning fails a check on "error" by
// default, so only critical and high become errors.
func Level(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return gosarif.LevelError
	case s == finding.Medium:
		return gosarif.LevelWarning
	default:
		return gosarif.LevelNote
	}
}

// SecuritySeverity maps a severity to the CVSS-like score GitHub reads from the
// "security-severity" property to label alerts critical (>= 9.0), high (>= 7.0), medium
// (>= 4.0) or low.
func SecuritySeverity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return "9.5"
	case finding.High:
		return "8.0"
	case finding.Medium:
		return "5.5"
	case finding.Low:
		return "3.0"
	default:
		return "0.0"
	}
}

// ruleSet returns the advisory of every rule that has a result, sorted by ID, so that rule
// indexes are stable. A rule missing from r.Rules is rebuilt from its first finding.
func ruleSet(r *finding.Report, fs []finding.Finding) []finding.Rule {
	seen := map[string]bool{}
	var out []finding.Rule
	for _, f := range fs {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		rule, ok := r.Rules[f.Rule]
		if !ok {
			rule = finding.Rule{ID: f.Rule, Severity: f.Severity, Title: f.Title, Description: f.Description,
				Remediation: f.Remediation, CWE: f.CWE, ATLAS: f.ATLAS, OWASP: f.OWASP}
		}
		rule.ID = f.Rule
		out = append(out, rule)
	}
	slices.SortFunc(out, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// descriptor renders one rule as a SARIF reportingDescriptor.
func descriptor(rule finding.Rule) *gosarif.ReportingDescriptor {
	full := rule.Description
	if full == "" {
		full = rule.Title
	}
	d := gosarif.NewRule(rule.ID).
		WithName(ruleName(rule.ID)).
		WithShortDescription(gosarif.NewMultiformatMessageString().WithText(rule.Title)).
		WithFullDescription(gosarif.NewMultiformatMessageString().WithText(full)).
		WithHelp(gosarif.NewMultiformatMessageString().WithText(helpText(rule)).WithMarkdown(helpMarkdown(rule))).
		WithHelpURI(rulesDocURI + "#" + strings.ToLower(rule.ID)).
		WithDefaultConfiguration(gosarif.NewReportingConfiguration().WithLevel(Level(rule.Severity)))
	props := gosarif.NewPropertyBag().WithTags(tags(rule))
	props.Add("security-severity", SecuritySeverity(rule.Severity))
	props.Add("problem.severity", problemSeverity(rule.Severity))
	return d.WithProperties(props)
}

// ruleName turns AISEC-PKL-001 into AisecPkl001: SARIF recommends an identifier-like name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		rs := []rune(strings.ToLower(part))
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

// problemSeverity is the CodeQL-style property some viewers use when security-severity is absent.
func problemSeverity(s finding.Severity) string {
	if l := Level(s); l != gosarif.LevelNote {
		return l
	}
	return "recommendation"
}

// tags follow GitHub's conventions: "security" marks a security alert and external/cwe/...
// links the CWE.
func tags(rule finding.Rule) []string {
	t := []string{"security", "ai-model"}
	if rule.CWE != "" {
		t = append(t, "external/cwe/"+strings.ToLower(rule.CWE))
	}
	if rule.ATLAS != "" {
		t = append(t, "external/atlas/"+strings.ToLower(rule.ATLAS))
	}
	if rule.OWASP != "" {
		t = append(t, "external/owasp/"+strings.ToLower(rule.OWASP))
	}
	return t
}

// helpText is the plain-text help: description, remediation and references.
func helpText(rule finding.Rule) string {
	parts := []string{firstNonEmpty(rule.Description, rule.Title)}
	if rule.Remediation != "" {
		parts = append(parts, "Remediation: "+rule.Remediation)
	}
	if refs := references(rule, false); len(refs) > 0 {
		parts = append(parts, "References: "+strings.Join(refs, ", "))
	}
	return strings.Join(parts, "\n\n")
}

// helpMarkdown is the same help with headings and links.
func helpMarkdown(rule finding.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n%s\n", rule.Title, firstNonEmpty(rule.Description, rule.Title))
	if rule.Remediation != "" {
		fmt.Fprintf(&b, "\n**Remediation**\n\n%s\n", rule.Remediation)
	}
	if refs := references(rule, true); len(refs) > 0 {
		b.WriteString("\n**References**\n\n")
		for _, ref := range refs {
			fmt.Fprintf(&b, "- %s\n", ref)
		}
	}
	return b.String()
}

// references lists the rule's taxonomy entries, as Markdown links when markdown is set.
func references(rule finding.Rule, markdown bool) []string {
	var refs []string
	if rule.CWE != "" {
		refs = append(refs, link(markdown, rule.CWE, cweURL(rule.CWE)))
	}
	if rule.ATLAS != "" {
		refs = append(refs, link(markdown, "MITRE ATLAS "+rule.ATLAS, "https://atlas.mitre.org/techniques/"+rule.ATLAS))
	}
	if rule.OWASP != "" {
		refs = append(refs, link(markdown, "OWASP "+rule.OWASP, ""))
	}
	return refs
}

func cweURL(cwe string) string {
	n, ok := strings.CutPrefix(strings.ToUpper(cwe), "CWE-")
	if !ok || n == "" || strings.Trim(n, "0123456789") != "" {
		return ""
	}
	return "https://cwe.mitre.org/data/definitions/" + n + ".html"
}

func link(markdown bool, label, url string) string {
	if !markdown || url == "" {
		return label
	}
	return "[" + label + "](" + url + ")"
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
