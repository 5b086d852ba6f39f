package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Modes a Report can describe.
const (
	// ModePlain: one detector scored every file. Files its model was trained on are
	// in-sample (Row.InSample) and flatter the detector.
	ModePlain = "plain"
	// ModeLOSO: leave-one-source-out; each source was scored by a detector whose model was
	// trained on every other source, with a threshold chosen without it.
	ModeLOSO = "leave-one-source-out"
)

// Report is the result of an evaluation. Its JSON form is stable: fields are only added.
type Report struct {
	Mode     string  `json:"mode"`
	Detector string  `json:"detector"`
	Note     string  `json:"note,omitempty"`
	Rows     []Row   `json:"rows"`
	Overall  Summary `json:"overall"`
}

// Row is the result on one source (one file).
type Row struct {
	Source string `json:"source"`
	// Label is "attack", "benign" or "mixed".
	Label   string `json:"label"`
	N       int    `json:"n"`
	Attacks int    `json:"attacks"`
	Benign  int    `json:"benign"`
	TP      int    `json:"tp"`
	FN      int    `json:"fn"`
	FP      int    `json:"fp"`
	TN      int    `json:"tn"`
	// TPR is recall on the attacks (null without attacks); FPR the share of benign examples
	// flagged (null without benign examples).
	TPR *float64 `json:"tpr"`
	FPR *float64 `json:"fpr"`
	// Threshold is the classifier threshold the detector used on this source.
	Threshold float64 `json:"threshold"`
	// InSample is true when the detector's model was trained on this source.
	InSample bool    `json:"in_sample"`
	P50us    float64 `json:"latency_p50_us"`
	P99us    float64 `json:"latency_p99_us"`
}

// Summary pools every example of the report.
type Summary struct {
	Attacks int      `json:"attacks"`
	Benign  int      `json:"benign"`
	TP      int      `json:"tp"`
	FN      int      `json:"fn"`
	FP      int      `json:"fp"`
	TN      int      `json:"tn"`
	TPR     *float64 `json:"tpr"`
	FPR     *float64 `json:"fpr"`
	// BalancedAccuracy is (TPR + TNR) / 2 over all attacks and all benign examples; null
	// unless both are present.
	BalancedAccuracy *float64 `json:"balanced_accuracy"`
	// MinTPR and MaxFPR are the worst per-source rates, the figures a target is set on.
	MinTPR       *float64 `json:"min_source_tpr"`
	MinTPRSource string   `json:"min_source_tpr_source,omitempty"`
	MaxFPR       *float64 `json:"max_source_fpr"`
	MaxFPRSource string   `json:"max_source_fpr_source,omitempty"`
	P50us        float64  `json:"latency_p50_us"`
	P99us        float64  `json:"latency_p99_us"`
}

// tally counts outcomes and keeps latencies for one group of examples.
type tally struct {
	attacks, benign, tp, fn, fp, tn int
	lat                             []time.Duration
}

func (t *tally) add(label, flagged bool, d time.Duration) {
	switch {
	case label && flagged:
		t.tp++
	case label:
		t.fn++
	case flagged:
		t.fp++
	default:
		t.tn++
	}
	if label {
		t.attacks++
	} else {
		t.benign++
	}
	t.lat = append(t.lat, d)
}

func (t *tally) merge(o *tally) {
	t.attacks, t.benign = t.attacks+o.attacks, t.benign+o.benign
	t.tp, t.fn, t.fp, t.tn = t.tp+o.tp, t.fn+o.fn, t.fp+o.fp, t.tn+o.tn
	t.lat = append(t.lat, o.lat...)
}

func (t *tally) tpr() *float64 { return ratio(t.tp, t.attacks) }
func (t *tally) fpr() *float64 { return ratio(t.fp, t.benign) }

func ratio(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	r := float64(num) / float64(den)
	return &r
}

func (t *tally) row(source string, threshold float64, inSample bool) Row {
	label := "mixed"
	switch {
	case t.benign == 0:
		label = "attack"
	case t.attacks == 0:
		label = "benign"
	}
	p50, p99 := percentiles(t.lat)
	return Row{Source: source, Label: label, N: t.attacks + t.benign, Attacks: t.attacks,
		Benign: t.benign, TP: t.tp, FN: t.fn, FP: t.fp, TN: t.tn, TPR: t.tpr(), FPR: t.fpr(),
		Threshold: threshold, InSample: inSample, P50us: p50, P99us: p99}
}

// percentiles returns the 50th and 99th percentile latencies in microseconds (nearest rank).
func percentiles(lat []time.Duration) (float64, float64) {
	if len(lat) == 0 {
		return 0, 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		return float64(s[max(0, min(i, len(s)-1))]) / float64(time.Microsecond)
	}
	return at(0.50), at(0.99)
}

// summarize pools the tallies of every row into the overall figures.
func summarize(rows []Row, tallies []*tally) Summary {
	var all tally
	for _, t := range tallies {
		all.merge(t)
	}
	s := Summary{Attacks: all.attacks, Benign: all.benign, TP: all.tp, FN: all.fn, FP: all.fp,
		TN: all.tn, TPR: all.tpr(), FPR: all.fpr()}
	if s.TPR != nil && s.FPR != nil {
		ba := (*s.TPR + 1 - *s.FPR) / 2
		s.BalancedAccuracy = &ba
	}
	for _, r := range rows {
		if r.TPR != nil && (s.MinTPR == nil || *r.TPR < *s.MinTPR) {
			s.MinTPR, s.MinTPRSource = r.TPR, r.Source
		}
		if r.FPR != nil && (s.MaxFPR == nil || *r.FPR > *s.MaxFPR) {
			s.MaxFPR, s.MaxFPRSource = r.FPR, r.Source
		}
	}
	s.P50us, s.P99us = percentiles(all.lat)
	return s
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("unable to write the evaluation report: %w", err)
	}
	return nil
}

// WriteText writes the report as an aligned table followed by the overall figures.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "mode: %s\ndetector: %s\n", r.Mode, r.Detector)
	if r.Note != "" {
		fmt.Fprintf(&b, "note: %s\n", r.Note)
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\tlabel\tn\tTP\tFN\tFP\tTN\tTPR\tFPR\tthreshold\tp50 µs\tp99 µs\t")
	for _, row := range r.Rows {
		src := row.Source
		if row.InSample {
			src += " *"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%.4f\t%.0f\t%.0f\t\n", src, row.Label,
			row.N, row.TP, row.FN, row.FP, row.TN, pct(row.TPR), pct(row.FPR), row.Threshold,
			row.P50us, row.P99us)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("unable to format the evaluation report: %w", err)
	}
	o := r.Overall
	fmt.Fprintf(&b, "\noverall: attacks %d, TPR %s; benign %d, FPR %s; balanced accuracy %s\n",
		o.Attacks, pct(o.TPR), o.Benign, pct(o.FPR), pct(o.BalancedAccuracy))
	fmt.Fprintf(&b, "worst source: TPR %s (%s), FPR %s (%s); latency p50 %.0f µs, p99 %.0f µs\n",
		pct(o.MinTPR), o.MinTPRSource, pct(o.MaxFPR), o.MaxFPRSource, o.P50us, o.P99us)
	if slices.ContainsFunc(r.Rows, func(row Row) bool { return row.InSample }) {
		b.WriteString("* in-sample: the model was trained on this source, so its figures are optimistic\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("unable to write the evaluation report: %w", err)
	}
	return nil
}

func pct(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100**p)
}
