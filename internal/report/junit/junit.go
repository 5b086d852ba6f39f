// Package junit writes the scan report as JUnit XML, which CI systems (GitLab, Jenkins, Azure
// Pipelines) show as a test report. Each analysed file or member is a test case; each finding
// is a <failure> (type = rule ID); a partial or failed analysis is an <error>; a skipped file
// is <skipped>. All cases sit in one test suite named "aisec scan".
package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
	"github.com/aisecops/aisec/internal/report/text"
)

// Writer renders the JUnit report.
type Writer struct{}

// New returns the JUnit writer.
func New() *Writer { return &Writer{} }

// Format returns "junit".
func (*Writer) Format() string { return "junit" }

// Write renders r as JUnit XML. Suite counts follow JUnit's meaning: failures is the number of
// test cases (files) with at least one finding, errors the number whose analysis was partial or
// failed, skipped the number not analysed because of their format.
func (*Writer) Write(w io.Writer, r *finding.Report) error {
	suite := buildSuite(r)
	doc := Suites{Name: "aisec", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
		Skipped: suite.Skipped, Time: suite.Time, Suites: []Suite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("unable to write JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("unable to write JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("unable to write JUnit report: %w", err)
	}
	return nil
}

func buildSuite(r *finding.Report) Suite {
	s := Suite{
		Name:       "aisec scan",
		Time:       fmt.Sprintf("%.3f", float64(r.DurationMS)/1000),
		Properties: properties(r),
	}
	if !r.Started.IsZero() {
		s.Timestamp = r.Started.UTC().Format("2006-01-02T15:04:05")
	}
	s.Cases = cases(r)
	for _, c := range s.Cases {
		s.Tests++
		if len(c.Failures) > 0 {
			s.Failures++
		}
		if c.Error != nil {
			s.Errors++
		}
		if c.Skipped != nil {
			s.Skipped++
		}
	}
	return s
}

func properties(r *finding.Report) []Property {
	props := []Property{
		{"aisec.version", r.Tool.Version},
		{"aisec.schema", r.Schema},
		{"aisec.suppressed", fmt.Sprint(r.Summary.Suppressed)},
	}
	for _, t := range r.Targets {
		props = append(props, Property{"aisec.target", t})
	}
	return props
}

// cases returns one test case per file result, plus one for any finding whose file is not
// listed, so that no finding is lost; cases are sorted by location.
func cases(r *finding.Report) []Case {
	var out []Case
	index := map[string]int{}
	for _, f := range order.Files(r.Files) {
		key := order.FileLocation(f)
		if _, dup := index[key]; dup {
			continue
		}
		index[key] = len(out)
		out = append(out, fileCase(f))
	}
	for _, f := range order.ByLocation(r.Findings) {
		key := f.Location()
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Case{Name: text.OneLine(key), Classname: "aisec"})
		}
		out[i].Failures = append(out[i].Failures, failure(f))
	}
	return out
}

func fileCase(f finding.FileResult) Case {
	c := Case{Name: text.OneLine(order.FileLocation(f)), Classname: "aisec." + text.OneLine(f.Format)}
	if f.Format == "" {
		c.Classname = "aisec"
	}
	switch f.Status {
	case finding.StatusPartial, finding.StatusError:
		what := "partial analysis"
		if f.Status == finding.StatusError {
			what = "analysis failed"
		}
		c.Error = &Message{Type: string(f.Status), Message: what + ": " + text.OneLine(f.Error),
			Body: "The file could not be fully analysed and must not be treated as clean."}
	case finding.StatusSkipped:
		c.Skipped = &Message{Message: "not analysed: format " + text.OneLine(f.Format)}
	}
	return c
}

func failure(f finding.Finding) Message {
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, text.OneLine(v))
		}
	}
	line("Severity", f.Severity.String())
	line("Rule", f.Rule)
	line("Location", f.Location())
	if f.Offset >= 0 {
		line("Offset", fmt.Sprint(f.Offset))
	}
	line("Evidence", f.Evidence)
	line("Description", f.Description)
	line("Remediation", f.Remediation)
	line("References", strings.Join(nonEmpty(f.CWE, f.ATLAS, f.OWASP), ", "))
	line("Fingerprint", f.Fingerprint)
	return Message{
		Type:    f.Rule,
		Message: fmt.Sprintf("[%s] %s: %s", f.Severity, text.OneLine(f.Title), text.OneLine(f.Evidence)),
		Body:    b.String(),
	}
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
