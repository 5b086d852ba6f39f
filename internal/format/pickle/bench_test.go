package pickle

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseOpcodeDense parses about 20 MB of small Python objects (8M opcodes) from a
// file. Compare with scripts/bench/opcode-dense.sh, which times pickletools.genops on it.
func BenchmarkParseOpcodeDense(b *testing.B) {
	p := denseFixturePath(b)
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(context.Background(), bytes.NewReader(data), Options{})
		if err != nil || len(f.Streams) != 1 || !f.Streams[0].Complete {
			b.Fatalf("parse failed: %v %+v", err, f)
		}
	}
}

// largePayloadBytes is the size of the large-payload fixture.
const largePayloadBytes = 1 << 30

// BenchmarkParseLargePayload parses a 1 GiB pickle that is a dict of 64 MiB BINBYTES8
// payloads (like numpy arrays pickled at protocol 4/5) from an *os.File. "seek": payloads are
// skipped with Seek, so throughput is bounded by opcode work, not I/O. "stream": the reader
// cannot seek (as inside a gzip or a deflated zip member), so every payload byte is read and
// discarded.
func BenchmarkParseLargePayload(b *testing.B) {
	p := filepath.Join(b.TempDir(), "large.pkl")
	writeLargePayload(b, p, largePayloadBytes, 64<<20)
	fi, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"seek", "stream"} {
		b.Run(mode, func(b *testing.B) {
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				var r io.Reader = f
				if mode == "stream" {
					r = struct{ io.Reader }{f}
				}
				pf, err := Parse(context.Background(), r, Options{})
				f.Close()
				if err != nil || len(pf.Streams) != 1 || !pf.Streams[0].Complete {
					b.Fatalf("parse failed: %v", err)
				}
			}
		})
	}
}

// writeLargePayload writes {'w0': b'...', 'w1': ...} at protocol 4 with total payload bytes
// split in chunks of chunk bytes, as a sparse file where the OS allows (payloads are zeros).
func writeLargePayload(tb testing.TB, path string, total, chunk int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := func(b []byte) {
		if _, err := f.Write(b); err != nil {
			tb.Fatal(err)
		}
	}
	w([]byte{0x80, 4, '}', 0x94, '('})
	for i := int64(0); i*chunk < total; i++ {
		key := []byte{0x8c, 0}
		key = append(key, []byte("w"+string(rune('a'+i%26))+string(rune('a'+i/26%26)))...)
		key[1] = byte(len(key) - 2)
		w(append(key, 0x94))
		hdr := []byte{0x8e}
		hdr = binary.LittleEndian.AppendUint64(hdr, uint64(chunk))
		w(hdr)
		if _, err := f.Seek(chunk, 1); err != nil {
			tb.Fatal(err)
		}
		w([]byte{0x94})
	}
	w([]byte{'u', '.'})
}
