package describe

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Bounds of the Parquet footer reader.
const (
	// MaxParquetFooter is the largest FileMetaData read; real footers are kilobytes to a few
	// megabytes (one entry per column chunk of every row group).
	MaxParquetFooter = 16 << 20
	maxThriftDepth   = 64
	maxSchemaElems   = 1 << 20
)

// Thrift compact protocol type ids.
const (
	ctStop   = 0
	ctTrue   = 1
	ctFalse  = 2
	ctByte   = 3
	ctI16    = 4
	ctI32    = 5
	ctI64    = 6
	ctDouble = 7
	ctBinary = 8
	ctList   = 9
	ctSet    = 10
	ctMap    = 11
	ctStruct = 12
)

var errThrift = errors.New("malformed thrift compact data")

// ParquetFooter holds the FileMetaData fields DatasetStats uses.
type ParquetFooter struct {
	NumRows   int64
	Columns   []string // top-level schema fields (children of the schema root)
	CreatedBy string
}

// parquetStats reads the footer at the end of a Parquet file: FileMetaData, its length as a
// little-endian uint32, then "PAR1".
func parquetStats(r io.ReaderAt, size int64, d *Details) error {
	if size < 12 {
		return errors.New("unable to read Parquet footer: file too short")
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return fmt.Errorf("unable to read Parquet footer: %w", err)
	}
	switch string(tail[4:]) {
	case parquetMagic:
	case parquetEncrypted:
		return errors.New("unable to read Parquet footer: the footer is encrypted")
	default:
		return errors.New("unable to read Parquet footer: no PAR1 at the end")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 || n > MaxParquetFooter {
		return fmt.Errorf("unable to read Parquet footer: length %d does not fit", n)
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-8-n); err != nil {
		return fmt.Errorf("unable to read Parquet footer: %w", err)
	}
	f, err := ParseParquetFooter(buf)
	if f != nil {
		d.Records, d.Columns, d.Producer = f.NumRows, f.Columns, f.CreatedBy
	}
	return err
}

// ParseParquetFooter decodes the Thrift compact FileMetaData of a Parquet file, keeping
// num_rows (3), created_by (6) and the names of schema (2) elements directly below the root.
// Every other field is skipped. Input is bounded to MaxParquetFooter bytes and Thrift nesting
// to 64 levels.
func ParseParquetFooter(data []byte) (*ParquetFooter, error) {
	if len(data) > MaxParquetFooter {
		return nil, fmt.Errorf("unable to read Parquet footer: %d bytes is over the limit", len(data))
	}
	t := &thrift{buf: data}
	f := &ParquetFooter{}
	err := t.structFields(func(id int16, typ byte) error {
		switch {
		case id == 3 && typ == ctI64:
			v, err := t.varint()
			f.NumRows = max(zigzag(v), 0)
			return err
		case id == 6 && typ == ctBinary:
			s, err := t.binary()
			f.CreatedBy = clip(string(s), maxValueLen)
			return err
		case id == 2 && typ == ctList:
			cols, err := t.schema()
			f.Columns = cols
			return err
		}
		return t.skip(typ, 0)
	})
	if err != nil {
		return f, fmt.Errorf("unable to read Parquet footer: %w", err)
	}
	return f, nil
}

// schema reads list<SchemaElement> and returns the names of the root's children: elements
// are written depth first, each group followed by its num_children (5) descendants.
func (t *thrift) schema() ([]string, error) {
	n, elem, err := t.listHeader()
	if err != nil {
		return nil, err
	}
	if elem != ctStruct || n > maxSchemaElems {
		return nil, errThrift
	}
	var names []string
	pending := []int64{} // children still expected per open group; pending[0] is the root's
	for i := int64(0); i < n; i++ {
		name, children, err := t.schemaElement()
		if err != nil {
			return names, err
		}
		if i > 0 {
			if len(pending) == 1 && pending[0] > 0 && len(names) < maxColumns {
				names = append(names, clip(name, maxColumnLen))
			}
			if len(pending) > 0 {
				pending[len(pending)-1]--
			}
		}
		if children > 0 && len(pending) < maxThriftDepth {
			pending = append(pending, children)
		}
		for len(pending) > 1 && pending[len(pending)-1] <= 0 {
			pending = pending[:len(pending)-1]
		}
	}
	return names, nil
}

// schemaElement reads one SchemaElement's name (4) and num_children (5).
func (t *thrift) schemaElement() (name string, children int64, err error) {
	err = t.structFields(func(id int16, typ byte) error {
		switch {
		case id == 4 && typ == ctBinary:
			s, err := t.binary()
			name = string(s)
			return err
		case id == 5 && typ == ctI32:
			v, err := t.varint()
			children = max(zigzag(v), 0)
			return err
		}
		return t.skip(typ, 1)
	})
	return name, children, err
}

// thrift is a bounded Thrift compact protocol reader over a byte slice.
type thrift struct {
	buf []byte
	off int
}

// structFields calls fn for each field of the struct at the current offset until its stop
// byte; fn must consume the field's value.
func (t *thrift) structFields(fn func(id int16, typ byte) error) error {
	var last int16
	for {
		b, err := t.byte()
		if err != nil {
			return err
		}
		typ := b & 0x0f
		if typ == ctStop {
			return nil
		}
		id := last + int16(b>>4)
		if b>>4 == 0 {
			v, err := t.varint()
			if err != nil {
				return err
			}
			z := zigzag(v)
			if z < math.MinInt16 || z > math.MaxInt16 {
				return errThrift
			}
			id = int16(z)
		}
		last = id
		if typ == ctTrue || typ == ctFalse {
			continue // the value is in the type
		}
		if err := fn(id, typ); err != nil {
			return err
		}
	}
}

// skip consumes one value of type typ.
func (t *thrift) skip(typ byte, depth int) error {
	if depth > maxThriftDepth {
		return errThrift
	}
	switch typ {
	case ctTrue, ctFalse, ctByte:
		_, err := t.byte()
		return err
	case ctI16, ctI32, ctI64:
		_, err := t.varint()
		return err
	case ctDouble:
		return t.advance(8)
	case ctBinary:
		_, err := t.binary()
		return err
	case ctList, ctSet:
		n, elem, err := t.listHeader()
		for i := int64(0); err == nil && i < n; i++ {
			err = t.skip(elem, depth+1)
		}
		return err
	case ctMap:
		return t.skipMap(depth)
	case ctStruct:
		return t.structFields(func(_ int16, ft byte) error { return t.skip(ft, depth+1) })
	}
	return errThrift
}

func (t *thrift) skipMap(depth int) error {
	v, err := t.varint()
	if err != nil || v == 0 {
		return err
	}
	if v > uint64(len(t.buf)-t.off) {
		return errThrift
	}
	kv, err := t.byte()
	if err != nil {
		return err
	}
	for i := uint64(0); i < v; i++ {
		if err := t.skip(kv>>4, depth+1); err != nil {
			return err
		}
		if err := t.skip(kv&0x0f, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// listHeader reads a list or set header: the size (in the high nibble, or a varint after 15)
// and the element type. The size is checked against the bytes left (every element takes at
// least one).
func (t *thrift) listHeader() (int64, byte, error) {
	b, err := t.byte()
	if err != nil {
		return 0, 0, err
	}
	n := uint64(b >> 4)
	if n == 15 {
		if n, err = t.varint(); err != nil {
			return 0, 0, err
		}
	}
	if n > uint64(len(t.buf)-t.off) {
		return 0, 0, errThrift
	}
	return int64(n), b & 0x0f, nil
}

func (t *thrift) byte() (byte, error) {
	if t.off >= len(t.buf) {
		return 0, io.ErrUnexpectedEOF
	}
	b := t.buf[t.off]
	t.off++
	return b, nil
}

func (t *thrift) varint() (uint64, error) {
	v, n := binary.Uvarint(t.buf[t.off:])
	if n <= 0 {
		return 0, errThrift
	}
	t.off += n
	return v, nil
}

func (t *thrift) binary() ([]byte, error) {
	n, err := t.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(t.buf)-t.off) {
		return nil, errThrift
	}
	s := t.buf[t.off : t.off+int(n)]
	t.off += int(n)
	return s, nil
}

func (t *thrift) advance(n int) error {
	if n > len(t.buf)-t.off {
		return io.ErrUnexpectedEOF
	}
	t.off += n
	return nil
}

func zigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }
