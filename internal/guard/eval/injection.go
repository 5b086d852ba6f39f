package eval

import (
	"context"
	"fmt"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/injection"
)

// ScannerDetector flags a text when the scanner reports any finding on it, sent as the one
// user message of an input request; the score is the strongest finding's.
func ScannerDetector(s scanners.Scanner) Detector {
	return DetectorFunc(func(ctx context.Context, text string) (bool, float64, error) {
		req := &scanners.Request{Direction: scanners.Input,
			Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: text}}}
		findings, err := s.Scan(ctx, req)
		if err != nil {
			return false, 0, err
		}
		best := 0.0
		for _, f := range findings {
			best = max(best, f.Score)
		}
		return len(findings) > 0, best, nil
	})
}

// InjectionBuilder builds, for each fold, the full injection scanner (rules and classifier)
// from base with the fold's model. The scanner takes the classifier's operating point from
// the model's own threshold (chosen on the fold's training sources), so the threshold
// argument only labels the report.
func InjectionBuilder(base injection.Options) Builder {
	return func(m *classifier.Model, _ float64) (Detector, error) {
		opts := base
		opts.Model = m
		s, err := injection.New(opts)
		if err != nil {
			return nil, fmt.Errorf("unable to build the injection scanner: %w", err)
		}
		return ScannerDetector(s), nil
	}
}
