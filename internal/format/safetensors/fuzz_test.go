package safetensors

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.safetensors")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(header(`{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]},"__metadata__":{"k":"\ud800"}}`, []byte{1, 2, 3}))
	budget := limits.Budget{MaxEntries: 64}
	f.Fuzz(func(t *testing.T, b []byte) {
		size := int64(len(b))
		m, err := Parse(context.Background(), bytes.NewReader(b), size, budget)
		if err != nil {
			return
		}
		checkModel(t, m, size, budget)
	})
}

// checkModel asserts the invariants every parse result keeps, whatever the input.
func checkModel(t *testing.T, m *File, size int64, budget limits.Budget) {
	t.Helper()
	if m.DataStart != 8+int64(m.HeaderLen) || m.DataStart > size || m.DataLen != size-m.DataStart {
		t.Fatalf("bad geometry: %+v (size %d)", m, size)
	}
	if len(m.Tensors) > budget.MaxEntries || len(m.MetaStrings()) > budget.MaxEntries {
		t.Fatalf("%d tensors / %d strings over the budget", len(m.Tensors), len(m.MetaStrings()))
	}
	if len(m.Anomalies) > MaxAnomalies || len(m.Regions) > MaxRegions+1 || len(m.Heads) > MaxTensorHeads {
		t.Fatalf("unbounded output: %d anomalies, %d regions, %d heads", len(m.Anomalies), len(m.Regions), len(m.Heads))
	}
	if m.UncoveredBytes < 0 || m.UncoveredBytes > m.DataLen {
		t.Fatalf("uncovered %d of %d", m.UncoveredBytes, m.DataLen)
	}
	var sampled int64
	for _, r := range m.Regions {
		if r.Start < 8 || r.Start >= r.End || r.End > size {
			t.Fatalf("region %+v outside the input of %d bytes", r, size)
		}
		for _, s := range r.Samples {
			if s.Offset < r.Start || s.Offset+int64(len(s.Bytes)) > r.End {
				t.Fatalf("sample at %d (+%d) outside its region %d-%d", s.Offset, len(s.Bytes), r.Start, r.End)
			}
			sampled += int64(len(s.Bytes))
		}
	}
	if sampled > MaxSampleBytes+RegionHeadBytes {
		t.Fatalf("sampled %d bytes", sampled)
	}
	for _, s := range m.Heads {
		if s.Offset < m.DataStart || s.Offset+int64(len(s.Bytes)) > size || len(s.Bytes) > TensorHeadBytes {
			t.Fatalf("tensor head %d+%d outside the data section", s.Offset, len(s.Bytes))
		}
	}
	for _, a := range m.Anomalies {
		if a.Offset < -1 || a.Offset > size || len(a.Detail) > 400 { // a syntax error may sit just past the last byte
			t.Fatalf("anomaly %+v out of range", a)
		}
	}
	for _, s := range m.MetaStrings() {
		if s.Offset < 8 || s.Offset > m.DataStart {
			t.Fatalf("string %q at %d outside the header", s.Key, s.Offset)
		}
	}
}
