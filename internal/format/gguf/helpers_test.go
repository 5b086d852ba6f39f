package gguf

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// builder writes small GGUF v3 headers in memory for cap tests that need inputs too large to
// commit as fixtures.
type builder struct {
	kvs     bytes.Buffer
	nkv     uint64
	tensors bytes.Buffer
	ntensor uint64
}

func (b *builder) str(w *bytes.Buffer, s string) {
	_ = binary.Write(w, binary.LittleEndian, uint64(len(s)))
	w.WriteString(s)
}

func (b *builder) kvString(key, val string) *builder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(TypeString))
	b.str(&b.kvs, val)
	b.nkv++
	return b
}

func (b *builder) kvU32(key string, v uint32) *builder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(TypeUint32))
	_ = binary.Write(&b.kvs, binary.LittleEndian, v)
	b.nkv++
	return b
}

func (b *builder) kvStrings(key string, vals []string) *builder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(TypeArray))
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(TypeString))
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint64(len(vals)))
	for _, v := range vals {
		b.str(&b.kvs, v)
	}
	b.nkv++
	return b
}

func (b *builder) tensor(name string, dims []uint64, typ uint32, off uint64) *builder {
	b.str(&b.tensors, name)
	_ = binary.Write(&b.tensors, binary.LittleEndian, uint32(len(dims)))
	for _, d := range dims {
		_ = binary.Write(&b.tensors, binary.LittleEndian, d)
	}
	_ = binary.Write(&b.tensors, binary.LittleEndian, typ)
	_ = binary.Write(&b.tensors, binary.LittleEndian, off)
	b.ntensor++
	return b
}

func (b *builder) bytes(data []byte) []byte {
	var out bytes.Buffer
	out.WriteString(Magic)
	_ = binary.Write(&out, binary.LittleEndian, uint32(3))
	_ = binary.Write(&out, binary.LittleEndian, b.ntensor)
	_ = binary.Write(&out, binary.LittleEndian, b.nkv)
	out.Write(b.kvs.Bytes())
	out.Write(b.tensors.Bytes())
	if len(data) > 0 {
		out.Write(make([]byte, (32-out.Len()%32)%32))
		out.Write(data)
	}
	return out.Bytes()
}

func parseBytes(t testing.TB, data []byte, b limits.Budget) *File {
	t.Helper()
	f, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), b)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func kinds(f *File) map[AnomalyKind]bool {
	out := make(map[AnomalyKind]bool)
	for _, a := range f.Anomalies {
		out[a.Kind] = true
	}
	return out
}
