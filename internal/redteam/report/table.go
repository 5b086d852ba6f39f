package report

import (
	"fmt"
	"github.com/aisecops/aisec/internal/report/text"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// ANSI SGR sequences used when WriteOptions.Color is set.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiBoldRed = "\x1b[1;31m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiGrey    = "\x1b[90m"
)

// printer writes the terminal table. Every string from the run goes through oneLine (after
// clip for long text), so the target cannot inject escapes of its own.
type printer struct {
	w    io.Writer
	opts WriteOptions
}

// cell is one table cell: plain text and an optional colour.
type cell struct{ text, color string }

func (p printer) paint(color, s string) string {
	if !p.opts.Color || color == "" {
		return s
	}
	return color + s + ansiReset
}

func (p printer) line(format string, args ...any) { fmt.Fprintf(p.w, format+"\n", args...) }

// table prints aligned columns. Widths are computed on the plain text so colours do not
// disturb alignment; the last column is not padded.
func (p printer) table(header []string, rows [][]cell) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c.text))
		}
	}
	head := make([]cell, len(header))
	for i, h := range header {
		head[i] = cell{h, ansiBold}
	}
	for _, r := range append([][]cell{head}, rows...) {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := ""
			if i < len(r)-1 {
				pad = strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c.text))
			}
			b.WriteString(p.paint(c.color, c.text) + pad)
		}
		p.line("%s", b.String())
	}
}

func writeTable(w io.Writer, s *Summary, opts WriteOptions) error {
	p := printer{w: w, opts: opts}
	p.header(s)
	p.line("")
	p.families(s)
	if opts.Verbose {
		p.line("")
		p.allProbes(s)
	}
	if failing := s.Failing(); len(failing) > 0 {
		p.line("")
		p.failing(failing)
	}
	if len(s.Skipped) > 0 {
		p.line("")
		p.skipped(s.Skipped)
	}
	p.line("")
	p.gate(s)
	return nil
}

func (p printer) header(s *Summary) {
	r := s.Run
	p.line("%s · run %s · aisec %s", p.paint(ansiBold, "aisec redteam"), text.OneLine(r.ID), text.OneLine(r.toolText()))
	p.line("target  %s", text.OneLine(r.targetText()))
	p.line("judge   %s", text.OneLine(r.judgeText()))
	p.line("seed    %d · started %s", r.Seed, r.dateText())
	t := s.Totals
	p.line("score   %s   gate %s", p.paint(ansiBold, fmt.Sprintf("%.2f/100", s.Score)), p.gateWord(s.Gate))
	p.line("totals  %d attempts (planned %d): %d hits, %d blocked, %d errors, %d missing · tokens %d in / %d out · %s",
		t.Attempts, t.Planned, t.Hits, t.Blocked, t.Errors, t.Missing, t.PromptTokens, t.CompletionTokens,
		time.Duration(t.DurationMS)*time.Millisecond)
	if n := len(s.Skipped); n > 0 {
		p.line("skipped %s", p.paint(ansiYellow, skippedText(n)+": coverage is reduced (listed below)"))
	}
}

func (p printer) gateWord(g Gate) string {
	if g.Failed {
		return p.paint(ansiBoldRed, gateText(g))
	}
	return p.paint(ansiGreen, gateText(g))
}

func (p printer) families(s *Summary) {
	rows := make([][]cell, 0, len(s.Families))
	for _, f := range s.Families {
		rows = append(rows, []cell{{text.OneLine(f.Family), ""}, {fmt.Sprint(f.Probes), ""}, {fmt.Sprint(f.Attempts), ""},
			{fmt.Sprint(f.Hits), hitColor(f.Hits)}, {fmt.Sprint(f.Errors), errColor(f.Errors)},
			{rateText(f.Rate), ""}, {ciText(f.Rate), ""}, {string(f.Gate), verdictColor(f.Gate)}})
	}
	p.table([]string{"FAMILY", "PROBES", "ATTEMPTS", "HITS", "ERRORS", "PASS RATE", "95% CI", "GATE"}, rows)
}

func (p printer) allProbes(s *Summary) {
	rows := make([][]cell, 0, len(s.Probes))
	for _, pr := range s.Probes {
		rows = append(rows, []cell{{text.OneLine(string(pr.Severity)), severityColor(pr.Severity)}, {text.OneLine(pr.ID), ""},
			{fmt.Sprint(pr.Attempts), ""}, {fmt.Sprint(pr.Hits), hitColor(pr.Hits)}, {fmt.Sprint(pr.Blocked), ""},
			{fmt.Sprint(pr.Errors), errColor(pr.Errors)}, {rateText(pr.Rate), ""}, {ciText(pr.Rate), ""}})
	}
	p.table([]string{"SEVERITY", "PROBE", "ATTEMPTS", "HITS", "BLOCKED", "ERRORS", "PASS RATE", "95% CI"}, rows)
}

func (p printer) failing(failing []ProbeStats) {
	p.line("%s", p.paint(ansiBold, "FAILING PROBES"))
	rows := make([][]cell, 0, len(failing))
	for _, pr := range failing {
		rows = append(rows, []cell{{text.OneLine(string(pr.Severity)), severityColor(pr.Severity)}, {text.OneLine(pr.ID), ""},
			{fmt.Sprintf("%d/%d", pr.Hits, pr.Attempts), ansiRed}, {rateText(pr.Rate), ""}, {ciText(pr.Rate), ""},
			{detectorHits(pr), ""}})
	}
	p.table([]string{"SEVERITY", "PROBE", "FAILED", "PASS RATE", "95% CI", "DETECTOR HITS"}, rows)
	if !p.opts.Verbose {
		return
	}
	for _, pr := range failing {
		if len(pr.Examples) == 0 {
			continue
		}
		e := pr.Examples[0]
		p.line("")
		p.line("%s %s", p.paint(ansiBold, text.OneLine(pr.ID)), p.paint(ansiGrey, "example "+text.OneLine(e.ID)))
		p.line("  prompt: %s", text.OneLine(textclip.Marked(e.Prompt, 160)))
		p.line("  reply:  %s", firstNonEmpty(text.OneLine(textclip.Marked(e.Reply, 160)), "(empty)"))
		for _, tc := range e.ToolCalls {
			p.line("  tool:   %s(%s)", text.OneLine(textclip.Marked(tc.Name, 60)), text.OneLine(textclip.Marked(tc.Arguments, 100)))
		}
		for _, r := range e.Results {
			if r.Hit {
				p.line("  %s: %s", text.OneLine(textclip.Marked(r.Detector, 40)), text.OneLine(textclip.Marked(r.Evidence, 160)))
			}
		}
	}
}

// skipped lists the selected probes that did not run, with the reason.
func (p printer) skipped(sk []SkippedProbe) {
	p.line("%s", p.paint(ansiBold, skippedText(len(sk))))
	rows := make([][]cell, 0, len(sk))
	for _, k := range sk {
		rows = append(rows, []cell{{text.OneLine(k.ID), ""}, {text.OneLine(k.Reason), ""}})
	}
	p.table([]string{"PROBE", "REASON"}, rows)
}

// detectorHits summarises the detectors that hit: "trigger 2/4, xss 1/4".
func detectorHits(pr ProbeStats) string {
	var parts []string
	for _, d := range pr.Detectors {
		if d.Hits > 0 {
			parts = append(parts, fmt.Sprintf("%s %d/%d", text.OneLine(d.Detector), d.Hits, d.Attempts))
		}
	}
	return strings.Join(parts, ", ")
}

func (p printer) gate(s *Summary) {
	cfg := fmt.Sprintf("fail-under %.2f", s.Gate.FailUnder)
	if s.Gate.FailOn != "" {
		cfg += ", fail-on " + s.Gate.FailOn
	}
	p.line("GATE %s (%s)", p.gateWord(s.Gate), cfg)
	for _, r := range s.Gate.Reasons {
		p.line("  - %s", text.OneLine(r))
	}
	if s.Incomplete {
		p.line("%s %d attempts errored and %d planned attempts have no record; the run must not be treated as clean.",
			p.paint(ansiYellow, "INCOMPLETE:"), s.Totals.Errors, s.Totals.Missing)
	}
}

func severityColor(s probe.Severity) string {
	switch s {
	case probe.SeverityCritical:
		return ansiBoldRed
	case probe.SeverityHigh:
		return ansiRed
	case probe.SeverityMedium:
		return ansiYellow
	case probe.SeverityLow:
		return ansiBlue
	default:
		return ansiGrey
	}
}

func hitColor(n int) string {
	if n > 0 {
		return ansiRed
	}
	return ""
}

func errColor(n int) string {
	if n > 0 {
		return ansiYellow
	}
	return ""
}

func verdictColor(v Verdict) string {
	switch v {
	case VerdictFail:
		return ansiRed
	case VerdictPass:
		return ansiGreen
	default:
		return ansiGrey
	}
}
