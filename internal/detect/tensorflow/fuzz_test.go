package tensorflow

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/limits"
)

// FuzzDetect parses arbitrary bytes as every TensorFlow kind and runs the detector on the
// result: it must not panic, and findings must carry short evidence and offsets inside the file.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.pb"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	d := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []savedmodel.Kind{savedmodel.KindSavedModel, savedmodel.KindMetaGraph, savedmodel.KindGraphDef} {
			m, err := savedmodel.ParseAs(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{}, kind)
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			for _, fd := range d.Detect(context.Background(), detect.Target{Model: m}) {
				if utf8.RuneCountInString(fd.Evidence) > 201 || fd.Evidence == "" {
					t.Fatalf("evidence %q", fd.Evidence)
				}
				if fd.Offset != finding.NoOffset && (fd.Offset < 0 || fd.Offset > int64(len(data))) {
					t.Fatalf("offset %d outside %d bytes", fd.Offset, len(data))
				}
			}
		}
	})
}
