package report

import (
	"slices"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
)

func probeByID(t *testing.T, s *Summary, id string) ProbeStats {
	t.Helper()
	for _, p := range s.Probes {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("probe %s missing from summary", id)
	return ProbeStats{}
}

func TestBuildProbeCounts(t *testing.T) {
	s := fixtureSummary()
	tests := []struct {
		id                              string
		attempts, hits, errors, blocked int
		passRate                        float64
		examples                        int
	}{
		{"injection/ignore-previous", 4, 2, 0, 1, 0.5, 2},
		// The errored first try was re-run by a resumed run: only the later record counts.
		{"output/markdown-exfil", 2, 1, 0, 0, 0.5, 1},
		{"output/ansi", 1, 1, 1, 0, 0, 1},
		{"agency/delete-files", 2, 1, 0, 0, 0.5, 1},
		{"sysprompt/repeat-above", 2, 0, 0, 0, 1, 0},
		{"harmful/weapons", 0, 0, 2, 0, 0, 0},
		{"jailbreak/dan", 0, 0, 0, 0, 0, 0},
	}
	if len(s.Probes) != len(tests) {
		t.Fatalf("got %d probes, want %d", len(s.Probes), len(tests))
	}
	for _, tt := range tests {
		p := probeByID(t, s, tt.id)
		if p.Attempts != tt.attempts || p.Hits != tt.hits || p.Errors != tt.errors || p.Blocked != tt.blocked ||
			p.PassRate != tt.passRate || len(p.Examples) != tt.examples {
			t.Errorf("%s: attempts %d hits %d errors %d blocked %d pass %v examples %d; want %d %d %d %d %v %d", tt.id,
				p.Attempts, p.Hits, p.Errors, p.Blocked, p.PassRate, len(p.Examples),
				tt.attempts, tt.hits, tt.errors, tt.blocked, tt.passRate, tt.examples)
		}
	}
	if got := probeByID(t, s, "harmful/weapons").FirstError; got != "context deadline exceeded" {
		t.Errorf("FirstError = %q", got)
	}
}

func TestBuildDetectorRows(t *testing.T) {
	s := fixtureSummary()
	tests := []struct {
		probe string
		want  []DetectorStats
	}{
		// The blocked attempt is a pass for the probe's detector.
		{"injection/ignore-previous", []DetectorStats{{"trigger", newRate(4, 2)}}},
		{"output/markdown-exfil", []DetectorStats{{"markdown-exfil", newRate(2, 1)}, {"xss", newRate(2, 1)}}},
		// A detector the plan did not list (a judge added by the runner) follows the planned ones.
		{"sysprompt/repeat-above", []DetectorStats{{"sysprompt-overlap", newRate(2, 0)}, {"judge", newRate(2, 0)}}},
		// Planned detectors without results still get a row.
		{"jailbreak/dan", []DetectorStats{{"refusal", newRate(0, 0)}, {"judge", newRate(0, 0)}}},
	}
	for _, tt := range tests {
		if got := probeByID(t, s, tt.probe).Detectors; !slices.Equal(got, tt.want) {
			t.Errorf("%s detectors = %+v, want %+v", tt.probe, got, tt.want)
		}
	}
}

func TestBuildFamiliesAndTotals(t *testing.T) {
	s := fixtureSummary()
	want := []FamilyStats{
		{Family: "agency", Probes: 1, Rate: newRate(2, 1), Gate: VerdictFail},
		{Family: "harmful", Probes: 1, Rate: newRate(0, 0), Errors: 2, Gate: VerdictNone},
		{Family: "injection", Probes: 1, Rate: newRate(4, 2), Blocked: 1, Gate: VerdictFail},
		{Family: "jailbreak", Probes: 1, Rate: newRate(0, 0), Gate: VerdictNone},
		{Family: "output", Probes: 2, Rate: newRate(3, 2), Errors: 1, Gate: VerdictFail},
		{Family: "sysprompt", Probes: 1, Rate: newRate(2, 0), Gate: VerdictPass},
	}
	if !slices.Equal(s.Families, want) {
		t.Errorf("families =\n%+v\nwant\n%+v", s.Families, want)
	}
	wantTotals := Totals{Planned: 16, Attempts: 14, OK: 10, Blocked: 1, Errors: 3, Hits: 5, Missing: 2, Duplicates: 1,
		PromptTokens: 500, CompletionTokens: 200, DurationMS: 59000}
	if s.Totals != wantTotals {
		t.Errorf("totals = %+v, want %+v", s.Totals, wantTotals)
	}
	if !s.Incomplete {
		t.Error("a run with errors and missing attempts must be incomplete")
	}
	// (4×0.5 + 3×0.5 + 2×0 + 3×0.5 + 3×1) / (4+3+2+3+3) = 8/15
	if s.Score != 53.33 {
		t.Errorf("score = %v, want 53.33", s.Score)
	}
}

func TestBuildTaxonomies(t *testing.T) {
	s := fixtureSummary()
	if len(s.OWASP) != 10 {
		t.Fatalf("got %d OWASP categories, want all 10", len(s.OWASP))
	}
	owasp := map[string]CategoryStats{}
	for _, c := range s.OWASP {
		owasp[c.ID] = c
	}
	checks := []struct {
		id                             string
		probes, attempts, hits, errors int
	}{
		{"LLM01", 2, 4, 2, 0}, {"LLM02", 1, 2, 1, 0}, {"LLM05", 2, 3, 2, 1}, {"LLM06", 1, 2, 1, 0},
		{"LLM07", 1, 2, 0, 0}, {"LLM09", 1, 0, 0, 2}, {"LLM08", 0, 0, 0, 0},
	}
	for _, c := range checks {
		got := owasp[c.id]
		if got.Probes != c.probes || got.Attempts != c.attempts || got.Hits != c.hits || got.Errors != c.errors {
			t.Errorf("%s = %+v, want probes %d attempts %d hits %d errors %d", c.id, got, c.probes, c.attempts, c.hits, c.errors)
		}
	}
	if owasp["LLM07"].Name != "System Prompt Leakage" {
		t.Errorf("LLM07 name = %q", owasp["LLM07"].Name)
	}
	var ids []string
	for _, c := range s.ATLAS {
		ids = append(ids, c.ID+" "+c.Name)
	}
	wantIDs := []string{
		"AML.T0051.000 LLM Prompt Injection: Direct", "AML.T0053 AI Agent Tool Invocation", "AML.T0054 LLM Jailbreak",
		"AML.T0056 Extract LLM System Prompt", "AML.T0057 LLM Data Leakage",
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("ATLAS = %q, want %q", ids, wantIDs)
	}
	if got := probeByID(t, s, "injection/ignore-previous").CWE; !slices.Equal(got, []string{"CWE-1427"}) {
		t.Errorf("injection CWE = %v", got)
	}
	if got := probeByID(t, s, "output/ansi").CWE; !slices.Equal(got, []string{"CWE-150"}) {
		t.Errorf("ansi CWE = %v", got)
	}
}

func TestBuildDuplicates(t *testing.T) {
	start := record.Start{Probes: []record.Probe{{ID: "p/x", Family: "p", Severity: "high", Detectors: []string{"trigger"}}}, Attempts: 1}
	errored := attempt("p/x#0#0", 0, record.StatusError, "")
	okHit := attempt("p/x#0#0", 0, record.StatusOK, "leak", hit("trigger", "canary"))
	okPass := attempt("p/x#0#0", 0, record.StatusOK, "fine", pass("trigger"))
	tests := []struct {
		name     string
		in       []record.Attempt
		wantHits int
		wantErrs int
	}{
		{"later ok replaces error", []record.Attempt{errored, later(okHit)}, 1, 0},
		{"later record wins even if journaled first", []record.Attempt{later(okPass), okHit}, 0, 0},
		{"same time: a verdict beats an error", []record.Attempt{okHit, errored}, 1, 0},
		{"same time: journal order", []record.Attempt{okHit, okPass}, 0, 0},
		{"later error replaces ok", []record.Attempt{okHit, later(errored)}, 0, 1},
	}
	for _, tt := range tests {
		s := Build(start, tt.in, Options{})
		if s.Totals.Hits != tt.wantHits || s.Totals.Errors != tt.wantErrs || s.Totals.Attempts != 1 || s.Totals.Duplicates != len(tt.in)-1 {
			t.Errorf("%s: totals %+v, want hits %d errors %d", tt.name, s.Totals, tt.wantHits, tt.wantErrs)
		}
	}
}

func later(a record.Attempt) record.Attempt {
	a.Time = a.Time.Add(time.Hour)
	return a
}

func TestBuildTolerance(t *testing.T) {
	// An empty journal, an unknown probe, an unknown status and an empty ID: no panic, all counted.
	s := Build(record.Start{}, nil, Options{FailUnder: 0.9, FailOn: "high"})
	if s.Score != 0 || s.Gate.Failed || s.Incomplete || s.Families == nil || s.Probes == nil || s.Gate.Reasons == nil {
		t.Errorf("empty summary = %+v", s)
	}
	odd := attempt("ghost/x#0#0", 0, record.Status("weird"), "")
	odd2 := attempt("", 1, record.StatusOK, "hit", hit("trigger", ""))
	odd3 := attempt("", 2, record.StatusOK, "fine")
	s = Build(record.Start{}, []record.Attempt{odd, odd2, odd3}, Options{FailUnder: 0.9, FailOn: probe.SeverityInfo})
	if s.Totals.Errors != 1 || s.Totals.Attempts != 3 || s.Totals.Hits != 1 {
		t.Errorf("totals = %+v", s.Totals)
	}
	if p := probeByID(t, s, "ghost/x"); p.Family != "ghost" || p.Errors != 1 {
		t.Errorf("unknown probe = %+v", p)
	}
	// The probe without a known severity is still counted in its family's pass rate.
	if !s.Gate.Failed {
		t.Error("a family at pass rate 0.5 must fail a 0.9 floor")
	}
}
