// Package pycode finds dangerous calls in Python source shipped with models — modeling_*.py,
// tokenization_*.py, configuration_*.py, custom pipelines and handlers — which transformers
// imports and runs when a model is loaded with trust_remote_code=True. It also holds the
// Python lexer, the comment and string stripper and the catalogue of dangerous qualified
// names shared with the TorchScript detector and the Hydra checks of the Hugging Face config
// detector. Nothing is ever imported or run.
package pycode

import (
	"context"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pysrc"
)

// Format is the Target.Format the scanner gives standalone Python modules (a .py file of a
// model repository). TorchScript code/ members keep format.Python and go to the TorchScript
// detector, whose rules are stricter; this detector ignores them.
const Format = "python-module"

// Detector scans Python modules (*pysrc.File models).
type Detector struct{}

// New returns the Python source detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "pycode" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return Rules() }

// Detect implements detect.Detector.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	src, ok := t.Model.(*pysrc.File)
	if !ok || src == nil || t.Format == string(format.Python) {
		return nil
	}
	var out []finding.Finding
	for _, h := range Analyze(src.Text) {
		if ctx.Err() != nil {
			break
		}
		out = append(out, h.Rule.New(h.Evidence(), int64(h.Offset)))
	}
	return out
}

var _ detect.Detector = (*Detector)(nil)
