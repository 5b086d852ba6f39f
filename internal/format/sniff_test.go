package format

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"testing"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

func zipBytes(t *testing.T, prefix []byte) []byte {
	var buf bytes.Buffer
	buf.Write(prefix)
	w := zip.NewWriter(&buf)
	f, _ := w.Create("a.txt")
	f.Write([]byte("hi"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	var gz, zl, tb bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("data"))
	w.Close()
	z := zlib.NewWriter(&zl)
	z.Write(bytes.Repeat([]byte("weights "), 100))
	z.Close()
	tw := tar.NewWriter(&tb)
	tw.WriteHeader(&tar.Header{Name: "x", Size: 1, Mode: 0o644})
	tw.Write([]byte("x"))
	tw.Close()
	tests := []struct {
		name string
		head []byte
		want Kind
	}{
		{"zip", zipBytes(t, nil), Zip},
		{"gzip", gz.Bytes(), Gzip},
		{"zlib", zl.Bytes(), Zlib},
		{"tar", tb.Bytes(), Tar},
		{"7z", []byte("7z\xbc\xaf\x27\x1c\x00\x04"), SevenZip},
		{"xz", []byte("\xfd7zXZ\x00\x00\x04"), XZ},
		{"zstd", []byte("\x28\xb5\x2f\xfd\x00"), Zstd},
		{"lz4", []byte("\x04\x22\x4d\x18\x64"), LZ4},
		{"bzip2", []byte("BZh91AY&SY\x00\x00"), Bzip2},
		{"lzma alone", []byte("\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"), LZMA},
		{"lzma 3 MiB dictionary", []byte("\x5d\x00\x00\x30\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"), LZMA},
		{"lzma odd dictionary, known size", []byte("\x5d\x01\x23\x45\x00\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00"), LZMA},
		{"lzma joblib prefix, huge dictionary", []byte("\x5d\x00\x00\x00\xc0\xff\xff\xff\xff\xff\xff\xff\xff\x00"), LZMA},
		{"lzma other properties", []byte("\x5e\x00\x00\x10\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"), LZMA},
		{"lzma properties over 224", []byte("\xe1\x00\x00\x10\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"), Data},
		{"lzma range coder byte not zero", []byte("\x5d\x00\x00\x10\x00\xff\xff\xff\xff\xff\xff\xff\xff\x01"), Data},
		{"lzma size over 2^48", []byte("\x5d\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00"), Data},
		{"bzip2 empty first stream", []byte("BZh9\x17\x72\x45\x38\x50\x90\x00\x00\x00\x00BZh91AY&SY"), Bzip2},
		{"bzip2 bad magic", []byte("BZh9\x17\x72\x45\x38\x50\x91\x00\x00"), Data},
		{"joblib ZF", append([]byte("ZF0x320              "), zl.Bytes()...), Zlib},
		{"joblib ZF and space", append([]byte("ZF0x320               "), zl.Bytes()...), Zlib},
		{"joblib ZF without zlib", []byte("ZF0x320              not zlib at all"), Text},
		{"ZF then text", []byte("ZF is a two-letter word, then text follows here."), Text},
		{"npy", []byte("\x93NUMPY\x01\x00"), NumPy},
		{"png named anything", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), Image},
		{"pickle protocol 2", pickletest.Payload("os", "system", "id"), Pickle},
		{"pickle protocol 0", []byte("cos\nsystem\n(S'id'\ntR."), Pickle},
		{"pickle protocol 0 list", []byte("(lp0\nS'a'\np1\na."), Pickle},
		{"text", []byte("# README\nThis model classifies text.\n"), Text},
		{"utf-8 text", []byte("modèle – données\n"), Text},
		{"raw floats", bytes.Repeat([]byte{0x00, 0x00, 0x80, 0x3f, 0xcd, 0xcc, 0x4c, 0x3e}, 64), Data},
		{"empty", nil, Text},
	}
	for _, tt := range tests {
		if got := Sniff(tt.head); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestZFileHeaderLen(t *testing.T) {
	tests := []struct {
		head string
		want int
	}{
		{"ZF0x1a3              x", 21},
		{"ZF0x1a3               x", 22},
		{"ZF1A3                x", 21},
		{"ZF0x1_a3             x", 21},
		{"ZF0x1a3", 0},
		{"ZF0x1a3L             x", 0},
		{"PK0x1a3              x", 0},
	}
	for _, tt := range tests {
		if got := ZFileHeaderLen([]byte(tt.head)); got != tt.want {
			t.Errorf("ZFileHeaderLen(%q) = %d, want %d", tt.head, got, tt.want)
		}
	}
}

func TestHasZipEnd(t *testing.T) {
	junk := bytes.Repeat([]byte("junk"), 100)
	z := zipBytes(t, junk)
	if Sniff(z) == Zip || !HasZipEnd(z) {
		t.Fatal("a zip with junk prepended must be found by its end record only")
	}
	if HasZipEnd(junk) || HasZipEnd(append(zipBytes(t, nil), "trailing"...)) {
		t.Fatal("HasZipEnd accepted a non-zip or a zip with a wrong comment length")
	}
}

func FuzzSniff(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\x80\x04\x95"))
	f.Add([]byte("x\x9c\x00"))
	f.Add([]byte("ZF0x1a3              x\x9c\x00"))
	f.Add([]byte("\x5d\x00\x00\x30\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = Sniff(b)
		_ = HasZipEnd(b)
	})
}
