package source

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// The fixtures in testdata/ are made by testdata/gen.sh.
func TestSevenZip(t *testing.T) {
	all := []string{"data.pkl", "empty", "sub/notes.txt"}
	tests := []struct {
		file    string
		b       limits.Budget
		members []string
		want    []AnomalyKind
		err     bool
	}{
		{file: "lzma2.7z", members: all},
		{file: "lzma.7z", members: all},
		{file: "ppmd.7z", members: all},
		{file: "bzip2.7z", members: all},
		{file: "deflate.7z", members: all},
		{file: "copy-plainheader.7z", members: all},
		{file: "bcj.7z", members: all},
		{file: "nonsolid.7z", members: all},
		{file: "aes-data.7z", members: []string{"empty"}, want: []AnomalyKind{Unscannable, Unscannable}},
		{file: "aes-header.7z", want: []AnomalyKind{Unscannable}},
		{file: "plainheader.7z", members: all},
		{file: "lzma2.7z", b: limits.Budget{MaxDictBytes: 1024}, want: []AnomalyKind{Budget}, err: true}, // header dictionary
		{file: "plainheader.7z", b: limits.Budget{MaxDictBytes: 1024}, members: []string{"empty"}, want: []AnomalyKind{Budget, Budget}, err: true},
		{file: "ppmd.7z", b: limits.Budget{MaxDictBytes: 32 << 10}, members: []string{"empty"}, want: []AnomalyKind{Budget, Budget}, err: true}, // PPMd model memory
		{file: "lzma.7z", b: limits.Budget{MaxEntries: 2}, want: []AnomalyKind{Budget}, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []Node{memNode(tt.file, data), streamNode(tt.file, data)} {
				r := expandAll(t, n, format.SevenZip, tt.b)
				if (r.err != nil) != tt.err || (tt.err && !errors.Is(r.err, limits.ErrExceeded)) {
					t.Errorf("err = %v, want budget error: %v", r.err, tt.err)
				}
				got := sortedKeys(r.members)
				if !slices.Equal(got, tt.members) {
					t.Errorf("members %v, want %v", got, tt.members)
				}
				if !slices.Equal(r.kinds(), tt.want) {
					t.Errorf("anomalies %v, want %s", r.anomalies, joinKinds(tt.want))
				}
				if d, ok := r.members["data.pkl"]; ok && !bytes.Equal(d, []byte("\x80\x04K*.")) {
					t.Errorf("data.pkl = % x", d)
				}
				if len(r.readErrs) > 0 {
					t.Errorf("read errors %v", r.readErrs)
				}
			}
		})
	}
}

func TestSevenZipCorpus(t *testing.T) {
	n := fileNodeFor(t, sharedPath(t, "corpus/models/picklescan/data/malicious1.7z"))
	r := expandAll(t, n, format.SevenZip, limits.Budget{})
	if r.err != nil || len(r.anomalies) > 0 {
		t.Fatalf("err %v anomalies %v", r.err, r.anomalies)
	}
	if !bytes.HasPrefix(r.members["data.pkl"], []byte{0x80, 0x04, 0x95}) {
		t.Errorf("data.pkl = %q (members %v)", r.members["data.pkl"], r.order)
	}
}

// TestSevenZipBomb needs the 7z tool to make a highly compressed archive on the fly.
func TestSevenZipBomb(t *testing.T) {
	if _, err := exec.LookPath("7z"); err != nil {
		t.Skip("SKIPPING: the 7z tool (p7zip-full) is not installed; the 7z bomb test needs it")
	}
	dir := t.TempDir()
	zeros := filepath.Join(dir, "zeros.bin")
	if err := os.WriteFile(zeros, make([]byte, 32<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bomb.7z")
	if msg, err := exec.Command("7z", "a", "-bd", "-bso0", "-bsp0", out, zeros).CombinedOutput(); err != nil {
		t.Fatalf("7z: %v: %s", err, msg)
	}
	r := expandAll(t, fileNodeFor(t, out), format.SevenZip, limits.Budget{})
	if !errors.Is(r.err, limits.ErrExceeded) || !r.has(Ratio) || len(r.members) != 0 {
		t.Errorf("err %v anomalies %v members %v; want a ratio refusal before decoding", r.err, r.anomalies, r.order)
	}
}

func TestSevenZipMalformed(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "lzma2.7z"))
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{6, 32, len(data) / 2, len(data) - 1} {
		r := expandAll(t, memNode("x.7z", data[:cut]), format.SevenZip, limits.Budget{})
		if r.err == nil && len(r.anomalies) == 0 {
			t.Errorf("cut at %d: no error and no anomaly", cut)
		}
	}
}
