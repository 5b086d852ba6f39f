package tflite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// windowSize is the read window: FlatBuffers tables and vectors of the model structure are
// read through it; tensor buffers are never read.
const windowSize = 16 << 10

// maxFlatBuffer is the largest offset a FlatBuffer can address (32-bit unsigned offsets).
// Models over 2 GB keep their buffers after it, addressed by Buffer.offset.
const maxFlatBuffer = 1 << 32

// errBounds is wrapped by every out-of-bounds or inconsistent offset.
var errBounds = errors.New("offset outside the flatbuffer")

// reader is a bounds-checked FlatBuffers reader over an io.ReaderAt.
type reader struct {
	r     io.ReaderAt
	size  int64 // bytes addressable as flatbuffer: min(file size, maxFlatBuffer)
	buf   []byte
	off   int64
	n     int
	reads int64
}

func newReader(r io.ReaderAt, size int64) *reader {
	size = min(size, maxFlatBuffer)
	return &reader{r: r, size: size, buf: make([]byte, min(int64(windowSize), max(size, 1)))}
}

// at returns exactly n bytes at off (n <= windowSize), valid until the next call.
func (f *reader) at(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+int64(n) > f.size {
		return nil, fmt.Errorf("%d bytes at %d of %d: %w", n, off, f.size, errBounds)
	}
	if off >= f.off && off+int64(n) <= f.off+int64(f.n) {
		return f.buf[off-f.off : off-f.off+int64(n)], nil
	}
	want := int(min(int64(len(f.buf)), f.size-off))
	got, err := f.r.ReadAt(f.buf[:want], off)
	f.reads++
	f.off, f.n = off, max(got, 0)
	if got < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("unable to read %d bytes at offset %d: %w", n, off, err)
	}
	return f.buf[off-f.off : off-f.off+int64(n)], nil
}

func (f *reader) u16(off int64) (uint16, error) {
	b, err := f.at(off, 2)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b), nil
}

func (f *reader) u32(off int64) (uint32, error) {
	b, err := f.at(off, 4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (f *reader) u64(off int64) (uint64, error) {
	b, err := f.at(off, 8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

// table is a FlatBuffers table: its position and its vtable.
type table struct {
	pos    int64
	vt     int64
	fields int    // entries in the vtable
	inline uint16 // size of the table's inline data
}

// table reads the table at pos: a signed offset back to its vtable, which lists the vtable's
// size, the table's inline size and one 16-bit offset per field.
func (f *reader) table(pos int64) (table, error) {
	so, err := f.u32(pos)
	if err != nil {
		return table{}, err
	}
	vt := pos - int64(int32(so))
	vtLen, err := f.u16(vt)
	if err != nil {
		return table{}, fmt.Errorf("vtable of the table at %d: %w", pos, err)
	}
	inline, err := f.u16(vt + 2)
	if err != nil {
		return table{}, err
	}
	if vtLen < 4 || vtLen%2 != 0 || vt+int64(vtLen) > f.size || inline < 4 || pos+int64(inline) > f.size {
		return table{}, fmt.Errorf("vtable at %d (size %d, table size %d) of the table at %d: %w", vt, vtLen, inline, pos, errBounds)
	}
	return table{pos: pos, vt: vt, fields: int(vtLen-4) / 2, inline: inline}, nil
}

// field returns the position of field i of t, or ok=false when the field is absent (its
// default applies). width is the size of the field's inline value.
func (f *reader) field(t table, i int, width uint16) (int64, bool, error) {
	if i >= t.fields {
		return 0, false, nil
	}
	off, err := f.u16(t.vt + 4 + 2*int64(i))
	if err != nil || off == 0 {
		return 0, false, err
	}
	if off < 4 || off+width > t.inline {
		return 0, false, fmt.Errorf("field %d of the table at %d at inline offset %d (table size %d): %w", i, t.pos, off, t.inline, errBounds)
	}
	return t.pos + int64(off), true, nil
}

// scalar32 reads a 32-bit field, or def when absent.
func (f *reader) scalar32(t table, i int, def uint32) (uint32, error) {
	pos, ok, err := f.field(t, i, 4)
	if err != nil || !ok {
		return def, err
	}
	return f.u32(pos)
}

// scalar8 reads an 8-bit field, or def when absent.
func (f *reader) scalar8(t table, i int, def uint8) (uint8, error) {
	pos, ok, err := f.field(t, i, 1)
	if err != nil || !ok {
		return def, err
	}
	b, err := f.at(pos, 1)
	if err != nil {
		return def, err
	}
	return b[0], nil
}

// scalar64 reads a 64-bit field, or def when absent.
func (f *reader) scalar64(t table, i int, def uint64) (uint64, error) {
	pos, ok, err := f.field(t, i, 8)
	if err != nil || !ok {
		return def, err
	}
	return f.u64(pos)
}

// ref follows the unsigned offset stored at pos (to a table, vector or string).
func (f *reader) ref(pos int64) (int64, error) {
	o, err := f.u32(pos)
	if err != nil {
		return 0, err
	}
	to := pos + int64(o)
	if to >= f.size {
		return 0, fmt.Errorf("offset %d at %d points past the end: %w", o, pos, errBounds)
	}
	return to, nil
}

// vector follows the offset field i of t to a vector of elements of elem bytes and returns the
// position of its first element and its length, checked against the bytes that remain.
// ok is false when the field is absent.
func (f *reader) vector(t table, i int, elem int64) (start int64, n int, ok bool, err error) {
	pos, ok, err := f.field(t, i, 4)
	if err != nil || !ok {
		return 0, 0, false, err
	}
	at, err := f.ref(pos)
	if err != nil {
		return 0, 0, false, err
	}
	l, err := f.u32(at)
	if err != nil {
		return 0, 0, false, err
	}
	if int64(l) > (f.size-at-4)/elem {
		return 0, 0, false, fmt.Errorf("vector of %d elements at %d does not fit: %w", l, at, errBounds)
	}
	return at + 4, int(l), true, nil
}

// elemTable returns the i-th table of a vector of tables starting at start.
func (f *reader) elemTable(start int64, i int) (table, error) {
	at, err := f.ref(start + 4*int64(i))
	if err != nil {
		return table{}, err
	}
	return f.table(at)
}

// str reads the string field i of t, at most limit bytes of it (truncated says so).
func (f *reader) str(t table, i int, limit int) (s string, ok, truncated bool, err error) {
	start, n, ok, err := f.vector(t, i, 1)
	if err != nil || !ok {
		return "", false, false, err
	}
	b, err := f.bytes(start, min(n, limit))
	if err != nil {
		return "", false, false, err
	}
	return string(b), true, n > limit, nil
}

// bytes copies n bytes at off.
func (f *reader) bytes(off int64, n int) ([]byte, error) {
	out := make([]byte, 0, n)
	for len(out) < n {
		chunk := min(n-len(out), windowSize)
		b, err := f.at(off+int64(len(out)), chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}
