package testgen

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteTorchZipCheckpoint(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		members int
		zip64   bool
	}{
		{"one member", 4096, 1, false},
		{"many members", 1 << 20, 8, false},
		{"forced zip64", 64 << 10, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "big.pt")
			if tt.zip64 {
				writeForcedZip64(t, path, tt.total, tt.members)
			} else if err := WriteTorchZipCheckpoint(path, tt.total, tt.members); err != nil {
				t.Fatal(err)
			}
			checkCheckpoint(t, path, tt.total/int64(tt.members)/4*4, tt.members)
		})
	}
}

func writeForcedZip64(t *testing.T, path string, total int64, members int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := total / int64(members) / 4 * 4
	tensors := make([]tensorSpec, members)
	for i := range tensors {
		tensors[i] = tensorSpec{name: fmt.Sprintf("w%d", i), shape: []int64{size / 4}}
	}
	if err := writeCheckpoint(f, tensors, size, true); err != nil {
		t.Fatal(err)
	}
}

func checkCheckpoint(t *testing.T, path string, size int64, members int) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("archive/zip: %v", err)
	}
	defer zr.Close()
	if got, want := len(zr.File), members+3; got != want {
		t.Fatalf("got %d members, want %d", got, want)
	}
	for _, f := range zr.File[2 : 2+members] {
		if int64(f.UncompressedSize64) != size {
			t.Errorf("%s: size %d, want %d", f.Name, f.UncompressedSize64, size)
		}
		if off, _ := f.DataOffset(); off%64 != 0 {
			t.Errorf("%s: data at %d is not 64-byte aligned", f.Name, off)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		// Reading to EOF makes archive/zip verify the CRC of the sparse zero data.
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		rc.Close()
	}
	if _, err := os.Stat(python); err == nil {
		rc, err := zr.File[0].Open()
		if err != nil {
			t.Fatal(err)
		}
		pkl, _ := io.ReadAll(rc)
		rc.Close()
		if msg := pickletools(t, pkl); msg != "" {
			t.Errorf("data.pkl: pickletools rejects it: %s", msg)
		}
	}
}

func TestWriteTorchZipCheckpointRejectsBadPlan(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		total   int64
		members int
	}{{0, 1}, {100, 0}, {8, 3}} {
		if err := WriteTorchZipCheckpoint(filepath.Join(dir, "x.pt"), tt.total, tt.members); err == nil {
			t.Errorf("WriteTorchZipCheckpoint(%d, %d) succeeded, want an error", tt.total, tt.members)
		}
	}
}

func TestWriteAllAndManySmallPickles(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := WriteManySmallPickles(filepath.Join(dir, "small"), 25); err != nil {
		t.Fatal(err)
	}
	all, _ := os.ReadDir(dir)
	small, _ := os.ReadDir(filepath.Join(dir, "small"))
	if got, want := len(all), len(Cases())+1; got != want {
		t.Errorf("WriteAll wrote %d entries, want %d", got, want)
	}
	if len(small) != 25 {
		t.Errorf("WriteManySmallPickles wrote %d files, want 25", len(small))
	}
}
