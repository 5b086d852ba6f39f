package report

import (
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"github.com/aisecops/aisec/internal/report/text"
	"html"
	"io"
	"strings"
)

// Markdown budgets: a pull-request comment holds at most 65,536 characters, so examples are
// short and only the worst probes get one.
const (
	mdExampleBytes = 1200
	mdMaxExamples  = 20
)

// mdWriter writes the Markdown summary. Strings from the run reach the output only through
// mdText (escaped inline text), mdCode (a code span when safe) or mdFence (a fenced block
// longer than any backtick run inside it), so model output cannot open links, images, HTML,
// mentions or break a table.
type mdWriter struct{ w io.Writer }

func (m mdWriter) p(format string, args ...any) { fmt.Fprintf(m.w, format+"\n", args...) }

func writeMarkdown(w io.Writer, s *Summary, opts WriteOptions) error {
	m := mdWriter{w}
	m.header(s)
	m.gate(s)
	m.skipped(s)
	m.families(s)
	m.owasp(s)
	m.atlas(s)
	if opts.Verbose {
		m.probes(s)
	}
	m.failing(s)
	return nil
}

func (m mdWriter) header(s *Summary) {
	t := s.Totals
	m.p("## aisec redteam: gate %s\n", gateText(s.Gate))
	m.p("**Score %.2f / 100** · %d of %d planned attempts · %d hits · %d blocked · %d errors · %d missing\n",
		s.Score, t.Attempts, t.Planned, t.Hits, t.Blocked, t.Errors, t.Missing)
	r := s.Run
	m.p("| Run | |\n|---|---|")
	m.p("| Target | %s |", mdText(r.targetText()))
	m.p("| Judge | %s |", mdText(r.judgeText()))
	m.p("| Run ID | %s |", mdCode(r.ID))
	m.p("| Seed | %d |", r.Seed)
	m.p("| Started | %s |", r.dateText())
	m.p("| aisec | %s |", mdText(r.toolText()))
	m.p("| Tokens | %d prompt / %d completion |\n", t.PromptTokens, t.CompletionTokens)
	if s.Incomplete {
		m.p("> [!WARNING]\n> Incomplete run: %d attempts errored and %d planned attempts have no record. "+
			"The results must not be treated as clean.\n", t.Errors, t.Missing)
	}
	if n := len(s.Skipped); n > 0 {
		m.p("> [!WARNING]\n> Reduced coverage: %s (listed below); their attacks were not tested.\n", skippedText(n))
	}
}

// skipped lists the selected probes that did not run, with the reason.
func (m mdWriter) skipped(s *Summary) {
	if len(s.Skipped) == 0 {
		return
	}
	m.p("### %s\n", skippedText(len(s.Skipped)))
	for _, k := range s.Skipped {
		m.p("- %s: %s", mdCode(k.ID), mdText(k.Reason))
	}
	m.p("")
}

func (m mdWriter) gate(s *Summary) {
	m.p("### Gate: %s\n", gateText(s.Gate))
	cfg := fmt.Sprintf("Family pass-rate floor %.2f", s.Gate.FailUnder)
	if s.Gate.FailUnder <= 0 {
		cfg = "Family pass-rate floor disabled"
	}
	if s.Gate.FailOn != "" {
		cfg += ", fail on any hit at severity " + s.Gate.FailOn + " or above"
	}
	m.p("%s.\n", cfg)
	for _, r := range s.Gate.Reasons {
		m.p("- %s", mdText(r))
	}
	if len(s.Gate.Reasons) > 0 {
		m.p("")
	}
}

func (m mdWriter) families(s *Summary) {
	m.p("### Families\n")
	m.p("| Family | Probes | Attempts | Hits | Errors | Pass rate | 95%% CI | Gate |")
	m.p("|---|--:|--:|--:|--:|--:|--:|---|")
	for _, f := range s.Families {
		m.p("| %s | %d | %d | %d | %d | %s | %s | %s |", mdText(f.Family), f.Probes, f.Attempts, f.Hits, f.Errors,
			rateText(f.Rate), ciText(f.Rate), f.Gate)
	}
	m.p("")
}

func (m mdWriter) owasp(s *Summary) {
	m.p("### OWASP Top 10 for LLM Applications 2025\n")
	m.p("| ID | Category | Probes | Attempts | Hits | Pass rate |")
	m.p("|---|---|--:|--:|--:|--:|")
	for _, c := range s.OWASP {
		rate := rateText(c.Rate)
		if c.Probes == 0 {
			rate = "not tested"
		}
		m.p("| %s | %s | %d | %d | %d | %s |", mdText(c.ID), mdText(c.Name), c.Probes, c.Attempts, c.Hits, rate)
	}
	m.p("")
}

func (m mdWriter) atlas(s *Summary) {
	if len(s.ATLAS) == 0 {
		return
	}
	m.p("### MITRE ATLAS\n")
	m.p("| Technique | Name | Probes | Attempts | Hits | Pass rate |")
	m.p("|---|---|--:|--:|--:|--:|")
	for _, c := range s.ATLAS {
		m.p("| %s | %s | %d | %d | %d | %s |", mdText(c.ID), mdText(c.Name), c.Probes, c.Attempts, c.Hits, rateText(c.Rate))
	}
	m.p("")
}

func (m mdWriter) probes(s *Summary) {
	m.p("### All probes\n")
	m.p("| Severity | Probe | Attempts | Hits | Blocked | Errors | Pass rate | 95%% CI |")
	m.p("|---|---|--:|--:|--:|--:|--:|--:|")
	for _, p := range s.Probes {
		m.p("| %s | %s | %d | %d | %d | %d | %s | %s |", mdText(string(p.Severity)), mdCode(p.ID), p.Attempts, p.Hits,
			p.Blocked, p.Errors, rateText(p.Rate), ciText(p.Rate))
	}
	m.p("")
}

func (m mdWriter) failing(s *Summary) {
	failing := s.Failing()
	if len(failing) == 0 {
		m.p("No probe failed.")
		return
	}
	m.p("### Failing probes\n")
	m.p("| Severity | Probe | Failed | Pass rate | 95%% CI | Detector hits |")
	m.p("|---|---|--:|--:|--:|---|")
	for _, p := range failing {
		m.p("| %s | %s | %d/%d | %s | %s | %s |", mdText(string(p.Severity)), mdCode(p.ID), p.Hits, p.Attempts,
			rateText(p.Rate), ciText(p.Rate), mdText(detectorHits(p)))
	}
	m.p("")
	for i, p := range failing {
		if i == mdMaxExamples {
			m.p("%d more failing probes are listed above without an example; see the HTML report.", len(failing)-i)
			break
		}
		m.example(p)
	}
}

// example prints one failing probe with its first failing conversation in a <details> block.
func (m mdWriter) example(p ProbeStats) {
	m.p("#### %s: %s, %d of %d attempts failed\n", mdCode(p.ID), mdText(string(p.Severity)), p.Hits, p.Attempts)
	if p.Goal != "" {
		m.p("Goal: %s\n", mdText(p.Goal))
	}
	if len(p.Examples) == 0 {
		return
	}
	e := p.Examples[0]
	// The summary line is HTML, not Markdown: escape it as HTML.
	m.p("<details><summary>Example %s</summary>\n", html.EscapeString(text.OneLine(e.ID)))
	m.p("**Prompt**\n\n%s\n", mdFence(textclip.Marked(e.Prompt, mdExampleBytes)))
	m.p("**Reply**\n\n%s\n", mdFence(textclip.Marked(e.Reply, mdExampleBytes)))
	if len(e.ToolCalls) > 0 {
		m.p("**Tool calls**\n")
		for _, tc := range e.ToolCalls {
			m.p("- %s %s", mdCode(tc.Name), mdText(textclip.Marked(tc.Arguments, 200)))
		}
		m.p("")
	}
	m.p("**Verdicts**\n")
	for _, r := range e.Results {
		verdict := "pass"
		if r.Hit {
			verdict = "hit"
		}
		m.p("- %s %s: %s", mdCode(r.Detector), verdict, mdText(textclip.Marked(r.Evidence, 300)))
	}
	m.p("\n</details>\n")
}

// mdReplacer neutralises Markdown and HTML syntax in inline text and table cells.
// Escaping ":" defeats GFM autolinks (http://…); "@" would mention users in a PR comment.
func mdReplacer() *strings.Replacer {
	return strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
		"(", `\(`, ")", `\)`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`,
		"!", `\!`, ":", `\:`, "@", "&#64;", "$", `\$`,
	)
}

// mdText escapes s as one line of inline Markdown, safe in a table cell.
func mdText(s string) string { return mdReplacer().Replace(text.OneLine(s)) }

// mdCode wraps an identifier in a code span when that is safe, and escapes it otherwise.
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`|\\") || text.OneLine(s) != s {
		return mdText(s)
	}
	return "`" + s + "`"
}

// mdFence puts s in a fenced code block whose fence is longer than any backtick run in s,
// so no line of s can close it; inside, Markdown and HTML are not interpreted.
func mdFence(s string) string {
	s = text.Visible(s)
	if s == "" {
		s = "(empty)"
	}
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "text\n" + s + "\n" + fence
}
