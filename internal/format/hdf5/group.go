package hdf5

import (
	"fmt"
)

// Bounds on the walk below the root group.
const (
	maxWalkDepth = 32
	// Dense link storage indexes: by name hash (records: hash, heap ID) and by creation order
	// (records: creation order, heap ID). Link heap IDs are 7 bytes.
	btreeLinkName   = 5
	btreeLinkCorder = 6
	linkHeapIDLen   = 7
)

// link is a hard link from a group to an object header.
type link struct {
	name string
	addr uint64
}

// group is a group waiting to have its links followed: its path and its link-bearing messages.
type group struct {
	path  string
	msgs  []message
	depth int
}

// walk visits the objects below the root group breadth first, once each (hard links may
// form cycles), and returns them with their attributes.
func (p *parser) walk(rootMsgs []message, root uint64, maxObjects int) []Object {
	var objects []Object
	visited := map[uint64]bool{root: true}
	queue := []group{{path: "", msgs: linkMessages(rootMsgs)}}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		where := g.path
		if where == "" {
			where = "root group"
		}
		for _, l := range p.links(g.msgs, where) {
			if visited[l.addr] {
				continue
			}
			if p.exhausted() {
				p.gap("objects below %s not read: HDF5 read or value budget exhausted", where)
				return objects
			}
			if len(objects) >= maxObjects {
				p.gap("more than %d objects below the root group; the rest were not read", maxObjects)
				return objects
			}
			visited[l.addr] = true
			path := g.path + "/" + l.name
			if err := p.spendValue(overhead + int64(len(path))); err != nil {
				p.gap("%s: object not read: %v", where, err)
				return objects
			}
			msgs, err := p.objectHeader(l.addr)
			if err != nil {
				p.gap("%s: %v", path, err)
				continue
			}
			objects = append(objects, Object{Path: path, Attributes: p.attributes(msgs, path)})
			lm := linkMessages(msgs)
			switch {
			case len(lm) == 0:
			case g.depth+1 >= maxWalkDepth:
				p.gap("%s: groups nested deeper than %d were not read", path, maxWalkDepth)
			default:
				queue = append(queue, group{path: path, msgs: lm, depth: g.depth + 1})
			}
		}
	}
	return objects
}

// linkMessages keeps the messages that name a group's members: links, link info (dense
// links) and symbol tables (old-style groups).
func linkMessages(msgs []message) []message {
	var out []message
	for _, m := range msgs {
		if m.typ == msgLink || m.typ == msgLinkInfo || m.typ == msgSymbolTable {
			out = append(out, m)
		}
	}
	return out
}

// links lists the hard links of a group from its messages.
func (p *parser) links(msgs []message, where string) []link {
	var out []link
	for _, m := range msgs {
		var err error
		switch m.typ {
		case msgLink:
			var l link
			var ok bool
			if l, ok, err = p.decodeLink(m.data); ok {
				out, err = p.appendLink(out, l)
			}
		case msgLinkInfo:
			out, err = p.denseLinks(out, m.data)
		case msgSymbolTable:
			out, err = p.symbolTable(out, m.data)
		}
		if err != nil {
			p.gap("%s: %v", where, err)
		}
	}
	return out
}

// appendLink keeps one link after charging its name to the value budget and checking the
// per-group link count.
func (p *parser) appendLink(out []link, l link) ([]link, error) {
	if len(out) >= p.maxRecords {
		return out, fmt.Errorf("more than %d links", p.maxRecords)
	}
	if err := p.spendValue(overhead + int64(len(l.name))); err != nil {
		return out, err
	}
	return append(out, l), nil
}

// decodeLink decodes a link message. Only hard links are returned: soft and external links
// name objects by path and are not followed.
func (p *parser) decodeLink(b []byte) (link, bool, error) {
	c := &cursor{b: b}
	version, flags := c.u8(), c.u8()
	typ := uint8(0)
	if flags&0x08 != 0 {
		typ = c.u8()
	}
	if flags&0x04 != 0 {
		c.skip(8) // creation order
	}
	if flags&0x10 != 0 {
		c.skip(1) // name character set
	}
	n := c.uint(1 << (flags & 3))
	if n > uint64(c.left()) {
		c.short = true
	}
	name := c.take(int(n))
	addr := c.uint(p.offSize)
	switch {
	case version != 1:
		return link{}, false, fmt.Errorf("unsupported link message version %d", version)
	case typ != 0:
		return link{}, false, nil
	case c.short:
		return link{}, false, c.err("link message")
	}
	return link{name: string(name), addr: addr}, true, nil
}

// denseLinks appends the links kept in a group's dense storage, named by a link info message.
func (p *parser) denseLinks(out []link, info []byte) ([]link, error) {
	c := &cursor{b: info}
	version, flags := c.u8(), c.u8()
	if flags&0x01 != 0 {
		c.skip(8) // maximum creation index
	}
	heap, name := c.uint(p.offSize), c.uint(p.offSize)
	corder := allOnes(p.offSize)
	if flags&0x02 != 0 {
		corder = c.uint(p.offSize)
	}
	switch {
	case c.short:
		return out, c.err("link info message")
	case version != 0:
		return out, fmt.Errorf("unsupported link info message version %d", version)
	case p.undefined(heap):
		return out, nil
	}
	if p.undefined(name) {
		name = corder
	}
	h, err := p.openHeap(heap)
	if err != nil {
		return out, fmt.Errorf("dense links: %w", err)
	}
	t, err := p.openBTree2(name)
	if err != nil {
		return out, fmt.Errorf("dense links: %w", err)
	}
	skip := map[uint8]int{btreeLinkName: 4, btreeLinkCorder: 8}[t.typ]
	if skip == 0 || t.recSize < skip+linkHeapIDLen {
		return out, fmt.Errorf("link index is a v2 B-tree of type %d", t.typ)
	}
	err = p.walkBTree2(t, func(rec []byte) error {
		obj, _, err := h.object(rec[skip : skip+min(linkHeapIDLen, h.idLen)])
		if err != nil {
			p.gap("dense link: %v", err)
			return nil
		}
		l, ok, err := p.decodeLink(obj)
		if ok {
			out, err = p.appendLink(out, l)
			return err
		}
		if err != nil {
			p.gap("dense link: %v", err)
		}
		return nil
	})
	return out, err
}
