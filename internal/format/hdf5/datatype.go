package hdf5

import (
	"fmt"
)

// Datatype classes (the low nibble of the first datatype message byte).
const (
	classFixed    = 0
	classFloat    = 1
	classTime     = 2
	classString   = 3
	classBitfield = 4
	classOpaque   = 5
	classCompound = 6
	classRef      = 7
	classEnum     = 8
	classVlen     = 9
	classArray    = 10
)

var classNames = [...]string{"integer", "float", "time", "string", "bitfield", "opaque",
	"compound", "reference", "enum", "variable-length", "array"}

// Bounds on datatypes: nesting (arrays of arrays, enums of...) and array rank.
const (
	maxTypeDepth = 8
	maxRank      = 32
)

// dtype is the part of a datatype message the value decoder needs.
type dtype struct {
	class   uint8
	version uint8
	flags   uint32 // the 24-bit class bit field
	size    uint32 // element size as declared
	ieee    bool   // float: a standard IEEE 754 half, single or double layout
	base    *dtype // enum, variable-length and array base type
	dims    []uint64
}

func (t *dtype) String() string {
	if int(t.class) < len(classNames) {
		return classNames[t.class]
	}
	return fmt.Sprintf("class %d", t.class)
}

func (t *dtype) bigEndian() bool  { return t.flags&1 != 0 }
func (t *dtype) signed() bool     { return t.flags&0x08 != 0 }
func (t *dtype) strPad() uint32   { return t.flags & 0x0f }
func (t *dtype) vlenString() bool { return t.class == classVlen && t.flags&0x0f == 1 }

// decodeDatatype decodes one datatype message and returns it with the bytes it used. Classes
// whose property lists are not needed (compound, enum names) consume the rest of b, which is
// right wherever they may appear (a whole message, or the last part of a parent type).
func decodeDatatype(b []byte, depth int) (*dtype, int, error) {
	if depth > maxTypeDepth {
		return nil, 0, fmt.Errorf("datatype nested deeper than %d", maxTypeDepth)
	}
	c := &cursor{b: b}
	cv := c.u8()
	f := c.take(3)
	t := &dtype{class: cv & 0x0f, version: cv >> 4, size: c.u32()}
	if c.short {
		return nil, 0, c.err("datatype")
	}
	t.flags = uint32(f[0]) | uint32(f[1])<<8 | uint32(f[2])<<16
	switch t.class {
	case classFixed, classBitfield:
		c.skip(4) // bit offset, bit precision
	case classFloat:
		t.ieee = ieeeLayout(t, c.take(12))
	case classTime:
		c.skip(2)
	case classString, classRef:
	case classOpaque:
		c.skip(int(t.flags & 0xff)) // NUL-padded ASCII tag
	case classCompound:
		return t, len(b), nil
	case classEnum, classVlen:
		base, n, err := decodeDatatype(c.b[c.pos:], depth+1)
		if err != nil {
			return nil, 0, err
		}
		t.base = base
		if t.class == classEnum {
			return t, len(b), nil
		}
		c.skip(n)
	case classArray:
		return decodeArray(t, c, depth)
	default:
		return nil, 0, fmt.Errorf("unknown datatype class %d", t.class)
	}
	if c.short {
		return nil, 0, c.err(t.String() + " datatype")
	}
	return t, c.pos, nil
}

// decodeArray reads an array datatype: rank, dimensions (and, in version 2, a permutation
// that was never implemented), then the base type.
func decodeArray(t *dtype, c *cursor, depth int) (*dtype, int, error) {
	rank := int(c.u8())
	if t.version < 3 {
		c.skip(3)
	}
	if rank > maxRank {
		return nil, 0, fmt.Errorf("array datatype of rank %d", rank)
	}
	for range rank {
		t.dims = append(t.dims, uint64(c.u32()))
	}
	if t.version < 3 {
		c.skip(4 * rank)
	}
	if c.short {
		return nil, 0, c.err("array datatype")
	}
	base, n, err := decodeDatatype(c.b[c.pos:], depth+1)
	if err != nil {
		return nil, 0, err
	}
	t.base = base
	return t, c.pos + n, nil
}

// ieeeLayout reports whether float properties describe a plain IEEE 754 binary16/32/64 with
// no padding bits, which is all the value decoder converts.
func ieeeLayout(t *dtype, p []byte) bool {
	if len(p) < 12 || t.flags&0x40 != 0 { // bit 6 with bit 0: VAX byte order
		return false
	}
	c := &cursor{b: p}
	off, prec := c.u16(), c.u16()
	eLoc, eSize, mLoc, mSize := c.u8(), c.u8(), c.u8(), c.u8()
	want := map[uint32][4]uint8{2: {10, 5, 0, 10}, 4: {23, 8, 0, 23}, 8: {52, 11, 0, 52}}
	w, ok := want[t.size]
	return ok && off == 0 && uint32(prec) == 8*t.size && [4]uint8{eLoc, eSize, mLoc, mSize} == w
}

// elemSize is the size of one element as stored in the file. Variable-length elements are
// stored as a 4-byte length and a global heap ID (address + 4-byte index), whatever size the
// message declares for the in-memory form.
func (t *dtype) elemSize(offSize int) (uint64, bool) {
	switch t.class {
	case classVlen:
		return uint64(4 + offSize + 4), true
	case classArray:
		n, ok := t.base.elemSize(offSize)
		for _, d := range t.dims {
			if n, ok = mulCap(n, d); !ok {
				return 0, false
			}
		}
		return n, ok
	}
	return uint64(t.size), true
}

// dataspace decodes a dataspace message into its element count: 1 for a scalar, 0 for a
// null dataspace, the product of the dimensions for a simple one.
func decodeDataspace(b []byte, lenSize int) (uint64, error) {
	c := &cursor{b: b}
	version, rank, flags := c.u8(), int(c.u8()), c.u8()
	kind := uint8(1) // simple
	switch version {
	case 1:
		c.skip(5)
		if rank == 0 {
			kind = 0
		}
	case 2:
		kind = c.u8()
	default:
		if !c.short {
			return 0, fmt.Errorf("unsupported dataspace version %d", version)
		}
	}
	if rank > maxRank {
		return 0, fmt.Errorf("dataspace of rank %d", rank)
	}
	n := uint64(1)
	for range rank {
		var ok bool
		if n, ok = mulCap(n, c.uint(lenSize)); !ok {
			return 0, fmt.Errorf("dataspace element count overflows")
		}
	}
	if flags&1 != 0 {
		c.skip(rank * lenSize) // maximum dimensions
	}
	if c.short {
		return 0, c.err("dataspace")
	}
	switch kind {
	case 0:
		return 1, nil
	case 1:
		return n, nil
	case 2:
		return 0, nil
	}
	return 0, fmt.Errorf("unknown dataspace type %d", kind)
}
