package report

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/redteam/detect"
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
	errored.Error = "first error"
	errored2 := errored
	errored2.Error = "second error"
	weird := attempt("p/x#0#0", 0, record.Status("weird"), "leak", hit("trigger", "canary"))
	weird.Error = "weird status"
	okHit := attempt("p/x#0#0", 0, record.StatusOK, "leak", hit("trigger", "canary"))
	okPass := attempt("p/x#0#0", 0, record.StatusOK, "fine", pass("trigger"))
	blocked := attempt("p/x#0#0", 0, record.StatusBlocked, "")
	tests := []struct {
		name      string
		in        []record.Attempt
		wantHits  int
		wantErrs  int
		wantBlock int
		wantError string // FirstError of the probe when the kept record is an error
	}{
		{"later ok replaces error", []record.Attempt{errored, later(okHit)}, 1, 0, 0, ""},
		// Clock skew: the resumed run's clock is behind, so its usable record looks older.
		{"skew: ok beats a later-stamped error journaled first", []record.Attempt{later(errored), okHit}, 1, 0, 0, ""},
		{"skew: ok beats a later-stamped error journaled last", []record.Attempt{okHit, later(errored)}, 1, 0, 0, ""},
		{"skew: blocked beats a later-stamped error", []record.Attempt{later(errored), blocked}, 0, 0, 1, ""},
		{"unknown status counts as an error", []record.Attempt{okPass, later(weird)}, 0, 0, 0, ""},
		{"same time: a verdict beats an error", []record.Attempt{okHit, errored}, 1, 0, 0, ""},
		{"usable: later record wins even if journaled first", []record.Attempt{later(okPass), okHit}, 0, 0, 0, ""},
		{"usable: later blocked replaces ok", []record.Attempt{okHit, later(blocked)}, 0, 0, 1, ""},
		{"usable, same time: journal order", []record.Attempt{okHit, okPass}, 0, 0, 0, ""},
		{"usable, same time: journal order reversed", []record.Attempt{okPass, okHit}, 1, 0, 0, ""},
		{"errors: later record wins even if journaled first", []record.Attempt{later(errored2), errored}, 0, 1, 0, "second error"},
		{"errors: unknown status is one of them", []record.Attempt{errored, later(weird)}, 0, 1, 0, "weird status"},
		{"errors, same time: journal order", []record.Attempt{errored2, errored}, 0, 1, 0, "first error"},
	}
	for _, tt := range tests {
		s := Build(start, tt.in, Options{})
		tot := s.Totals
		if tot.Hits != tt.wantHits || tot.Errors != tt.wantErrs || tot.Blocked != tt.wantBlock || tot.Attempts != 1 ||
			tot.Duplicates != len(tt.in)-1 {
			t.Errorf("%s: totals %+v, want hits %d errors %d blocked %d", tt.name, tot, tt.wantHits, tt.wantErrs, tt.wantBlock)
		}
		if s.Incomplete != (tt.wantErrs > 0) {
			t.Errorf("%s: incomplete = %v", tt.name, s.Incomplete)
		}
		if got := probeByID(t, s, "p/x").FirstError; got != tt.wantError {
			t.Errorf("%s: first error = %q, want %q", tt.name, got, tt.wantError)
		}
	}
}

// TestBuildSelectionOrderIndependent feeds every permutation of records for one attempt that
// differ in class or time: the kept record must not depend on journal order. The newest
// records are errors (a resumed run on a machine whose clock was behind re-ran the attempt
// after them), so a rule based on time alone would keep the run incomplete.
func TestBuildSelectionOrderIndependent(t *testing.T) {
	start := record.Start{Probes: []record.Probe{{ID: "p/x", Family: "p", Severity: "high", Detectors: []string{"trigger"}}}, Attempts: 1}
	recs := []record.Attempt{
		attempt("p/x#0#0", 0, record.StatusOK, "fine", pass("trigger")),
		later(attempt("p/x#0#0", 0, record.StatusOK, "leak", hit("trigger", "canary"))), // the winner
		later(later(attempt("p/x#0#0", 0, record.StatusError, ""))),
		later(later(later(attempt("p/x#0#0", 0, record.Status("weird"), "")))),
		attempt("p/x#0#0", 0, record.StatusBlocked, ""),
	}
	recs[4].Time = recs[4].Time.Add(-time.Hour)
	n := 0
	permute(recs, 0, func(in []record.Attempt) {
		n++
		s := Build(start, in, Options{})
		if s.Totals.Hits != 1 || s.Totals.Errors != 0 || s.Totals.Blocked != 0 || s.Incomplete {
			t.Fatalf("journal %v: totals %+v, want the later ok record with the hit", statuses(in), s.Totals)
		}
		if ex := probeByID(t, s, "p/x").Examples; len(ex) != 1 || ex[0].Reply != "leak" {
			t.Fatalf("journal %v: examples %+v", statuses(in), ex)
		}
	})
	if n != 120 {
		t.Fatalf("ran %d permutations, want 120", n)
	}
}

// permute calls f with every permutation of a[k:] (Heap's algorithm would do; this is the
// plain recursive swap).
func permute(a []record.Attempt, k int, f func([]record.Attempt)) {
	if k == len(a) {
		f(slices.Clone(a))
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		permute(a, k+1, f)
		a[k], a[i] = a[i], a[k]
	}
}

func statuses(in []record.Attempt) []record.Status {
	out := make([]record.Status, 0, len(in))
	for _, a := range in {
		out = append(out, a.Status)
	}
	return out
}

func later(a record.Attempt) record.Attempt {
	a.Time = a.Time.Add(time.Hour)
	return a
}

func TestBuildSkipped(t *testing.T) {
	s := fixtureSummary()
	want := []SkippedProbe{
		{ID: "jailbreak/judge-only", Family: "jailbreak", Reason: "the judge detector needs --judge"},
		{ID: "packages/hallucinated-npm", Family: "packages", Reason: "the packages detector needs a package list (detectors.packages)"},
	}
	if !slices.Equal(s.Skipped, want) {
		t.Errorf("skipped = %+v, want %+v (sorted by ID)", s.Skipped, want)
	}
	if s.Run.DetectorsHash != "sha256:fedcba9876543210" {
		t.Errorf("detectors hash = %q", s.Run.DetectorsHash)
	}
	// Skipped probes are not probes of the run: no rates, no family of their own.
	for _, p := range s.Probes {
		if p.ID == "jailbreak/judge-only" || p.Family == "packages" {
			t.Errorf("skipped probe counted as run: %+v", p)
		}
	}

	// On their own they neither fail the gate nor make the run incomplete.
	start := fixtureStart()
	start.Probes, start.Attempts = start.Probes[:1], 1
	start.Skipped = []record.Skipped{
		{ID: "solo", Reason: "no family"}, {ID: "b/x", Reason: strings.Repeat("r", 2*maxReasonBytes)},
		{ID: "b/x", Reason: "listed twice"},
	}
	clean := Build(start, []record.Attempt{attempt("injection/ignore-previous#0#0", 0, record.StatusOK, "no", pass("trigger"))}, fixtureOptions())
	if clean.Incomplete || clean.Gate.Failed {
		t.Errorf("a clean run with skipped probes: incomplete %v, gate %+v", clean.Incomplete, clean.Gate)
	}
	if len(clean.Skipped) != 2 || clean.Skipped[0].ID != "b/x" || len(clean.Skipped[0].Reason) > maxReasonBytes ||
		clean.Skipped[1] != (SkippedProbe{ID: "solo", Reason: "no family"}) {
		t.Errorf("skipped = %+v, want b/x (first reason, clipped) then solo without a family", clean.Skipped)
	}
	if empty := Build(record.Start{}, nil, Options{}); empty.Skipped == nil {
		t.Error("skipped must be an empty list, not null, in the JSON contract")
	}
}

func TestExampleFieldsBounded(t *testing.T) {
	big := strings.Repeat("é", MaxExampleBytes) // 2 bytes a rune: the cut must respect boundaries
	a := attempt("p/x#0#0", 0, record.StatusOK, big, detect.Result{Detector: "d", Hit: true, Evidence: big})
	a.System, a.Prompt = big, big
	a.ToolCalls = []detect.ToolCall{{Name: big, Arguments: big}}
	e := exampleOf(&a)
	fields := map[string][2]any{
		"system": {e.System, MaxExampleBytes}, "prompt": {e.Prompt, MaxExampleBytes}, "reply": {e.Reply, MaxExampleBytes},
		"arguments": {e.ToolCalls[0].Arguments, MaxExampleBytes}, "tool name": {e.ToolCalls[0].Name, 256},
		"evidence": {e.Results[0].Evidence, 1024},
	}
	for name, f := range fields {
		got, limit := f[0].(string), f[1].(int)
		if len(got) > limit || !utf8.ValidString(got) || !strings.HasSuffix(got, " bytes clipped]") {
			t.Errorf("%s: %d bytes (limit %d), valid UTF-8 %v, ends %q", name, len(got), limit, utf8.ValidString(got), got[max(len(got)-30, 0):])
		}
		if len(got) < limit-30 {
			t.Errorf("%s: clipped to %d bytes, far below the limit %d", name, len(got), limit)
		}
	}
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
