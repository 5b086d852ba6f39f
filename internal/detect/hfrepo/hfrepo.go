// Package hfrepo finds Hugging Face repository risks: configs that make loaders import code
// (auto_map, custom_pipelines, Hydra/NeMo _target_, YAML Python tags), Python files shipped
// with a model, and pickle weights that have a safetensors twin. It works on parsed configs
// (*structured.Doc) and on repository folders (*hf.Repo); secrets, URLs and chat templates in
// config text are left to the metadata and template detectors.
package hfrepo

import (
	"context"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/hf"
	"github.com/aisecops/aisec/internal/format/structured"
)

// Detector reports Hugging Face repository risks.
type Detector struct{}

// New returns the Hugging Face repository detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "hfrepo" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RuleAutoMap, RuleCrossRepo, RuleHydraDangerous, RuleHydraUnknown, RuleYAMLPythonTag,
		RulePythonFile, RulePickleTwin}
}

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	switch m := t.Model.(type) {
	case *structured.Doc:
		if m == nil {
			return nil
		}
		return docFindings(m)
	case *hf.Repo:
		if m == nil {
			return nil
		}
		return repoFindings(m)
	}
	return nil
}

func docFindings(d *structured.Doc) []finding.Finding {
	out := autoMapFindings(d.Root)
	for _, root := range d.Docs() {
		out = append(out, targetFindings(root)...)
	}
	return append(out, tagFindings(d.Tags)...)
}

var _ detect.Detector = (*Detector)(nil)
