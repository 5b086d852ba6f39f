package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClassifyEdges pins how files are told apart: what makes a model folder, what is only
// inventoried from installed-package records, and what loose sniffs must not turn into models.
func TestClassifyEdges(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		// A README without front matter does not make its folder one model.
		"fixtures/README.md":                     "# Fixtures\n\nTest files.\n",
		"fixtures/a.safetensors":                 string(tinySafetensors()),
		"fixtures/b.safetensors":                 string(tinySafetensors()),
		"fixtures/notes.golden":                  "(lp0\nS'not a model'\n", // protocol-0 pickle look-alike, not named as a model
		"fixtures/real.pkl":                      "(lp0\nS'a model'\np1\na.",
		"app/node_modules/openai/package.json":   `{"name": "openai", "version": "4.52.7"}`,
		"app/node_modules/openai/index.js":       "import OpenAI from 'openai'; new OpenAI({model: 'gpt-4o'})",
		"app/node_modules/left-pad/package.json": `{"name": "left-pad", "version": "1.3.0"}`,
		"rootfs/usr/lib/python3/site-packages/torch-2.2.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: torch\nVersion: 2.2.0\n",
		"rootfs/usr/lib/python3/site-packages/torch/serialization.py":         "import pickle\npickle.load(f)\n",
	}
	for name, body := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(body))
	}
	b, err := Build(t.Context(), []string{dir}, Options{Jobs: 2, Timestamp: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	inv := listing(b)
	for _, want := range []string{
		`model:fixtures/a.safetensors`, `model:fixtures/b.safetensors`, `model:fixtures/real.pkl`,
		`library pkg:npm/openai@4.52.7`, `library pkg:pypi/torch@2.2.0`,
	} {
		if !strings.Contains(inv, want) {
			t.Errorf("listing lacks %q\n%s", want, inv)
		}
	}
	for _, deny := range []string{`model:fixtures "`, "notes.golden", "left-pad", "gpt-4o", "serialization.py"} {
		if strings.Contains(inv, deny) {
			t.Errorf("listing holds %q\n%s", deny, inv)
		}
	}
	if len(b.Incomplete) != 0 {
		t.Errorf("incomplete: %+v", b.Incomplete)
	}
}

// TestUnreadableIsIncomplete: a file that cannot be read is listed as incomplete, never dropped.
func TestUnreadableIsIncomplete(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads unreadable files")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "requirements.txt")
	writeFile(t, p, []byte("openai==1.0.0\n"))
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	b, err := Build(t.Context(), []string{dir}, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Incomplete) == 0 {
		t.Error("an unreadable manifest was not reported")
	}
}

// TestBrokenInputsAreIncomplete: malformed manifests, configs and models make the BOM
// incomplete with a reason, without failing the build.
func TestBrokenInputsAreIncomplete(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "package.json"), []byte(`{"dependencies": {"openai": `))
	writeFile(t, filepath.Join(dir, ".mcp.json"), []byte(`{"mcpServers": [`))
	writeFile(t, filepath.Join(dir, "m", "model.safetensors"), []byte("\xff\xff\xff\xff\xff\xff\xff\x7f{"))
	b, err := Build(t.Context(), []string{dir}, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, g := range b.Incomplete {
		got[g.Path] = true
	}
	for _, p := range []string{"package.json", ".mcp.json", "m/model.safetensors"} {
		if !got[p] {
			t.Errorf("%s not listed as incomplete: %+v", p, b.Incomplete)
		}
	}
}

// TestSeveralTargets keeps files with the same relative path apart.
func TestSeveralTargets(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(a, "requirements.txt"), []byte("openai==1.40.0\n"))
	writeFile(t, filepath.Join(b, "requirements.txt"), []byte("openai==1.30.0\n"))
	bm, err := Build(t.Context(), []string{a, b}, Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	inv := listing(bm)
	for _, want := range []string{"pkg:pypi/openai@1.40.0", "pkg:pypi/openai@1.30.0", "subject aisec-bom"} {
		if !strings.Contains(inv, want) {
			t.Errorf("listing lacks %q\n%s", want, inv)
		}
	}
}
