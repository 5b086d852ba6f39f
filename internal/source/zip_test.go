package source

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// bzip2Hello is `printf 'hello bzip2 member' | bzip2 -9` (Go has no bzip2 writer).
const bzip2Hello = "425a6839314159265359223ecc200000041980400010001266d0102000310340d020d4c27a69f04ce0bd454605ebe177245385090223ecc200"

func TestZipAnomalies(t *testing.T) {
	payload := []byte("\x80\x04\x95payload bytes that stand in for a pickle")
	noise := make([]byte, 200)
	_, _ = rand.NewChaCha8([32]byte{3}).Read(noise) // fixed: stands in for ciphertext
	bz, _ := hex.DecodeString(bzip2Hello)
	tests := []struct {
		name    string
		entries []tzEntry
		opts    tzOpts
		want    []AnomalyKind     // exactly these kinds, in order
		read    map[string]string // member -> content expected
	}{
		{name: "stored", entries: []tzEntry{{name: "a/data.pkl", data: payload}}, read: map[string]string{"a/data.pkl": string(payload)}},
		{name: "deflate", entries: []tzEntry{{name: "d.pkl", data: payload, method: zipDeflated}}, read: map[string]string{"d.pkl": string(payload)}},
		{name: "zstd", entries: []tzEntry{{name: "z.pkl", data: payload, method: zipZstd}}, read: map[string]string{"z.pkl": string(payload)}},
		{name: "lzma", entries: []tzEntry{{name: "l.pkl", data: payload, method: zipLZMA}}, read: map[string]string{"l.pkl": string(payload)}},
		{name: "bzip2", entries: []tzEntry{{name: "b.txt", data: []byte("hello bzip2 member"), raw: bz, method: zipBzip2}}, read: map[string]string{"b.txt": "hello bzip2 member"}},
		{name: "name mismatch", entries: []tzEntry{{name: "data.pkl", localName: "datap.kl", data: payload}}, want: []AnomalyKind{NameMismatch}, read: map[string]string{"data.pkl": string(payload)}},
		{name: "flag 0x1 on plain stored", entries: []tzEntry{{name: "x.pkl", data: payload, flags: 0x1}}, want: []AnomalyKind{FlagBits}, read: map[string]string{"x.pkl": string(payload)}},
		{name: "flag 0x1 on plain deflate", entries: []tzEntry{{name: "x.pkl", data: payload, method: zipDeflated, flags: 0x1}}, want: []AnomalyKind{FlagBits}, read: map[string]string{"x.pkl": string(payload)}},
		{name: "flag 0x20", entries: []tzEntry{{name: "x.pkl", data: payload, flags: 0x20}}, want: []AnomalyKind{FlagBits}, read: map[string]string{"x.pkl": string(payload)}},
		{name: "flag 0x40", entries: []tzEntry{{name: "x.pkl", data: payload, flags: 0x40}}, want: []AnomalyKind{FlagBits}, read: map[string]string{"x.pkl": string(payload)}},
		{name: "data descriptor flag is normal", entries: []tzEntry{{name: "x.pkl", data: payload, flags: 0x0808}}, read: map[string]string{"x.pkl": string(payload)}},
		{name: "zipcrypto stored", entries: []tzEntry{{name: "s.txt", data: payload, raw: append(noise[:12:12], payload...), flags: 0x1}}, want: []AnomalyKind{Encrypted}},
		{name: "zipcrypto deflate", entries: []tzEntry{{name: "s.txt", data: payload, raw: noise, method: zipDeflated, flags: 0x1}}, want: []AnomalyKind{Encrypted}},
		{name: "aes", entries: []tzEntry{{name: "s.txt", data: payload, raw: noise, method: zipAES, flags: 0x1}}, want: []AnomalyKind{Encrypted}},
		{name: "unsupported method", entries: []tzEntry{{name: "s.txt", data: payload, raw: noise, method: 9}}, want: []AnomalyKind{Unscannable}},
		{name: "crc mismatch", entries: []tzEntry{{name: "c.pkl", data: payload, badCRC: true}}, want: []AnomalyKind{CRCMismatch}, read: map[string]string{"c.pkl": string(payload)}},
		{name: "crc mismatch deflate", entries: []tzEntry{{name: "c.pkl", data: payload, method: zipDeflated, badCRC: true}}, want: []AnomalyKind{CRCMismatch}, read: map[string]string{"c.pkl": string(payload)}},
		{name: "duplicate", entries: []tzEntry{{name: "d.pkl", data: []byte("one")}, {name: "d.pkl", data: []byte("two")}}, want: []AnomalyKind{DuplicateName}},
		{name: "traversal", entries: []tzEntry{{name: "../../etc/x.pkl", data: payload}}, want: []AnomalyKind{PathTraversal}, read: map[string]string{"../../etc/x.pkl": string(payload)}},
		{name: "backslash traversal", entries: []tzEntry{{name: `a\..\..\x.pkl`, data: payload}}, want: []AnomalyKind{PathTraversal}},
		{name: "absolute", entries: []tzEntry{{name: "/etc/x.pkl", data: payload}}, want: []AnomalyKind{AbsolutePath}},
		{name: "drive letter", entries: []tzEntry{{name: `C:\x.pkl`, data: payload}}, want: []AnomalyKind{AbsolutePath}},
		{name: "symlink", entries: []tzEntry{{name: "link", data: []byte("/etc/passwd"), unixMode: 0o120777}}, want: []AnomalyKind{SymlinkMember}},
		{name: "unix regular mode", entries: []tzEntry{{name: "r.pkl", data: payload, unixMode: 0o100644}}, read: map[string]string{"r.pkl": string(payload)}},
		{name: "directory skipped", entries: []tzEntry{{name: "dir/"}, {name: "dir/f", data: payload}}, read: map[string]string{"dir/f": string(payload)}},
		{name: "nul in name", entries: []tzEntry{{name: "data.pkl\x00.txt", data: payload}}, want: []AnomalyKind{NameMismatch}, read: map[string]string{"data.pkl": string(payload)}},
		{name: "prepended junk", entries: []tzEntry{{name: "p.pkl", data: payload}}, opts: tzOpts{prepend: []byte("#!/bin/sh\nexit 0\n")}, want: []AnomalyKind{PrependedData}, read: map[string]string{"p.pkl": string(payload)}},
		{name: "trailing junk", entries: []tzEntry{{name: "p.pkl", data: payload}}, opts: tzOpts{trailing: []byte("junk")}, want: []AnomalyKind{TrailingData}, read: map[string]string{"p.pkl": string(payload)}},
		{name: "zip64", entries: []tzEntry{{name: "big.pkl", data: payload, method: zipDeflated}}, opts: tzOpts{zip64: true}, read: map[string]string{"big.pkl": string(payload)}},
		{name: "stored size over compressed size: PyTorch's view is read", entries: []tzEntry{{name: "t.pkl", data: payload, size: int64(len(payload) + 10)}}, want: []AnomalyKind{SizeMismatch, CRCMismatch}},
		{name: "stored size past the archive end", entries: []tzEntry{{name: "t.pkl", data: payload, size: 1 << 20}}, want: []AnomalyKind{SizeMismatch, Truncated}},
		{name: "stored compressed size short", entries: []tzEntry{{name: "a/data.pkl", data: payload, compSize: 1}, {name: "a/version", data: []byte("3\n")}}, want: []AnomalyKind{SizeMismatch}, read: map[string]string{"a/data.pkl": string(payload), "a/version": "3\n"}},
		{name: "stored compressed size long", entries: []tzEntry{{name: "a/data.pkl", data: payload, compSize: int64(len(payload) + 4)}, {name: "a/version", data: []byte("3\n")}}, want: []AnomalyKind{SizeMismatch, Overlapping}, read: map[string]string{"a/data.pkl": string(payload) + "PK\x03\x04", "a/version": "3\n"}},
		{name: "declared size shorter: loaders read only that much", entries: []tzEntry{{name: "t.pkl", data: payload, method: zipDeflated, size: 3}}, want: []AnomalyKind{CRCMismatch}, read: map[string]string{"t.pkl": string(payload[:3])}},
		{name: "overlapping", entries: []tzEntry{{name: "a.pkl", data: payload}, {name: "b.pkl", data: payload, localAt: 0, skipLocal: true}}, want: []AnomalyKind{NameMismatch, Overlapping}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := buildZip(t, tt.entries, tt.opts)
			r := expandAll(t, memNode("t.zip", data), format.Zip, limits.Budget{})
			if r.err != nil {
				t.Fatalf("Expand: %v", r.err)
			}
			if got := r.kinds(); !slices.Equal(got, tt.want) {
				t.Errorf("anomalies %s, want %s (%v)", joinKinds(got), joinKinds(tt.want), r.anomalies)
			}
			for m, want := range tt.read {
				if got, ok := r.members[m]; !ok || string(got) != want {
					t.Errorf("member %q = %q (visited %v), want %q", m, got, ok, want)
				}
			}
		})
	}
}

func TestZipEncryptedNotVisited(t *testing.T) {
	noise := make([]byte, 64)
	_, _ = rand.NewChaCha8([32]byte{4}).Read(noise)
	data := buildZip(t, []tzEntry{{name: "secret.pkl", data: []byte("x"), raw: noise, method: zipDeflated, flags: 0x1}, {name: "plain.pkl", data: []byte("y")}}, tzOpts{})
	r := expandAll(t, memNode("e.zip", data), format.Zip, limits.Budget{})
	if _, ok := r.members["secret.pkl"]; ok {
		t.Error("encrypted member was passed to the callback")
	}
	if len(r.anomalies) != 1 || r.anomalies[0].Member != "secret.pkl" || !r.anomalies[0].Incomplete() {
		t.Errorf("anomalies %v, want one incomplete encrypted anomaly for secret.pkl", r.anomalies)
	}
	if string(r.members["plain.pkl"]) != "y" {
		t.Error("plain member after the encrypted one was not read")
	}
}

// TestZipStoredReaderAt checks stored members can be sniffed without reading them.
func TestZipStoredReaderAt(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "s", data: []byte("0123456789")}, {name: "d", data: []byte("abc"), method: zipDeflated}}, tzOpts{})
	got := map[string]bool{}
	_, err := Expand(t.Context(), memNode("r.zip", data), format.Zip, limits.Budget{}, nil, func(c Node) error {
		got[c.Member] = c.ReaderAt != nil
		if c.ReaderAt != nil {
			b := make([]byte, 3)
			if _, err := c.ReaderAt.ReadAt(b, 4); err != nil || string(b) != "456" {
				t.Errorf("ReadAt = %q, %v", b, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !got["s"] || got["d"] {
		t.Errorf("ReaderAt presence %v, want stored only", got)
	}
}

// zeroBomb returns a raw deflate stream of about n MiB of zeros, built by repeating one
// sync-flushed block, so a GiB-sized bomb costs no time to make.
func zeroBomb(t *testing.T, mib int) []byte {
	t.Helper()
	var head, chunk bytes.Buffer
	w, _ := flate.NewWriter(&head, flate.BestCompression)
	_, _ = w.Write([]byte{0})
	_ = w.Flush()
	w.Reset(&chunk)
	_, _ = w.Write([]byte{0})
	_ = w.Flush()
	chunk.Reset()
	_, _ = w.Write(make([]byte, 1<<20))
	_ = w.Flush()
	out := bytes.Clone(head.Bytes())
	for range mib {
		out = append(out, chunk.Bytes()...)
	}
	return append(out, 0x03, 0x00) // final empty fixed block
}

func TestZipBomb(t *testing.T) {
	bomb := zeroBomb(t, 4000) // about 4 GiB of zeros
	t.Logf("bomb: %d compressed bytes", len(bomb))
	tests := []struct {
		name string
		b    limits.Budget
		want AnomalyKind
	}{
		{name: "ratio", b: limits.Budget{}, want: Ratio},
		{name: "shared byte allowance", b: limits.Budget{MaxRatio: 1 << 40, MaxExpandedBytes: 32 << 20}, want: Budget},
		{name: "member size", b: limits.Budget{MaxRatio: 1 << 40, MaxFileBytes: 16 << 20}, want: Budget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := buildZip(t, []tzEntry{{name: "bomb.pkl", raw: bomb, method: zipDeflated, size: 4000 << 20}, {name: "after.pkl", data: []byte("visited")}}, tzOpts{})
			start := time.Now()
			r := expandAll(t, memNode("bomb.zip", data), format.Zip, tt.b)
			if time.Since(start) > 10*time.Second {
				t.Errorf("bomb took %v", time.Since(start))
			}
			if !errors.Is(r.err, limits.ErrExceeded) || !r.has(tt.want) {
				t.Fatalf("err %v anomalies %v, want ErrExceeded and %s", r.err, r.anomalies, tt.want)
			}
			if tt.want == Ratio && string(r.members["after.pkl"]) != "visited" {
				t.Error("member after a ratio bomb was not visited")
			}
		})
	}
}

func TestZipEntryBudget(t *testing.T) {
	var es []tzEntry
	for i := range 10 {
		es = append(es, tzEntry{name: fmt.Sprintf("m%d", i), data: []byte{byte(i)}})
	}
	data := buildZip(t, es, tzOpts{})
	r := expandAll(t, memNode("many.zip", data), format.Zip, limits.Budget{MaxEntries: 3})
	if len(r.order) != 3 || !errors.Is(r.err, limits.ErrExceeded) || !r.has(Budget) {
		t.Errorf("visited %v err %v anomalies %v; want 3 members and a budget error", r.order, r.err, r.anomalies)
	}
	names, err := ZipNames(memNode("many.zip", data), limits.Budget{MaxEntries: 3})
	if len(names) != 3 || !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("ZipNames = %v, %v; want 3 names and ErrExceeded", names, err)
	}
}

func TestZipNotAZip(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("PK\x03\x04 but nothing else"), bytes.Repeat([]byte("PK\x05\x06"), 100)} {
		r := expandAll(t, memNode("x.zip", data), format.Zip, limits.Budget{})
		if r.err == nil || errors.Is(r.err, limits.ErrExceeded) {
			t.Errorf("Expand(%q) err = %v, want a format error", data[:min(len(data), 12)], r.err)
		}
	}
}

// TestZipInStream checks a zip without random access (inside a gzip) is spooled and read.
func TestZipInStream(t *testing.T) {
	inner := buildZip(t, []tzEntry{{name: "in.pkl", data: []byte("inner"), method: zipDeflated}}, tzOpts{})
	r := expandAll(t, streamNode("x.zip", inner), format.Zip, limits.Budget{})
	if r.err != nil || string(r.members["in.pkl"]) != "inner" {
		t.Errorf("members %v err %v", r.members, r.err)
	}
}

func TestExpandCallbackError(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "a", data: []byte("a")}, {name: "b", data: []byte("b")}}, tzOpts{})
	stop := errors.New("stop")
	calls := 0
	_, err := Expand(context.Background(), memNode("z.zip", data), format.Zip, limits.Budget{}, nil, func(Node) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err %v after %d calls, want stop after 1", err, calls)
	}
}

func TestExpandCancelled(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "a", data: []byte("a")}}, tzOpts{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Expand(ctx, memNode("z.zip", data), format.Zip, limits.Budget{}, nil, func(Node) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestOpenAfterCallback(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "a", data: []byte("a")}}, tzOpts{})
	var kept Node
	_, err := Expand(t.Context(), memNode("z.zip", data), format.Zip, limits.Budget{}, nil, func(c Node) error {
		kept = c
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kept.Open(); !errors.Is(err, errExpired) {
		t.Errorf("Open after callback = %v, want errExpired", err)
	}
	_ = io.Discard
}

// TestZipCRCAtDeclaredSize checks the CRC is verified when the caller stops reading at Size.
func TestZipCRCAtDeclaredSize(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "c", data: []byte("abcdef"), method: zipDeflated, badCRC: true}}, tzOpts{})
	anomalies, err := Expand(t.Context(), memNode("c.zip", data), format.Zip, limits.Budget{}, nil, func(c Node) error {
		rc, err := c.Open()
		if err != nil {
			return err
		}
		buf := make([]byte, c.Size)
		_, err = io.ReadFull(rc, buf)
		return err
	})
	if err != nil || len(anomalies) != 1 || anomalies[0].Kind != CRCMismatch {
		t.Errorf("err %v anomalies %v, want one crc-mismatch", err, anomalies)
	}
}

// TestSharedCounterStops checks an exhausted allowance stops the remaining members.
func TestSharedCounterStops(t *testing.T) {
	var es []tzEntry
	for i := range 3 {
		es = append(es, tzEntry{name: fmt.Sprintf("m%d", i), data: bytes.Repeat([]byte{byte(i)}, 6<<20), method: zipDeflated})
	}
	data := buildZip(t, es, tzOpts{})
	r := expandAll(t, memNode("c.zip", data), format.Zip, limits.Budget{MaxRatio: 1 << 30, MaxExpandedBytes: 10 << 20})
	if len(r.order) != 2 || !errors.Is(r.err, limits.ErrExceeded) || !r.has(Budget) {
		t.Errorf("visited %v err %v anomalies %v; want 2 members then a budget stop", r.order, r.err, r.anomalies)
	}
}

func TestZipLZMADictionary(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "l", data: []byte("lzma member"), method: zipLZMA}}, tzOpts{})
	r := expandAll(t, memNode("l.zip", data), format.Zip, limits.Budget{MaxDictBytes: 4096})
	if !r.has(Budget) || !errors.Is(r.err, limits.ErrExceeded) {
		t.Errorf("anomalies %v err %v; want a dictionary budget hit", r.anomalies, r.err)
	}
}

func TestMaterializeAndZipNames(t *testing.T) {
	data := buildZip(t, []tzEntry{{name: "root/data.pkl", data: []byte("p"), method: zipDeflated}}, tzOpts{})
	stream := streamNode("s.zip", data)
	if _, err := ZipNames(stream, limits.Budget{}); !errors.Is(err, ErrNoRandomAccess) {
		t.Errorf("ZipNames on a stream = %v, want ErrNoRandomAccess", err)
	}
	m, closer, err := Materialize(stream, limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	if names, err := ZipNames(m, limits.Budget{}); err != nil || len(names) != 1 || names[0] != "root/data.pkl" {
		t.Errorf("ZipNames = %v, %v", names, err)
	}
	if _, _, err := Materialize(streamNode("big", make([]byte, 100)), limits.Budget{MaxFileBytes: 10}); !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("Materialize over budget = %v, want ErrExceeded", err)
	}
	dir := t.TempDir()
	p := dir + "/d.zip"
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if names, err := ZipNames(fileNode("d.zip", p, dir, info), limits.Budget{}); err != nil || len(names) != 1 {
		t.Errorf("ZipNames on a walked file = %v, %v", names, err)
	}
}

// TestMaterializeSpoolsLargeStreams covers the temporary-file path.
func TestMaterializeSpoolsLargeStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPING: writes 65 MiB to a temporary file")
	}
	data := bytes.Repeat([]byte{7}, spoolInMemory+1)
	m, closer, err := Materialize(streamNode("big", data), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	b := make([]byte, 1)
	if _, err := m.ReaderAt.ReadAt(b, spoolInMemory); err != nil || b[0] != 7 || m.Size != int64(len(data)) {
		t.Errorf("spooled node: size %d, last byte %v, %v", m.Size, b, err)
	}
}
