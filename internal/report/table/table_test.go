package table_test

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/reporttest"
	"github.com/aisecops/aisec/internal/report/table"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r *finding.Report, opts table.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := table.New(opts).Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		report *finding.Report
		opts   table.Options
	}{
		{"table", reporttest.Sample(), table.Options{}},
		{"table-verbose", reporttest.Sample(), table.Options{Verbose: true}},
		{"table-color", reporttest.Sample(), table.Options{Color: true}},
		{"table-clean", reporttest.Clean(), table.Options{}},
		{"table-empty", reporttest.Empty(), table.Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reporttest.Golden(t, tc.name, []byte(render(t, tc.report, tc.opts)), *update)
		})
	}
}

func TestVerbosity(t *testing.T) {
	quiet := render(t, reporttest.Sample(), table.Options{})
	loud := render(t, reporttest.Sample(), table.Options{Verbose: true})
	for _, s := range []string{"LOW ", "INFO ", "Fix: ", "neither known-safe"} {
		if strings.Contains(quiet, s) {
			t.Errorf("non-verbose output contains %q", s)
		}
		if !strings.Contains(loud, s) {
			t.Errorf("verbose output lacks %q", s)
		}
	}
	if !strings.Contains(quiet, "2 low/info finding(s) not shown") {
		t.Error("non-verbose output does not say findings were hidden")
	}
}

func TestNoColorIsPlain(t *testing.T) {
	for _, opts := range []table.Options{{}, {Verbose: true}} {
		out := render(t, reporttest.Sample(), opts)
		if strings.Contains(out, "\x1b") {
			t.Errorf("escape byte in output with %+v (hostile text not escaped, or colour leaked)", opts)
		}
		if strings.Count(out, "models/model.pt!/archive/data.pkl\n") != 1 {
			t.Errorf("member findings not grouped under one header:\n%s", out)
		}
	}
	colored := render(t, reporttest.Sample(), table.Options{Color: true})
	if !strings.Contains(colored, "\x1b[1;31mCRITICAL\x1b[0m") {
		t.Error("colour output lacks a coloured CRITICAL label")
	}
	// The only escape sequences in colour output are ours: the hostile \x1b[2J stays escaped.
	if strings.Contains(colored, "\x1b[2J") {
		t.Error("hostile escape sequence reached the terminal")
	}
}

func TestLineWidth(t *testing.T) {
	r := reporttest.Clean()
	r.Findings = []finding.Finding{{Rule: "AISEC-X", Severity: finding.Critical, Title: "t", Path: "a.pkl", Offset: 5,
		Evidence: strings.Repeat("é", 500)}}
	r.Files[0].Status, r.Files[0].Error = finding.StatusPartial, strings.Repeat("e", 500)
	r.Summarize()
	for _, line := range strings.Split(render(t, r, table.Options{}), "\n")[1:] {
		if n := utf8.RuneCountInString(line); n > 120 {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
}

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name   string
		report func() *finding.Report
		want   string
	}{
		{"clean", reporttest.Clean, "No findings.\n"},
		{"incomplete", func() *finding.Report {
			r := reporttest.Clean()
			r.Files[0].Status = finding.StatusError
			r.Summarize()
			return r
		}, "No findings, but 1 file(s) could not be fully analysed.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if out := render(t, tc.report(), table.Options{}); !strings.HasSuffix(out, tc.want) {
				t.Errorf("output ends %q, want %q", out[max(0, len(out)-80):], tc.want)
			}
		})
	}
	if out := render(t, reporttest.Sample(), table.Options{}); strings.Contains(out, "No findings") {
		t.Error("report with findings says no findings")
	}
}
