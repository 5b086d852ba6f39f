package hfrepo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// FuzzDetect runs the config checks on whatever structured.Parse accepts: no panic, bounded
// findings with short evidence.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := structured.Parse(data, limits.Budget{})
		if err != nil {
			return
		}
		fs := New().Detect(context.Background(), detect.Target{Path: "models--a--b/snapshots/r/config.json", Model: doc})
		if len(fs) > 2*maxTargetFindings+len(doc.Tags)+len(data) {
			t.Fatalf("%d findings", len(fs))
		}
		for _, fd := range fs {
			if len(fd.Evidence) > 600 {
				t.Fatalf("evidence of %d bytes: %q", len(fd.Evidence), fd.Evidence)
			}
		}
	})
}
