package classifier

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// Stats describes a training run (what `aisec guard train` prints).
type Stats struct {
	Examples  int           `json:"examples"`
	Attacks   int           `json:"attacks"`
	Benign    int           `json:"benign"`
	Features  int           `json:"features"` // non-zero entries over all examples
	Threshold float64       `json:"threshold"`
	Duration  time.Duration `json:"duration_ns"`
	Sources   []SourceStats `json:"sources"`
}

// SourceStats is one training source. HeldOutFlagged is the fraction of its examples flagged
// at the chosen threshold by a model trained without this source: an estimate of recall for
// attack sources and of the false-positive rate for benign ones (classifier alone).
type SourceStats struct {
	Name           string  `json:"name"`
	Attacks        int     `json:"attacks"`
	Benign         int     `json:"benign"`
	HeldOutFlagged float64 `json:"held_out_flagged"`
}

// TrainFiles loads the JSONL files (see LoadFiles) and trains a model on all of them. Files
// are read in order of their source names, so the order of paths does not change the model.
func TrainFiles(paths []string, opts TrainOptions) (*Model, Stats, error) {
	sorted := slices.Clone(paths)
	slices.SortStableFunc(sorted, func(a, b string) int { return cmp.Compare(SourceName(a), SourceName(b)) })
	examples, err := LoadFiles(sorted)
	if err != nil {
		return nil, Stats{}, err
	}
	return TrainWithStats(examples, opts)
}

// TrainWithStats is Train that also reports per-source counts and held-out flag rates.
func TrainWithStats(examples []Example, opts TrainOptions) (*Model, Stats, error) {
	start := time.Now()
	m, ds, err := train(examples, opts)
	if err != nil {
		return nil, Stats{}, err
	}
	st := Stats{Examples: len(examples), Features: len(ds.idx), Threshold: m.Threshold()}
	bySource := map[string]*SourceStats{}
	flagged := map[string]int{}
	for j, ex := range examples {
		s := bySource[ex.Source]
		if s == nil {
			s = &SourceStats{Name: ex.Source}
			bySource[ex.Source] = s
		}
		if ex.Label {
			s.Attacks++
			st.Attacks++
		} else {
			s.Benign++
			st.Benign++
		}
		if ds.heldOut != nil && !math.IsNaN(ds.heldOut[j]) && ds.heldOut[j] >= m.Threshold() {
			flagged[ex.Source]++
		}
	}
	for name, s := range bySource {
		s.HeldOutFlagged = float64(flagged[name]) / float64(s.Attacks+s.Benign)
		st.Sources = append(st.Sources, *s)
	}
	slices.SortFunc(st.Sources, func(a, b SourceStats) int { return cmp.Compare(a.Name, b.Name) })
	st.Duration = time.Since(start)
	return m, st, nil
}

// String summarises the statistics on a few lines.
func (s Stats) String() string {
	out := fmt.Sprintf("%d examples (%d attack, %d benign), %d features, threshold %.4f, %s\n",
		s.Examples, s.Attacks, s.Benign, s.Features, s.Threshold, s.Duration.Round(time.Millisecond))
	for _, src := range s.Sources {
		out += fmt.Sprintf("  %-36s attack %5d benign %5d  held-out flagged %6.2f%%\n",
			src.Name, src.Attacks, src.Benign, 100*src.HeldOutFlagged)
	}
	return out
}
