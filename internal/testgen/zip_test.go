package testgen

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestWriteZip(t *testing.T) {
	entries := []ZipEntry{
		{Name: "a/data.pkl", Data: p2Payload("os", "system", Cmd)},
		{Name: "a/data/0", Data: bytes.Repeat([]byte{1, 2, 3}, 100), Deflate: true},
	}
	tests := []struct {
		name    string
		tricks  ZipTricks
		wantErr error // from reading member contents with archive/zip
	}{
		{"plain", ZipTricks{}, nil},
		{"aligned", ZipTricks{Align: 64}, nil},
		{"zip64", ZipTricks{Zip64: true, Align: 64}, nil},
		{"prepended junk", ZipTricks{Prepend: junk(100)}, nil},
		{"local name mismatch", ZipTricks{LocalNames: map[string]string{"a/data.pkl": "a/x.txt"}}, nil},
		{"flags", ZipTricks{Flags: 0x40}, nil},
		{"bad crc", ZipTricks{BadCRC: true}, zip.ErrChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := WriteZip(entries, tt.tricks)
			if !bytes.Equal(data, WriteZip(entries, tt.tricks)) {
				t.Fatal("WriteZip is not deterministic")
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("archive/zip cannot open the archive: %v", err)
			}
			if len(zr.File) != len(entries) {
				t.Fatalf("got %d members, want %d", len(zr.File), len(entries))
			}
			for i, f := range zr.File {
				checkMember(t, f, entries[i], tt.tricks, tt.wantErr)
			}
		})
	}
}

func checkMember(t *testing.T, f *zip.File, want ZipEntry, tricks ZipTricks, wantErr error) {
	t.Helper()
	if f.Name != want.Name {
		t.Errorf("member name %q, want %q", f.Name, want.Name)
	}
	if tricks.Align > 0 && !want.Deflate {
		off, err := f.DataOffset()
		if err != nil || off%int64(tricks.Align) != 0 {
			t.Errorf("%s: data offset %d (err %v) is not %d-aligned", f.Name, off, err, tricks.Align)
		}
	}
	rc, err := f.Open()
	if err != nil {
		t.Fatalf("open %s: %v", f.Name, err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if !errors.Is(err, wantErr) {
		t.Fatalf("read %s: err %v, want %v", f.Name, err, wantErr)
	}
	if wantErr == nil && !bytes.Equal(got, want.Data) {
		t.Errorf("%s: content differs", f.Name)
	}
}
