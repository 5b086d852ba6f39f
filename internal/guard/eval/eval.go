// Package eval measures prompt-injection detection on labelled data: per source (file) the
// attack recall (TPR), the false-positive rate on benign text (FPR) and the latency, either
// for one detector over every file (in-sample when the model saw them) or
// leave-one-source-out, where each file is scored by a detector trained without it.
// `aisec guard eval` prints its reports.
package eval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aisecops/aisec/internal/guard/classifier"
)

// Detector decides whether a text is an attack. Score is informative (e.g. the strongest
// finding's score).
type Detector interface {
	Detect(ctx context.Context, text string) (flagged bool, score float64, err error)
}

// DetectorFunc adapts a function to Detector.
type DetectorFunc func(ctx context.Context, text string) (bool, float64, error)

// Detect calls f.
func (f DetectorFunc) Detect(ctx context.Context, text string) (bool, float64, error) {
	return f(ctx, text)
}

// Options describes the detector of a Run for the report.
type Options struct {
	// Detector names the detector in the report.
	Detector string
	// Threshold is the classifier threshold the detector uses (reported per row).
	Threshold float64
	// TrainedOn lists the sources the detector's model was trained on; their rows are
	// marked in-sample.
	TrainedOn []string
	// Note is printed with the report.
	Note string
}

// Run scores every example with d, one row per source in order of first appearance.
// Examples are scored one at a time so that the latencies are those of a lone request.
func Run(ctx context.Context, d Detector, examples []classifier.Example, opts Options) (*Report, error) {
	if len(examples) == 0 {
		return nil, errors.New("unable to evaluate: no examples")
	}
	var order []string
	bySource := map[string]*tally{}
	for _, ex := range examples {
		t := bySource[ex.Source]
		if t == nil {
			t = &tally{}
			bySource[ex.Source] = t
			order = append(order, ex.Source)
		}
		if err := score(ctx, d, ex, t); err != nil {
			return nil, err
		}
	}
	rep := &Report{Mode: ModePlain, Detector: opts.Detector, Note: opts.Note}
	tallies := make([]*tally, 0, len(order))
	for _, s := range order {
		rep.Rows = append(rep.Rows, bySource[s].row(s, opts.Threshold, slices.Contains(opts.TrainedOn, s)))
		tallies = append(tallies, bySource[s])
	}
	rep.Overall = summarize(rep.Rows, tallies)
	return rep, nil
}

func score(ctx context.Context, d Detector, ex classifier.Example, t *tally) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("unable to evaluate: %w", err)
	}
	start := time.Now()
	flagged, _, err := d.Detect(ctx, ex.Text)
	elapsed := time.Since(start)
	if err != nil {
		return fmt.Errorf("unable to evaluate an example of %s: %w", ex.Source, err)
	}
	t.add(ex.Label, flagged, elapsed)
	return nil
}

// ClassifierDetector flags texts the model scores at or above threshold (the classifier
// alone, without the injection scanner's rules).
func ClassifierDetector(m *classifier.Model, threshold float64) Detector {
	return DetectorFunc(func(_ context.Context, text string) (bool, float64, error) {
		s := m.Score(text)
		return s >= threshold, s, nil
	})
}

var _ Detector = DetectorFunc(nil)
