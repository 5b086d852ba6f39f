package eval

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/aisecops/aisec/internal/guard/classifier"
)

// Builder makes the detector to evaluate from a model and the threshold chosen for it.
type Builder func(m *classifier.Model, threshold float64) (Detector, error)

// LOSOOptions tunes LeaveOneSourceOut.
type LOSOOptions struct {
	// Train configures the classifier trained for each fold.
	Train classifier.TrainOptions
	// Build makes the detector for a fold; nil evaluates the classifier alone.
	Build Builder
	// Detector names the detector in the report.
	Detector string
	// HoldOut lists the sources to hold out in turn; empty means every source. Sources not
	// listed are always in the training set.
	HoldOut []string
	// Logger receives one line per fold; nil discards.
	Logger *slog.Logger
	// FoldDone, when set, is called after each fold with the source held out (progress bars).
	FoldDone func(source string)
}

// LeaveOneSourceOut holds each source out in turn: a classifier is trained on every other
// source (its threshold chosen on those sources only, see classifier.TrainOptions), the
// detector is built from it and scores the held-out source. A source of attacks thus
// measures recall on a kind of attack never seen in training, a benign source the
// false-positive rate on a new kind of benign text.
func LeaveOneSourceOut(ctx context.Context, examples []classifier.Example, opts LOSOOptions) (*Report, error) {
	holdOut, err := foldSources(examples, opts.HoldOut)
	if err != nil {
		return nil, err
	}
	build := opts.Build
	if build == nil {
		build = func(m *classifier.Model, t float64) (Detector, error) { return ClassifierDetector(m, t), nil }
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rep := &Report{Mode: ModeLOSO, Detector: opts.Detector, Note: fmt.Sprintf(
		"each source is scored by a model trained on the %d other sources; thresholds are chosen on the training sources only",
		len(sourceOrder(examples))-1)}
	tallies := make([]*tally, 0, len(holdOut))
	for _, src := range holdOut {
		start := time.Now()
		t, threshold, err := runFold(ctx, examples, src, opts.Train, build)
		if err != nil {
			return nil, err
		}
		row := t.row(src, threshold, false)
		log.Info("fold done", "source", src, "tpr", row.TPR, "fpr", row.FPR, "threshold", threshold,
			"elapsed", time.Since(start).Round(time.Millisecond))
		rep.Rows = append(rep.Rows, row)
		tallies = append(tallies, t)
		if opts.FoldDone != nil {
			opts.FoldDone(src)
		}
	}
	rep.Overall = summarize(rep.Rows, tallies)
	return rep, nil
}

func runFold(ctx context.Context, examples []classifier.Example, src string, topts classifier.TrainOptions,
	build Builder) (*tally, float64, error) {
	var train, test []classifier.Example
	for _, ex := range examples {
		if ex.Source == src {
			test = append(test, ex)
		} else {
			train = append(train, ex)
		}
	}
	m, err := classifier.Train(train, topts)
	if err != nil {
		return nil, 0, fmt.Errorf("unable to train the fold without %s: %w", src, err)
	}
	d, err := build(m, m.Threshold())
	if err != nil {
		return nil, 0, fmt.Errorf("unable to build the detector for the fold without %s: %w", src, err)
	}
	t := &tally{}
	for _, ex := range test {
		if err := score(ctx, d, ex, t); err != nil {
			return nil, 0, err
		}
	}
	return t, m.Threshold(), nil
}

func sourceOrder(examples []classifier.Example) []string {
	var out []string
	for _, ex := range examples {
		if !slices.Contains(out, ex.Source) {
			out = append(out, ex.Source)
		}
	}
	return out
}

func foldSources(examples []classifier.Example, want []string) ([]string, error) {
	all := sourceOrder(examples)
	if len(all) < 2 {
		return nil, fmt.Errorf("unable to evaluate leave-one-source-out: need at least 2 sources, have %d", len(all))
	}
	if len(want) == 0 {
		return all, nil
	}
	for _, s := range want {
		if !slices.Contains(all, s) {
			return nil, fmt.Errorf("unable to evaluate leave-one-source-out: no examples from source %q", s)
		}
	}
	return want, nil
}
