// Package classifier is a small linear prompt-injection / jailbreak classifier: hashed word
// 1–2-grams and byte 3–5-grams of the normalised text, sublinear term frequency, L2
// normalisation, logistic regression. It is pure Go, scores a 4 KiB prompt in tens of
// microseconds and ships trained weights (weights.bin, see README.md for how they are made).
package classifier

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"sync"
)

// Model is a trained classifier. It is safe for concurrent use; use it through a pointer.
type Model struct {
	spec      featureSpec
	weights   []int8  // one per hash bucket, times scale
	scale     float32 // int8 weights keep the table at 256 KiB, so scoring stays in cache
	bias      float32
	threshold float32  // recommended decision threshold on Score
	sources   []string // names of the training sources (provenance, shown by eval)
	pool      sync.Pool
}

func newModel(spec featureSpec, q quantized, bias, threshold float32, sources []string) *Model {
	m := &Model{spec: spec, weights: q.w, scale: q.scale, bias: bias, threshold: threshold, sources: sources}
	m.pool.New = func() any { return newScratch(spec) }
	return m
}

// Score returns the probability, in [0,1], that text is a prompt injection or jailbreak. The
// text is taken raw: the model normalises it. Work is bounded by the kept head and tail of
// the text, whatever its length.
func (m *Model) Score(text string) float64 {
	return sigmoid(float64(m.bias) + m.margin(text))
}

// ScoreNormalized is Score(text) for a caller that has already normalised text: norm must be
// textnorm.Normalize(text). It returns exactly what Score returns and saves normalising the
// text a second time (scanners normalise for their own rules anyway).
func (m *Model) ScoreNormalized(text, norm string) float64 {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	m.spec.extractNormalized(text, norm, sc)
	return sigmoid(float64(m.bias) + m.dot(sc))
}

// margin is the weighted sum of the L2-normalised feature vector (without the bias).
func (m *Model) margin(text string) float64 {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	m.spec.extract(text, sc)
	return m.dot(sc)
}

// dot is the margin of the features counted in sc; it resets sc.
func (m *Model) dot(sc *scratch) float64 {
	var dot, norm float32
	for _, i := range sc.touched {
		v := tfTable[sc.counts[i]]
		dot += float32(m.weights[i]) * v
		norm += v * v
	}
	sc.reset()
	if norm == 0 {
		return 0
	}
	return float64(dot*m.scale) / math.Sqrt(float64(norm))
}

// Threshold is the decision threshold chosen at training time (see TrainOptions.TargetFPR):
// a text is flagged when Score(text) >= Threshold().
func (m *Model) Threshold() float64 { return float64(m.threshold) }

// Sources lists the names of the data sources the model was trained on.
func (m *Model) Sources() []string { return append([]string(nil), m.sources...) }

// Buckets is the number of hash buckets (the model's dimension).
func (m *Model) Buckets() int { return len(m.weights) }

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

//go:embed weights.bin
var embeddedWeights []byte

// loadDefault decodes the embedded weights once; the result never changes afterwards.
var loadDefault = sync.OnceValues(func() (*Model, error) {
	m, err := Read(bytes.NewReader(embeddedWeights))
	if err != nil {
		return nil, fmt.Errorf("unable to decode the embedded classifier weights: %w", err)
	}
	return m, nil
})

// LoadDefault returns the model trained on the project's data (weights.bin, embedded), decoded
// on first use and shared afterwards. An error means the binary was built with a broken
// weights.bin; a test guards against that.
func LoadDefault() (*Model, error) { return loadDefault() }

// Default is LoadDefault for callers that cannot handle an error. Should the embedded weights
// be broken it returns a model that scores every text 0 and whose threshold is 1, so it never
// flags; callers that must fail closed use LoadDefault.
func Default() *Model {
	m, err := loadDefault()
	if err != nil {
		spec := defaultSpec()
		spec.Bits = minBits
		return newModel(spec, quantized{w: make([]int8, spec.dims()), scale: 1}, float32(math.Inf(-1)), 1, nil)
	}
	return m
}
