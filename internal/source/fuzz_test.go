package source

import (
	"archive/tar"
	"context"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// fuzzBudget keeps every fuzz iteration small.
var fuzzBudget = limits.Budget{MaxFileBytes: 4 << 20, MaxExpandedBytes: 16 << 20, MaxEntries: 64, MaxDictBytes: 1 << 20, MaxDepth: 3}

// fuzzExpand expands data as kind (with and without random access), reads every child, and
// checks the invariants: no panic, reads bounded by the budget, anomalies of known kinds.
func fuzzExpand(t *testing.T, data []byte, kind format.Kind) {
	for _, n := range []Node{memNode("f", data), streamNode("f", data)} {
		var total int64
		anomalies, _ := Expand(context.Background(), n, kind, fuzzBudget, nil, func(c Node) error {
			rc, err := c.Open()
			if err != nil {
				return nil
			}
			defer rc.Close()
			k, _ := io.Copy(io.Discard, rc)
			if k > fuzzBudget.MaxFileBytes {
				t.Fatalf("member %q read %d bytes, over MaxFileBytes", c.Member, k)
			}
			total += k
			return nil
		})
		if total > fuzzBudget.MaxExpandedBytes+int64(fuzzBudget.MaxEntries)*fuzzBudget.MaxFileBytes {
			t.Fatalf("read %d bytes in total", total)
		}
		for _, a := range anomalies {
			if a.Kind == "" {
				t.Fatalf("anomaly without kind: %+v", a)
			}
		}
	}
}

func FuzzZip(f *testing.F) {
	t := &testing.T{}
	payload := []byte("\x80\x04\x95 fuzz payload")
	for _, es := range [][]tzEntry{
		{{name: "a/data.pkl", data: payload}, {name: "a/version", data: []byte("3\n"), method: zipDeflated}},
		{{name: "x", data: payload, localName: "y", flags: 0x1}, {name: "x", data: payload, method: zipZstd}},
		{{name: "../l", data: payload, method: zipLZMA, unixMode: 0o120777}},
	} {
		f.Add(buildZip(t, es, tzOpts{}))
		f.Add(buildZip(t, es, tzOpts{zip64: true, trailing: []byte("t")}))
		f.Add(buildZip(t, es, tzOpts{prepend: []byte("junk")}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExpand(t, data, format.Zip)
		if names, err := ZipNames(memNode("f", data), fuzzBudget); err == nil && len(names) > fuzzBudget.MaxEntries {
			t.Fatalf("ZipNames returned %d names", len(names))
		}
	})
}

func FuzzTar(f *testing.F) {
	t := &testing.T{}
	f.Add(tarWith(t, &tar.Header{Name: "a", Typeflag: tar.TypeReg}, &tar.Header{Name: "l", Typeflag: tar.TypeSymlink, Linkname: "a"}))
	f.Add(tarWith(t, &tar.Header{Name: "p", Typeflag: tar.TypeReg, PAXRecords: map[string]string{"GNU.sparse.major": "1"}}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExpand(t, data, format.Tar) })
}

func Fuzz7z(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.7z"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExpand(t, data, format.SevenZip) })
}

// streamKinds is indexed by the first fuzz byte.
var streamKinds = []format.Kind{format.Gzip, format.Bzip2, format.XZ, format.LZMA, format.Zstd, format.LZ4, format.Zlib}

func FuzzStreams(f *testing.F) {
	t := &testing.T{}
	payload := []byte("\x80\x04\x95 stream fuzz payload, stream fuzz payload")
	bz, _ := hex.DecodeString(bzip2Hello)
	seeds := [][]byte{gzipBytes(t, payload), bz, xzBytes(t, payload), lzmaBytes(t, payload), zstdBytes(t, payload), lz4Bytes(t, payload), zlibBytes(t, payload)}
	for i, s := range seeds {
		f.Add(append([]byte{byte(i)}, s...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		fuzzExpand(t, data[1:], streamKinds[int(data[0])%len(streamKinds)])
	})
}
