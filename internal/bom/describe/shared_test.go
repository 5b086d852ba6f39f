package describe

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/xtest"
)

// TestSharedJSONL identifies the real JSON Lines datasets under ../shared/datasets/guard and
// checks the record count against a plain count of non-empty lines.
func TestSharedJSONL(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(xtest.SharedDir(t), "datasets", "guard", "*.jsonl"))
	if len(files) == 0 {
		t.Skip("no JSON Lines files in the shared datasets")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		head := data[:min(len(data), 64<<10)]
		if got, ok := DatasetFormat(filepath.Base(p), head, int64(len(data))); !ok || got != FormatJSONL {
			t.Errorf("%s: DatasetFormat = %q", filepath.Base(p), got)
			continue
		}
		want := int64(0)
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				want++
			}
		}
		n, cols, err := DatasetDetails(FormatJSONL, bytes.NewReader(data), int64(len(data)))
		if err != nil || n != want || len(cols) == 0 {
			t.Errorf("%s: %d records (want %d), columns %v, %v", filepath.Base(p), n, want, cols, err)
		}
	}
}
