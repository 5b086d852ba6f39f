package classifier

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Threshold selection. Scores of examples the model was trained on are far more confident
// than scores of new text, so a threshold read off them would be much too low. Instead
// sources are held out in turn (grouped into folds), a model is trained on the others, and
// the held-out examples are scored: that mimics meeting a new kind of text. The threshold is
// then read off the held-out benign scores, source by source (chooseThreshold).
const (
	minThreshold = 0.05
	maxThreshold = 0.99
)

// heldOutScores returns, for every example, its score by a model trained without its fold.
// Folds group whole sources (at most opts.ThresholdFolds folds); with a single source they
// are random.
func heldOutScores(ds *dataset, opts TrainOptions) []float64 {
	folds := foldsOf(ds, opts.Seed, opts.ThresholdFolds)
	scores := make([]float64, len(ds.label))
	// Folds are independent and each is deterministic, so they run in parallel; every fold
	// writes only its own examples' scores.
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for _, test := range folds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			scoreFold(ds, test, opts, scores)
		}()
	}
	wg.Wait()
	return scores
}

func scoreFold(ds *dataset, test []int, opts TrainOptions, scores []float64) {
	train := complement(len(ds.label), test)
	if !hasBothClasses(ds, train) {
		for _, j := range test {
			scores[j] = math.NaN()
		}
		return
	}
	q, b := fit(ds, train, opts)
	for _, j := range test {
		scores[j] = ds.score(j, q, b)
	}
}

func foldsOf(ds *dataset, seed uint64, maxFolds int) [][]int {
	bySource := map[string][]int{}
	var names []string
	for j, s := range ds.source {
		if _, ok := bySource[s]; !ok {
			names = append(names, s)
		}
		bySource[s] = append(bySource[s], j)
	}
	if len(names) >= 2 {
		// Sources are dealt round-robin in name order, so that similarly named sources
		// (benign-chat, benign-code, …) tend to land in different folds.
		slices.Sort(names)
		folds := make([][]int, min(len(names), maxFolds))
		for i, n := range names {
			folds[i%len(folds)] = append(folds[i%len(folds)], bySource[n]...)
		}
		return folds
	}
	perm := rand.New(rand.NewPCG(seed, 1)).Perm(len(ds.source))
	folds := make([][]int, maxFolds)
	for i, j := range perm {
		folds[i%maxFolds] = append(folds[i%maxFolds], j)
	}
	return folds
}

func complement(n int, test []int) []int {
	out := make([]int, 0, n-len(test))
	in := make([]bool, n)
	for _, j := range test {
		in[j] = true
	}
	for j := range n {
		if !in[j] {
			out = append(out, j)
		}
	}
	return out
}

func hasBothClasses(ds *dataset, subset []int) bool {
	var seen [2]bool
	for _, j := range subset {
		seen[b2i(ds.label[j])] = true
	}
	return seen[0] && seen[1]
}

// chooseThreshold computes, for each benign source, the lowest threshold at which at most
// targetFPR of its held-out examples are flagged, and returns the sourceQuantile-quantile of
// those per-source thresholds (0.5: the median source; 1: the hardest), clamped to
// [minThreshold, maxThreshold]. Taking the hardest source lets one deliberately adversarial
// benign set (trigger words, documents quoting attacks) give away most of the recall; pooling
// all benign examples lets the largest set decide.
func chooseThreshold(ds *dataset, targetFPR, sourceQuantile float64) float64 {
	benign := map[string][]float64{}
	for j, s := range ds.heldOut {
		if !ds.label[j] && !math.IsNaN(s) {
			benign[ds.source[j]] = append(benign[ds.source[j]], s)
		}
	}
	if len(benign) == 0 {
		return 0.5
	}
	per := make([]float64, 0, len(benign))
	for _, scores := range benign {
		per = append(per, quantileThreshold(scores, targetFPR))
	}
	slices.Sort(per)
	t := per[int(math.Ceil(sourceQuantile*float64(len(per)-1)))]
	return max(minThreshold, min(t, maxThreshold))
}

// quantileThreshold returns the smallest t such that at most floor(target·n) scores are ≥ t.
func quantileThreshold(scores []float64, target float64) float64 {
	s := slices.Clone(scores)
	slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
	allowed := int(math.Floor(target * float64(len(s))))
	if allowed >= len(s) {
		return 0
	}
	return math.Nextafter(s[allowed], 1)
}
