package vuln

import (
	"encoding/json"
	"testing"
)

func TestCVSS3BaseScore(t *testing.T) {
	// Scores as published by the FIRST CVSS 3.1 calculator.
	cases := []struct {
		vector string
		score  float64
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8},
		{"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
		{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
		{"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 9.1},
		{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1},
		{"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8},
		{"CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", 9.8},
	}
	for _, c := range cases {
		got, err := CVSS3BaseScore(c.vector)
		if err != nil || got != c.score {
			t.Errorf("CVSS3BaseScore(%s) = %v, %v; want %v", c.vector, got, err, c.score)
		}
	}
	for _, bad := range []string{
		"", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	} {
		if _, err := CVSS3BaseScore(bad); err == nil {
			t.Errorf("CVSS3BaseScore(%q) accepted", bad)
		}
	}
}

func TestSeverityOf(t *testing.T) {
	v3 := func(v string) []osvSeverity { return []osvSeverity{{Type: "CVSS_V3", Score: v}} }
	v4 := []osvSeverity{{Type: "CVSS_V4", Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}
	cases := []struct {
		name string
		sev  []osvSeverity
		db   string
		want string
	}{
		{"v3 critical", v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), `"LOW"`, "critical"},
		{"v3 high", v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"), "", "high"},
		{"v3 medium", v3("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"), "", "medium"},
		{"v3 low", v3("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"), "", "low"},
		{"v3 none", v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), "", ""},
		{"bad v3 falls back", v3("garbage"), `"HIGH"`, "high"},
		{"v4 uses database", v4, `"CRITICAL"`, "critical"},
		{"v4 alone", v4, "", ""},
		{"moderate", nil, `"MODERATE"`, "medium"},
		{"low", nil, `"low"`, "low"},
		{"unknown label", nil, `"UNKNOWN"`, ""},
		{"non-string label", nil, `7.5`, ""},
	}
	for _, c := range cases {
		var raw json.RawMessage
		if c.db != "" {
			raw = json.RawMessage(c.db)
		}
		if got := severityOf(c.sev, raw); got != c.want {
			t.Errorf("%s: severityOf = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	long := make([]rune, 400)
	for i := range long {
		long[i] = 'é'
	}
	cases := []struct{ summary, details, want string }{
		{"  Hello\tworld  ", "ignored", "Hello world"},
		{"", "\n\n  First line \nsecond", "First line"},
		{"evil\x1b[31mred\x1b[0m", "", "evil [31mred [0m"},
		{"", "", ""},
		{"", "### Summary\n\nThe loader runs code.\n### Impact", "The loader runs code."},
		{"", "## Only a heading", "Only a heading"},
		{"safe\u202etxt.exe\u200b", "", "safe txt.exe"},
	}
	for _, c := range cases {
		if got := summarize(c.summary, c.details); got != c.want {
			t.Errorf("summarize(%q, %q) = %q, want %q", c.summary, c.details, got, c.want)
		}
	}
	if got := []rune(summarize(string(long), "")); len(got) != maxSummaryRunes || got[len(got)-1] != '…' {
		t.Errorf("long summary: %d runes", len(got))
	}
}
