package safetensors

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	fst "github.com/aisecops/aisec/internal/format/safetensors"
	"github.com/aisecops/aisec/internal/limits"
)

// FuzzDetect parses arbitrary bytes as safetensors and runs the detector on the result: no
// panic, bounded findings with short evidence and offsets inside the input.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.safetensors"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := fst.Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{MaxEntries: 64})
		if err != nil {
			return
		}
		fs := New().Detect(context.Background(), detect.Target{Model: m})
		if len(fs) > len(AllRules())*(MaxPerRule+1) {
			t.Fatalf("%d findings", len(fs))
		}
		for _, x := range fs {
			if x.Evidence == "" || len(x.Evidence) > 400 {
				t.Fatalf("evidence of %d bytes: %q", len(x.Evidence), x.Evidence)
			}
			if x.Offset < -1 || x.Offset > int64(len(b)) {
				t.Fatalf("offset %d outside the %d-byte input", x.Offset, len(b))
			}
		}
	})
}
