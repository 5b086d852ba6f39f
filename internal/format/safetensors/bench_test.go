package safetensors

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// hugeFixture writes a sparse 4 GiB safetensors file: a real header describing four 1 GiB
// F32 tensors, with the data left as a hole (File.Truncate), so it costs no disk space.
func hugeFixture(tb testing.TB) (string, int64) {
	tb.Helper()
	const tensorBytes = 1 << 30
	var sb strings.Builder
	sb.WriteString(`{"__metadata__":{"format":"pt"}`)
	for i := range 4 {
		fmt.Fprintf(&sb, `,"layer.%d.weight":{"dtype":"F32","shape":[16384,16384],"data_offsets":[%d,%d]}`, i, i*tensorBytes, (i+1)*tensorBytes)
	}
	sb.WriteString("}")
	hdr := sb.String() + strings.Repeat(" ", (8-sb.Len()%8)%8)
	p := filepath.Join(tb.TempDir(), "huge.safetensors")
	fh, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	if _, err := fh.Write(append(binary.LittleEndian.AppendUint64(nil, uint64(len(hdr))), hdr...)); err != nil {
		tb.Fatal(err)
	}
	size := int64(8+len(hdr)) + 4*tensorBytes
	if err := fh.Truncate(size); err != nil {
		tb.Fatal(err)
	}
	return p, size
}

// BenchmarkParseHuge parses the sparse 4 GiB file. Only the header and bounded samples are
// read: the target is well under 1 s and 100 MiB per parse.
func BenchmarkParseHuge(b *testing.B) {
	p, size := hugeFixture(b)
	fh, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer fh.Close()
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(context.Background(), fh, size, limits.Budget{})
		if err != nil || len(f.Tensors) != 4 || len(f.Anomalies) != 0 {
			b.Fatalf("parse: %v %+v", err, f)
		}
	}
}

// TestParseHugeIsCheap runs the benchmark's file once and bounds its cost, so the claim is
// checked by `go test`, not only by `go test -bench`.
func TestParseHugeIsCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark-based test")
	}
	res := testing.Benchmark(BenchmarkParseHuge)
	if res.N == 0 {
		t.Fatal("benchmark did not run")
	}
	perOp := res.T.Nanoseconds() / int64(res.N)
	if perOp > 500e6 || res.AllocedBytesPerOp() > 100<<20 {
		t.Fatalf("parse of a 4 GiB file took %d ns and %d bytes per op", perOp, res.AllocedBytesPerOp())
	}
}
