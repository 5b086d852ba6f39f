// Package table writes the scan report for people at a terminal: a one-line summary, findings
// grouped by file, the files whose analysis was incomplete, and a closing verdict.
package table

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
	"github.com/aisecops/aisec/internal/report/text"
)

// width is the line length the output aims for; long evidence and errors are cut to fit.
const width = 120

// indent is where a finding's detail lines start, under its rule ID.
const indent = "            "

// Options configure the table writer.
type Options struct {
	Color   bool // ANSI colours for severities and statuses
	Verbose bool // include info/low findings and rule descriptions
}

// Writer renders the table report.
type Writer struct{ opts Options }

// New returns the table writer.
func New(opts Options) *Writer { return &Writer{opts: opts} }

// Format returns "table".
func (*Writer) Format() string { return "table" }

// Write renders r. Without colour the output is plain, deterministic ASCII framing around the
// report's text; every string from the scanned files is escaped so it cannot drive the terminal.
func (w *Writer) Write(out io.Writer, r *finding.Report) error {
	bw := bufio.NewWriter(out)
	p := printer{w: bw, opts: w.opts}
	p.header(r)
	hidden := p.findings(r.Findings)
	p.incomplete(order.Incomplete(r.Files))
	p.verdict(r, hidden)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("unable to write table report: %w", err)
	}
	return nil
}

// printer carries the destination and options through one Write.
type printer struct {
	w    io.Writer
	opts Options
}

func (p printer) header(r *finding.Report) {
	s, c := r.Summary, r.Summary.Findings
	total := c.Critical + c.High + c.Medium + c.Low + c.Info
	dur := time.Duration(r.DurationMS) * time.Millisecond
	fmt.Fprintf(p.w, "%s %s: %d files in %s (%d scanned, %d partial, %d failed, %d skipped) | "+
		"%d findings (%d critical, %d high, %d medium, %d low, %d info) | %d suppressed\n",
		text.OneLine(r.Tool.Name), text.OneLine(r.Tool.Version), s.Files, dur, s.Scanned, s.Partial, s.Errors, s.Skipped,
		total, c.Critical, c.High, c.Medium, c.Low, c.Info, s.Suppressed)
}

// findings prints the findings grouped by file (path!/member, sorted), the most severe first
// within a file. It returns how many low/info findings it left out because verbose is off.
func (p printer) findings(fs []finding.Finding) int {
	hidden := 0
	for _, g := range groups(fs) {
		var shown []finding.Finding
		for _, f := range g {
			if f.Severity <= finding.Low && !p.opts.Verbose {
				hidden++
				continue
			}
			shown = append(shown, f)
		}
		if len(shown) == 0 {
			continue
		}
		fmt.Fprintf(p.w, "\n%s\n", p.paint(ansiBold, text.OneLine(shown[0].Location())))
		for _, f := range shown {
			p.finding(f)
		}
	}
	return hidden
}

// groups splits findings by location, files in path order and findings by severity within each.
func groups(fs []finding.Finding) [][]finding.Finding {
	var out [][]finding.Finding
	index := map[string]int{}
	for _, f := range order.ByLocation(fs) {
		key := f.Location()
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], f)
	}
	for i := range out {
		out[i] = order.BySeverity(out[i])
	}
	return out
}

func (p printer) finding(f finding.Finding) {
	label := strings.ToUpper(f.Severity.String())
	fmt.Fprintf(p.w, "  %s  %s  %s\n", p.paint(severityColor(f.Severity), fmt.Sprintf("%-8s", label)),
		text.OneLine(f.Rule), text.OneLine(f.Title))
	suffix := ""
	if f.Offset >= 0 {
		suffix = fmt.Sprintf("  (offset %d)", f.Offset)
	}
	evidence := text.Truncate(text.OneLine(f.Evidence), width-len(indent)-len(suffix))
	fmt.Fprintf(p.w, "%s%s%s\n", indent, evidence, suffix)
	if !p.opts.Verbose {
		return
	}
	for _, line := range wrap(text.OneLine(f.Description), width-len(indent)) {
		fmt.Fprintf(p.w, "%s%s\n", indent, line)
	}
	for _, line := range wrap(text.OneLine(f.Remediation), width-len(indent)-len("Fix: ")) {
		fmt.Fprintf(p.w, "%sFix: %s\n", indent, line)
	}
}

func (p printer) incomplete(files []finding.FileResult) {
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(p.w, "\nIncomplete analysis (these files must not be treated as clean):\n")
	for _, f := range files {
		label := fmt.Sprintf("%-7s", strings.ToUpper(string(f.Status)))
		loc := text.OneLine(order.FileLocation(f))
		reason := text.OneLine(f.Error)
		if reason == "" {
			reason = "no reason given"
		}
		reason = text.Truncate(reason, max(width-len(loc)-len(label)-6, 20))
		fmt.Fprintf(p.w, "  %s  %s: %s\n", p.paint(statusColor(f.Status), label), loc, reason)
	}
}

// verdict closes the output with one line a person can act on, when there is one to say.
func (p printer) verdict(r *finding.Report, hidden int) {
	incomplete := len(order.Incomplete(r.Files))
	switch {
	case hidden > 0:
		fmt.Fprintf(p.w, "\n%d low/info finding(s) not shown; run with --verbose to see them.\n", hidden)
	case len(r.Findings) > 0:
	case incomplete > 0:
		fmt.Fprintf(p.w, "\nNo findings, but %d file(s) could not be fully analysed.\n", incomplete)
	default:
		fmt.Fprintf(p.w, "\nNo findings.\n")
	}
}

// wrap splits s into lines of at most limit runes at spaces; a word longer than limit is cut.
func wrap(s string, limit int) []string {
	var lines []string
	var line []string
	n := 0
	for _, word := range strings.Fields(s) {
		word = text.Truncate(word, limit)
		l := len([]rune(word))
		if n > 0 && n+1+l > limit {
			lines = append(lines, strings.Join(line, " "))
			line, n = nil, 0
		}
		if n > 0 {
			n++
		}
		line = append(line, word)
		n += l
	}
	if len(line) > 0 {
		lines = append(lines, strings.Join(line, " "))
	}
	return lines
}
