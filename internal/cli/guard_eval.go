package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/eval"
	"github.com/aisecops/aisec/internal/guard/scanners/injection"
)

type guardEvalOptions struct {
	data   []string
	train  []string
	loso   bool
	format string
	minTPR float64
	maxFPR float64
}

func (e *env) guardEvalCommand() *cobra.Command {
	var o guardEvalOptions
	cmd := &cobra.Command{
		Use:   "eval [--loso] [--train GLOB] FILE.jsonl...",
		Short: "Measure prompt-injection detection: per-source TPR/FPR, balanced accuracy, latency",
		Long: `Score labelled JSON lines ({"text", "label": "attack"|"benign"}; the file name is the source) with
the injection scanner (rules and classifier) and print one row per source: recall on attacks,
false-positive rate on benign text, latency p50/p99, and pooled balanced accuracy.

Without --loso the shipped model is evaluated; rows of sources it was trained on are marked as
in-sample (optimistic by construction). With --loso each --data source is held out in turn: a
classifier is trained on every other --data and --train file, its threshold chosen on those only,
and scores the held-out source, so the figure predicts attacks and prompts never seen in training.

--min-tpr and --max-fpr turn the report into a gate: exit 1 when the worst source misses them.`,
		Example: `  # The shipped detector on the shared datasets
  aisec guard eval ../shared/datasets/guard/*.jsonl

  # Leave-one-source-out, with our own training data always in the training folds, as JSON
  aisec guard eval --loso --train 'internal/guard/classifier/traindata/*.jsonl' \
    ../shared/datasets/guard/*.jsonl -f json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.data = append(o.data, args...)
			return e.runGuardEval(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.data, "data", nil, "labelled JSONL files or globs to evaluate on (also as arguments)")
	f.StringSliceVar(&o.train, "train", nil, "with --loso: extra files or globs always in the training folds")
	f.BoolVar(&o.loso, "loso", false, "leave-one-source-out: train a model per held-out --data file")
	f.StringVarP(&o.format, "format", "f", "table", "table or json")
	f.Float64Var(&o.minTPR, "min-tpr", 0, "exit 1 when any attack source's recall is below this")
	f.Float64Var(&o.maxFPR, "max-fpr", 1, "exit 1 when any benign source's false-positive rate is above this")
	return cmd
}

func (e *env) runGuardEval(cmd *cobra.Command, o guardEvalOptions) error {
	var err error
	if o.data, err = expandGlobs(o.data); err != nil {
		return err
	}
	if o.train, err = expandGlobs(o.train); err != nil {
		return err
	}
	if len(o.data) == 0 {
		return usageError("no data files: give FILE.jsonl arguments or --data")
	}
	if o.format != "table" && o.format != "json" {
		return usageError("--format %q: want table or json", o.format)
	}
	examples, err := classifier.LoadFiles(append(append([]string{}, o.data...), o.train...))
	if err != nil {
		return usageError("%v", err)
	}
	rep, err := e.evaluate(cmd, o, examples)
	if err != nil {
		return err
	}
	if o.format == "json" {
		err = rep.WriteJSON(e.stdout)
	} else {
		err = rep.WriteText(e.stdout)
	}
	if err != nil {
		return err
	}
	return gateEval(rep, o)
}

func (e *env) evaluate(cmd *cobra.Command, o guardEvalOptions, examples []classifier.Example) (*eval.Report, error) {
	if o.loso {
		holdOut := make([]string, len(o.data))
		for i, p := range o.data {
			holdOut[i] = classifier.SourceName(p)
		}
		bar := e.newProgress(false)
		bar.total(len(holdOut))
		defer bar.finish()
		return eval.LeaveOneSourceOut(cmd.Context(), examples, eval.LOSOOptions{
			Build: eval.InjectionBuilder(injection.Options{}), Detector: "injection", HoldOut: holdOut,
			FoldDone: bar.doneOne})
	}
	s, err := injection.New(injection.Options{})
	if err != nil {
		return nil, err
	}
	m := classifier.Default()
	return eval.Run(cmd.Context(), eval.ScannerDetector(s), examples, eval.Options{
		Detector: "injection", Threshold: m.Threshold(), TrainedOn: m.Sources(),
		Note: "shipped model; rows marked in-sample were part of its training data"})
}

// expandGlobs expands patterns the shell did not (quoted, or from AISEC_* variables); a
// pattern matching nothing is an error rather than an empty evaluation.
func expandGlobs(patterns []string) ([]string, error) {
	var out []string
	for _, p := range patterns {
		if !strings.ContainsAny(p, "*?[") {
			out = append(out, p)
			continue
		}
		m, err := filepath.Glob(p)
		if err != nil || len(m) == 0 {
			return nil, usageError("%q matches no file", p)
		}
		out = append(out, m...)
	}
	return out, nil
}

func gateEval(rep *eval.Report, o guardEvalOptions) error {
	s := rep.Overall
	if s.MinTPR != nil && *s.MinTPR < o.minTPR {
		return &exitError{code: ExitFindings, err: fmt.Errorf("recall %.1f%% on %s is below --min-tpr %.1f%%",
			100**s.MinTPR, s.MinTPRSource, 100*o.minTPR)}
	}
	if s.MaxFPR != nil && *s.MaxFPR > o.maxFPR {
		return &exitError{code: ExitFindings, err: fmt.Errorf("false-positive rate %.1f%% on %s is above --max-fpr %.1f%%",
			100**s.MaxFPR, s.MaxFPRSource, 100*o.maxFPR)}
	}
	return nil
}
