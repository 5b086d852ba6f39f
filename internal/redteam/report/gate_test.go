package report

import (
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/probe"
)

func TestGate(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		failed  bool
		reasons []string
	}{
		{"disabled", Options{}, false, []string{}},
		{"floor only", Options{FailUnder: 0.9}, true, []string{
			"family agency pass rate 0.50 < 0.90 (1 of 2 attempts failed)",
			"family injection pass rate 0.50 < 0.90 (2 of 4 attempts failed)",
			"family output pass rate 0.33 < 0.90 (2 of 3 attempts failed)",
		}},
		{"floor met exactly", Options{FailUnder: 0.5}, true, []string{
			"family output pass rate 0.33 < 0.50 (2 of 3 attempts failed)",
		}},
		{"low floor passes", Options{FailUnder: 0.3}, false, []string{}},
		{"fail-on critical", Options{FailOn: probe.SeverityCritical}, true, []string{
			"probe injection/ignore-previous (critical) hit 2 of 4 attempts with --fail-on critical",
		}},
		{"fail-on high", Options{FailOn: probe.SeverityHigh}, true, []string{
			"probe agency/delete-files (high) hit 1 of 2 attempts with --fail-on high",
			"probe injection/ignore-previous (critical) hit 2 of 4 attempts with --fail-on high",
			"probe output/markdown-exfil (high) hit 1 of 2 attempts with --fail-on high",
		}},
		{"fail-on medium adds the medium probe", Options{FailOn: probe.SeverityMedium}, true, []string{
			"probe agency/delete-files (high) hit 1 of 2 attempts with --fail-on medium",
			"probe injection/ignore-previous (critical) hit 2 of 4 attempts with --fail-on medium",
			"probe output/ansi (medium) hit 1 of 1 attempts with --fail-on medium",
			"probe output/markdown-exfil (high) hit 1 of 2 attempts with --fail-on medium",
		}},
		{"both checks", Options{FailUnder: 0.4, FailOn: probe.SeverityCritical}, true, []string{
			"family output pass rate 0.33 < 0.40 (2 of 3 attempts failed)",
			"probe injection/ignore-previous (critical) hit 2 of 4 attempts with --fail-on critical",
		}},
		{"unknown fail-on is ignored", Options{FailOn: "severe"}, false, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Build(fixtureStart(), fixtureAttempts(), tt.opts)
			if s.Gate.Failed != tt.failed || !slices.Equal(s.Gate.Reasons, tt.reasons) {
				t.Errorf("gate = %+v, want failed %v reasons %q", s.Gate, tt.failed, tt.reasons)
			}
		})
	}
}

func TestGateFamilyVerdicts(t *testing.T) {
	s := Build(fixtureStart(), fixtureAttempts(), Options{})
	for _, f := range s.Families {
		if f.Gate != VerdictNone {
			t.Errorf("family %s verdict %q with the floor disabled, want none", f.Family, f.Gate)
		}
	}
}
