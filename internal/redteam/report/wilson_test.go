package report

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	// Reference values computed independently from the Wilson score formula with z = 1.96.
	tests := []struct {
		passed, n int
		lo, hi    float64
	}{
		{0, 0, 0, 1},
		{0, 10, 0, 0.277533},
		{5, 10, 0.236593, 0.763407},
		{10, 10, 0.722467, 1},
		{1, 10, 0.017876, 0.404150},
		{9, 10, 0.595850, 0.982124},
		{0, 1, 0, 0.793451},
		{1, 1, 0.206549, 1},
		{95, 100, 0.888250, 0.978456},
		{-3, 10, 0, 0.277533}, // clamped, not a panic
		{12, 10, 0.722467, 1},
		{5, -1, 0, 1},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.passed, tt.n)
		if math.Abs(lo-tt.lo) > 1e-6 || math.Abs(hi-tt.hi) > 1e-6 {
			t.Errorf("Wilson(%d, %d) = [%.6f, %.6f], want [%.6f, %.6f]", tt.passed, tt.n, lo, hi, tt.lo, tt.hi)
		}
		if lo < 0 || hi > 1 || lo > hi {
			t.Errorf("Wilson(%d, %d) = [%v, %v] is not an interval in [0, 1]", tt.passed, tt.n, lo, hi)
		}
	}
}

func TestNewRate(t *testing.T) {
	tests := []struct {
		attempts, hits int
		want           Rate
	}{
		{0, 0, Rate{CILow: 0, CIHigh: 1}},
		{10, 5, Rate{Attempts: 10, Hits: 5, PassRate: 0.5, CILow: 0.2366, CIHigh: 0.7634}},
		{10, 0, Rate{Attempts: 10, PassRate: 1, CILow: 0.7225, CIHigh: 1}},
		{10, 10, Rate{Attempts: 10, Hits: 10, PassRate: 0, CILow: 0, CIHigh: 0.2775}},
		{3, 2, Rate{Attempts: 3, Hits: 2, PassRate: 0.3333, CILow: 0.0615, CIHigh: 0.7923}},
	}
	for _, tt := range tests {
		if got := newRate(tt.attempts, tt.hits); got != tt.want {
			t.Errorf("newRate(%d, %d) = %+v, want %+v", tt.attempts, tt.hits, got, tt.want)
		}
	}
}
