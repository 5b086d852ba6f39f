package hfrepo

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/hf"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

const rev = "0123456789abcdef0123456789abcdef01234567"

func render(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Rule + " " + f.Severity.String() + " " + f.Evidence + "\n")
	}
	return b.String()
}

func parse(t *testing.T, path string) *structured.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := structured.Parse(data, limits.Budget{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// TestConfigs runs each config fixture as if it were in the hub cache and compares the
// findings with the golden file.
func TestConfigs(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	yamls, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, yamls...)
	if len(files) < 6 {
		t.Fatalf("fixtures missing")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			path := "/c/hub/models--acme--tiny/snapshots/" + rev + "/" + filepath.Base(f)
			got := render(New().Detect(context.Background(), detect.Target{Path: path, Model: parse(t, f)}))
			golden := filepath.Join("testdata", "golden", filepath.Base(f)+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if string(want) != got {
				t.Fatalf("findings differ from %s (run with -update to accept):\n%s", golden, got)
			}
		})
	}
}

func TestConfigExpectations(t *testing.T) {
	count := func(fs []finding.Finding, id string) int {
		n := 0
		for _, f := range fs {
			if f.Rule == id {
				n++
			}
		}
		return n
	}
	run := func(name string) []finding.Finding {
		return New().Detect(context.Background(), detect.Target{Path: name, Model: parse(t, filepath.Join("testdata", name))})
	}
	remote := run("config_remote.json")
	if count(remote, RuleAutoMap.ID) != 3 || count(remote, RuleCrossRepo.ID) != 1 {
		t.Errorf("config_remote.json: want 3 local modules and 1 cross-repo reference:\n%s", render(remote))
	}
	for _, name := range []string{"config_plain.json", "not_hf.json", "nemo_clean.yaml"} {
		if fs := run(name); len(fs) != 0 {
			t.Errorf("%s: want no findings:\n%s", name, render(fs))
		}
	}
	payload := run("nemo_payload.yaml")
	if n := count(payload, RuleHydraDangerous.ID); n != 7 {
		t.Errorf("nemo_payload.yaml: %d dangerous targets, want 7:\n%s", n, render(payload))
	}
	if count(payload, RuleHydraUnknown.ID) != 1 || count(payload, RuleYAMLPythonTag.ID) != 2 {
		t.Errorf("nemo_payload.yaml: want 1 unknown target and 2 Python tags:\n%s", render(payload))
	}
}

func TestRepo(t *testing.T) {
	ref, _ := hf.ParseCachePath("/c/hub/models--acme--tiny/snapshots/" + rev)
	repo := &hf.Repo{
		Dir:   ref.Root + "/snapshots/" + rev,
		Files: []string{"config.json", "modeling_tiny.py", "configuration_tiny.py", "utils/helpers.py", "pytorch_model.bin", "model.safetensors", "training_args.bin"},
		Ref:   &ref,
		AutoMap: []hf.AutoRef{
			{Key: "auto_map.AutoModel", Module: "modeling_tiny", Class: "TinyModel"},
			{Key: "auto_map.AutoModelForCausalLM", Module: "modeling_tiny", Class: "TinyForCausalLM"},
			{Key: "auto_map.AutoConfig", Module: "configuration_tiny", Class: "TinyConfig"},
		},
	}
	got := render(New().Detect(context.Background(), detect.Target{Path: repo.Dir, Model: repo}))
	want := "AISEC-HF-006 medium configuration_tiny.py: auto_map.AutoConfig imports it when loaded with trust_remote_code=True\n" +
		"AISEC-HF-006 medium modeling_tiny.py: auto_map.AutoModel imports it when loaded with trust_remote_code=True (+1 more)\n" +
		"AISEC-HF-006 medium utils/helpers.py: trust_remote_code=True or the model's own modules can import it\n" +
		"AISEC-HF-007 low pytorch_model.bin is pickle weights with a safetensors twin model.safetensors\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}

	space := &hf.Repo{Files: []string{"app.py", "model.safetensors"}, Ref: &hf.CacheRef{Type: hf.Space, ModelID: "me/demo"}}
	if fs := New().Detect(context.Background(), detect.Target{Model: space}); len(fs) != 0 {
		t.Fatalf("a Space's app code is not model code: %s", render(fs))
	}
	scripts := &hf.Repo{Files: []string{"setup.py", "README.md"}}
	if fs := New().Detect(context.Background(), detect.Target{Model: scripts}); len(fs) != 0 {
		t.Fatalf("a folder without model files: %s", render(fs))
	}
}

func TestForeignModels(t *testing.T) {
	d := New()
	for _, m := range []any{nil, "text", (*structured.Doc)(nil), (*hf.Repo)(nil)} {
		if fs := d.Detect(context.Background(), detect.Target{Model: m}); fs != nil {
			t.Fatalf("%T: %v", m, fs)
		}
	}
	if len(d.Rules()) != 7 || d.Name() != "hfrepo" {
		t.Fatal("rules or name")
	}
}
