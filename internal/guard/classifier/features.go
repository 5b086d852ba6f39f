package classifier

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// featureSpec fixes how a text becomes a sparse vector. It is stored in the model file so that
// a model is always scored with exactly the features it was trained with.
type featureSpec struct {
	Bits    uint8  // log2 of the number of hash buckets
	WordMax uint8  // longest word n-gram: 1 (unigrams) or 2 (unigrams and bigrams)
	CharMin uint8  // shortest character (byte) n-gram
	CharMax uint8  // longest character (byte) n-gram
	Head    uint32 // bytes of the text kept from its start
	Tail    uint32 // bytes of the text kept from its end
	Seed    uint32 // hash seed; changing it changes every bucket
}

// Limits of a feature specification. They bound the work and memory of one Score call, and
// Read enforces them on files it did not write.
const (
	minBits     = 10
	maxBits     = 20
	maxCharGram = 8
	maxKeep     = 64 << 10
)

// defaultSpec is what Train uses unless told otherwise: 2^18 buckets, words 1–2, chars 3–5,
// the first 4 KiB and the last 2 KiB of a text (an attack hides at either end of a long paste).
func defaultSpec() featureSpec {
	return featureSpec{Bits: 18, WordMax: 2, CharMin: 3, CharMax: 5, Head: 4 << 10, Tail: 2 << 10, Seed: 0x6a09e667}
}

func (s featureSpec) validate() error {
	switch {
	case s.Bits < minBits || s.Bits > maxBits:
		return fmt.Errorf("hash bits %d outside [%d,%d]", s.Bits, minBits, maxBits)
	case s.WordMax > 2:
		return fmt.Errorf("word n-gram length %d is above 2", s.WordMax)
	case s.CharMin > s.CharMax || s.CharMax > maxCharGram || (s.CharMin == 0 && s.CharMax != 0):
		return fmt.Errorf("character n-gram range [%d,%d] is invalid", s.CharMin, s.CharMax)
	case s.WordMax == 0 && s.CharMax == 0:
		return fmt.Errorf("no features: word and character n-grams are both off")
	case s.Head == 0 || uint64(s.Head)+uint64(s.Tail) > maxKeep:
		return fmt.Errorf("kept bytes head %d + tail %d outside (0,%d]", s.Head, s.Tail, maxKeep)
	}
	return nil
}

func (s featureSpec) dims() int { return 1 << s.Bits }

// Hashing: 32-bit FNV-1a over bytes; a per-kind tag is mixed in so that word and character
// n-grams of equal bytes land in different buckets, then a multiplicative (Fibonacci) step
// whose top bits pick the bucket.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
	tagWord1  = 0x100
	tagWord2  = 0x200
	tagChar   = 0x300 // + n-gram length
)

// fmix32 is the murmur3 finaliser; it scrambles a word hash before it is combined into a bigram.
func fmix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// scratch is the per-call workspace of feature extraction: a dense count per bucket and the
// list of buckets touched, so that resetting costs only what was used. Nothing is allocated per
// n-gram; a scratch is reused through the model's pool.
type scratch struct {
	counts  []uint8 // saturates at 255: 1+ln(255) is already a strong signal
	touched []uint32
	shift   uint32
}

func newScratch(s featureSpec) *scratch {
	return &scratch{counts: make([]uint8, s.dims()), touched: make([]uint32, 0, 4096), shift: 32 - uint32(s.Bits)}
}

func (sc *scratch) add(h uint32, tag uint32) {
	i := ((h ^ tag) * 0x9e3779b1) >> sc.shift
	c := sc.counts[i]
	if c == 0 {
		sc.touched = append(sc.touched, i)
	}
	if c != math.MaxUint8 {
		sc.counts[i] = c + 1
	}
}

func (sc *scratch) reset() {
	for _, i := range sc.touched {
		sc.counts[i] = 0
	}
	sc.touched = sc.touched[:0]
}

// extract counts the n-grams of text into sc. The raw text is clipped to its head and tail
// before normalisation, and each normalised part is clipped again (normalisation may expand),
// so the work is bounded whatever the input.
func (s featureSpec) extract(text string, sc *scratch) {
	head, tail := clip(text, int(s.Head), int(s.Tail))
	s.extractPart(head, int(s.Head), sc)
	if tail != "" {
		s.extractPart(tail, int(s.Tail), sc)
	}
}

// extractNormalized is extract for a caller that already holds norm = textnorm.Normalize(text).
// A text short enough to be kept whole is normalised in one piece, which is then norm; a
// longer one is clipped before normalisation, so norm cannot be used and it goes the long way.
func (s featureSpec) extractNormalized(text, norm string, sc *scratch) {
	if len(text) > int(s.Head)+int(s.Tail) {
		s.extract(text, sc)
		return
	}
	s.countPart(norm, int(s.Head), sc)
}

func (s featureSpec) extractPart(raw string, limit int, sc *scratch) {
	s.countPart(textnorm.Normalize(raw), limit, sc)
}

// countPart counts the n-grams of the normalised text t, clipped to limit bytes.
func (s featureSpec) countPart(t string, limit int, sc *scratch) {
	if len(t) > limit {
		t = t[:runeStartAtOrBefore(t, limit)]
	}
	if s.WordMax > 0 {
		s.words(t, sc)
	}
	if s.CharMax > 0 {
		s.chars(t, sc)
	}
}

// words emits hashed word unigrams and, when enabled, bigrams. A word is a maximal run of
// letters, digits and underscores; everything else separates words.
func (s featureSpec) words(t string, sc *scratch) {
	start := uint32(fnvOffset) ^ s.Seed
	h, prev := start, uint32(0)
	inWord, havePrev := false, false
	emit := func() {
		sc.add(h, tagWord1)
		if havePrev && s.WordMax >= 2 {
			sc.add((prev*fnvPrime)^fmix32(h), tagWord2)
		}
		prev, havePrev, inWord = h, true, false
	}
	for i := 0; i < len(t); {
		c, size, word := t[i], 1, asciiWord[t[i]]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(t[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && !inWord:
			h, inWord = start, true
			fallthrough
		case word:
			for k := i; k < i+size; k++ {
				h = (h ^ uint32(t[k])) * fnvPrime
			}
		case inWord:
			emit()
		}
		i += size
	}
	if inWord {
		emit()
	}
}

// asciiWord marks the ASCII bytes that belong to words.
var asciiWord = func() (t [256]bool) {
	for c := range 128 {
		t[c] = c == '_' || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z')
	}
	return t
}()

// chars emits hashed byte n-grams of lengths CharMin..CharMax, hashing on the fly: each start
// position extends one running hash, so the cost is CharMax multiplications per byte. The
// bytes before the shortest n-gram are hashed in a loop of their own, without a length test.
func (s featureSpec) chars(t string, sc *scratch) {
	lo, hi := int(s.CharMin), int(s.CharMax) // validate ensures 1 ≤ lo ≤ hi here
	seed := uint32(fnvOffset) ^ s.Seed ^ 0x5bd1e995
	for i := 0; i+lo <= len(t); i++ {
		w := t[i:min(i+hi, len(t))]
		h := seed
		for k := 0; k < lo-1; k++ {
			h = (h ^ uint32(w[k])) * fnvPrime
		}
		for k := lo - 1; k < len(w); k++ {
			h = (h ^ uint32(w[k])) * fnvPrime
			sc.add(h, tagChar+uint32(k+1))
		}
	}
}

// clip returns the first head bytes of s and, when s is longer than head+tail, its last tail
// bytes; cuts fall on rune boundaries.
func clip(s string, head, tail int) (string, string) {
	if len(s) <= head+tail {
		return s, ""
	}
	h := runeStartAtOrBefore(s, head)
	t := len(s) - tail
	for t < len(s) && !utf8.RuneStart(s[t]) {
		t++
	}
	return s[:h], s[t:]
}

// runeStartAtOrBefore returns the largest rune boundary ≤ n (n ≤ len(s)).
func runeStartAtOrBefore(s string, n int) int {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// tfTable holds 1+ln(c), the sublinear term frequency, for every count a scratch can hold.
var tfTable = func() (t [256]float32) {
	for c := 1; c < len(t); c++ {
		t[c] = float32(1 + math.Log(float64(c)))
	}
	return t
}()
