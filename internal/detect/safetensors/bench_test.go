package safetensors

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/meta"
	fst "github.com/aisecops/aisec/internal/format/safetensors"
	"github.com/aisecops/aisec/internal/limits"
)

// hugeFile writes a sparse 4 GiB safetensors file (a real header for four 1 GiB F32 tensors,
// the data a hole made by File.Truncate).
func hugeFile(tb testing.TB) (*os.File, int64) {
	tb.Helper()
	const tensorBytes = 1 << 30
	var sb strings.Builder
	sb.WriteString(`{"__metadata__":{"format":"pt","source":"https://huggingface.co/org/model"}`)
	for i := range 4 {
		fmt.Fprintf(&sb, `,"model.layers.%d.mlp.weight":{"dtype":"BF16","shape":[32768,16384],"data_offsets":[%d,%d]}`, i, i*tensorBytes, (i+1)*tensorBytes)
	}
	sb.WriteString("}")
	hdr := sb.String() + strings.Repeat(" ", (8-sb.Len()%8)%8)
	fh, err := os.Create(filepath.Join(tb.TempDir(), "huge.safetensors"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { fh.Close() })
	if _, err := fh.Write(append(binary.LittleEndian.AppendUint64(nil, uint64(len(hdr))), hdr...)); err != nil {
		tb.Fatal(err)
	}
	size := int64(8+len(hdr)) + 4*tensorBytes
	if err := fh.Truncate(size); err != nil {
		tb.Fatal(err)
	}
	return fh, size
}

// BenchmarkParseHuge parses a sparse 4 GiB safetensors file and runs the safetensors and
// metadata detectors on it, as a scan does: it must stay far below 1 s and 100 MiB per op,
// because only the header and bounded samples are read.
func BenchmarkParseHuge(b *testing.B) {
	fh, size := hugeFile(b)
	md := metaDetector
	if err := md.Init(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		f, err := fst.Parse(context.Background(), fh, size, limits.Budget{})
		if err != nil {
			b.Fatal(err)
		}
		fs := New().Detect(context.Background(), detect.Target{Model: f})
		fs = append(fs, md.Detect(context.Background(), detect.Target{Model: &meta.Doc{Format: "safetensors", Strings: f.MetaStrings()}})...)
		if len(f.Tensors) != 4 || len(fs) != 0 {
			b.Fatalf("unexpected result: %d tensors, findings %s", len(f.Tensors), render(fs))
		}
	}
}

// TestParseHugeIsCheap checks the benchmark's bound under plain `go test`.
func TestParseHugeIsCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark-based test")
	}
	res := testing.Benchmark(BenchmarkParseHuge)
	if res.N == 0 {
		t.Fatal("benchmark did not run")
	}
	perOp := res.T.Nanoseconds() / int64(res.N)
	t.Logf("4 GiB file: %d ns/op, %d B/op", perOp, res.AllocedBytesPerOp())
	if perOp > 250e6 || res.AllocedBytesPerOp() > 100<<20 {
		t.Fatalf("parse+detect of a 4 GiB file took %d ns and %d bytes per op", perOp, res.AllocedBytesPerOp())
	}
}
