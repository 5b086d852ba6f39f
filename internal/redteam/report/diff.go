package report

import (
	"fmt"
	"github.com/aisecops/aisec/internal/report/text"
	"io"
	"slices"
	"text/tabwriter"
)

// Diff compares a run with a baseline run of the same endpoint (or of the model it
// replaces): per family and per probe, the pass rates before and after.
type Diff struct {
	Baseline Run          `json:"baseline"`
	Current  Run          `json:"current"`
	Score    [2]float64   `json:"score"`
	Families []RateChange `json:"families"`
	// Probes lists only the probes whose pass rate changed, or that exist in one run only.
	Probes []RateChange `json:"probes"`
	// Regressed is true when a family or probe dropped by more than the tolerance, or a
	// probe that passed in the baseline now fails.
	Regressed bool     `json:"regressed"`
	Reasons   []string `json:"reasons,omitempty"`
}

// RateChange is one family's or probe's pass rate in both runs; a side without evaluated
// attempts is null.
type RateChange struct {
	ID       string   `json:"id"`
	Baseline *float64 `json:"baseline"`
	Current  *float64 `json:"current"`
	// Delta is current − baseline (0 when a side is missing).
	Delta float64 `json:"delta"`
}

// Compare builds the diff of cur against base. A drop larger than tolerance (a pass-rate
// fraction, e.g. 0.05) in a family or probe, or a probe going from no hit to hits, is a
// regression.
func Compare(base, cur *Summary, tolerance float64) *Diff {
	d := &Diff{Baseline: base.Run, Current: cur.Run, Score: [2]float64{base.Score, cur.Score}}
	d.Families = changes(familyRates(base), familyRates(cur), false)
	d.Probes = changes(probeRates(base), probeRates(cur), true)
	for _, c := range d.Families {
		if c.Baseline != nil && c.Current != nil && c.Delta < -tolerance {
			d.Reasons = append(d.Reasons, fmt.Sprintf("family %s pass rate %.2f → %.2f", c.ID, *c.Baseline, *c.Current))
		}
	}
	for _, c := range d.Probes {
		if c.Baseline != nil && c.Current != nil && (c.Delta < -tolerance || (*c.Baseline == 1 && *c.Current < 1)) {
			d.Reasons = append(d.Reasons, fmt.Sprintf("probe %s pass rate %.2f → %.2f", c.ID, *c.Baseline, *c.Current))
		}
	}
	d.Regressed = len(d.Reasons) > 0
	return d
}

func familyRates(s *Summary) map[string]Rate {
	m := make(map[string]Rate, len(s.Families))
	for _, f := range s.Families {
		m[f.Family] = f.Rate
	}
	return m
}

func probeRates(s *Summary) map[string]Rate {
	m := make(map[string]Rate, len(s.Probes))
	for _, p := range s.Probes {
		m[p.ID] = p.Rate
	}
	return m
}

// changes pairs the rates by ID, sorted; onlyChanged drops unchanged entries.
func changes(base, cur map[string]Rate, onlyChanged bool) []RateChange {
	ids := make([]string, 0, len(base)+len(cur))
	for id := range base {
		ids = append(ids, id)
	}
	for id := range cur {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []RateChange
	for _, id := range ids {
		c := RateChange{ID: id, Baseline: passRate(base, id), Current: passRate(cur, id)}
		if c.Baseline != nil && c.Current != nil {
			c.Delta = round4(*c.Current - *c.Baseline)
		}
		if onlyChanged && c.Baseline != nil && c.Current != nil && c.Delta == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

func passRate(m map[string]Rate, id string) *float64 {
	r, ok := m[id]
	if !ok || !r.Evaluated() {
		return nil
	}
	v := r.PassRate
	return &v
}

// WriteDiffTable renders d for people.
func WriteDiffTable(w io.Writer, d *Diff) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "baseline\t%s (run %s, %s)\n", text.OneLine(d.Baseline.targetText()), d.Baseline.ID, d.Baseline.dateText())
	fmt.Fprintf(tw, "current\t%s (run %s, %s)\n", text.OneLine(d.Current.targetText()), d.Current.ID, d.Current.dateText())
	fmt.Fprintf(tw, "score\t%.2f → %.2f\n\nFAMILY\tBASELINE\tCURRENT\tCHANGE\n", d.Score[0], d.Score[1])
	for _, c := range d.Families {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, rateOrNA(c.Baseline), rateOrNA(c.Current), deltaText(c))
	}
	if len(d.Probes) > 0 {
		fmt.Fprintln(tw, "\nPROBE\tBASELINE\tCURRENT\tCHANGE")
		for _, c := range d.Probes {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, rateOrNA(c.Baseline), rateOrNA(c.Current), deltaText(c))
		}
	}
	if d.Regressed {
		fmt.Fprintln(tw, "\nREGRESSED")
		for _, r := range d.Reasons {
			fmt.Fprintf(tw, "  - %s\n", r)
		}
	} else {
		fmt.Fprintln(tw, "\nno regression")
	}
	return tw.Flush()
}

func rateOrNA(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", *v)
}

func deltaText(c RateChange) string {
	switch {
	case c.Baseline == nil && c.Current != nil:
		return "new"
	case c.Current == nil && c.Baseline != nil:
		return "gone"
	case c.Baseline == nil:
		return "n/a"
	}
	return fmt.Sprintf("%+.2f", c.Delta)
}
