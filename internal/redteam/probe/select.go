package probe

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Select filters all, keeping its order. include and exclude hold family
// names ("injection") or probe IDs ("injection/ignore-previous"); an empty
// include keeps everything. tags, when given, keep only probes that carry at
// least one of them (see [Probe.HasTag]). A name or tag that matches nothing
// is an error that suggests close matches, so typos never silently shrink a
// run. The result may be empty when the filters exclude everything.
func Select(all []Probe, include, exclude, tags []string) ([]Probe, error) {
	inc, err := resolve(all, include)
	if err != nil {
		return nil, fmt.Errorf("unable to select probes: %w", err)
	}
	exc, err := resolve(all, exclude)
	if err != nil {
		return nil, fmt.Errorf("unable to exclude probes: %w", err)
	}
	for _, t := range tags {
		if !slices.ContainsFunc(all, func(p Probe) bool { return p.HasTag(t) }) {
			return nil, fmt.Errorf("unable to select probes: no probe has tag %q%s", t, suggest(t, allTags(all)))
		}
	}
	var out []Probe
	for _, p := range all {
		if (len(include) > 0 && !inc[p.ID]) || exc[p.ID] {
			continue
		}
		if len(tags) > 0 && !slices.ContainsFunc(tags, p.HasTag) {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// resolve maps family names and probe IDs to the set of matching IDs.
func resolve(all []Probe, names []string) (map[string]bool, error) {
	set := make(map[string]bool)
	for _, n := range names {
		n = strings.TrimSpace(n)
		found := false
		for _, p := range all {
			if p.ID == n || p.Family == n {
				set[p.ID] = true
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown probe or family %q%s", n, suggest(n, candidates(all)))
		}
	}
	return set, nil
}

func candidates(all []Probe) []string {
	out := Families(all)
	for _, p := range all {
		out = append(out, p.ID)
	}
	return out
}

func allTags(all []Probe) []string {
	var out []string
	for _, p := range all {
		for _, t := range p.Tags {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// suggest returns ", did you mean: a, b" listing up to five candidates
// within a small edit distance or sharing a prefix/substring with s.
func suggest(s string, cands []string) string {
	ls := strings.ToLower(s)
	var close []string
	for _, c := range cands {
		lc := strings.ToLower(c)
		limit := max(2, len(ls)/4)
		if (len(ls) >= 3 && strings.Contains(lc, ls)) || editDistance(ls, lc, limit) <= limit {
			close = append(close, c)
		}
		if len(close) == 5 {
			break
		}
	}
	if len(close) == 0 {
		return ""
	}
	return "; did you mean: " + strings.Join(close, ", ")
}

// editDistance is the Levenshtein distance of a and b, giving up early
// (returning limit+1) once it must exceed limit; inputs are short names.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Shuffle orders ps in place deterministically: it sorts by ID (so the
// result does not depend on load order) and then shuffles with a PCG seeded
// by seed. The same seed and probe set always give the same order.
func Shuffle(ps []Probe, seed uint64) {
	slices.SortFunc(ps, func(a, b Probe) int { return strings.Compare(a.ID, b.ID) })
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
}
