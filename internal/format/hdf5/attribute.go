package hdf5

import (
	"bytes"
	"fmt"
)

// Attribute value classes reported in Attribute.Class.
const (
	ClassString = "string"
	ClassInt    = "int"
	ClassFloat  = "float"
	ClassOther  = "other"
)

// Attribute is one attribute of an HDF5 object with its decoded value, held in Strings, Ints
// or Floats according to Class, flattened in row-major order (a scalar has one element).
type Attribute struct {
	Name    string
	Class   string // ClassString, ClassInt, ClassFloat or ClassOther (value not decoded; a gap says why)
	Type    string // HDF5 datatype class when Class is ClassOther, e.g. "compound"
	Strings []string
	Ints    []int64 // integers and enums (h5py stores bool as an enum); uint64 values are bit-cast
	Floats  []float64
	// Offset is the file offset of the first value byte (for variable-length strings, of the
	// first string in the global heap), or -1 when the attribute has no value.
	Offset int64
	// offsets holds the file offset of each string in Strings (-1 when unknown).
	offsets []int64
}

// attrHeader is the decoded framing of an attribute message, before its value.
type attrHeader struct {
	name       string
	flags      uint8
	dt, ds     []byte
	data       []byte
	dataOffset int64
}

// decodeAttrHeader splits an attribute message (versions 1 to 3) into name, datatype,
// dataspace and value bytes. Version 1 pads each of the first three to a multiple of 8.
func decodeAttrHeader(b []byte, off int64) (attrHeader, error) {
	var h attrHeader
	c := &cursor{b: b}
	version := c.u8()
	h.flags = c.u8() // reserved in version 1
	nameLen, dtLen, dsLen := int(c.u16()), int(c.u16()), int(c.u16())
	switch version {
	case 1:
		nameLen, dtLen, dsLen = pad8(nameLen), pad8(dtLen), pad8(dsLen)
		h.flags = 0
	case 2:
	case 3:
		c.skip(1) // name character set
	default:
		if !c.short {
			return h, fmt.Errorf("unsupported attribute message version %d", version)
		}
	}
	name := c.take(nameLen)
	if i := bytes.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	h.name = string(name)
	h.dt, h.ds = c.take(dtLen), c.take(dsLen)
	if c.short {
		return h, c.err("attribute message")
	}
	h.data, h.dataOffset = b[c.pos:], -1
	if off >= 0 { // tiny heap objects live inside their ID and have no file offset
		h.dataOffset = off + int64(c.pos)
	}
	return h, nil
}

// attribute decodes one attribute message found at file offset off. The returned error names
// what could not be decoded; the caller turns it into a gap.
func (p *parser) attribute(b []byte, off int64) (Attribute, error) {
	h, err := decodeAttrHeader(b, off)
	a := Attribute{Name: h.name, Offset: -1}
	if err != nil {
		return a, err
	}
	if h.flags&0x03 != 0 {
		return a, fmt.Errorf("attribute %q uses a shared datatype or dataspace (not supported)", h.name)
	}
	t, _, err := decodeDatatype(h.dt, 0)
	if err != nil {
		return a, fmt.Errorf("attribute %q: %w", h.name, err)
	}
	n, err := decodeDataspace(h.ds, p.lenSize)
	if err != nil {
		return a, fmt.Errorf("attribute %q: %w", h.name, err)
	}
	if err := p.decodeValue(&a, t, n, h.data, h.dataOffset); err != nil {
		return a, fmt.Errorf("attribute %q: %w", h.name, err)
	}
	return a, nil
}

// attributes decodes the compact attribute messages and the dense attribute storage named
// by an object's header messages.
func (p *parser) attributes(msgs []message, where string) []Attribute {
	var out []Attribute
	for _, m := range msgs {
		if len(out) >= p.maxAttrs {
			p.gap("%s has more than %d attributes", where, p.maxAttrs)
			break
		}
		if p.exhausted() && (m.typ == msgAttribute || m.typ == msgAttrInfo) {
			p.gap("%s: attributes not read: HDF5 read or value budget exhausted", where)
			break
		}
		switch {
		case m.typ != msgAttribute && m.typ != msgAttrInfo:
			continue
		case m.flags&messageShared != 0:
			p.gap("%s: shared attribute message at %d is not supported", where, m.off)
		case m.typ == msgAttribute:
			out = p.keep(out, m.data, m.off, where)
		default:
			out = p.denseAttributes(out, m.data, where)
		}
	}
	return out
}

// keep decodes one attribute and appends it; a failure is a gap and still keeps the name.
func (p *parser) keep(out []Attribute, b []byte, off int64, where string) []Attribute {
	a, err := p.attribute(b, off)
	if err != nil {
		p.gap("%s: %v", where, err)
		if a.Name == "" {
			return out
		}
		a.Class, a.Offset, a.Strings, a.Ints, a.Floats, a.offsets = ClassOther, -1, nil, nil, nil, nil
	}
	// MetaStrings later builds one key holding the name per string: charge those too.
	if err := p.spendValue(overhead + int64(len(a.Name))*int64(1+len(a.Strings))); err != nil {
		p.gap("%s: attribute %q not kept: %v", where, a.Name, err)
		return out
	}
	return append(out, a)
}
