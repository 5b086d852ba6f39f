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
		var ref *hf.CacheRef
		if r, ok := hf.ParseCachePath(t.Path); ok {
			ref = &r
		}
		return docFindings(m, where(ref))
	case *hf.Repo:
		if m == nil {
			return nil
		}
		return repoFindings(m)
	}
	return nil
}

// where was an evidence suffix naming the cached repository and revision. The report's model
// field carries both now, and a revision in the evidence would change every fingerprint (and
// break every suppression) each time the model is updated, so it stays empty.
func where(*hf.CacheRef) string { return "" }

func docFindings(d *structured.Doc, suffix string) []finding.Finding {
	out := autoMapFindings(d.Root, suffix)
	for _, root := range d.Docs() {
		out = append(out, targetFindings(root, suffix)...)
	}
	return append(out, tagFindings(d.Tags, suffix)...)
}

var _ detect.Detector = (*Detector)(nil)
