package pickle

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// failingReader returns its data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReaderErrorIsReturned(t *testing.T) {
	boom := errors.New("disk on fire")
	r := &failingReader{data: b().Proto(2).Global("os", "system").Bytes(), err: boom}
	f, err := Parse(context.Background(), r, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("want the reader's error, got %v", err)
	}
	if len(f.Streams) != 1 || findImport(f.Streams[0], "os", "system") == nil {
		t.Fatalf("what was read must be kept:\n%s", summary(f, ""))
	}
}

// TestStreamingAndSeekingAgree parses the same bytes from a file (payloads skipped with Seek),
// from a plain reader (payloads read and discarded) and from a file not at offset 0.
func TestStreamingAndSeekingAgree(t *testing.T) {
	big := bytes.Repeat([]byte{0x80}, 3<<20) // looks like PROTO: must not confuse anything
	p := b().Proto(4).EmptyDict().Unicode("w").BinBytes8(big).SetItem().
		Unicode("code").Global("builtins", "exec").Unicode("import os").Tuple1().Reduce().SetItem().Stop().Bytes()
	p = append(p, bytes.Repeat([]byte{0}, 5000)...)
	path := filepath.Join(t.TempDir(), "p.pkl")
	if err := os.WriteFile(path, append([]byte("JUNK"), p...), 0o644); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if _, err := fh.Seek(4, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	fromFile := parseFileT(t, fh)
	fromReader, err := Parse(context.Background(), onlyReader{bytes.NewReader(p)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := summary(fromFile, ""), summary(fromReader, "")
	if a != b {
		t.Fatalf("file and stream parses differ:\n%s\n---\n%s", a, b)
	}
	if fromFile.Trailing != 5000 || findCall(fromFile.Streams[0], "builtins.exec") == nil {
		t.Fatalf("unexpected parse:\n%s", a)
	}
}
