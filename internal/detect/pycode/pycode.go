// Package pycode finds dangerous calls in Python source shipped with models — modeling_*.py,
// tokenization_*.py, configuration_*.py, custom pipelines and handlers — which transformers
// imports and runs when a model is loaded with trust_remote_code=True. It also holds the
// Python lexer, the comment and string stripper and the catalogue of dangerous qualified
// names shared with the TorchScript detector and the Hydra checks of the Hugging Face config
// detector. Nothing is ever imported or run.
package pycode

import (
	"context"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pysrc"
)

// Format is a Target.Format the scanner may give standalone Python modules (a .py file of a
// model repository) to mark them explicitly; see IsModule.
const Format = "python-module"

// IsModule reports whether a Python target is a standalone module (this detector's) rather
// than a code/ member of a TorchScript archive (the TorchScript detector's, whose rules are
// stricter: TorchScript code never imports anything). Format decides when it is Format;
// for format.Python the member path does, as the scanner routes TorchScript code: a .py
// member under code/ of an archive. Targets without a format (unit tests) are both.
func IsModule(t detect.Target) bool {
	switch t.Format {
	case Format, "":
		return true
	case string(format.Python):
		return !torchScriptMember(t.Member)
	}
	return false
}

// IsTorchScriptCode reports whether a Python target is a TorchScript code/ member (see IsModule).
func IsTorchScriptCode(t detect.Target) bool {
	switch t.Format {
	case "":
		return true
	case string(format.Python):
		return torchScriptMember(t.Member)
	}
	return false
}

// torchScriptMember reports whether the innermost member name lies under a code/ folder.
func torchScriptMember(member string) bool {
	m := strings.ReplaceAll(member, "\\", "/")
	if i := strings.LastIndex(m, "!/"); i >= 0 {
		m = m[i+2:]
	}
	return m != "" && (strings.HasPrefix(m, "code/") || strings.Contains(m, "/code/"))
}

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
	if !ok || src == nil || !IsModule(t) {
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
