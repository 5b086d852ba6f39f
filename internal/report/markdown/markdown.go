// Package markdown writes the scan report as GitHub-flavoured Markdown, for pull-request
// comments and CI job summaries ($GITHUB_STEP_SUMMARY).
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
)

// Writer renders the Markdown report.
type Writer struct{}

// New returns the Markdown writer.
func New() *Writer { return &Writer{} }

// Format returns "markdown".
func (*Writer) Format() string { return "markdown" }

// Write renders r: a summary, the findings sorted by severity then location, the files whose
// analysis was incomplete, and the number of suppressed findings.
func (*Writer) Write(w io.Writer, r *finding.Report) error {
	bw := bufio.NewWriter(w)
	writeHeader(bw, r)
	writeSummary(bw, r)
	writeFindings(bw, r)
	writeIncomplete(bw, r)
	writeSuppressed(bw, r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("unable to write Markdown report: %w", err)
	}
	return nil
}

func writeHeader(w io.Writer, r *finding.Report) {
	fmt.Fprintf(w, "# aisec scan report\n\n")
	targets := make([]string, len(r.Targets))
	for i, t := range r.Targets {
		targets[i] = code(t)
	}
	fmt.Fprintf(w, "%s %s, started %s, took %d ms", cell(r.Tool.Name), cell(r.Tool.Version),
		r.Started.UTC().Format("2006-01-02 15:04:05 UTC"), r.DurationMS)
	if len(targets) > 0 {
		fmt.Fprintf(w, ", targets: %s", strings.Join(targets, ", "))
	}
	fmt.Fprintf(w, "\n\n")
	switch max, ok := r.Max(); {
	case ok:
		fmt.Fprintf(w, "**Result: %d finding(s), highest severity %s.**\n\n", len(r.Findings), max)
	case r.Incomplete():
		fmt.Fprintf(w, "**Result: no findings, but the analysis was incomplete (see below).**\n\n")
	default:
		fmt.Fprintf(w, "**Result: no findings.**\n\n")
	}
}

func writeSummary(w io.Writer, r *finding.Report) {
	s := r.Summary
	fmt.Fprintf(w, "## Summary\n\n")
	fmt.Fprintf(w, "| Files | Scanned | Partial | Errors | Skipped |\n|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(w, "| %d | %d | %d | %d | %d |\n\n", s.Files, s.Scanned, s.Partial, s.Errors, s.Skipped)
	c := s.Findings
	fmt.Fprintf(w, "| Critical | High | Medium | Low | Info | Suppressed |\n|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(w, "| %d | %d | %d | %d | %d | %d |\n\n", c.Critical, c.High, c.Medium, c.Low, c.Info, s.Suppressed)
}

func writeFindings(w io.Writer, r *finding.Report) {
	fmt.Fprintf(w, "## Findings\n\n")
	if len(r.Findings) == 0 {
		fmt.Fprintf(w, "No findings.\n\n")
		return
	}
	fmt.Fprintf(w, "| Severity | Rule | Title | Location | Offset | Evidence |\n|---|---|---|---|---:|---|\n")
	for _, f := range order.BySeverity(r.Findings) {
		offset := "-"
		if f.Offset >= 0 {
			offset = fmt.Sprint(f.Offset)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", severityLabel(f.Severity), code(f.Rule),
			cell(f.Title), code(f.Location()), offset, cell(f.Evidence))
	}
	fmt.Fprintln(w)
}

// severityLabel bolds the severities that fail a build by default, so they stand out.
func severityLabel(s finding.Severity) string {
	if s >= finding.High {
		return "**" + s.String() + "**"
	}
	return s.String()
}

func writeIncomplete(w io.Writer, r *finding.Report) {
	files := order.Incomplete(r.Files)
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(w, "## Incomplete analysis\n\n")
	fmt.Fprintf(w, "These files could not be fully analysed and must not be treated as clean.\n\n")
	fmt.Fprintf(w, "| Status | File | Format | Reason |\n|---|---|---|---|\n")
	for _, f := range files {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", f.Status, code(order.FileLocation(f)), code(f.Format), cell(f.Error))
	}
	fmt.Fprintln(w)
}

func writeSuppressed(w io.Writer, r *finding.Report) {
	n := r.Summary.Suppressed
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "## Suppressed\n\n")
	fmt.Fprintf(w, "%d finding(s) suppressed by configuration; the JSON report lists them with their reasons.\n", n)
}
