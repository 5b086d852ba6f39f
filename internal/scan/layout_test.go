package scan

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/testgen"
)

func gz(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tarOf(t *testing.T, members [][2]string) []byte {
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, m := range members {
		if err := w.WriteHeader(&tar.Header{Name: m[0], Mode: 0o644, Size: int64(len(m[1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLayouts covers container nesting and layout labels end to end.
func TestLayouts(t *testing.T) {
	payload := pickletest.Payload("posix", "system", testgen.Cmd)
	plain := string(pickletest.New().Proto(2).EmptyDict().Stop().Bytes())
	torchZip := testgen.WriteZip([]testgen.ZipEntry{{Name: "m/data.pkl", Data: payload}, {Name: "m/version", Data: []byte("3\n")}}, testgen.ZipTricks{})
	tests := []struct {
		name       string
		data       []byte
		wantFormat string // format of the top-level file
		malicious  bool
		member     string // member that must carry the finding
	}{
		{"zip-in-gzip.zip.gz", gz(t, torchZip), "gzip", true, "zip-in-gzip.zip!/m/data.pkl"},
		{"torch-in-tar.tar.gz", gz(t, tarOf(t, [][2]string{{"ckpt/model.pt", string(torchZip)}})), "gzip", true, "torch-in-tar.tar!/ckpt/model.pt!/m/data.pkl"},
		{"legacy.tar", tarOf(t, [][2]string{{"sys_info", plain}, {"pickle", string(payload)}, {"storages", plain}, {"tensors", plain}}), "pytorch-tar", true, "pickle"},
		{"clean.tar", tarOf(t, [][2]string{{"a.pkl", plain}}), "tar", false, ""},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			rep := scanOne(t, path)
			if rep.Files[0].Format != tt.wantFormat {
				t.Errorf("format %s, want %s", rep.Files[0].Format, tt.wantFormat)
			}
			worst, any := rep.Max()
			if got := any && worst >= finding.High; got != tt.malicious {
				t.Errorf("malicious=%v, want %v: %s", got, tt.malicious, summary(rep))
			}
			if tt.member != "" && (len(rep.Findings) == 0 || rep.Findings[0].Member != tt.member) {
				t.Errorf("first finding not in member %q: %s", tt.member, summary(rep))
			}
			if rep.Incomplete() {
				t.Errorf("not fully analysed: %s", summary(rep))
			}
		})
	}
}

// Relative paths are kept for one directory; several targets keep their prefix so that equal
// relative paths stay distinct.
func TestTargetPaths(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, d, "m.pkl"), pickletest.Payload("os", "system", testgen.Cmd), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := New(Options{}, nil)
	one, err := s.Run(t.Context(), []string{filepath.Join(root, "a")})
	if err != nil || len(one.Files) != 1 || one.Files[0].Path != "m.pkl" {
		t.Fatalf("one target: %v %+v", err, one.Files)
	}
	two, err := s.Run(t.Context(), []string{filepath.Join(root, "a"), filepath.Join(root, "b")})
	if err != nil || len(two.Files) != 2 || two.Files[0].Path == two.Files[1].Path {
		t.Fatalf("two targets: %v %+v", err, two.Files)
	}
}

// A name that says pickle gets a real parse even when the content does not look like one;
// raw weights under such a name stay skipped.
func TestPickleByName(t *testing.T) {
	dir := t.TempDir()
	// 'I' (INT) is an opcode LooksLikePickle rarely sees first, but pickle.load accepts it.
	odd := append([]byte("I1\n0"), pickletest.Payload("os", "system", testgen.Cmd)[2:]...)
	raw := bytes.Repeat([]byte{0x4b, 0x01, 0x02, 0xff, 0x3f}, 200) // BININT1 then garbage
	for name, tc := range map[string]struct {
		data []byte
		high bool
	}{"odd.pkl": {odd, true}, "weights.bin": {raw, false}} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := scanOne(t, p)
		worst, any := rep.Max()
		if got := any && worst >= finding.High; got != tc.high {
			t.Errorf("%s: high=%v, want %v: %s", name, got, tc.high, summary(rep))
		}
		if !tc.high && (rep.Incomplete() || len(rep.Findings) > 0) {
			t.Errorf("%s: raw data must scan as skipped, got %s", name, summary(rep))
		}
	}
}

// Tensor bytes that happen to start like joblib's LZMA prefix or like a pickle are data inside
// a checkpoint: torch never decompresses or unpickles them, so they must not make it partial.
func TestTensorLooksLikeLZMA(t *testing.T) {
	plain := pickletest.New().Proto(2).EmptyDict().Stop().Bytes()
	tensor := append([]byte{0x5d, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, make([]byte, 64)...)
	// Bytes that pass the pickle sniff (PROTO 2, BININT1) and then break, running nothing.
	pickleish := append([]byte{0x80, 0x02, 'K', 0x01, 'K', 0x02}, bytes.Repeat([]byte{0xff, 0x7f}, 40)...)
	ckpt := testgen.WriteZip([]testgen.ZipEntry{{Name: "m/data.pkl", Data: plain}, {Name: "m/data/0", Data: tensor},
		{Name: "m/data/1", Data: pickleish}}, testgen.ZipTricks{})
	p := filepath.Join(t.TempDir(), "ckpt.pt")
	if err := os.WriteFile(p, ckpt, 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := scanOne(t, p); rep.Incomplete() || len(rep.Findings) != 0 {
		t.Fatalf("benign checkpoint: %s", summary(rep))
	}
}

// Review findings: a time-out before the format is known still lists the file (exit 3, not 0),
// and a zip behind more than 4 KiB of text is still found.
func TestReviewRegressions(t *testing.T) {
	dir := t.TempDir()
	big := pickletest.New().Proto(2).Mark()
	for range 300_000 {
		big.Int(1)
	}
	slow := filepath.Join(dir, "slow.pkl")
	if err := os.WriteFile(slow, big.Op('l').Stop().Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := New(Options{Budget: limits.Budget{FileTimeout: time.Nanosecond}}, nil).Run(t.Context(), []string{slow})
	if err != nil || !rep.Incomplete() {
		t.Fatalf("timed-out file must be partial: %v %+v", err, rep.Files)
	}
	zip := testgen.WriteZip([]testgen.ZipEntry{{Name: "m.pkl", Data: pickletest.Payload("os", "system", testgen.Cmd)}}, testgen.ZipTricks{})
	poly := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(poly, append(bytes.Repeat([]byte("plain text line\n"), 400), zip...), 0o644); err != nil {
		t.Fatal(err)
	}
	if worst, any := scanOne(t, poly).Max(); !any || worst < finding.High {
		t.Fatal("zip behind text not analysed")
	}
}
