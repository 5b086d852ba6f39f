package describe

import (
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

// criterion is one documented field of a model and its weight in the completeness score.
type criterion struct {
	name   string
	weight int
	has    func(c *bom.Component, m *bom.ModelInfo) bool
}

// criteria is the completeness table. Weights sum to 100; Missing lists the names of the
// criteria that earned nothing, in this order.
//
//	| field        | weight | credited when                                                        |
//	|--------------|-------:|----------------------------------------------------------------------|
//	| name         |      5 | the component has a name                                             |
//	| version      |     10 | a version or revision, or a hash of the model or of one of its files  |
//	| supplier     |      5 | a supplier or an author                                              |
//	| license      |     15 | at least one license other than "unknown" / "NOASSERTION"            |
//	| purl         |      5 | a purl, or a distribution / vcs / website external reference          |
//	| format       |      5 | the model format (safetensors, gguf, onnx…)                          |
//	| architecture |     10 | the architecture family or class (llama, LlamaForCausalLM)            |
//	| parameters   |      5 | the parameter count                                                  |
//	| task         |      5 | the task (pipeline_tag or guessed from the architecture)             |
//	| datasets     |     10 | at least one training dataset                                        |
//	| base-model   |      5 | a base model (base_model, adapter base, GGUF base_model) or ancestor |
//	| metrics      |      5 | at least one evaluation result                                       |
//	| limitations  |      5 | out-of-scope uses, bias, risks or limitations                        |
//	| use-cases    |      5 | intended uses                                                        |
//	| signature    |      5 | a model_signing signature (model.sig) covers the model               |
//
// A base model is counted for every model, foundation models included: a model trained from
// scratch documents that by naming no base in a card that otherwise scores.
var criteria = []criterion{
	{"name", 5, func(c *bom.Component, _ *bom.ModelInfo) bool { return c.Name != "" }},
	{"version", 10, hasVersion},
	{"supplier", 5, func(c *bom.Component, _ *bom.ModelInfo) bool { return c.Supplier != "" || c.Author != "" }},
	{"license", 15, hasLicense},
	{"purl", 5, hasLocator},
	{"format", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return m.Format != "" }},
	{"architecture", 10, func(_ *bom.Component, m *bom.ModelInfo) bool {
		return m.ArchitectureFamily != "" || m.Architecture != ""
	}},
	{"parameters", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return m.Parameters > 0 }},
	{"task", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return m.Task != "" }},
	{"datasets", 10, func(_ *bom.Component, m *bom.ModelInfo) bool { return len(m.Datasets) > 0 }},
	{"base-model", 5, func(c *bom.Component, m *bom.ModelInfo) bool { return len(m.BaseModels) > 0 || len(c.Ancestors) > 0 }},
	{"metrics", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return len(m.Metrics) > 0 }},
	{"limitations", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return len(m.Limitations) > 0 }},
	{"use-cases", 5, func(_ *bom.Component, m *bom.ModelInfo) bool { return len(m.UseCases) > 0 }},
	{"signature", 5, func(c *bom.Component, _ *bom.ModelInfo) bool { return c.Signature != nil }},
}

// Score rates how well a model component is documented, 0–100, with the names of the fields
// that earned nothing (see the criteria table). A component without ModelInfo is scored on its
// component fields only. Score is deterministic and never returns nil.
func Score(c *bom.Component) *bom.Completeness {
	if c == nil {
		c = &bom.Component{}
	}
	m := c.Model
	if m == nil {
		m = &bom.ModelInfo{}
	}
	out := &bom.Completeness{}
	for _, cr := range criteria {
		if cr.has(c, m) {
			out.Score += cr.weight
		} else {
			out.Missing = append(out.Missing, cr.name)
		}
	}
	return out
}

func hasVersion(c *bom.Component, _ *bom.ModelInfo) bool {
	if c.Version != "" || len(c.Hashes) > 0 {
		return true
	}
	for _, f := range c.Files {
		if f.SHA256 != "" {
			return true
		}
	}
	return false
}

func hasLicense(c *bom.Component, _ *bom.ModelInfo) bool {
	for _, l := range c.Licenses {
		switch strings.ToLower(strings.TrimSpace(l)) {
		case "", "unknown", "noassertion", "none":
		default:
			return true
		}
	}
	return false
}

func hasLocator(c *bom.Component, _ *bom.ModelInfo) bool {
	if c.PURL != "" {
		return true
	}
	for _, r := range c.ExternalRefs {
		switch r.Type {
		case "distribution", "vcs", "website":
			if r.URL != "" {
				return true
			}
		}
	}
	return false
}
