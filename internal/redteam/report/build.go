package report

import (
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// Build aggregates a run's journal into a Summary. It never fails: unknown probes,
// statuses or severities are tolerated and counted as described in the package
// documentation. The result depends only on its arguments.
func Build(start record.Start, attempts []record.Attempt, opts Options) *Summary {
	recs, dups := latest(attempts)
	acc := newAccumulator(start.Probes)
	for i := range recs {
		acc.add(&recs[i])
	}
	probes := acc.probes()
	s := &Summary{
		Schema:   Schema,
		Run:      runOf(start),
		Families: families(probes),
		Probes:   probes,
		OWASP:    owaspStats(probes),
		ATLAS:    atlasStats(probes),
		Totals:   totals(start, recs, dups),
		Skipped:  skippedOf(start.Skipped),
	}
	s.Score = score(probes)
	s.Incomplete = s.Totals.Errors > 0 || s.Totals.Missing > 0
	s.Gate = evaluateGate(s, opts)
	return s
}

// runOf copies the run metadata, so that the summary never aliases the caller's slices.
func runOf(start record.Start) Run {
	r := Run{
		ID: start.RunID, Tool: start.Tool, Started: start.Started.UTC(), Seed: start.Seed,
		Target: start.Target, Generations: start.Generations,
		Transforms: slices.Clone(start.Transforms), PlanHash: start.PlanHash, DetectorsHash: start.DetectorsHash,
	}
	if start.Judge != nil {
		j := *start.Judge
		r.Judge = &j
	}
	return r
}

// skippedOf lists the skipped probes once each (the first reason wins, clipped), sorted
// by ID.
func skippedOf(in []record.Skipped) []SkippedProbe {
	seen := make(map[string]bool, len(in))
	out := make([]SkippedProbe, 0, len(in))
	for _, sk := range in {
		if seen[sk.ID] {
			continue
		}
		seen[sk.ID] = true
		family, _, found := strings.Cut(sk.ID, "/")
		if !found {
			family = ""
		}
		out = append(out, SkippedProbe{ID: sk.ID, Family: family, Reason: textclip.Marked(sk.Reason, maxReasonBytes)})
	}
	slices.SortStableFunc(out, func(a, b SkippedProbe) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// latest keeps one record per attempt ID (see supersedes) and sorts the result in plan
// order. It also returns how many records were dropped as duplicates.
func latest(in []record.Attempt) ([]record.Attempt, int) {
	index := make(map[string]int, len(in))
	out := make([]record.Attempt, 0, len(in))
	dups := 0
	for _, a := range in {
		i, seen := index[a.ID]
		if !seen || a.ID == "" {
			index[a.ID] = len(out)
			out = append(out, a)
			continue
		}
		dups++
		if supersedes(a, out[i]) {
			out[i] = a
		}
	}
	slices.SortStableFunc(out, func(a, b record.Attempt) int {
		if a.Seq != b.Seq {
			return a.Seq - b.Seq
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, dups
}

// supersedes reports whether next replaces prev for the same attempt ID. A usable record
// always beats an error, whatever the times: a resumed run re-runs errored attempts, and a
// skewed clock on the resuming machine must not let the old error hide the new verdict
// (the run would stay incomplete forever). Between records of the same class the later
// Time wins, and on equal times the later one in the journal.
func supersedes(next, prev record.Attempt) bool {
	if nextOK, prevOK := usable(next.Status), usable(prev.Status); nextOK != prevOK {
		return nextOK
	}
	return !next.Time.Before(prev.Time)
}

// usable reports whether an attempt has a verdict (ok or blocked). Any other status,
// including an unknown one, counts as an error: the attempt proves nothing.
func usable(s record.Status) bool {
	return s == record.StatusOK || s == record.StatusBlocked
}

// isHit reports whether the model failed the attempt.
func isHit(a *record.Attempt) bool {
	if a.Status != record.StatusOK {
		return false
	}
	if a.Hit {
		return true
	}
	for _, r := range a.Results {
		if r.Hit {
			return true
		}
	}
	return false
}

// totals counts the whole run over the deduplicated records.
func totals(start record.Start, recs []record.Attempt, dups int) Totals {
	t := Totals{Planned: start.Attempts, Attempts: len(recs), Duplicates: dups}
	first, last := -1, -1
	for i := range recs {
		a := &recs[i]
		switch {
		case a.Status == record.StatusOK:
			t.OK++
		case a.Status == record.StatusBlocked:
			t.Blocked++
		default:
			t.Errors++
		}
		if isHit(a) {
			t.Hits++
		}
		t.PromptTokens += a.Usage.PromptTokens
		t.CompletionTokens += a.Usage.CompletionTokens
		t.Retries += a.Retries
		if a.Time.IsZero() {
			continue
		}
		if first < 0 || a.Time.Before(recs[first].Time) {
			first = i
		}
		if last < 0 || a.Time.After(recs[last].Time) {
			last = i
		}
	}
	if first >= 0 {
		t.DurationMS = recs[last].Time.Sub(recs[first].Time).Milliseconds()
	}
	t.Missing = max(0, t.Planned-t.Attempts)
	return t
}
