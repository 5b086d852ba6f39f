package scan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/testgen"
)

// benchDir returns a fixture directory that survives between benchmark runs, so that a 2 GiB
// checkpoint is written once.
func benchDir(b *testing.B, name string) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "aisec-bench", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchScan(b *testing.B, target string, bytes int64) {
	s := New(Options{Hash: HashNever}, list.Default(list.Options{}))
	b.SetBytes(bytes)
	b.ReportAllocs()
	var ms runtime.MemStats
	peak := uint64(0)
	for b.Loop() {
		rep, err := s.Run(context.Background(), []string{target})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Incomplete() {
			b.Fatalf("benchmark input not fully analysed: %+v", rep.Files)
		}
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapSys)
	}
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
}

// BenchmarkManySmallPickles is target (a): 1,000 small pickles in a directory.
func BenchmarkManySmallPickles(b *testing.B) {
	dir := benchDir(b, "small-pickles")
	if err := testgen.WriteManySmallPickles(dir, 1000); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	benchScan(b, dir, dirSize(b, dir))
}

// BenchmarkTorchZip2GiB is target (b): a 2 GiB PyTorch zip checkpoint; only data.pkl and the
// heads of the tensor members need reading (target: < 0.5 s, < 100 MiB).
func BenchmarkTorchZip2GiB(b *testing.B) {
	path := filepath.Join(benchDir(b, "torch-zip"), "checkpoint.pt")
	if fi, err := os.Stat(path); err != nil || fi.Size() < 2<<30 {
		if err := testgen.WriteTorchZipCheckpoint(path, 2<<30, 400); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	benchScan(b, path, 2<<30)
}

func dirSize(b *testing.B, dir string) int64 {
	var n int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// BenchmarkSafetensors4GiB: a 4 GiB safetensors file must scan in under 1 s with under
// 100 MiB of memory: only the header is read.
func BenchmarkSafetensors4GiB(b *testing.B) {
	path := filepath.Join(benchDir(b, "safetensors"), "model.safetensors")
	if err := testgen.WriteSparseSafetensors(path, 4<<30, 8); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	benchScan(b, path, 4<<30)
}

// BenchmarkONNX2GiB: a 2 GiB ONNX file with inline weights must scan in under 1 s with under
// 100 MiB of memory: the walk skips raw_data.
func BenchmarkONNX2GiB(b *testing.B) {
	path := filepath.Join(benchDir(b, "onnx"), "model.onnx")
	if err := testgen.WriteSparseONNX(path, 2<<30-4096); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	benchScan(b, path, 2<<30)
}
