package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/testgen"
)

func scanOne(t *testing.T, path string) *finding.Report {
	t.Helper()
	rep, err := New(Options{}, list.Default(list.Options{})).Run(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestGeneratedCases runs every fixture of our own generator (one per known bypass, plus benign
// look-alikes) through the whole pipeline.
func TestGeneratedCases(t *testing.T) {
	dir := t.TempDir()
	for _, c := range testgen.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			path := filepath.Join(dir, c.Name)
			if err := os.WriteFile(path, c.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			rep := scanOne(t, path)
			worst, any := rep.Max()
			switch {
			case c.Malicious && (!any || worst < finding.High):
				t.Errorf("%s: not detected (%s)", c.Technique, summary(rep))
			case !c.Malicious && any && worst >= finding.High:
				t.Errorf("benign %s flagged: %s", c.Technique, summary(rep))
			case !c.Malicious && rep.Incomplete():
				t.Errorf("benign %s not fully analysed: %s", c.Technique, summary(rep))
			}
			if c.Format != "" && len(rep.Files) > 0 && rep.Files[0].Member == "" && rep.Files[0].Format != c.Format {
				t.Errorf("identified as %s, want %s", rep.Files[0].Format, c.Format)
			}
		})
	}
}

// TestRealProducers checks fixtures written by real torch, numpy, sklearn, joblib, dill and
// cloudpickle (testdata/benign, see its README): all analysed completely, nothing above low.
func TestRealProducers(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "benign", "*"))
	if err != nil || len(paths) < 30 {
		t.Fatalf("expected the benign fixtures, found %d (%v)", len(paths), err)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		if name == "README.md" || name == "generate.py" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			rep := scanOne(t, p)
			if worst, any := rep.Max(); any && worst > finding.Low {
				t.Errorf("findings above low: %s", summary(rep))
			}
			for _, f := range rep.Files {
				if f.Status != finding.StatusScanned && f.Status != finding.StatusSkipped {
					t.Errorf("%s!/%s is %s: %s", f.Path, f.Member, f.Status, f.Error)
				}
			}
			if rep.Summary.Scanned == 0 {
				t.Errorf("nothing analysed: %+v", rep.Files)
			}
		})
	}
}
