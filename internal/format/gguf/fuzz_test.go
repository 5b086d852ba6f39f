package gguf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.gguf"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	budget := limits.Budget{MaxEntries: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		size := int64(len(data))
		pf, err := Parse(context.Background(), bytes.NewReader(data), size, budget)
		if err != nil {
			if !errors.Is(err, ErrNotGGUF) {
				t.Fatalf("in-memory input gave a non-format error: %v", err)
			}
			return
		}
		checkInvariants(t, pf, size, budget)
	})
}

// checkInvariants asserts what must hold for any input: bounded output, offsets inside the
// file, counts never above what was declared or budgeted.
func checkInvariants(t *testing.T, f *File, size int64, b limits.Budget) {
	t.Helper()
	if uint64(len(f.KVs)) > f.KVCount || uint64(len(f.Tensors)) > f.TensorCount {
		t.Fatalf("%d KVs / %d tensors beyond declared %d / %d", len(f.KVs), len(f.Tensors), f.KVCount, f.TensorCount)
	}
	if len(f.KVs) > b.MaxEntries || len(f.Tensors) > b.MaxEntries {
		t.Fatalf("entry budget exceeded: %d KVs, %d tensors", len(f.KVs), len(f.Tensors))
	}
	if len(f.Anomalies) > maxAnomalies || len(f.Gaps()) > maxGaps+1 {
		t.Fatalf("%d anomalies, %d gaps", len(f.Anomalies), len(f.Gaps()))
	}
	if f.HeaderEnd > size || f.HeaderEnd < -1 {
		t.Fatalf("header end %d outside the %d-byte file", f.HeaderEnd, size)
	}
	if f.Alignment == 0 || f.Alignment&(f.Alignment-1) != 0 {
		t.Fatalf("alignment %d adopted", f.Alignment)
	}
	kept := 0
	for _, kv := range f.KVs {
		if kv.Offset < 0 || kv.Offset >= size || kv.ValueOffset > size {
			t.Fatalf("kv %q at %d/%d outside the file", kv.Key, kv.Offset, kv.ValueOffset)
		}
		if uint64(len(kv.Str)) > kv.StrLen || len(kv.Str) > MaxStringKeep {
			t.Fatalf("kv %q kept %d bytes of %d", kv.Key, len(kv.Str), kv.StrLen)
		}
	}
	for _, m := range f.MetaStrings() {
		kept += len(m.Value)
		if m.Offset < 0 || m.Offset+int64(len(m.Value)) > size {
			t.Fatalf("meta string %q at %d (+%d) outside the file", m.Key, m.Offset, len(m.Value))
		}
	}
	if kept > MaxMetaKeep {
		t.Fatalf("%d string bytes kept", kept)
	}
	for _, ti := range f.Tensors {
		if ti.InfoOffset < 0 || ti.InfoOffset >= size || len(ti.Dims) > MaxDims {
			t.Fatalf("tensor %q info at %d with %d dims", ti.Name, ti.InfoOffset, len(ti.Dims))
		}
	}
}
