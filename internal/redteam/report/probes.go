package report

import (
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// counter counts evaluated attempts and hits.
type counter struct{ attempts, hits int }

// probeAcc accumulates the attempts of one probe.
type probeAcc struct {
	stats    ProbeStats
	declared []string // the probe's detectors from the plan
	det      map[string]*counter
	total    counter
}

// accumulator collects attempts per probe.
type accumulator struct {
	byID map[string]*probeAcc
}

func newAccumulator(planned []record.Probe) *accumulator {
	acc := &accumulator{byID: make(map[string]*probeAcc, len(planned))}
	for _, p := range planned {
		if _, dup := acc.byID[p.ID]; !dup {
			acc.byID[p.ID] = newProbeAcc(p)
		}
	}
	return acc
}

// newProbeAcc fills the metadata of a probe from its plan entry.
func newProbeAcc(p record.Probe) *probeAcc {
	owasp := tagValues(p.Tags, "owasp", normOWASP)
	return &probeAcc{
		stats: ProbeStats{
			ID: p.ID, Family: p.Family, Description: p.Description, Goal: p.Goal,
			Severity: probe.Severity(p.Severity), Tags: slices.Clone(p.Tags),
			OWASP: owasp, ATLAS: tagValues(p.Tags, "atlas", normATLAS),
			CWE: probeCWEs(p.Family, p.Tags, owasp),
		},
		declared: slices.Clone(p.Detectors),
		det:      map[string]*counter{},
	}
}

// add counts one attempt; an attempt of a probe missing from the plan gets a bare entry.
func (acc *accumulator) add(a *record.Attempt) {
	pa, ok := acc.byID[a.Probe]
	if !ok {
		pa = newProbeAcc(record.Probe{ID: a.Probe, Family: a.Family})
		acc.byID[a.Probe] = pa
	}
	pa.add(a)
}

func (pa *probeAcc) add(a *record.Attempt) {
	switch a.Status {
	case record.StatusBlocked:
		pa.stats.Blocked++
		pa.total.attempts++
	case record.StatusOK:
		pa.total.attempts++
		pa.countDetectors(a.Results)
		if isHit(a) {
			pa.total.hits++
			if len(pa.stats.Examples) < MaxExamples {
				pa.stats.Examples = append(pa.stats.Examples, exampleOf(a))
			}
		}
	default:
		pa.stats.Errors++
		if pa.stats.FirstError == "" {
			pa.stats.FirstError = textclip.Marked(errorText(a), maxReasonBytes)
		}
	}
}

// countDetectors counts one ok attempt for every detector that returned a result. A
// detector listed twice counts once, as a hit if any of its results hit.
func (pa *probeAcc) countDetectors(results []detect.Result) {
	hit := map[string]bool{}
	var names []string
	for _, r := range results {
		if _, seen := hit[r.Detector]; !seen {
			names = append(names, r.Detector)
		}
		hit[r.Detector] = hit[r.Detector] || r.Hit
	}
	for _, n := range names {
		c := pa.det[n]
		if c == nil {
			c = &counter{}
			pa.det[n] = c
		}
		c.attempts++
		if hit[n] {
			c.hits++
		}
	}
}

func errorText(a *record.Attempt) string {
	if a.Error != "" {
		return a.Error
	}
	return "attempt status " + string(a.Status)
}

// probes finalises every probe, sorted by ID.
func (acc *accumulator) probes() []ProbeStats {
	out := make([]ProbeStats, 0, len(acc.byID))
	for _, pa := range acc.byID {
		out = append(out, pa.finish())
	}
	slices.SortFunc(out, func(a, b ProbeStats) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// finish computes the rates. Detectors are listed in plan order, then any other detector
// that returned results (a judge added by the runner) by name. A blocked attempt is a pass
// for every detector.
func (pa *probeAcc) finish() ProbeStats {
	s := pa.stats
	s.Rate = newRate(pa.total.attempts, pa.total.hits)
	names := slices.Clone(pa.declared)
	var extra []string
	for n := range pa.det {
		if !slices.Contains(names, n) {
			extra = append(extra, n)
		}
	}
	slices.Sort(extra)
	names = append(names, extra...)
	s.Detectors = make([]DetectorStats, 0, len(names))
	for _, n := range names {
		c := counter{}
		if d := pa.det[n]; d != nil {
			c = *d
		}
		s.Detectors = append(s.Detectors, DetectorStats{Detector: n, Rate: newRate(c.attempts+s.Blocked, c.hits)})
	}
	return s
}

// exampleOf copies a failing attempt, clipping every text field.
func exampleOf(a *record.Attempt) Example {
	e := Example{
		ID: a.ID, Seq: a.Seq, System: textclip.Marked(a.System, MaxExampleBytes), Prompt: textclip.Marked(a.Prompt, MaxExampleBytes),
		Reply: textclip.Marked(a.Reply, MaxExampleBytes), Tools: slices.Clone(a.Tools), HTTPStatus: a.HTTPStatus,
	}
	for _, tc := range a.ToolCalls {
		e.ToolCalls = append(e.ToolCalls, detect.ToolCall{Name: textclip.Marked(tc.Name, 256), Arguments: textclip.Marked(tc.Arguments, MaxExampleBytes)})
	}
	for _, r := range a.Results {
		r.Evidence = textclip.Marked(r.Evidence, 1024)
		e.Results = append(e.Results, r)
	}
	return e
}

// sortFailing orders probes most severe first, then by lowest pass rate, then by ID.
func sortFailing(ps []ProbeStats) {
	slices.SortStableFunc(ps, func(a, b ProbeStats) int {
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return rb - ra
		}
		if a.PassRate != b.PassRate {
			if a.PassRate < b.PassRate {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
}
