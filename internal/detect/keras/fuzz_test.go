package keras

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/detect"
	pickledetect "github.com/aisecops/aisec/internal/detect/pickle"
	"github.com/aisecops/aisec/internal/format/keras"
	"github.com/aisecops/aisec/internal/limits"
)

// FuzzDetect parses arbitrary Keras JSON and checks the detector's invariants: no panic,
// bounded valid-UTF-8 evidence, offsets inside the input, known rules only.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	known := map[string]bool{}
	for _, r := range AllRules() {
		known[r.ID] = true
	}
	d := New(pickledetect.NewPolicy(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := keras.Parse(data, keras.OriginKerasConfig, limits.Budget{MaxEntries: 100})
		if err != nil {
			return
		}
		for _, fd := range d.Detect(context.Background(), detect.Target{Model: m}) {
			if !known[fd.Rule] {
				t.Fatalf("unknown rule %q", fd.Rule)
			}
			if len(fd.Evidence) > maxEvidence+len("…") || (utf8.ValidString(string(data)) && !utf8.ValidString(fd.Evidence)) {
				t.Fatalf("evidence out of bounds: %q", fd.Evidence)
			}
			if fd.Offset < -1 || fd.Offset >= int64(len(data)) {
				t.Fatalf("offset %d outside %d bytes", fd.Offset, len(data))
			}
		}
	})
}
