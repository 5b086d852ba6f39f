package describe

import (
	"reflect"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
)

func TestCriteriaSumTo100(t *testing.T) {
	sum := 0
	seen := map[string]bool{}
	for _, c := range criteria {
		sum += c.weight
		if seen[c.name] {
			t.Errorf("criterion %q twice", c.name)
		}
		seen[c.name] = true
	}
	if sum != 100 {
		t.Errorf("weights sum to %d", sum)
	}
}

func TestScore(t *testing.T) {
	all := []string{"name", "version", "supplier", "license", "purl", "format", "architecture", "parameters", "task", "datasets",
		"base-model", "metrics", "limitations", "use-cases", "signature"}
	if got := Score(nil); got.Score != 0 || !reflect.DeepEqual(got.Missing, all) {
		t.Errorf("nil component: %+v", got)
	}
	full := &bom.Component{
		Name: "llama", Version: "abc123", Supplier: "meta-llama", Licenses: []string{"llama3"}, PURL: "pkg:huggingface/meta-llama/llama@abc123",
		Signature: &bom.SignatureInfo{Path: "model.sig"},
		Model: &bom.ModelInfo{Format: "safetensors", ArchitectureFamily: "llama", Parameters: 8e9, Task: "text-generation",
			Datasets: []string{"web"}, BaseModels: []string{"base"}, Metrics: []bom.Metric{{Type: "acc", Value: "1"}},
			Limitations: []string{"x"}, UseCases: []string{"y"}},
	}
	if got := Score(full); got.Score != 100 || len(got.Missing) != 0 {
		t.Errorf("full component: %+v", got)
	}
	partial := &bom.Component{
		Name: "m", Licenses: []string{"NOASSERTION"}, Files: []bom.File{{Path: "m.gguf", SHA256: "ab"}},
		ExternalRefs: []bom.ExternalRef{{Type: "distribution", URL: "https://example.com/m.gguf"}},
		Ancestors:    []bom.Component{{Name: "base"}},
		Model:        &bom.ModelInfo{Format: "gguf", Architecture: "LlamaForCausalLM"},
	}
	want := &bom.Completeness{Score: 5 + 10 + 5 + 5 + 10 + 5, Missing: []string{"supplier", "license", "parameters", "task", "datasets",
		"metrics", "limitations", "use-cases", "signature"}}
	if got := Score(partial); !reflect.DeepEqual(got, want) {
		t.Errorf("partial: got %+v, want %+v", got, want)
	}
}
