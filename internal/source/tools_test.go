package source

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// TestStreamsFromTools decodes what the real command-line compressors write (multi-threaded xz
// with sizes in block headers, SHA-256 checks, BCJ filters, legacy lz4, long-window zstd).
// Each case is skipped with a message when its tool is not installed.
func TestStreamsFromTools(t *testing.T) {
	content := make([]byte, 1<<20)
	_, _ = rand.NewChaCha8([32]byte{7}).Read(content[:len(content)/2]) // half random, half zeros
	dir := t.TempDir()
	in := filepath.Join(dir, "in.bin")
	if err := os.WriteFile(in, content, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kind format.Kind
		cmd  []string
		b    limits.Budget
		want []AnomalyKind
	}{
		{name: "xz multithreaded", kind: format.XZ, cmd: []string{"xz", "-T2", "--block-size=256KiB", "-c", in}},
		{name: "xz sha256 check", kind: format.XZ, cmd: []string{"xz", "--check=sha256", "-c", in}},
		{name: "xz no check", kind: format.XZ, cmd: []string{"xz", "--check=none", "-c", in}},
		{name: "xz bcj filter", kind: format.XZ, cmd: []string{"xz", "--x86", "--lzma2", "-c", in}, want: []AnomalyKind{Unscannable}},
		{name: "xz -9e under a small dictionary budget", kind: format.XZ, cmd: []string{"xz", "-9e", "-c", in}, b: limits.Budget{MaxDictBytes: 1 << 20}, want: []AnomalyKind{Budget}},
		{name: "lzma", kind: format.LZMA, cmd: []string{"lzma", "-c", in}},
		{name: "zstd long window", kind: format.Zstd, cmd: []string{"zstd", "-q", "--long=27", "-c", in}},
		{name: "zstd long window over budget", kind: format.Zstd, cmd: []string{"zstd", "-q", "--long=27", "-c", in}, b: limits.Budget{MaxDictBytes: 64 << 10}, want: []AnomalyKind{Budget}},
		{name: "lz4 frame", kind: format.LZ4, cmd: []string{"lz4", "-q", "-c", in}},
		{name: "lz4 legacy", kind: format.LZ4, cmd: []string{"lz4", "-l", "-q", "-c", in}},
		{name: "gzip", kind: format.Gzip, cmd: []string{"gzip", "-c", in}},
		{name: "bzip2", kind: format.Bzip2, cmd: []string{"bzip2", "-c", in}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath(tt.cmd[0]); err != nil {
				t.Skipf("SKIPPING: %s is not installed", tt.cmd[0])
			}
			data, err := exec.Command(tt.cmd[0], tt.cmd[1:]...).Output()
			if err != nil {
				t.Fatalf("%v: %v", tt.cmd, err)
			}
			r := expandAll(t, streamNode("in.bin.z", data), tt.kind, tt.b)
			if !slices.Equal(r.kinds(), tt.want) {
				t.Errorf("anomalies %v, want %s", r.anomalies, joinKinds(tt.want))
			}
			if tt.want == nil && !bytes.Equal(r.members["in.bin.z.decompressed"], content) {
				t.Errorf("decoded %d bytes (members %v), want the %d input bytes", len(r.members[r.order[0]]), r.order, len(content))
			}
		})
	}
}
