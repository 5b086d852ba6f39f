package markdown_test

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/markdown"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r *finding.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := markdown.New().Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	reporttest.Golden(t, "markdown", []byte(render(t, reporttest.Sample())), *update)
	reporttest.Golden(t, "markdown-clean", []byte(render(t, reporttest.Clean())), *update)
}

func TestSections(t *testing.T) {
	for _, tc := range []struct {
		name        string
		report      *finding.Report
		want, avoid []string
	}{
		{"sample", reporttest.Sample(),
			[]string{"## Summary", "## Findings", "## Incomplete analysis", "## Suppressed", "1 finding(s) suppressed",
				"highest severity critical"},
			[]string{"No findings."}},
		{"clean", reporttest.Clean(), []string{"No findings.", "**Result: no findings.**"},
			[]string{"## Incomplete analysis", "## Suppressed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, tc.report)
			for _, s := range tc.want {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q", s)
				}
			}
			for _, s := range tc.avoid {
				if strings.Contains(out, s) {
					t.Errorf("output has %q", s)
				}
			}
		})
	}
}

// TestFindingsOrder checks severity descending, then location.
func TestFindingsOrder(t *testing.T) {
	var sev []string
	for _, line := range strings.Split(render(t, reporttest.Sample()), "\n") {
		if strings.HasPrefix(line, "| ") && strings.Contains(line, "`AISEC-") {
			sev = append(sev, strings.Trim(strings.Fields(line)[1], "*"))
		}
	}
	want := "critical critical high medium low info"
	if got := strings.Join(sev, " "); got != want {
		t.Errorf("severity order = %q, want %q", got, want)
	}
}

// TestHostileCells checks that evidence cannot break the table or inject markup.
func TestHostileCells(t *testing.T) {
	r := reporttest.Clean()
	r.Findings = []finding.Finding{{
		Rule: "AISEC-X", Severity: finding.High, Title: "t", Path: "a|b.pkl", Offset: -1,
		Evidence: "x|y\nz <img src=x onerror=alert(1)> [link](http://evil) `code` \x1b[31m",
	}}
	r.Summarize()
	out := render(t, r)
	var row string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "AISEC-X") {
			row = line
		}
	}
	if row == "" {
		t.Fatal("finding row missing (a newline leaked?)")
	}
	if n := strings.Count(row, "|") - strings.Count(row, `\|`); n != 7 {
		t.Errorf("row has %d cell separators, want 7: %s", n, row)
	}
	for _, bad := range []string{"<img", "](", "http://", "\x1b", "`code`"} {
		if strings.Contains(strings.ReplaceAll(row, `\`+bad[:1], ""), bad) {
			t.Errorf("row contains unescaped %q: %s", bad, row)
		}
	}
}
