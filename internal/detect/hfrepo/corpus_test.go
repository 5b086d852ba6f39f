package hfrepo

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/xtest"
)

// TestCorpus parses every JSON and YAML row of the shared corpus manifest. All must parse
// completely; benign ones must get nothing above low from this detector. (The malicious rows
// are chat-template injections, reported by the template detector, not here.)
func TestCorpus(t *testing.T) {
	root := filepath.Join(xtest.SharedDir(t), "corpus", "models")
	f, err := os.Open(filepath.Join(root, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || seen[cols[0]] {
			continue
		}
		ext := strings.ToLower(filepath.Ext(cols[0]))
		if ext != ".json" && ext != ".yaml" && ext != ".yml" {
			continue
		}
		seen[cols[0]] = true
		n++
		data, err := os.ReadFile(filepath.Join(root, cols[0]))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := structured.Parse(data, limits.Budget{})
		if err != nil {
			t.Errorf("%s: %v", cols[0], err)
			continue
		}
		if len(doc.Gaps()) > 0 {
			t.Errorf("%s: gaps %v", cols[0], doc.Gaps())
		}
		if len(doc.MetaStrings()) == 0 && !strings.Contains(cols[0], "empty") {
			t.Errorf("%s: no metadata strings", cols[0])
		}
		for _, fd := range New().Detect(context.Background(), detect.Target{Path: cols[0], Model: doc}) {
			if cols[1] == "benign" && fd.Severity > finding.Low {
				t.Errorf("%s (benign): %s %s", cols[0], fd.Rule, fd.Evidence)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("only %d JSON/YAML rows in the manifest", n)
	}
}
