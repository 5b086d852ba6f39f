package onnx

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/limits"
)

// largeModel returns the bytes before and after the raw_data payload of a model whose graph is
// an Add node, one initializer holding payload bytes of raw_data, and a custom-domain node and
// an external-data tensor after it, which Parse can only find by skipping the payload.
func largeModel(payload int64) (prefix, suffix []byte) {
	tensorHead := pb{}.varint(tensorDims, 1<<29).varint(tensorDims, 1).varint(tensorType, 1).str(tensorName, "big")
	tensorHead = protowire.AppendTag(tensorHead, tensorRaw, protowire.BytesType)
	tensorHead = protowire.AppendVarint(tensorHead, uint64(payload))
	tail := pb{}.msg(graphNode, node("AfterPayload", "com.example.late"))
	ext := pb{}.str(tensorName, "ext").varint(tensorLocation, 1).msg(tensorExternal, pb{}.str(1, "location").str(2, "../w.bin"))
	tail = tail.msg(graphInitializer, ext)
	tensorLen := int64(len(tensorHead)) + payload
	graphHead := pb{}.msg(graphNode, node("Add", ""))
	graphHead = protowire.AppendTag(graphHead, graphInitializer, protowire.BytesType)
	graphHead = protowire.AppendVarint(graphHead, uint64(tensorLen))
	graphHead = append(graphHead, tensorHead...)
	graphLen := int64(len(graphHead)) + payload + int64(len(tail))
	prefix = pb{}.varint(1, 9).str(2, "large").msg(8, pb{}.varint(2, 17))
	prefix = protowire.AppendTag(prefix, 7, protowire.BytesType)
	prefix = protowire.AppendVarint(prefix, uint64(graphLen))
	return append(prefix, graphHead...), tail
}

// virtualFile serves prefix, payload zero bytes and suffix without holding the payload, and
// counts the bytes handed out.
type virtualFile struct {
	prefix, suffix []byte
	payload        int64
	read           int64
}

func (v *virtualFile) size() int64 { return int64(len(v.prefix)) + v.payload + int64(len(v.suffix)) }

func (v *virtualFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= v.size() {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && off+int64(n) < v.size() {
		at := off + int64(n)
		switch {
		case at < int64(len(v.prefix)):
			p[n] = v.prefix[at]
		case at >= int64(len(v.prefix))+v.payload:
			p[n] = v.suffix[at-int64(len(v.prefix))-v.payload]
		default:
			p[n] = 0
		}
		n++
	}
	v.read += int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func checkLarge(t testing.TB, m *Model) {
	t.Helper()
	if len(m.Nodes) != 2 || m.Nodes[1].OpType != "AfterPayload" || m.Tensors != 2 {
		t.Fatalf("nodes %v, tensors %d", opsOf(m.Nodes), m.Tensors)
	}
	if len(m.External) != 1 || m.External[0].Location != "../w.bin" || len(m.Gaps()) != 0 {
		t.Fatalf("external %+v, gaps %q", m.External, m.Gaps())
	}
}

// TestParseSkipsPayload parses a virtual 2 GiB model and checks that only its structure was
// read: a few windows, not the payload.
func TestParseSkipsPayload(t *testing.T) {
	prefix, suffix := largeModel(2 << 30)
	v := &virtualFile{prefix: prefix, suffix: suffix, payload: 2 << 30}
	m, err := Parse(context.Background(), v, v.size(), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	checkLarge(t, m)
	if v.read > 4*windowSize {
		t.Errorf("read %d bytes of a %d-byte file", v.read, v.size())
	}
}

// BenchmarkParseLargeInitializer parses a sparse 2 GiB file on disk whose bulk is one
// initializer's raw_data. It must take well under a second and allocate little: the payload
// is skipped, never read.
func BenchmarkParseLargeInitializer(b *testing.B) {
	const payload = 2 << 30
	prefix, suffix := largeModel(payload)
	path := filepath.Join(b.TempDir(), "large.onnx")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	size := int64(len(prefix)) + payload + int64(len(suffix))
	if _, err := f.WriteAt(prefix, 0); err != nil {
		b.Fatal(err)
	}
	if err := f.Truncate(size); err != nil { // sparse: the payload takes no disk space
		b.Fatal(err)
	}
	if _, err := f.WriteAt(suffix, size-int64(len(suffix))); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(size)
	for b.Loop() {
		m, err := Parse(context.Background(), f, size, limits.Budget{})
		if err != nil {
			b.Fatal(err)
		}
		checkLarge(b, m)
	}
}
