package describe

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares v, as indented JSON, with testdata/<name>, rewriting it with -update.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", name, got)
	}
}

// stTensor is one tensor of a safetensors file written by safetensorsFile.
type stTensor struct {
	name  string
	dtype string
	shape []uint64
	esize uint64 // bytes per element
}

// safetensorsFile writes a valid safetensors file: header, then zeroed tensor data.
func safetensorsFile(t *testing.T, meta map[string]string, tensors []stTensor) []byte {
	t.Helper()
	hdr := map[string]any{}
	if meta != nil {
		hdr["__metadata__"] = meta
	}
	var off uint64
	for _, ts := range tensors {
		n := ts.esize
		for _, d := range ts.shape {
			n *= d
		}
		hdr[ts.name] = map[string]any{"dtype": ts.dtype, "shape": ts.shape, "data_offsets": []uint64{off, off + n}}
		off += n
	}
	js, err := json.Marshal(hdr)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_ = binary.Write(&out, binary.LittleEndian, uint64(len(js)))
	out.Write(js)
	out.Write(make([]byte, off))
	return out.Bytes()
}

// ggufBuilder writes small GGUF v3 files.
type ggufBuilder struct {
	kvs, tensors bytes.Buffer
	nkv, ntensor uint64
}

func (b *ggufBuilder) str(w *bytes.Buffer, s string) {
	_ = binary.Write(w, binary.LittleEndian, uint64(len(s)))
	w.WriteString(s)
}

func (b *ggufBuilder) kvString(key, val string) *ggufBuilder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(8))
	b.str(&b.kvs, val)
	b.nkv++
	return b
}

func (b *ggufBuilder) kvU32(key string, v uint32) *ggufBuilder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(4))
	_ = binary.Write(&b.kvs, binary.LittleEndian, v)
	b.nkv++
	return b
}

func (b *ggufBuilder) kvStrings(key string, vals ...string) *ggufBuilder {
	b.str(&b.kvs, key)
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(9))
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint32(8))
	_ = binary.Write(&b.kvs, binary.LittleEndian, uint64(len(vals)))
	for _, v := range vals {
		b.str(&b.kvs, v)
	}
	b.nkv++
	return b
}

// tensor adds an F32 (type 0) tensor whose data follows the previous one.
func (b *ggufBuilder) tensor(name string, off uint64, dims ...uint64) *ggufBuilder {
	b.str(&b.tensors, name)
	_ = binary.Write(&b.tensors, binary.LittleEndian, uint32(len(dims)))
	for _, d := range dims {
		_ = binary.Write(&b.tensors, binary.LittleEndian, d)
	}
	_ = binary.Write(&b.tensors, binary.LittleEndian, uint32(0))
	_ = binary.Write(&b.tensors, binary.LittleEndian, off)
	b.ntensor++
	return b
}

func (b *ggufBuilder) bytes(dataLen int) []byte {
	var out bytes.Buffer
	out.WriteString("GGUF")
	_ = binary.Write(&out, binary.LittleEndian, uint32(3))
	_ = binary.Write(&out, binary.LittleEndian, b.ntensor)
	_ = binary.Write(&out, binary.LittleEndian, b.nkv)
	out.Write(b.kvs.Bytes())
	out.Write(b.tensors.Bytes())
	out.Write(make([]byte, (32-out.Len()%32)%32))
	out.Write(make([]byte, dataLen))
	return out.Bytes()
}

// zipFile writes a zip archive of the given members, in name order.
func zipFile(t *testing.T, members map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(members))
	for n := range members {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(members[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tfRecordFile writes TFRecord records with valid length and data checksums.
func tfRecordFile(records ...string) []byte {
	var out bytes.Buffer
	for _, r := range records {
		var l [8]byte
		binary.LittleEndian.PutUint64(l[:], uint64(len(r)))
		out.Write(l[:])
		_ = binary.Write(&out, binary.LittleEndian, maskedCRC(l[:]))
		out.WriteString(r)
		_ = binary.Write(&out, binary.LittleEndian, maskedCRC([]byte(r)))
	}
	return out.Bytes()
}

// thriftWriter writes Thrift compact protocol for the Parquet footer tests.
type thriftWriter struct {
	bytes.Buffer
	last []int16
}

func (w *thriftWriter) uvarint(v uint64) { w.Write(binary.AppendUvarint(nil, v)) }
func (w *thriftWriter) zz(v int64)       { w.uvarint(uint64((v << 1) ^ (v >> 63))) }

func (w *thriftWriter) begin() { w.last = append(w.last, 0) }
func (w *thriftWriter) end() {
	w.WriteByte(0)
	w.last = w.last[:len(w.last)-1]
}

func (w *thriftWriter) field(id int16, typ byte) {
	top := &w.last[len(w.last)-1]
	if d := id - *top; d > 0 && d <= 15 {
		w.WriteByte(byte(d)<<4 | typ)
	} else {
		w.WriteByte(typ)
		w.zz(int64(id))
	}
	*top = id
}

func (w *thriftWriter) i32(id int16, v int32) { w.field(id, ctI32); w.zz(int64(v)) }
func (w *thriftWriter) i64(id int16, v int64) { w.field(id, ctI64); w.zz(v) }
func (w *thriftWriter) str(id int16, s string) {
	w.field(id, ctBinary)
	w.uvarint(uint64(len(s)))
	w.WriteString(s)
}

func (w *thriftWriter) list(id int16, elem byte, n int) {
	w.field(id, ctList)
	if n < 15 {
		w.WriteByte(byte(n)<<4 | elem)
		return
	}
	w.WriteByte(0xf0 | elem)
	w.uvarint(uint64(n))
}

// schemaElem describes one SchemaElement: a leaf (children 0) or a group.
type schemaElem struct {
	name     string
	children int32
}

// parquetFooter writes a FileMetaData with version, schema, num_rows, an empty row group
// list, a key/value entry and created_by.
func parquetFooter(rows int64, createdBy string, schema []schemaElem) []byte {
	w := &thriftWriter{}
	w.begin()
	w.i32(1, 2)
	w.list(2, ctStruct, len(schema))
	for _, e := range schema {
		w.begin()
		if e.children == 0 {
			w.i32(1, 6) // type BYTE_ARRAY
			w.i32(3, 1) // repetition OPTIONAL
		}
		w.str(4, e.name)
		if e.children > 0 {
			w.i32(5, e.children)
		}
		w.end()
	}
	w.i64(3, rows)
	w.list(4, ctStruct, 0)
	w.list(5, ctStruct, 1)
	w.begin()
	w.str(1, "huggingface")
	w.str(2, `{"info": {"features": {}}}`)
	w.end()
	w.str(6, createdBy)
	w.field(7, ctTrue) // not FileMetaData's real field 7: a bool, to exercise inline values
	w.end()
	return w.Bytes()
}

// parquetFile wraps a footer into a file: magic, fake column data, footer, length, magic.
func parquetFile(footer []byte) []byte {
	var out bytes.Buffer
	out.WriteString("PAR1")
	out.Write(make([]byte, 100))
	out.Write(footer)
	_ = binary.Write(&out, binary.LittleEndian, uint32(len(footer)))
	out.WriteString("PAR1")
	return out.Bytes()
}

// repeatLines returns n lines made by format(i).
func repeatLines(n int, format string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}
