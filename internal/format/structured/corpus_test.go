package structured

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/xtest"
)

// TestCorpus parses every JSON and YAML file of the shared corpus manifest completely.
func TestCorpus(t *testing.T) {
	root := filepath.Join(xtest.SharedDir(t), "corpus", "models")
	f, err := os.Open(filepath.Join(root, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		path, _, _ := strings.Cut(sc.Text(), "\t")
		switch strings.ToLower(filepath.Ext(path)) {
		case ".json", ".yaml", ".yml":
		default:
			continue
		}
		n++
		data, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(data, limits.Budget{})
		if err != nil || len(d.Gaps()) > 0 || d.Root == nil {
			t.Errorf("%s: err %v, doc %+v", path, err, d)
		}
	}
	if n < 30 {
		t.Fatalf("only %d JSON/YAML rows", n)
	}
}
