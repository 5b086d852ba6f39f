// Package detect turns parsed models into findings. Each detector lives in its own subpackage,
// understands one or more typed models from internal/format, and is registered in list.go.
// Detectors never open files: they receive what the parsers produced.
package detect

import (
	"context"

	"github.com/aisecops/aisec/internal/finding"
)

// Target is one parsed artifact handed to the detectors.
type Target struct {
	Path   string // the input file as given or walked
	Member string // member chain inside containers, "" at top level
	Format string // the format the artifact was identified as
	// Model is the typed parse result, e.g. *pickle.File, *numpy.Header, *source.Listing.
	// A detector ignores models it does not understand.
	Model any
}

// Detector finds problems in the models it understands.
type Detector interface {
	// Name identifies the detector in logs and reports.
	Name() string
	// Rules lists every rule the detector can report, for documentation and SARIF.
	Rules() []finding.Rule
	// Detect returns the findings for t. Location fields of the findings are filled by the
	// caller; detectors set Rule, Evidence and Offset (via Rule.New).
	Detect(ctx context.Context, t Target) []finding.Finding
}
