package classifier

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// TrainOptions tunes Train. The zero value is the configuration used for the shipped weights.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 6).
	Epochs int
	// LearningRate is the AdaGrad step size (default 0.5).
	LearningRate float64
	// L2 is the L2 penalty applied to the weights an example touches (default 1e-3; negative
	// disables it).
	L2 float64
	// Seed seeds the shuffling (PCG); the same data, options and seed give the same model.
	Seed uint64
	// Bits is log2 of the number of hash buckets (default 18, range 10–20).
	Bits int
	// AttackWeight is the total weight of attacks relative to benign examples (default 1:
	// both classes count the same however many examples each has).
	AttackWeight float64
	// SourceSizeWeight says how much a source's size counts inside its class: each example
	// is weighted by n_source^(SourceSizeWeight-1). 0 (default): every source weighs the
	// same, however many examples it has, so that one large set does not define "attack";
	// 1: every example weighs the same.
	SourceSizeWeight float64
	// TargetFPR is the false-positive rate the threshold aims at on a benign source held out
	// from training (default 0.01).
	TargetFPR float64
	// SourceQuantile picks which benign source's held-out threshold is used: 0.5 (default)
	// the median source, 1 the hardest one (strictest, lowest recall). See Model.Threshold.
	SourceQuantile float64
	// Threshold, when in (0,1), is used as is and skips the held-out threshold search.
	Threshold float64
	// ThresholdFolds is the number of folds for the held-out scores (default 7, at least 2);
	// whole sources are held out together.
	ThresholdFolds int

	spec *featureSpec // tests only: overrides the feature specification
}

func (o TrainOptions) withDefaults() (TrainOptions, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Epochs == 0 {
		o.Epochs = 6
	}
	if o.ThresholdFolds == 0 {
		o.ThresholdFolds = 7
	}
	if o.Bits == 0 {
		o.Bits = int(defaultSpec().Bits)
	}
	def(&o.LearningRate, 0.5)
	def(&o.L2, 1e-3)
	def(&o.AttackWeight, 1)
	def(&o.TargetFPR, 0.01)
	def(&o.SourceQuantile, 0.5)
	switch {
	case o.Epochs < 0 || o.Epochs > 1000:
		return o, fmt.Errorf("epochs %d outside [1,1000]", o.Epochs)
	case o.ThresholdFolds < 2 || o.ThresholdFolds > 100:
		return o, fmt.Errorf("threshold folds %d outside [2,100]", o.ThresholdFolds)
	case o.Bits < minBits || o.Bits > maxBits:
		return o, fmt.Errorf("bits %d outside [%d,%d]", o.Bits, minBits, maxBits)
	case !(o.LearningRate > 0) || !(o.AttackWeight > 0) || math.IsInf(o.AttackWeight, 0):
		return o, errors.New("learning rate and attack weight must be positive")
	case !(o.SourceSizeWeight >= 0 && o.SourceSizeWeight <= 1):
		return o, fmt.Errorf("source size weight %v outside [0,1]", o.SourceSizeWeight)
	case !(o.SourceQuantile > 0 && o.SourceQuantile <= 1):
		return o, fmt.Errorf("source quantile %v outside (0,1]", o.SourceQuantile)
	case !(o.TargetFPR > 0 && o.TargetFPR < 1) || o.Threshold < 0 || o.Threshold >= 1:
		return o, errors.New("target FPR must be in (0,1) and threshold in [0,1)")
	}
	return o, nil
}

// Train fits a model to the examples: logistic regression by AdaGrad over shuffled examples,
// deterministic for a given seed. Both classes must be present. Unless opts.Threshold is set,
// the decision threshold is chosen on held-out scores (see TrainOptions.TargetFPR), which
// trains one extra model per threshold fold.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	m, _, err := train(examples, opts)
	return m, err
}

func train(examples []Example, opts TrainOptions) (*Model, *dataset, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, nil, fmt.Errorf("unable to train: %w", err)
	}
	attacks := 0
	for _, ex := range examples {
		if ex.Label {
			attacks++
		}
	}
	if attacks == 0 || attacks == len(examples) {
		return nil, nil, errors.New("unable to train: need both attack and benign examples")
	}
	spec := defaultSpec()
	spec.Bits = uint8(opts.Bits)
	if opts.spec != nil {
		spec = *opts.spec
	}
	ds := vectorize(spec, examples)
	every := make([]int, len(examples))
	for i := range every {
		every[i] = i
	}
	w, b := fit(ds, every, opts)
	threshold := opts.Threshold
	if threshold == 0 {
		ds.heldOut = heldOutScores(ds, opts)
		threshold = chooseThreshold(ds, opts.TargetFPR, opts.SourceQuantile)
	}
	m := newModel(spec, w, float32(b), float32(threshold), sourceNames(examples))
	return m, ds, nil
}

// dataset holds every example as an L2-normalised sparse vector: the features of example j
// are idx/val[off[j]:off[j+1]].
type dataset struct {
	idx     []uint32
	val     []float32
	off     []int
	label   []bool
	weight  []float64 // the example's own weight (Example.Weight, default 1)
	source  []string
	dims    int
	heldOut []float64 // score of each example by a model that did not see its fold
}

func vectorize(spec featureSpec, examples []Example) *dataset {
	ds := &dataset{off: make([]int, 1, len(examples)+1), dims: spec.dims()}
	sc := newScratch(spec)
	for _, ex := range examples {
		spec.extract(ex.Text, sc)
		slices.Sort(sc.touched) // memory order: faster updates, same result
		var norm float64
		for _, i := range sc.touched {
			v := float64(tfTable[sc.counts[i]])
			norm += float64(v * v)
		}
		inv := float32(1 / math.Sqrt(max(norm, 1e-12)))
		for _, i := range sc.touched {
			ds.idx = append(ds.idx, i)
			ds.val = append(ds.val, tfTable[sc.counts[i]]*inv)
		}
		sc.reset()
		ds.off = append(ds.off, len(ds.idx))
		ds.label = append(ds.label, ex.Label)
		ds.weight = append(ds.weight, cmpOr(ex.Weight, 1))
		ds.source = append(ds.source, ex.Source)
	}
	return ds
}

func cmpOr(v, d float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return d
}

// fit runs AdaGrad on the examples listed in subset and returns quantised weights and the bias.
// Explicit float64 conversions stop the compiler from fusing multiply-adds, so results do
// not depend on the CPU's FMA support.
func fit(ds *dataset, subset []int, opts TrainOptions) (quantized, float64) {
	sw := classWeights(ds, subset, opts)
	w := make([]float64, ds.dims)
	g2 := make([]float64, ds.dims)
	var b, gb2 float64
	order := make([]int, len(subset))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	lr, l2 := opts.LearningRate, max(opts.L2, 0)
	for range opts.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, o := range order {
			j := subset[o]
			lo, hi := ds.off[j], ds.off[j+1]
			z := b
			for k := lo; k < hi; k++ {
				z += float64(w[ds.idx[k]] * float64(ds.val[k]))
			}
			y := 0.0
			if ds.label[j] {
				y = 1
			}
			g := float64(sigmoid(z)-y) * sw[o]
			for k := lo; k < hi; k++ {
				i := ds.idx[k]
				gi := float64(g*float64(ds.val[k])) + float64(l2*w[i])
				g2[i] += float64(gi * gi)
				w[i] -= float64(lr*gi) / math.Sqrt(g2[i])
			}
			gb2 += float64(g * g)
			b -= float64(lr*g) / math.Sqrt(gb2)
		}
	}
	return quantize(w), b
}

// classWeights returns the loss weight of each example of subset: its own weight, times
// n_source^(SourceSizeWeight-1), scaled so that attacks weigh AttackWeight times the benign examples
// in total and the mean weight is 1.
func classWeights(ds *dataset, subset []int, opts TrainOptions) []float64 {
	perSource := map[string]int{}
	for _, j := range subset {
		perSource[ds.source[j]]++
	}
	sw := make([]float64, len(subset))
	var total [2]float64
	for o, j := range subset {
		sw[o] = ds.weight[j] * math.Pow(float64(perSource[ds.source[j]]), opts.SourceSizeWeight-1)
		total[b2i(ds.label[j])] += sw[o]
	}
	n := float64(len(subset))
	share := [2]float64{1 / (1 + opts.AttackWeight), opts.AttackWeight / (1 + opts.AttackWeight)}
	for o, j := range subset {
		c := b2i(ds.label[j])
		if total[c] > 0 {
			sw[o] *= n * share[c] / total[c]
		}
	}
	return sw
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// score is the model's probability for example j of the dataset.
func (ds *dataset) score(j int, q quantized, b float64) float64 {
	var dot float32
	for k := ds.off[j]; k < ds.off[j+1]; k++ {
		dot += float32(q.w[ds.idx[k]]) * ds.val[k]
	}
	return sigmoid(b + float64(dot*q.scale))
}

func sourceNames(examples []Example) []string {
	var names []string
	for _, ex := range examples {
		if !slices.Contains(names, ex.Source) && len(names) < maxSources {
			names = append(names, truncateName(ex.Source))
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// truncateName keeps a source name within the 255 bytes the file format allows.
func truncateName(s string) string {
	if len(s) <= 255 {
		return s
	}
	return s[:runeStartAtOrBefore(s, 255)]
}
