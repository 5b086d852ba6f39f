package source

import (
	"archive/tar"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
	"github.com/ulikunitz/xz/lzma"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func xzBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := xz.WriterConfig{DictCap: 1 << 16, BlockSize: 1 << 16}.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func lzmaBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := lzma.WriterConfig{DictCap: 1 << 16}.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func zstdBytes(t *testing.T, data []byte, opts ...zstd.EOption) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf, opts...)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func lz4Bytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := lz4.NewWriter(&buf)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func zlibBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

// patchXZDict sets the LZMA2 dictionary code of the first xz block header.
func patchXZDict(t *testing.T, data []byte, code byte) []byte {
	t.Helper()
	out := bytes.Clone(data)
	i := bytes.Index(out[xzHeaderLen:], []byte{xzFilterLZMA, 0x01})
	if i < 0 {
		t.Fatal("no LZMA2 filter flags in xz block header")
	}
	out[xzHeaderLen+i+2] = code
	return out
}

// bzip2EmptyFirst is bz2.compress(b"") + bz2.compress(b"\x80\x02cos\nsystem\n(S'echo aisec-test'\ntR.")
// (CPython 3.11): an empty stream, then the pickle's, as joblib reads them (red-team case
// hunt2_joblib_bz2_empty_first.joblib).
const bzip2EmptyFirst = "425a683917724538509000000000425a68393141592653593c4294b5000011d3c0101040c318002a628c20400020002226834060214c269a034c49572783d2a5fde603ef4834c4f638bca7046067e2ee48a70a1207885296a0"

func TestStreams(t *testing.T) {
	payload := bytes.Repeat([]byte("\x80\x04\x95 a pickle-ish payload "), 200)
	bz, _ := hex.DecodeString(bzip2Hello)
	two := append(gzipBytes(t, payload[:100]), gzipBytes(t, payload[100:])...)
	xzTwo := append(append(xzBytes(t, payload[:100]), 0, 0, 0, 0), xzBytes(t, payload[100:])...)
	big := make([]byte, 300_000) // random, so larger than several xz blocks once compressed
	_, _ = rand.NewChaCha8([32]byte{1}).Read(big)
	lz := lzmaBytes(t, payload)
	lzHuge := bytes.Clone(lz)
	copy(lzHuge[1:5], []byte{0xF0, 0xFF, 0xFF, 0x7F})
	lz3M := bytes.Clone(lz)
	copy(lz3M[1:5], []byte{0x00, 0x00, 0x30, 0x00}) // 2^21+2^20: liblzma accepts it
	bzEmptyFirst, _ := hex.DecodeString(bzip2EmptyFirst)
	zf := append([]byte(fmt.Sprintf("ZF%-19s", fmt.Sprintf("%#x", len(payload)))), zlibBytes(t, payload)...)
	zfSpace := append([]byte(fmt.Sprintf("ZF%-19s ", fmt.Sprintf("%#x", len(payload)))), zlibBytes(t, payload)...)
	tests := []struct {
		name  string
		kind  format.Kind
		data  []byte
		b     limits.Budget
		want  []byte
		kinds []AnomalyKind
	}{
		{name: "gzip", kind: format.Gzip, data: gzipBytes(t, payload), want: payload},
		{name: "gzip multi-member", kind: format.Gzip, data: two, want: payload},
		{name: "gzip zero padding", kind: format.Gzip, data: append(gzipBytes(t, payload), 0, 0, 0, 0), want: payload},
		{name: "gzip trailing junk", kind: format.Gzip, data: append(gzipBytes(t, payload), "junk"...), want: payload, kinds: []AnomalyKind{TrailingData}},
		{name: "bzip2", kind: format.Bzip2, data: bz, want: []byte("hello bzip2 member")},
		{name: "xz", kind: format.XZ, data: xzBytes(t, payload), want: payload},
		{name: "xz many blocks", kind: format.XZ, data: xzBytes(t, big), want: big},
		{name: "xz two streams with padding", kind: format.XZ, data: xzTwo, want: payload},
		{name: "xz trailing junk", kind: format.XZ, data: append(xzBytes(t, payload), "junk"...), want: payload, kinds: []AnomalyKind{TrailingData}},
		{name: "xz dictionary over budget", kind: format.XZ, data: patchXZDict(t, xzBytes(t, payload), 40), kinds: []AnomalyKind{Budget}},
		{name: "xz dictionary over custom budget", kind: format.XZ, data: xzBytes(t, payload), b: limits.Budget{MaxDictBytes: 4096}, kinds: []AnomalyKind{Budget}},
		{name: "xz truncated", kind: format.XZ, data: xzBytes(t, payload)[:60], kinds: []AnomalyKind{Truncated}},
		{name: "lzma", kind: format.LZMA, data: lz, want: payload},
		{name: "lzma dictionary over budget", kind: format.LZMA, data: lzHuge, kinds: []AnomalyKind{Budget}},
		{name: "lzma 3 MiB dictionary", kind: format.LZMA, data: lz3M, want: payload},
		{name: "lzma 3 MiB dictionary over custom budget", kind: format.LZMA, data: lz3M, b: limits.Budget{MaxDictBytes: 2 << 20}, kinds: []AnomalyKind{Budget}},
		{name: "bzip2 empty first stream", kind: format.Bzip2, data: bzEmptyFirst, want: []byte("\x80\x02cos\nsystem\n(S'echo aisec-test'\ntR.")},
		{name: "bzip2 two streams", kind: format.Bzip2, data: append(bytes.Clone(bz), bz...), want: []byte("hello bzip2 memberhello bzip2 member")},
		{name: "zlib joblib ZF header", kind: format.Zlib, data: zf, want: payload},
		{name: "zlib joblib ZF header and space", kind: format.Zlib, data: zfSpace, want: payload},
		{name: "zlib bad ZF header", kind: format.Zlib, data: append([]byte("ZF0x12 zz"), zlibBytes(t, payload)...), kinds: []AnomalyKind{Malformed}},
		{name: "zstd", kind: format.Zstd, data: zstdBytes(t, payload), want: payload},
		{name: "zstd window over budget", kind: format.Zstd, data: zstdBytes(t, big, zstd.WithWindowSize(1<<20)), b: limits.Budget{MaxDictBytes: 64 << 10}, kinds: []AnomalyKind{Budget}},
		{name: "lz4", kind: format.LZ4, data: lz4Bytes(t, payload), want: payload},
		{name: "zlib", kind: format.Zlib, data: zlibBytes(t, payload), want: payload},
		{name: "gzip ratio bomb", kind: format.Gzip, data: gzipBytes(t, make([]byte, 64<<20)), kinds: []AnomalyKind{Ratio}},
		{name: "gzip member size", kind: format.Gzip, data: gzipBytes(t, make([]byte, 4<<20)), b: limits.Budget{MaxRatio: 1 << 30, MaxFileBytes: 1 << 20}, kinds: []AnomalyKind{Budget}},
		{name: "not gzip", kind: format.Gzip, data: []byte("plain text"), kinds: []AnomalyKind{Malformed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range []Node{memNode("m.pkl.gz", tt.data), streamNode("m.pkl.gz", tt.data)} {
				r := expandAll(t, n, tt.kind, tt.b)
				if got := r.kinds(); !slices.Equal(got, tt.kinds) {
					t.Errorf("anomalies %v, want %s", r.anomalies, joinKinds(tt.kinds))
				}
				if tt.want != nil && !bytes.Equal(r.members[r.order[0]], tt.want) {
					t.Errorf("decompressed %d bytes, want %d", len(r.members[r.order[0]]), len(tt.want))
				}
				budgetHit := slices.Contains(tt.kinds, Budget) || slices.Contains(tt.kinds, Ratio)
				if budgetHit != errors.Is(r.err, limits.ErrExceeded) {
					t.Errorf("err %v, want ErrExceeded: %v", r.err, budgetHit)
				}
			}
		})
	}
}

func TestDecompressedName(t *testing.T) {
	tests := []struct {
		name string
		kind format.Kind
		want string
	}{
		{"model.pkl.gz", format.Gzip, "model.pkl"},
		{"MODEL.PT.GZ", format.Gzip, "MODEL.PT"},
		{"m.tgz", format.Gzip, "m.tar"},
		{"m.tar.bz2", format.Bzip2, "m.tar"},
		{"m.txz", format.XZ, "m.tar"},
		{"m.joblib.xz", format.XZ, "m.joblib"},
		{"m.lzma", format.LZMA, "m"},
		{"m.pkl.zst", format.Zstd, "m.pkl"},
		{"m.lz4", format.LZ4, "m"},
		{"weights", format.Gzip, "weights.decompressed"},
		{".gz", format.Gzip, ".gz.decompressed"},
		{"", format.Zlib, "stream.decompressed"},
	}
	for _, tt := range tests {
		if got := decompressedName(tt.name, tt.kind); got != tt.want {
			t.Errorf("decompressedName(%q, %s) = %q, want %q", tt.name, tt.kind, got, tt.want)
		}
	}
}

// tarBytes builds a tar with the given regular files.
func tarBytes(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		_ = w.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), Typeflag: tar.TypeReg})
		_, _ = w.Write([]byte(files[name]))
	}
	_ = w.Close()
	return buf.Bytes()
}

// TestNestedTarGz expands a .tar.gz the way the scan orchestrator will: Expand the gzip, Peek
// the child to sniff it, Expand the child as a tar.
func TestNestedTarGz(t *testing.T) {
	tgz := gzipBytes(t, tarBytes(t, map[string]string{"a/data.pkl": "pickle", "b.txt": "text"}))
	for _, tt := range []struct {
		maxDepth int
		err      bool
	}{{maxDepth: 2}, {maxDepth: 1, err: true}} {
		var got []string
		b := limits.Budget{MaxDepth: tt.maxDepth}
		counter := limits.NewCounter("decompressed bytes", 1<<30)
		var innerErr error
		_, err := Expand(t.Context(), memNode("m.tgz", tgz), format.Gzip, b, counter, func(c Node) error {
			head, c2, err := Peek(c, 512)
			if err != nil || len(head) != 512 {
				t.Fatalf("Peek: %d bytes, %v", len(head), err)
			}
			var anomalies []Anomaly
			anomalies, innerErr = Expand(t.Context(), c2, format.Tar, b, counter, func(m Node) error {
				rc, err := m.Open()
				if err != nil {
					return err
				}
				defer rc.Close()
				data, _ := io.ReadAll(rc)
				again, err := m.Open() // a short member can be opened again: it is replayed
				if err != nil {
					t.Fatalf("second Open: %v", err)
				}
				if replayed, _ := io.ReadAll(again); string(replayed) != string(data) {
					t.Errorf("replayed %q, want %q", replayed, data)
				}
				if _, err := rc.Read(make([]byte, 1)); !errors.Is(err, errSuperseded) {
					t.Errorf("read from the first reader after a reopen = %v, want errSuperseded", err)
				}
				got = append(got, m.Member+"="+string(data))
				return nil
			})
			if tt.err && (len(anomalies) != 1 || anomalies[0].Kind != Budget) {
				t.Errorf("anomalies %v, want one depth budget anomaly", anomalies)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if tt.err != errors.Is(innerErr, limits.ErrExceeded) {
			t.Errorf("max depth %d: inner err %v", tt.maxDepth, innerErr)
		}
		if !tt.err && !slices.Equal(got, []string{"m.tar!/a/data.pkl=pickle", "m.tar!/b.txt=text"}) {
			t.Errorf("members %v", got)
		}
	}
}

// TestStreamingReopen checks the sniff-then-reopen pattern on a streaming member, and its limit.
func TestStreamingReopen(t *testing.T) {
	payload := make([]byte, 200<<10)
	_, _ = rand.NewChaCha8([32]byte{5}).Read(payload)
	gz := gzipBytes(t, payload)
	_, err := Expand(t.Context(), streamNode("p.gz", gz), format.Gzip, limits.Budget{}, nil, func(c Node) error {
		first, err := c.Open()
		if err != nil {
			return err
		}
		head := make([]byte, 4096)
		if _, err := io.ReadFull(first, head); err != nil {
			return err
		}
		_ = first.Close() // closing the sniffing reader must not end the stream
		second, err := c.Open()
		if err != nil {
			return err
		}
		all, err := io.ReadAll(second)
		if err != nil || !bytes.Equal(all, payload) {
			t.Errorf("reopened read %d bytes, %v; want the whole payload", len(all), err)
		}
		if _, err := c.Open(); !errors.Is(err, errReopen) {
			t.Errorf("Open after reading 200 KiB = %v, want errReopen", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
