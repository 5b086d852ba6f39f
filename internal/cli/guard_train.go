package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/guard/classifier"
)

type guardTrainOptions struct {
	data []string
	out  string
}

func (e *env) guardTrainCommand() *cobra.Command {
	var o guardTrainOptions
	cmd := &cobra.Command{
		Use:   "train FILE.jsonl... --out weights.bin",
		Short: "Train the prompt-injection classifier from labelled JSON lines",
		Long: `Train the linear classifier over hashed word and character n-grams that the injection scanner
embeds. Training is deterministic: the same files give the same weights, byte for byte, whatever
order they are given in. The decision threshold is chosen on the training data (1% false
positives per benign source, median over sources) and stored in the model.

The shipped weights are trained on ../shared/datasets/guard/*.jsonl and
internal/guard/classifier/traindata/*.jsonl (see internal/guard/classifier/README.md).`,
		Example: `  aisec guard train ../shared/datasets/guard/*.jsonl internal/guard/classifier/traindata/*.jsonl \
    --out internal/guard/classifier/weights.bin`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.data = append(o.data, args...)
			return e.runGuardTrain(o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.data, "data", nil, "labelled JSONL files or globs (also as arguments)")
	f.StringVarP(&o.out, "out", "o", "weights.bin", "where to write the model")
	return cmd
}

func (e *env) runGuardTrain(o guardTrainOptions) error {
	data, err := expandGlobs(o.data)
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return usageError("no data files: give FILE.jsonl arguments or --data")
	}
	m, st, err := classifier.TrainFiles(data, classifier.TrainOptions{})
	if err != nil {
		return usageError("%v", err)
	}
	// Write beside the target and rename, so that a failure never leaves half a model.
	tmp, err := os.CreateTemp(filepath.Dir(o.out), ".weights-*")
	if err != nil {
		return fmt.Errorf("unable to write the model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := m.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("unable to write the model: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("unable to write the model: %w", err)
	}
	if err := os.Rename(tmp.Name(), o.out); err != nil {
		return fmt.Errorf("unable to write the model: %w", err)
	}
	fmt.Fprintf(e.stderr, "aisec: trained on %s; model written to %s\n", st, o.out)
	return nil
}
