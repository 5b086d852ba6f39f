package tflite

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// FuzzParse feeds mutated TFLite models to Parse and Looks. Invariants: no panic, offsets
// inside the input, output bounded by the caps.
func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.tflite"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Looks(data)
		m, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{MaxEntries: 1000})
		if err != nil {
			return
		}
		checkInvariants(t, m, int64(len(data)))
		if len(m.OperatorCodes) > 1000 || len(m.Metadata) > 1000 || len(m.Signatures) > 1000 {
			t.Fatalf("%d codes, %d metadata, %d signatures over MaxEntries", len(m.OperatorCodes), len(m.Metadata), len(m.Signatures))
		}
	})
}

// paddedFile is a fixture followed by pad zero bytes that are never materialised.
type paddedFile struct {
	head []byte
	pad  int64
	read int64
}

func (p *paddedFile) ReadAt(b []byte, off int64) (int, error) {
	size := int64(len(p.head)) + p.pad
	if off >= size {
		return 0, io.EOF
	}
	n := int(min(int64(len(b)), size-off))
	for i := range n {
		if at := off + int64(i); at < int64(len(p.head)) {
			b[i] = p.head[at]
		} else {
			b[i] = 0
		}
	}
	p.read += int64(n)
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// TestParseReadsOnlyStructure parses a fixture followed by 3 GiB of tensor data (as models
// over 2 GB lay out their buffers): only the flatbuffer's structure is read.
func TestParseReadsOnlyStructure(t *testing.T) {
	p := &paddedFile{head: fixture(t, "benign_builtin.tflite"), pad: 3 << 30}
	m, err := Parse(context.Background(), p, int64(len(p.head))+p.pad, limits.Budget{})
	if err != nil || len(m.Gaps()) != 0 || len(m.OperatorCodes) != 3 {
		t.Fatalf("err %v, gaps %q, codes %v", err, m.Gaps(), codes(m))
	}
	if p.read > 4*windowSize {
		t.Errorf("read %d bytes", p.read)
	}
}
