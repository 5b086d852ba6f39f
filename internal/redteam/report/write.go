package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Output formats.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatSARIF    = "sarif"
	FormatJUnit    = "junit"
)

// Formats lists the output formats Write accepts.
func Formats() []string {
	return []string{FormatTable, FormatJSON, FormatMarkdown, FormatHTML, FormatSARIF, FormatJUnit}
}

// WriteOptions tunes the human formats.
type WriteOptions struct {
	// Color adds ANSI colours to the table format. The caller decides (a terminal, no
	// NO_COLOR); other formats ignore it.
	Color bool
	// Verbose lists every probe (table, markdown) and, in the table, an example per failing
	// probe.
	Verbose bool
	// ArtifactURI, when set, gives every SARIF result a physical location in this file (the
	// run's configuration or journal, relative to the repository root): GitHub code scanning
	// rejects results that have only the logical location of the target.
	ArtifactURI string
}

// Write renders s in format. The output is a deterministic function of s and opts. Nothing
// is written when rendering fails.
func Write(w io.Writer, s *Summary, format string, opts WriteOptions) error {
	if s == nil {
		return fmt.Errorf("unable to write %s report: no summary", format)
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case FormatTable:
		err = writeTable(&buf, s, opts)
	case FormatJSON:
		err = writeJSON(&buf, s)
	case FormatMarkdown:
		err = writeMarkdown(&buf, s, opts)
	case FormatHTML:
		err = writeHTML(&buf, s)
	case FormatSARIF:
		err = writeSARIF(&buf, s, opts.ArtifactURI)
	case FormatJUnit:
		err = writeJUnit(&buf, s)
	default:
		return fmt.Errorf("unable to write report: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("unable to write %s report: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("unable to write %s report: %w", format, err)
	}
	return nil
}

// skippedText is "1 selected probe did not run" or "N selected probes did not run".
func skippedText(n int) string {
	if n == 1 {
		return "1 selected probe did not run"
	}
	return fmt.Sprintf("%d selected probes did not run", n)
}

// rateText renders a pass rate with two decimals, or "n/a" without evaluated attempts.
func rateText(r Rate) string {
	if !r.Evaluated() {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", r.PassRate)
}

// ciText renders the 95% interval as "0.40–0.89", or "n/a".
func ciText(r Rate) string {
	if !r.Evaluated() {
		return "n/a"
	}
	return fmt.Sprintf("%.2f–%.2f", r.CILow, r.CIHigh)
}

// gateText is "FAILED" or "PASSED".
func gateText(g Gate) string {
	if g.Failed {
		return "FAILED"
	}
	return "PASSED"
}

// targetText names the target: "openai http://host/v1 (model)".
func (r Run) targetText() string {
	t := strings.TrimSpace(r.Target.Kind + " " + r.Target.URL)
	if r.Target.Model != "" {
		t += " (" + r.Target.Model + ")"
	}
	return t
}

// judgeText names the judge, or "none".
func (r Run) judgeText() string {
	if r.Judge == nil {
		return "none"
	}
	j := strings.TrimSpace(r.Judge.Kind + " " + r.Judge.URL)
	if r.Judge.Model != "" {
		j += " (" + r.Judge.Model + ")"
	}
	if r.Judge.Rubric != "" {
		j += ", rubric " + r.Judge.Rubric
	}
	return j
}

// dateText renders the run start in UTC, or "unknown".
func (r Run) dateText() string {
	if r.Started.IsZero() {
		return "unknown"
	}
	return r.Started.UTC().Format("2006-01-02 15:04:05 UTC")
}

// toolText is the aisec version, or "unknown".
func (r Run) toolText() string {
	if r.Tool == "" {
		return "unknown"
	}
	return r.Tool
}
