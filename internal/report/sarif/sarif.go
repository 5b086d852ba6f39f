// Package sarif writes the scan report as SARIF 2.1.0 for GitHub code scanning and other SARIF
// consumers.
//
// Location mapping: artifactLocation.uri is always the file on disk (Path, as a relative or
// file: URI), because that is the file a repository contains and GitHub can link to. A
// finding inside a container member adds a logicalLocation (kind "resource", name = member,
// fullyQualifiedName = "path!/member") and names the member in the message. Model files have
// no lines, but GitHub requires region.startLine, so every region anchors at line 1;
// region.byteOffset carries the offset when it is known and refers to the artifact itself
// (not to a member, whose offset goes to the result's properties instead).
package sarif

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
	"github.com/aisecops/aisec/internal/report/text"
	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

const (
	toolName       = "aisec"
	informationURI = "https://github.com/aisecops/aisec"
	// schemaURI is the OASIS location of the SARIF 2.1.0 (errata 01) schema.
	schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// FingerprintKey names aisec's fingerprint in result.partialFingerprints.
	FingerprintKey = "aisecFingerprint/v1"
)

// Writer renders the SARIF report.
type Writer struct{}

// New returns the SARIF writer.
func New() *Writer { return &Writer{} }

// Format returns "sarif".
func (*Writer) Format() string { return "sarif" }

// Write renders r as an indented SARIF 2.1.0 log followed by a newline.
func (*Writer) Write(w io.Writer, r *finding.Report) error {
	if err := Build(r).PrettyWrite(w); err != nil {
		return fmt.Errorf("unable to write SARIF report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("unable to write SARIF report: %w", err)
	}
	return nil
}

// Build converts r into a SARIF log with one run. Suppressed findings are left out: GitHub
// code scanning ignores SARIF suppressions by default and would open alerts for them; their
// number is kept in the run's properties ("suppressed").
func Build(r *finding.Report) *gosarif.Report {
	fs := order.ByLocation(r.Findings)
	rules := ruleSet(r, fs)

	run := gosarif.NewRunWithInformationURI(toolName, informationURI)
	if r.Tool.Version != "" {
		run.Tool.Driver.WithVersion(r.Tool.Version)
	}
	index := make(map[string]int, len(rules))
	for i, rule := range rules {
		run.Tool.Driver.AddRule(descriptor(rule))
		index[rule.ID] = i
	}
	for _, f := range fs {
		run.AddResult(result(f, index[f.Rule]))
	}
	run.AddInvocation(invocation(r))
	props := gosarif.NewPropertyBag()
	props.Add("suppressed", r.Summary.Suppressed)
	run.WithProperties(props)

	doc := gosarif.NewReport()
	doc.Schema = schemaURI
	return doc.AddRun(run)
}

// result renders one finding.
func result(f finding.Finding, ruleIndex int) *gosarif.Result {
	fp := f.Fingerprint
	if fp == "" {
		fp = f.ComputeFingerprint()
	}
	res := gosarif.NewRuleResult(f.Rule).
		WithRuleIndex(ruleIndex).
		WithLevel(Level(f.Severity)).
		WithMessage(gosarif.NewTextMessage(message(f))).
		AddLocation(location(f.Path, f.Member, f.Offset)).
		WithPartialFingerprints(map[string]string{FingerprintKey: fp})
	props := gosarif.NewPropertyBag()
	props.Add("severity", f.Severity.String())
	if f.Member != "" {
		props.Add("member", f.Member)
	}
	if f.Offset >= 0 {
		props.Add("offset", f.Offset)
	}
	return res.WithProperties(props)
}

// message is "title: evidence", naming the member when there is one. The evidence comes from
// the scanned file, so it is reduced to one escaped line.
func message(f finding.Finding) string {
	msg := f.Title + ": " + text.OneLine(f.Evidence)
	if f.Member != "" {
		msg += " (in " + text.OneLine(f.Location()) + ")"
	}
	return msg
}

// location builds the physical (and, for members, logical) location described in the package
// documentation.
func location(path, member string, offset int64) *gosarif.Location {
	region := gosarif.NewRegion().WithStartLine(1)
	if member == "" && offset >= 0 {
		region.WithByteOffset(int(offset))
	}
	phys := gosarif.NewPhysicalLocation().
		WithArtifactLocation(gosarif.NewSimpleArtifactLocation(ArtifactURI(path))).
		WithRegion(region)
	loc := gosarif.NewLocationWithPhysicalLocation(phys)
	if member != "" {
		loc.AddLogicalLocation(gosarif.NewLogicalLocation().
			WithName(member).
			WithFullyQualifiedName(finding.Finding{Path: path, Member: member}.Location()).
			WithKind("resource"))
	}
	return loc
}

// ArtifactURI turns a report path into a SARIF URI: a relative reference (percent-encoded, with
// forward slashes) for relative paths, which GitHub resolves against the repository root, and a
// file: URI for absolute paths.
func ArtifactURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows volume such as C:/models
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// invocation records the run's time span and turns every partial or failed file into a tool
// execution notification, so that SARIF consumers know the analysis was incomplete.
func invocation(r *finding.Report) *gosarif.Invocation {
	inv := gosarif.NewInvocation()
	successful := true
	for _, f := range order.Incomplete(r.Files) {
		level, what := gosarif.LevelWarning, "Partial analysis"
		if f.Status == finding.StatusError {
			level, what, successful = gosarif.LevelError, "Analysis failed", false
		}
		msg := fmt.Sprintf("%s of %s: %s. The file must not be treated as clean.",
			what, text.OneLine(order.FileLocation(f)), text.OneLine(firstNonEmpty(f.Error, "no reason given")))
		n := gosarif.NewNotification().
			WithLevel(level).
			WithMessage(gosarif.NewTextMessage(msg)).
			AddLocation(location(f.Path, f.Member, finding.NoOffset))
		props := gosarif.NewPropertyBag()
		props.Add("status", string(f.Status))
		props.Add("format", f.Format)
		inv.AddToolExecutionNotification(n.WithProperties(props))
	}
	inv.WithExecutionSuccessful(successful)
	if !r.Started.IsZero() {
		start := r.Started.UTC()
		end := start.Add(time.Duration(r.DurationMS) * time.Millisecond)
		inv.WithStartTimeUtc(start.Format(time.RFC3339Nano)).WithEndTimeUtc(end.Format(time.RFC3339Nano))
	}
	return inv
}
