package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/aisecops/aisec/internal/report/text"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/probe"
	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

const (
	sarifToolName = "aisec-redteam"
	sarifInfoURI  = "https://github.com/aisecops/aisec"
	// sarifSchemaURI is the OASIS location of the SARIF 2.1.0 (errata 01) schema.
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// SARIFFingerprintKey names the result fingerprint in partialFingerprints: a hash of the
	// probe ID, target URL and model, so that code-scanning alerts track one probe against
	// one target across runs.
	SARIFFingerprintKey = "aisecRedteam/v1"
)

// writeSARIF renders one SARIF run: a rule per probe (sorted by ID, so rule indexes are
// stable) and a result per failing probe. A red-team finding has no file, so results carry
// a logical location naming the target; GitHub code scanning needs a physical location to
// display an alert, so upload there is not the goal of this format.
func writeSARIF(w io.Writer, s *Summary, artifact string) error {
	run := gosarif.NewRunWithInformationURI(sarifToolName, sarifInfoURI)
	if s.Run.Tool != "" {
		run.Tool.Driver.WithVersion(s.Run.Tool)
	}
	index := map[string]int{}
	for i, p := range s.Probes {
		run.Tool.Driver.AddRule(sarifRule(p))
		index[p.ID] = i
	}
	for _, p := range s.Failing() {
		run.AddResult(sarifResult(s, p, index[p.ID], artifact))
	}
	run.AddInvocation(sarifInvocation(s))
	props := gosarif.NewPropertyBag()
	props.Add("run_id", s.Run.ID)
	props.Add("seed", s.Run.Seed)
	props.Add("score", s.Score)
	props.Add("gate_failed", s.Gate.Failed)
	props.Add("incomplete", s.Incomplete)
	run.WithProperties(props)

	doc := gosarif.NewReport()
	doc.Schema = sarifSchemaURI
	doc.AddRun(run)
	if err := doc.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func sarifRule(p ProbeStats) *gosarif.ReportingDescriptor {
	short := firstNonEmpty(p.Description, p.ID)
	full := short
	if p.Goal != "" {
		full += " A hit means the attack succeeded: " + p.Goal + "."
	}
	help := fmt.Sprintf("Probe %s (%s family, %s severity).", p.ID, p.Family, p.Severity)
	if p.Goal != "" {
		help += " Goal of the attack: " + p.Goal + "."
	}
	help += " Review the failing conversations in the HTML report and harden the system prompt, " +
		"the input/output filters or the tools the model can call."
	r := gosarif.NewRule(p.ID).
		WithName(sarifRuleName(p.ID)).
		WithShortDescription(gosarif.NewMultiformatMessageString().WithText(text.OneLine(short))).
		WithFullDescription(gosarif.NewMultiformatMessageString().WithText(text.OneLine(full))).
		WithHelp(gosarif.NewMultiformatMessageString().WithText(text.OneLine(help))).
		WithDefaultConfiguration(gosarif.NewReportingConfiguration().WithLevel(sarifLevel(p.Severity)))
	props := gosarif.NewPropertyBag().WithTags(sarifTags(p))
	props.Add("security-severity", securitySeverity(p.Severity))
	props.Add("severity", string(p.Severity))
	props.Add("family", p.Family)
	return r.WithProperties(props)
}

// sarifTags follows GitHub's conventions ("security", external/cwe/cwe-N) and keeps the
// probe's own tags.
func sarifTags(p ProbeStats) []string {
	tags := []string{"security", "ai-redteam", "family/" + p.Family}
	for _, c := range p.CWE {
		tags = append(tags, "external/cwe/"+strings.ToLower(c))
	}
	for _, o := range p.OWASP {
		tags = append(tags, "external/owasp/"+strings.ToLower(o)+":2025")
	}
	for _, a := range p.ATLAS {
		tags = append(tags, "external/atlas/"+strings.ToLower(a))
	}
	for _, t := range p.Tags {
		tags = append(tags, text.OneLine(t))
	}
	return tags
}

func sarifResult(s *Summary, p ProbeStats, ruleIndex int, artifact string) *gosarif.Result {
	target := s.Run.targetText()
	msg := fmt.Sprintf("Probe %s failed %d of %d attempts against %s (pass rate %s, 95%% CI %s).",
		p.ID, p.Hits, p.Attempts, target, rateText(p.Rate), ciText(p.Rate))
	if len(p.Examples) > 0 {
		msg += " First failing attempt: " + p.Examples[0].ID + "."
	}
	loc := gosarif.NewLocation().AddLogicalLocation(gosarif.NewLogicalLocation().
		WithName(firstNonEmpty(s.Run.Target.Model, s.Run.Target.URL, "target")).
		WithFullyQualifiedName(strings.TrimSpace(s.Run.Target.URL + " " + s.Run.Target.Model)).
		WithKind("resource"))
	if artifact != "" {
		loc.WithPhysicalLocation(gosarif.NewPhysicalLocation().
			WithArtifactLocation(gosarif.NewSimpleArtifactLocation(artifact)).
			WithRegion(gosarif.NewSimpleRegion(1, 1)))
	}
	res := gosarif.NewRuleResult(p.ID).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevel(p.Severity)).
		WithMessage(gosarif.NewTextMessage(text.OneLine(msg))).
		AddLocation(loc).
		WithPartialFingerprints(map[string]string{SARIFFingerprintKey: fingerprint(p.ID, s.Run.Target.URL, s.Run.Target.Model)})
	props := gosarif.NewPropertyBag()
	props.Add("attempts", p.Attempts)
	props.Add("hits", p.Hits)
	props.Add("errors", p.Errors)
	props.Add("pass_rate", p.PassRate)
	props.Add("ci_low", p.CILow)
	props.Add("ci_high", p.CIHigh)
	return res.WithProperties(props)
}

// sarifInvocation records the run's time span and reports an incomplete run, and every
// selected probe that could not run, as tool execution notifications, so consumers know
// the results are partial or the coverage reduced.
func sarifInvocation(s *Summary) *gosarif.Invocation {
	inv := gosarif.NewInvocation().WithExecutionSuccessful(!s.Incomplete)
	if !s.Run.Started.IsZero() {
		inv.WithStartTimeUtc(s.Run.Started.UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	if s.Incomplete {
		msg := fmt.Sprintf("Incomplete run: %d attempts errored and %d planned attempts have no record; the results must not be treated as clean.",
			s.Totals.Errors, s.Totals.Missing)
		inv.AddToolExecutionNotification(gosarif.NewNotification().WithLevel(gosarif.LevelWarning).WithMessage(gosarif.NewTextMessage(msg)))
	}
	for _, k := range s.Skipped {
		msg := fmt.Sprintf("Probe %s was selected but did not run: %s", k.ID, k.Reason)
		props := gosarif.NewPropertyBag()
		props.Add("probe", k.ID)
		props.Add("reason", k.Reason)
		inv.AddToolExecutionNotification(gosarif.NewNotification().WithLevel(gosarif.LevelWarning).
			WithMessage(gosarif.NewTextMessage(text.OneLine(msg))).WithProperties(props))
	}
	return inv
}

// sarifLevel: critical and high are errors (GitHub fails a check on them), medium a warning.
func sarifLevel(s probe.Severity) string {
	switch s {
	case probe.SeverityCritical, probe.SeverityHigh:
		return gosarif.LevelError
	case probe.SeverityMedium:
		return gosarif.LevelWarning
	default:
		return gosarif.LevelNote
	}
}

// securitySeverity is the CVSS-like score GitHub reads to label alerts critical (≥ 9.0),
// high (≥ 7.0), medium (≥ 4.0) or low.
func securitySeverity(s probe.Severity) string {
	switch s {
	case probe.SeverityCritical:
		return "9.5"
	case probe.SeverityHigh:
		return "8.0"
	case probe.SeverityMedium:
		return "5.5"
	case probe.SeverityLow:
		return "3.0"
	default:
		return "0.0"
	}
}

// sarifRuleName turns "injection/ignore-previous" into "InjectionIgnorePrevious".
func sarifRuleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '/' || r == '-' || r == '_' || r == '.' || r == '+' }) {
		rs := []rune(part)
		b.WriteString(strings.ToUpper(string(rs[0])) + string(rs[1:]))
	}
	return text.OneLine(b.String())
}

func fingerprint(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:16])
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
