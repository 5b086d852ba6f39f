package onnx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// FuzzParse feeds mutated ONNX models to Parse and Looks. Invariants: no panic, offsets inside
// the input, output bounded by the caps, the walk's reads bounded by the input, and every
// error other than "not a model" impossible for in-memory input.
func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.onnx"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	prefix, suffix := largeModel(64)
	f.Add(append(append(prefix, make([]byte, 64)...), suffix...))
	f.Add([]byte(savedModel()))
	f.Fuzz(func(t *testing.T, data []byte) {
		Looks(data)
		m, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{MaxEntries: 1000})
		if err != nil {
			return
		}
		checkInvariants(t, m, int64(len(data)))
		if len(m.External) > 1000 {
			t.Fatalf("%d external tensors over the MaxEntries budget", len(m.External))
		}
		nodes := len(m.Nodes)
		for _, fn := range m.Functions {
			nodes += len(fn.Nodes)
		}
		if int64(nodes) > int64(len(data)) {
			t.Fatalf("%d nodes from %d bytes", nodes, len(data))
		}
	})
}
