package describe

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
)

// TestParseCardGolden parses every card in testdata/cards and compares the result with
// <name>.golden.json beside it.
func TestParseCardGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cards", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cards: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseCard(data)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("cards", strings.TrimSuffix(filepath.Base(f), ".md")+".golden.json"), c)
		})
	}
}

func readCard(t *testing.T, name string) *Card {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "cards", name))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := ParseCard(data)
	return c
}

func TestParseCardModels(t *testing.T) {
	m := readCard(t, "mistral_finetune.md")
	wantMetrics := []bom.Metric{
		{Type: "acc_norm", Value: "62.03", Dataset: "AI2 Reasoning Challenge (25-Shot)"},
		{Type: "acc_norm", Value: "84", Dataset: "hellaswag"},
		{Type: "accuracy", Value: "0.835", Dataset: "hellaswag"},
		{Type: "acc", Value: "63.5", Dataset: "MMLU"},
	}
	if !reflect.DeepEqual(m.Metrics, wantMetrics) || m.EvalResults != 3 || m.ModelName != "zephyr-like-7b-sft" {
		t.Errorf("model-index: %+v (%d results, name %q)", m.Metrics, m.EvalResults, m.ModelName)
	}
	if !reflect.DeepEqual(m.BaseModels, []string{"mistralai/Mistral-7B-v0.1", "mistralai/Mistral-7B-Instruct-v0.2"}) ||
		!reflect.DeepEqual(m.Datasets, []string{"HuggingFaceH4/ultrachat_200k"}) || m.Task != "text-generation" {
		t.Errorf("base models %v, datasets %v, task %q", m.BaseModels, m.Datasets, m.Task)
	}
	if len(m.UseCases) != 0 {
		t.Errorf("the Trainer's placeholder became a use case: %q", m.UseCases)
	}

	l := readCard(t, "llama3.md")
	if len(l.UseCases) != 1 || !strings.HasPrefix(l.UseCases[0], "Llama 3 is intended for commercial") {
		t.Errorf("llama use cases: %q", l.UseCases)
	}
	if len(l.Limitations) < 2 || !strings.HasPrefix(l.Limitations[0], "Use in any manner that violates") {
		t.Errorf("llama limitations: %q", l.Limitations)
	}
	if !reflect.DeepEqual(l.Authors, []string{"Meta"}) || !strings.HasPrefix(l.Description, "Meta developed and released") || len(l.Description) > 500 {
		t.Errorf("llama authors %q, description %q", l.Authors, l.Description)
	}

	if m.IsDataset || l.IsDataset {
		t.Error("a model card was taken for a dataset card")
	}
}

func TestParseCardOthers(t *testing.T) {
	d := readCard(t, "dataset.md")
	if !d.IsDataset || !reflect.DeepEqual(d.DatasetTypes, []string{"audio", "structured", "text"}) || d.SizeCategory != "10K<n<100K" ||
		d.SourceURL != "https://github.com/acme/reviews" || !reflect.DeepEqual(d.Authors, []string{"Acme Research Lab"}) {
		t.Errorf("dataset card: %+v", d)
	}

	h := readCard(t, "hf_template_crlf.md")
	if h.License != "other" || h.LicenseName != "acme-research-license" || !reflect.DeepEqual(h.BaseModels, []string{"acme/base-1b"}) {
		t.Errorf("BOM + CRLF card: %+v", h)
	}
	if len(h.UseCases)+len(h.Limitations)+len(h.Authors) != 0 {
		t.Errorf("template placeholders kept: %+v", h)
	}

	b := readCard(t, "malformed.md")
	if len(b.Problems) == 0 || b.License != "" || !reflect.DeepEqual(b.Limitations, []string{"Medical diagnosis."}) {
		t.Errorf("malformed front matter: %+v", b)
	}
}

func TestParseCardEdges(t *testing.T) {
	for _, in := range []string{
		"", "---", "---\n", "---\n---\n", "---\nlicense: mit\n", // no closing line: all body
		"---\n- a\n- b\n---\nbody\n", "---\n&a [*a]\n---\n", "# \n\n##\n", "```\n# not a heading\n", "<!-- open comment",
		"---\nbase_model: [1, 2.5, true, null, {a: b}]\nlicense: [mit, apache-2.0]\n---\n",
	} {
		c, err := ParseCard([]byte(in))
		if err != nil || c == nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	c, _ := ParseCard([]byte("---\nbase_model: [1, 2.5, true, null, {a: b}]\nlicense: [mit, apache-2.0]\n---\n"))
	if !reflect.DeepEqual(c.BaseModels, []string{"1", "2.5", "true"}) || c.License != "mit" || len(c.Licenses) != 2 {
		t.Errorf("scalar lists: %+v", c)
	}
	long := "# T\n\n" + strings.Repeat("word ", 400) + "\n"
	if c, _ := ParseCard([]byte(long)); len(c.Description) > 500 || !strings.HasSuffix(c.Description, "…") {
		t.Errorf("long description: %d bytes", len(c.Description))
	}
}

func TestApplyCard(t *testing.T) {
	info := &bom.ModelInfo{Task: "text-generation", Datasets: []string{"a"}}
	ApplyCard(info, &Card{Task: "summarization", Datasets: []string{"a", "b"}, Metrics: []bom.Metric{{Type: "acc", Value: "1"}},
		UseCases: []string{"chat"}})
	want := &bom.ModelInfo{Task: "text-generation", Datasets: []string{"a", "b"}, Metrics: []bom.Metric{{Type: "acc", Value: "1"}},
		UseCases: []string{"chat"}}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("got %+v", info)
	}
	ApplyCard(nil, nil)
}
