package hdf5

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// maxElements bounds the elements decoded from one attribute value.
const maxElements = 1 << 20

// String padding types of fixed-length strings.
const (
	padNullTerm = 0
	padNullPad  = 1
	padSpacePad = 2
)

// decodeValue decodes n elements of type t from data (at file offset off) into a.
func (p *parser) decodeValue(a *Attribute, t *dtype, n uint64, data []byte, off int64) error {
	var ok bool
	for t.class == classArray { // arrays are their base elements back to back
		for _, d := range t.dims {
			if n, ok = mulCap(n, d); !ok {
				return fmt.Errorf("array element count overflows")
			}
		}
		t = t.base
	}
	if n > maxElements {
		return fmt.Errorf("%d elements exceed the cap of %d", n, maxElements)
	}
	es, ok := t.elemSize(p.offSize)
	total, ok2 := mulCap(n, es)
	if !ok || !ok2 || total > uint64(len(data)) {
		return fmt.Errorf("value of %d %s elements does not fit in the %d bytes stored", n, t, len(data))
	}
	// Charge the stored bytes plus what each decoded element costs in memory (a string
	// header and its offset, or an 8-byte number), so zero-sized or 1-byte elements cannot
	// multiply into far more memory than the budget says.
	perElem := uint64(8)
	if t.class == classString || t.vlenString() {
		perElem = 24
	}
	if err := p.spendValue(int64(total + n*perElem)); err != nil {
		return err
	}
	if n > 0 && off >= 0 {
		a.Offset = off
	}
	data = data[:total]
	switch {
	case t.class == classString:
		a.Class = ClassString
		fixedStrings(a, t, int(n), int(es), data, off)
		return nil
	case t.vlenString():
		a.Class = ClassString
		return p.vlenStrings(a, t, int(n), int(es), data)
	case t.class == classFixed && es >= 1 && es <= 8:
		a.Class = ClassInt
		a.Ints = decodeInts(t, int(n), int(es), data)
		return nil
	case t.class == classEnum && t.base != nil && t.base.class == classFixed && es >= 1 && es <= 8:
		a.Class = ClassInt
		a.Ints = decodeInts(t.base, int(n), int(es), data)
		return nil
	case t.class == classFloat && t.ieee:
		a.Class = ClassFloat
		a.Floats = decodeFloats(t, int(n), int(es), data)
		return nil
	}
	a.Class, a.Type, a.Offset = ClassOther, t.String(), -1
	return fmt.Errorf("%s datatype values are not decoded", t)
}

// fixedStrings splits fixed-length strings and strips their padding the way h5py does.
func fixedStrings(a *Attribute, t *dtype, n, es int, data []byte, off int64) {
	for i := range n {
		s := data[i*es : (i+1)*es]
		switch t.strPad() {
		case padNullTerm:
			if j := bytes.IndexByte(s, 0); j >= 0 {
				s = s[:j]
			}
		case padNullPad:
			s = bytes.TrimRight(s, "\x00")
		case padSpacePad:
			s = bytes.TrimRight(s, " ")
		}
		a.Strings = append(a.Strings, string(s))
		if off < 0 {
			a.offsets = append(a.offsets, -1)
		} else {
			a.offsets = append(a.offsets, off+int64(i*es))
		}
	}
}

// vlenStrings resolves variable-length strings: each element is a length and a global heap
// ID, and the bytes live in a global heap collection.
func (p *parser) vlenStrings(a *Attribute, t *dtype, n, es int, data []byte) error {
	a.Offset = -1
	for i := range n {
		c := &cursor{b: data[i*es : (i+1)*es]}
		length := uint64(c.u32())
		addr := c.uint(p.offSize)
		idx := c.u32()
		if length == 0 {
			a.Strings = append(a.Strings, "")
			a.offsets = append(a.offsets, -1)
			continue
		}
		obj, at, err := p.globalObject(addr, idx)
		if err != nil {
			return fmt.Errorf("string %d: %w", i, err)
		}
		if uint64(len(obj)) > length {
			obj = obj[:length]
		} else if uint64(len(obj)) < length {
			p.gap("variable-length string at %d is shorter (%d bytes) than its declared %d", at, len(obj), length)
		}
		// h5py hands variable-length strings to Python as C strings: a NUL ends them.
		if j := bytes.IndexByte(obj, 0); j >= 0 {
			obj = obj[:j]
		}
		if a.Offset < 0 {
			a.Offset = at
		}
		a.Strings = append(a.Strings, string(obj))
		a.offsets = append(a.offsets, at)
	}
	return nil
}

func decodeInts(t *dtype, n, es int, data []byte) []int64 {
	out := make([]int64, n)
	for i := range n {
		b := data[i*es : (i+1)*es]
		var v uint64
		if t.bigEndian() {
			for _, x := range b {
				v = v<<8 | uint64(x)
			}
		} else {
			v = leUint(b)
		}
		if t.signed() && es < 8 && v&(1<<(8*es-1)) != 0 {
			v |= ^uint64(0) << (8 * es) // sign-extend
		}
		out[i] = int64(v)
	}
	return out
}

func decodeFloats(t *dtype, n, es int, data []byte) []float64 {
	out := make([]float64, n)
	var order binary.ByteOrder = binary.LittleEndian
	if t.bigEndian() {
		order = binary.BigEndian
	}
	for i := range n {
		b := data[i*es : (i+1)*es]
		switch es {
		case 2:
			out[i] = halfToFloat(order.Uint16(b))
		case 4:
			out[i] = float64(math.Float32frombits(order.Uint32(b)))
		case 8:
			out[i] = math.Float64frombits(order.Uint64(b))
		}
	}
	return out
}

// halfToFloat converts an IEEE 754 binary16 value (numpy float16).
func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp, frac := int(h>>10&0x1f), float64(h&0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(frac, -24)
	case 0x1f:
		if frac == 0 {
			return math.Inf(int(sign))
		}
		return math.NaN()
	}
	return sign * math.Ldexp(1+frac/1024, exp-15)
}
