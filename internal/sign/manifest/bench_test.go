package manifest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeRandom writes size pseudo-random bytes to p, streaming through a 1 MiB buffer.
func writeRandom(b *testing.B, p string, size int64, seed uint64) {
	b.Helper()
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)})
	for left := size; left > 0; left -= int64(len(buf)) {
		chunk := buf[:min(int64(len(buf)), left)]
		_, _ = r.Read(chunk)
		if _, err := f.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
}

// runBuild times Build over dir and reports MB/s via SetBytes.
func runBuild(b *testing.B, dir string, total int64, o Options) {
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), dir, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildDir hashes 200 files totalling 256 MiB (page-cache warm after the first
// iteration), in files mode with each hash, and in shards mode.
func BenchmarkBuildDir(b *testing.B) {
	const files, total = 200, 256 << 20
	dir := b.TempDir()
	for i := range files {
		writeRandom(b, filepath.Join(dir, fmt.Sprintf("shard-%03d.bin", i)), total/files, uint64(i))
	}
	for _, o := range benchOptions() {
		b.Run(o.name, func(b *testing.B) { runBuild(b, dir, total/files*files, o.o) })
	}
}

// BenchmarkBuildLargeFile hashes one 1 GiB file: files mode is one sequential stream
// (SHA-bound with 1 MiB reads); shards mode hashes 256 MiB shards in parallel.
func BenchmarkBuildLargeFile(b *testing.B) {
	const total = 1 << 30
	dir := b.TempDir()
	writeRandom(b, filepath.Join(dir, "model.bin"), total, 1)
	for _, o := range benchOptions() {
		b.Run(o.name, func(b *testing.B) { runBuild(b, dir, total, o.o) })
	}
}

type benchOpt struct {
	name string
	o    Options
}

func benchOptions() []benchOpt {
	return []benchOpt{
		{"files-sha256", Options{}},
		{"files-blake2b", Options{Hash: HashBLAKE2b}},
		{"files-blake3", Options{Hash: HashBLAKE3}},
		{"shards256M-sha256", Options{Serialization: MethodShards, ShardSize: 256 << 20}},
	}
}
