package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fixture recreates one of model-transparency's deterministic test models (tests/conftest.py)
// under a temp dir and returns the model path plus the options it must be hashed with.
type fixture struct {
	root  string // model root name (= subject name)
	build func(t *testing.T, dir string) string
}

var fixtures = map[string]fixture{
	"sample_model_file": {"file_model", singleFile("This is a simple model")},
	"empty_model_file":  {"empty_file_model", singleFile("")},
	"sample_model_folder": {"sample_model", tree(func(add func(string, string)) {
		for i := range 2 {
			for j := range 3 {
				add(fmt.Sprintf("d%d/f%d%d", i, i, j), fmt.Sprintf("This is file f%d%d in d%d.", i, j, i))
			}
		}
		for i := range 4 {
			add(fmt.Sprintf("f%d", i), fmt.Sprintf("This is file f%d in root.", i))
		}
	})},
	"empty_model_folder":           {"empty_folder_model", tree(func(func(string, string)) {})},
	"model_folder_with_empty_file": {"empty_file_inside_model", tree(func(add func(string, string)) { add("empty_file", "") })},
	"deep_model_folder": {"deep_model", tree(func(add func(string, string)) {
		for i := range 4 {
			add(fmt.Sprintf("d0/d1/d2/d3/d4/f%d", i), fmt.Sprintf("This is file f%d.", i))
		}
	})},
	// Upstream links to a file outside the model; aisec refuses escaping symlinks, so the
	// target lives inside the model under an ignored directory (symlinkTargetDir).
	"symlink_model_folder": {"symlink_model", tree(func(add func(string, string)) {
		add(symlinkTargetDir+"/target", "This is a simple model")
		add("symlink_file", "->"+symlinkTargetDir+"/target")
	})},
}

const symlinkTargetDir = "outside"

// singleFile builds a single-file model with the given content.
func singleFile(content string) func(*testing.T, string) string {
	return func(t *testing.T, p string) string {
		t.Helper()
		writeFile(t, p, content)
		return p
	}
}

// tree builds a directory model; content "->target" makes a symlink to target.
func tree(fill func(add func(rel, content string))) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		fill(func(rel, content string) {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if len(content) > 2 && content[:2] == "->" {
				if err := os.Symlink(filepath.Join(dir, filepath.FromSlash(content[2:])), p); err != nil {
					t.Fatal(err)
				}
				return
			}
			writeFile(t, p, content)
		})
		return dir
	}
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// makeFixture materializes fixture name and returns its model path.
func makeFixture(t *testing.T, name string) string {
	t.Helper()
	f, ok := fixtures[name]
	if !ok {
		t.Fatalf("no fixture %s", name)
	}
	return f.build(t, filepath.Join(t.TempDir(), f.root))
}

// goldenOptions are the options upstream used for a golden variant ("", "_shard",
// "_small_shards"); symlinks are allowed everywhere.
func goldenOptions(variant string) Options {
	o := Options{AllowSymlinks: true, IgnorePaths: []string{symlinkTargetDir}}
	switch variant {
	case "_shard":
		o.Serialization = MethodShards
	case "_small_shards":
		o.Serialization, o.ShardSize = MethodShards, 8
	}
	return o
}
