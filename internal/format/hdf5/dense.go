package hdf5

import (
	"fmt"
)

// B-tree types indexing dense attribute storage: by name hash and by creation order. Both
// records start with the 8-byte heap ID of the attribute message, then its message flags.
const (
	btreeAttrName   = 8
	btreeAttrCorder = 9
	attrHeapIDLen   = 8
)

// denseAttributes decodes an attribute info message and appends every attribute kept in its
// dense storage: attribute messages stored as fractal heap objects and found through the
// v2 B-tree index.
func (p *parser) denseAttributes(out []Attribute, info []byte, where string) []Attribute {
	c := &cursor{b: info}
	version, flags := c.u8(), c.u8()
	if flags&0x01 != 0 {
		c.skip(2) // maximum creation index
	}
	heap, name := c.uint(p.offSize), c.uint(p.offSize)
	corder := allOnes(p.offSize)
	if flags&0x02 != 0 {
		corder = c.uint(p.offSize)
	}
	switch {
	case c.short:
		p.gap("%s: truncated attribute info message", where)
		return out
	case version != 0:
		p.gap("%s: unsupported attribute info message version %d", where, version)
		return out
	case p.undefined(heap):
		return out // attributes are compact; nothing is stored densely
	}
	index := name
	if p.undefined(index) {
		index = corder
	}
	out, err := p.walkDense(out, heap, index, where)
	if err != nil {
		p.gap("%s: dense attribute storage: %v", where, err)
	}
	return out
}

func (p *parser) walkDense(out []Attribute, heapAddr, index uint64, where string) ([]Attribute, error) {
	h, err := p.openHeap(heapAddr)
	if err != nil {
		return out, err
	}
	t, err := p.openBTree2(index)
	if err != nil {
		return out, err
	}
	if (t.typ != btreeAttrName && t.typ != btreeAttrCorder) || t.recSize < attrHeapIDLen+1 {
		return out, fmt.Errorf("attribute index is a v2 B-tree of type %d", t.typ)
	}
	err = p.walkBTree2(t, func(rec []byte) error {
		if len(out) >= p.maxAttrs {
			return fmt.Errorf("more than %d attributes", p.maxAttrs)
		}
		if rec[attrHeapIDLen]&messageShared != 0 {
			p.gap("%s: shared dense attribute is not supported", where)
			return nil
		}
		obj, at, err := h.object(rec[:min(attrHeapIDLen, h.idLen)])
		if err != nil {
			p.gap("%s: dense attribute: %v", where, err)
			return nil
		}
		out = p.keep(out, obj, at, where)
		return nil
	})
	return out, err
}
