package report

import (
	"slices"
	"strings"
)

// tally sums probes into a group.
type tally struct {
	probes, attempts, hits, errors, blocked int
}

func (t *tally) add(p ProbeStats) {
	t.probes++
	t.attempts += p.Attempts
	t.hits += p.Hits
	t.errors += p.Errors
	t.blocked += p.Blocked
}

// families pools the probes of each family (attempts and hits are summed, so large probes
// weigh more), sorted by family name. Gate verdicts are set later by evaluateGate.
func families(probes []ProbeStats) []FamilyStats {
	byName := map[string]*tally{}
	var names []string
	for _, p := range probes {
		t := byName[p.Family]
		if t == nil {
			t = &tally{}
			byName[p.Family] = t
			names = append(names, p.Family)
		}
		t.add(p)
	}
	slices.Sort(names)
	out := make([]FamilyStats, 0, len(names))
	for _, n := range names {
		t := byName[n]
		out = append(out, FamilyStats{
			Family: n, Probes: t.probes, Rate: newRate(t.attempts, t.hits),
			Errors: t.errors, Blocked: t.blocked, Gate: VerdictNone,
		})
	}
	return out
}

// owaspStats returns one entry per OWASP LLM Top 10 2025 category, tested or not (a
// category without probes shows a coverage gap), followed by any other LLMxx ID found in
// the tags.
func owaspStats(probes []ProbeStats) []CategoryStats {
	ids := []string{}
	for _, c := range OWASPCategories() {
		ids = append(ids, c.ID)
	}
	var other []string
	for _, p := range probes {
		for _, id := range p.OWASP {
			if !slices.Contains(ids, id) && !slices.Contains(other, id) {
				other = append(other, id)
			}
		}
	}
	slices.Sort(other)
	return categoryStats(probes, append(ids, other...), func(p ProbeStats) []string { return p.OWASP }, OWASPName)
}

// atlasStats returns one entry per ATLAS technique found in the tags, sorted by ID.
func atlasStats(probes []ProbeStats) []CategoryStats {
	var ids []string
	for _, p := range probes {
		for _, id := range p.ATLAS {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.SortFunc(ids, strings.Compare)
	return categoryStats(probes, ids, func(p ProbeStats) []string { return p.ATLAS }, ATLASName)
}

// categoryStats sums, for each ID, the probes whose keys contain it.
func categoryStats(probes []ProbeStats, ids []string, keys func(ProbeStats) []string, name func(string) string) []CategoryStats {
	out := make([]CategoryStats, 0, len(ids))
	for _, id := range ids {
		var t tally
		for _, p := range probes {
			if slices.Contains(keys(p), id) {
				t.add(p)
			}
		}
		out = append(out, CategoryStats{ID: id, Name: name(id), Probes: t.probes, Rate: newRate(t.attempts, t.hits), Errors: t.errors})
	}
	return out
}
