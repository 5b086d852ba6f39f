package pickletest

import (
	"encoding/binary"
	"math"
	"strconv"
)

// Len returns the number of bytes assembled so far (an offset for frame cuts and tests).
func (p *Builder) Len() int { return len(p.b) }

// BinFloat appends BINFLOAT (big-endian IEEE 754).
func (p *Builder) BinFloat(f float64) *Builder {
	p.b = append(p.b, 'G')
	p.b = binary.BigEndian.AppendUint64(p.b, math.Float64bits(f))
	return p
}

// Bool appends NEWTRUE or NEWFALSE.
func (p *Builder) Bool(v bool) *Builder {
	if v {
		return p.Op(0x88)
	}
	return p.Op(0x89)
}

// Tuple3 appends TUPLE3.
func (p *Builder) Tuple3() *Builder { return p.Op(0x87) }

// Dup appends DUP.
func (p *Builder) Dup() *Builder { return p.Op('2') }

// PopMark appends POP_MARK.
func (p *Builder) PopMark() *Builder { return p.Op('1') }

// List appends LIST (items since MARK).
func (p *Builder) List() *Builder { return p.Op('l') }

// Dict appends DICT (key/value pairs since MARK).
func (p *Builder) Dict() *Builder { return p.Op('d') }

// EmptySet appends EMPTY_SET.
func (p *Builder) EmptySet() *Builder { return p.Op(0x8f) }

// AddItems appends ADDITEMS.
func (p *Builder) AddItems() *Builder { return p.Op(0x90) }

// FrozenSet appends FROZENSET.
func (p *Builder) FrozenSet() *Builder { return p.Op(0x91) }

// Obj appends OBJ (class and args since MARK).
func (p *Builder) Obj() *Builder { return p.Op('o') }

// NewObjEx appends NEWOBJ_EX.
func (p *Builder) NewObjEx() *Builder { return p.Op(0x92) }

// NextBuffer appends NEXT_BUFFER.
func (p *Builder) NextBuffer() *Builder { return p.Op(0x97) }

// ReadOnlyBuffer appends READONLY_BUFFER.
func (p *Builder) ReadOnlyBuffer() *Builder { return p.Op(0x98) }

// BinPersID appends BINPERSID.
func (p *Builder) BinPersID() *Builder { return p.Op('Q') }

// PersID appends protocol-0 PERSID with an ASCII id line.
func (p *Builder) PersID(id string) *Builder { return p.Raw('P').Raw([]byte(id + "\n")...) }

// Ext appends EXT1, EXT2 or EXT4 depending on the code.
func (p *Builder) Ext(code uint32) *Builder {
	switch {
	case code < 256:
		return p.Raw(0x82, byte(code))
	case code < 65536:
		p.b = append(p.b, 0x83)
		p.b = binary.LittleEndian.AppendUint16(p.b, uint16(code))
		return p
	}
	p.b = append(p.b, 0x84)
	p.b = binary.LittleEndian.AppendUint32(p.b, code)
	return p
}

// Long4 appends LONG4 with the given little-endian two's-complement bytes.
func (p *Builder) Long4(le []byte) *Builder {
	p.b = append(p.b, 0x8b)
	p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(le)))
	return p.Raw(le...)
}

// BinString appends SHORT_BINSTRING or BINSTRING (protocol 1 byte strings).
func (p *Builder) BinString(s string) *Builder {
	if len(s) < 256 {
		p.b = append(p.b, 'U', byte(len(s)))
	} else {
		p.b = append(p.b, 'T')
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(s)))
	}
	p.b = append(p.b, s...)
	return p
}

// BinUnicode8 appends BINUNICODE8.
func (p *Builder) BinUnicode8(s string) *Builder {
	p.b = append(p.b, 0x8d)
	p.b = binary.LittleEndian.AppendUint64(p.b, uint64(len(s)))
	p.b = append(p.b, s...)
	return p
}

// ByteArray8 appends BYTEARRAY8.
func (p *Builder) ByteArray8(b []byte) *Builder {
	p.b = append(p.b, 0x96)
	p.b = binary.LittleEndian.AppendUint64(p.b, uint64(len(b)))
	p.b = append(p.b, b...)
	return p
}

// BinBytes8 appends BINBYTES8 whatever the length (BinBytes picks the shortest form).
func (p *Builder) BinBytes8(b []byte) *Builder {
	p.b = append(p.b, 0x8e)
	p.b = binary.LittleEndian.AppendUint64(p.b, uint64(len(b)))
	p.b = append(p.b, b...)
	return p
}

// IntText appends protocol-0 INT with a verbatim argument line (e.g. "01" for True).
func (p *Builder) IntText(s string) *Builder { return p.Raw('I').Raw([]byte(s + "\n")...) }

// LongText appends protocol-0 LONG with a verbatim argument line (e.g. "123L").
func (p *Builder) LongText(s string) *Builder { return p.Raw('L').Raw([]byte(s + "\n")...) }

// FloatText appends protocol-0 FLOAT with a verbatim argument line.
func (p *Builder) FloatText(s string) *Builder { return p.Raw('F').Raw([]byte(s + "\n")...) }

// StringRaw appends protocol-0 STRING with a verbatim (already quoted) argument line.
func (p *Builder) StringRaw(line string) *Builder { return p.Raw('S').Raw([]byte(line + "\n")...) }

// PutText appends protocol-0 PUT.
func (p *Builder) PutText(idx int) *Builder {
	return p.Raw('p').Raw([]byte(strconv.Itoa(idx) + "\n")...)
}

// GetText appends protocol-0 GET.
func (p *Builder) GetText(idx int) *Builder {
	return p.Raw('g').Raw([]byte(strconv.Itoa(idx) + "\n")...)
}

// Framed wraps body in protocol 4 frames the way CPython's framer does: a FRAME opcode
// before each run of at least target bytes, cut only at the offsets in cuts (which must be
// increasing offsets into body, typically the ends of top-level objects). Frames shorter than
// 4 bytes get no FRAME header. The result starts with PROTO 4 and body must end with STOP.
func Framed(body []byte, cuts []int, target int) []byte {
	out := []byte{0x80, 4}
	start := 0
	emit := func(end int) {
		if end-start >= 4 {
			out = append(out, 0x95)
			out = binary.LittleEndian.AppendUint64(out, uint64(end-start))
		}
		out = append(out, body[start:end]...)
		start = end
	}
	for _, c := range cuts {
		if c-start >= target && c <= len(body) {
			emit(c)
		}
	}
	if start < len(body) {
		emit(len(body))
	}
	return out
}
