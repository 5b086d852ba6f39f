package report

import "math"

// z95 is the standard-normal quantile for a two-sided 95% interval.
const z95 = 1.959963984540054

// Wilson returns the 95% Wilson score interval for passed successes out of n trials. With no
// trial it returns the uninformative interval [0, 1]. Out-of-range input is clamped, never
// a panic.
func Wilson(passed, n int) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	passed = min(max(passed, 0), n)
	nf := float64(n)
	p := float64(passed) / nf
	z2 := z95 * z95
	denom := 1 + z2/nf
	center := (p + z2/(2*nf)) / denom
	half := z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / denom
	lo, hi = center-half, center+half
	// The bounds are exactly 0 and 1 at the extremes; say so rather than trust rounding.
	if passed == 0 {
		lo = 0
	}
	if passed == n {
		hi = 1
	}
	return math.Max(0, lo), math.Min(1, hi)
}

// newRate builds a Rate from hits out of attempts, rounding to 4 decimals so that output
// is byte-identical across platforms whose floating-point code differs in the last bit
// (fused multiply-add).
func newRate(attempts, hits int) Rate {
	r := Rate{Attempts: attempts, Hits: hits}
	if attempts <= 0 {
		r.CILow, r.CIHigh = 0, 1
		return r
	}
	passed := attempts - hits
	r.PassRate = round4(float64(passed) / float64(attempts))
	lo, hi := Wilson(passed, attempts)
	r.CILow, r.CIHigh = round4(lo), round4(hi)
	return r
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
