package pbwire

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// maxFuzzFields bounds the fields one fuzz input walks, so a walk stays fast.
const maxFuzzFields = 20_000

// FuzzReader walks arbitrary bytes as nested protobuf messages, descending into every
// length-delimited field, and peeks and copies at fuzzed offsets. Invariants: no panic;
// every field lies at its offset and makes progress; a field without error ends inside its
// message; only cut length-delimited fields carry Cut; errors on in-memory input wrap
// ErrTruncated or ErrMalformed; reads stay bounded by the fields walked.
func FuzzReader(f *testing.F) {
	for _, glob := range []string{"../onnx/testdata/*.onnx", "../savedmodel/testdata/*.pb"} {
		names, _ := filepath.Glob(glob)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b, int64(0), 16)
			}
		}
	}
	f.Add([]byte{0x0a, 0x80}, int64(1), 1)
	f.Add([]byte{0x0b, 0x08, 0x01, 0x0c}, int64(2), 2)
	f.Fuzz(func(t *testing.T, data []byte, off int64, n int) {
		size := int64(len(data))
		r := NewReader(bytes.NewReader(data), size)
		w := fuzzWalker{t: t, r: r}
		w.walk(0, size, 0)
		if r.Reads() > 2*int64(w.fields)+2 {
			t.Fatalf("%d reads for %d fields", r.Reads(), w.fields)
		}
		p, err := r.Peek(off, n)
		if len(p) > WindowSize || len(p) > max(n, 0) || err == nil && off+int64(len(p)) > size {
			t.Fatalf("peek(%d, %d) returned %d bytes of %d, error %v", off, n, len(p), size, err)
		}
		if b, err := r.Bytes(off, int64(n)); err == nil && (int64(len(b)) != int64(n) || !bytes.Equal(b, data[off:off+int64(n)])) {
			t.Fatalf("bytes(%d, %d) returned %d wrong bytes", off, n, len(b))
		}
	})
}

type fuzzWalker struct {
	t      *testing.T
	r      *Reader
	fields int
}

// walk checks every field of the message in [start, end) and descends into its
// length-delimited fields, as the parsers do, cut ones included.
func (w *fuzzWalker) walk(start, end int64, depth int) {
	for off := start; off < end && w.fields < maxFuzzFields; {
		w.fields++
		f, err := w.r.Next(off, end)
		if err != nil {
			if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
				w.t.Fatalf("field at %d: unexpected error %v", off, err)
			}
			if f.Cut {
				if !f.IsBytes() || f.End <= end || f.Val > end || f.Val <= f.Tag {
					w.t.Fatalf("bad cut field %+v in [%d, %d)", f, start, end)
				}
				w.descend(f.Val, end, depth)
			}
			return
		}
		if f.Tag != off || f.Val <= f.Tag || f.End < f.Val || f.End <= off || f.End > end || f.Cut {
			w.t.Fatalf("bad field %+v in [%d, %d)", f, start, end)
		}
		if f.IsBytes() {
			w.descend(f.Val, f.End, depth)
		}
		off = f.End
	}
}

func (w *fuzzWalker) descend(start, end int64, depth int) {
	if depth < 8 {
		w.walk(start, end, depth+1)
	}
}
