package pymarshal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/limits"
)

// ErrMalformed is matched (errors.Is) by every error about bytes that are not valid marshal data.
var ErrMalformed = errors.New("bad marshal data")

// MalformedError says where the data stopped making sense.
type MalformedError struct {
	Offset int // byte offset in the data
	Reason string
}

// Error implements error.
func (e *MalformedError) Error() string {
	return fmt.Sprintf("bad marshal data at offset %d: %s", e.Offset, e.Reason)
}

// Is makes errors.Is(err, ErrMalformed) true.
func (e *MalformedError) Is(target error) bool { return target == ErrMalformed }

// Limits bound the work of one decode.
type Limits struct {
	MaxDepth   int // nesting of containers and code objects (CPython allows 2000)
	MaxObjects int // values decoded in total, references included
}

// DefaultLimits returns limits no real code object comes near.
func DefaultLimits() Limits { return Limits{MaxDepth: 200, MaxObjects: 1_000_000} }

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxObjects <= 0 {
		l.MaxObjects = d.MaxObjects
	}
	return l
}

// Type codes of CPython's Python/marshal.c.
const (
	flagRef          = 0x80
	typeNull         = '0'
	typeNone         = 'N'
	typeFalse        = 'F'
	typeTrue         = 'T'
	typeStopIter     = 'S'
	typeEllipsis     = '.'
	typeInt          = 'i'
	typeInt64        = 'I' // written by Python 2 on 64-bit hosts
	typeFloat        = 'f'
	typeBinaryFloat  = 'g'
	typeComplex      = 'x'
	typeBinComplex   = 'y'
	typeLong         = 'l'
	typeString       = 's'
	typeInterned     = 't'
	typeRef          = 'r'
	typeStringRef    = 'R' // Python 2 only: index into the interned-string table
	typeTuple        = '('
	typeList         = '['
	typeDict         = '{'
	typeCode         = 'c'
	typeUnicode      = 'u'
	typeSet          = '<'
	typeFrozenSet    = '>'
	typeASCII        = 'a'
	typeASCIIIntern  = 'A'
	typeSmallTuple   = ')'
	typeShortASCII   = 'z'
	typeShortASCIIIn = 'Z'
	typeSlice        = ':'
)

type decoder struct {
	data    []byte
	pos     int
	layout  Layout
	lim     Limits
	depth   int
	objects int
	refs    []*Value // FLAG_REF table; nil marks a slot reserved for an object still being read
	interns []*Value // Python 2 interned strings, for 'R'
}

// Decode reads one marshalled object from the start of data, reading code objects with the
// given layout. It returns the object and the number of bytes it took; marshal.loads ignores
// whatever follows.
func Decode(data []byte, layout Layout, lim Limits) (*Value, int, error) {
	d := &decoder{data: data, layout: layout, lim: lim.withDefaults()}
	v, err := d.object()
	if err != nil {
		return nil, d.pos, err
	}
	if v == nil {
		return nil, d.pos, d.fail("NULL object at top level")
	}
	return v, d.pos, nil
}

func (d *decoder) fail(format string, args ...any) error {
	return &MalformedError{Offset: d.pos, Reason: fmt.Sprintf(format, args...)}
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.data)-d.pos {
		return nil, d.fail("length %d runs past the end (%d bytes left)", n, len(d.data)-d.pos)
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

func (d *decoder) u8() (int, error) {
	b, err := d.take(1)
	if err != nil {
		return 0, err
	}
	return int(b[0]), nil
}

func (d *decoder) i32() (int32, error) {
	b, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return int32(binary.LittleEndian.Uint32(b)), nil
}

// count reads a 32-bit element count and checks it against the bytes left, at least
// minEach bytes per element, before anything is allocated.
func (d *decoder) count(minEach int) (int, error) {
	n, err := d.i32()
	if err != nil {
		return 0, err
	}
	if n < 0 || int(n) > (len(d.data)-d.pos)/minEach {
		return 0, d.fail("count %d is impossible with %d bytes left", n, len(d.data)-d.pos)
	}
	return int(n), nil
}

// object reads one value; it returns (nil, nil) for TYPE_NULL, which only dicts accept.
func (d *decoder) object() (*Value, error) {
	if d.depth >= d.lim.MaxDepth {
		return nil, fmt.Errorf("unable to decode marshal data: %w", limits.Exceeded("marshal nesting depth", int64(d.lim.MaxDepth)))
	}
	if d.objects++; d.objects > d.lim.MaxObjects {
		return nil, fmt.Errorf("unable to decode marshal data: %w", limits.Exceeded("marshal objects", int64(d.lim.MaxObjects)))
	}
	c, err := d.u8()
	if err != nil {
		return nil, err
	}
	d.depth++
	defer func() { d.depth-- }()
	flag, typ := c&flagRef != 0, byte(c&^flagRef)
	switch typ {
	case typeNull:
		return nil, nil
	case typeNone:
		return &Value{Kind: KindNone, Str: "None"}, nil
	case typeFalse:
		return &Value{Kind: KindBool, Str: "False"}, nil
	case typeTrue:
		return &Value{Kind: KindBool, Str: "True"}, nil
	case typeEllipsis:
		return &Value{Kind: KindEllipsis, Str: "Ellipsis"}, nil
	case typeStopIter:
		return &Value{Kind: KindStopIteration, Str: "StopIteration"}, nil
	case typeRef:
		return d.ref()
	case typeStringRef:
		return d.stringRef()
	case typeTuple, typeSmallTuple, typeList, typeSet, typeFrozenSet:
		return d.sequence(typ, flag)
	case typeDict:
		return d.dict(flag)
	case typeCode:
		return d.code(flag)
	case typeSlice:
		return d.slice(flag)
	}
	v, err := d.scalar(typ)
	if err != nil {
		return nil, err
	}
	d.remember(flag, v)
	return v, nil
}

func (d *decoder) remember(flag bool, v *Value) {
	if flag {
		d.refs = append(d.refs, v)
	}
}

// reserve takes a reference slot before an object's contents are read, as CPython does for
// code objects, frozensets and slices: references to the slot fail until insert fills it.
func (d *decoder) reserve(flag bool) int {
	if !flag {
		return -1
	}
	d.refs = append(d.refs, nil)
	return len(d.refs) - 1
}

func (d *decoder) insert(idx int, v *Value) {
	if idx >= 0 {
		d.refs[idx] = v
	}
}

func (d *decoder) ref() (*Value, error) {
	n, err := d.i32()
	if err != nil {
		return nil, err
	}
	if n < 0 || int(n) >= len(d.refs) || d.refs[n] == nil {
		return nil, d.fail("invalid reference %d (%d known)", n, len(d.refs))
	}
	return d.refs[n], nil
}

func (d *decoder) stringRef() (*Value, error) {
	if d.layout != LayoutPy27 {
		return nil, d.fail("string reference 'R' outside Python 2 data")
	}
	n, err := d.i32()
	if err != nil {
		return nil, err
	}
	if n < 0 || int(n) >= len(d.interns) {
		return nil, d.fail("invalid string reference %d", n)
	}
	return d.interns[n], nil
}

func (d *decoder) scalar(typ byte) (*Value, error) {
	switch typ {
	case typeInt:
		n, err := d.i32()
		return &Value{Kind: KindInt, Str: strconv.Itoa(int(n))}, err
	case typeInt64:
		b, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return &Value{Kind: KindInt, Str: strconv.FormatInt(int64(binary.LittleEndian.Uint64(b)), 10)}, nil
	case typeLong:
		return d.long()
	case typeFloat:
		s, err := d.floatText()
		return &Value{Kind: KindFloat, Str: s}, err
	case typeBinaryFloat:
		b, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return &Value{Kind: KindFloat, Str: formatFloat(b)}, nil
	case typeComplex:
		return d.complexText()
	case typeBinComplex:
		b, err := d.take(16)
		if err != nil {
			return nil, err
		}
		return &Value{Kind: KindComplex, Str: "(" + formatFloat(b[:8]) + "+" + formatFloat(b[8:]) + "j)"}, nil
	}
	return d.text(typ)
}

func formatFloat(b []byte) string {
	return strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)), 'g', -1, 64)
}

func (d *decoder) floatText() (string, error) {
	n, err := d.u8()
	if err != nil {
		return "", err
	}
	b, err := d.take(n)
	return string(b), err
}

func (d *decoder) complexText() (*Value, error) {
	re, err := d.floatText()
	if err != nil {
		return nil, err
	}
	im, err := d.floatText()
	return &Value{Kind: KindComplex, Str: "(" + re + "+" + im + "j)"}, err
}

// long reads a TYPE_LONG: a signed count of 15-bit digits, least significant first. Values
// that fit 64 bits are rendered in decimal; larger ones only by size.
func (d *decoder) long() (*Value, error) {
	n, err := d.i32()
	if err != nil {
		return nil, err
	}
	neg, digits := n < 0, int64(n)
	if neg {
		digits = -digits
	}
	if digits > int64(len(d.data)-d.pos)/2 {
		return nil, d.fail("long of %d digits runs past the end", digits)
	}
	var x uint64
	for i := range int(digits) {
		b, _ := d.take(2)
		dg := binary.LittleEndian.Uint16(b)
		if dg >= 1<<15 {
			return nil, d.fail("digit out of range in long")
		}
		if i < 4 {
			x |= uint64(dg) << (15 * i)
		}
	}
	switch {
	case digits > 4:
		return &Value{Kind: KindInt, Str: fmt.Sprintf("<int of %d bits>", digits*15)}, nil
	case neg:
		return &Value{Kind: KindInt, Str: "-" + strconv.FormatUint(x, 10)}, nil
	}
	return &Value{Kind: KindInt, Str: strconv.FormatUint(x, 10)}, nil
}

// text reads the string types. str values are kept as Go strings; latin-1 ("ascii") types are
// widened code point by code point as CPython does.
func (d *decoder) text(typ byte) (*Value, error) {
	var n int
	var err error
	switch typ {
	case typeShortASCII, typeShortASCIIIn:
		n, err = d.u8()
	case typeString, typeInterned, typeUnicode, typeASCII, typeASCIIIntern:
		n, err = d.count(1)
	default:
		return nil, d.fail("unknown type code %q", typ)
	}
	if err != nil {
		return nil, err
	}
	b, err := d.take(n)
	if err != nil {
		return nil, err
	}
	switch typ {
	case typeString:
		if d.layout == LayoutPy27 {
			return &Value{Kind: KindStr, Str: string(b)}, nil // Python 2 str
		}
		return &Value{Kind: KindBytes, Str: string(b)}, nil
	case typeInterned:
		v := &Value{Kind: KindStr, Str: string(b)}
		if d.layout == LayoutPy27 {
			d.interns = append(d.interns, v)
		}
		return v, nil
	case typeUnicode:
		return &Value{Kind: KindStr, Str: string(b)}, nil
	}
	return &Value{Kind: KindStr, Str: latin1(b)}, nil
}

func latin1(b []byte) string {
	if utf8.Valid(b) && isASCII(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
