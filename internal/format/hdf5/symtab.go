package hdf5

import (
	"bytes"
	"fmt"
)

// Bounds on old-style groups: the local heap holding member names, v1 B-tree depth.
const (
	maxLocalHeap   = 16 << 20
	maxV1TreeDepth = 32
)

// symtabWalk lists the members of an old-style group: a v1 B-tree of group nodes whose
// leaves point to symbol table nodes, with names in a local heap.
type symtabWalk struct {
	p       *parser
	names   []byte // the local heap data segment
	visited map[int64]bool
	out     []link
}

// symbolTable decodes a symbol table message (v1 B-tree address, local heap address) and
// appends the group's members.
func (p *parser) symbolTable(out []link, msg []byte) ([]link, error) {
	c := &cursor{b: msg}
	tree, heap := c.uint(p.offSize), c.uint(p.offSize)
	if c.short {
		return out, c.err("symbol table message")
	}
	names, err := p.localHeap(heap)
	if err != nil {
		return out, err
	}
	w := &symtabWalk{p: p, names: names, visited: map[int64]bool{}, out: out}
	err = w.node(tree, -1, 0)
	return w.out, err
}

// localHeap returns the data segment of a local heap ("HEAP", version 0, reserved, data
// segment size, free list offset, data segment address).
func (p *parser) localHeap(rel uint64) ([]byte, error) {
	at, err := p.abs(rel)
	if err != nil {
		return nil, fmt.Errorf("unable to locate local heap: %w", err)
	}
	b, err := p.readAt(at, int64(8+2*p.lenSize+p.offSize))
	if err != nil {
		return nil, fmt.Errorf("unable to read local heap: %w", err)
	}
	c := &cursor{b: b}
	if string(c.take(4)) != "HEAP" || c.u8() != 0 {
		return nil, fmt.Errorf("no local heap at %d", at)
	}
	c.skip(3)
	n := c.uint(p.lenSize)
	c.uint(p.lenSize) // free list head
	data, err := p.abs(c.uint(p.offSize))
	if err != nil || n > maxLocalHeap {
		return nil, fmt.Errorf("local heap at %d has a data segment of %d bytes outside the file or budget", at, n)
	}
	return p.readAt(data, int64(n))
}

// node reads a v1 B-tree group node ("TREE", type 0): level, entry count, siblings, then
// keys (heap offsets) interleaved with child addresses — symbol table nodes at level 0,
// B-tree nodes above. Each level must be one below its parent.
func (w *symtabWalk) node(rel uint64, wantLevel, depth int) error {
	p := w.p
	at, err := p.abs(rel)
	if err != nil {
		return fmt.Errorf("unable to locate group B-tree node: %w", err)
	}
	if w.visited[at] || depth > maxV1TreeDepth {
		return fmt.Errorf("group B-tree node at %d is reached twice or nested too deep", at)
	}
	w.visited[at] = true
	head, err := p.readAt(at, int64(8+2*p.offSize))
	if err != nil {
		return fmt.Errorf("unable to read group B-tree node: %w", err)
	}
	level, entries := int(head[5]), int(head[6])|int(head[7])<<8
	if string(head[:4]) != "TREE" || head[4] != 0 || (wantLevel >= 0 && level != wantLevel) {
		return fmt.Errorf("no group B-tree node at %d", at)
	}
	kc := p.lenSize + p.offSize
	body, err := p.readAt(at+int64(len(head)), int64(entries*kc+p.lenSize))
	if err != nil {
		return fmt.Errorf("unable to read group B-tree node: %w", err)
	}
	for i := range entries {
		c := &cursor{b: body[i*kc+p.lenSize : (i+1)*kc]}
		child := c.uint(p.offSize)
		if level > 0 {
			err = w.node(child, level-1, depth+1)
		} else {
			err = w.symbols(child)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// symbols reads a symbol table node ("SNOD", version 1): a count and that many symbol table
// entries (name offset, object header address, cache type, reserved, scratch pad).
func (w *symtabWalk) symbols(rel uint64) error {
	p := w.p
	at, err := p.abs(rel)
	if err != nil {
		return fmt.Errorf("unable to locate symbol table node: %w", err)
	}
	if w.visited[at] {
		return fmt.Errorf("symbol table node at %d is reached twice", at)
	}
	w.visited[at] = true
	head, err := p.readAt(at, 8)
	if err != nil {
		return fmt.Errorf("unable to read symbol table node: %w", err)
	}
	if string(head[:4]) != "SNOD" || head[4] != 1 {
		return fmt.Errorf("no symbol table node at %d", at)
	}
	n, es := int(head[6])|int(head[7])<<8, 2*p.offSize+24
	body, err := p.readAt(at+8, int64(n*es))
	if err != nil {
		return fmt.Errorf("unable to read symbol table node: %w", err)
	}
	for i := range n {
		c := &cursor{b: body[i*es : (i+1)*es]}
		nameOff, addr := c.uint(p.offSize), c.uint(p.offSize)
		name, ok := cString(w.names, nameOff)
		if !ok {
			p.gap("symbol table node at %d: member name offset %d is outside its local heap", at, nameOff)
			continue
		}
		if w.out, err = p.appendLink(w.out, link{name: name, addr: addr}); err != nil {
			return err
		}
	}
	return nil
}

// cString returns the NUL-terminated string at off in b.
func cString(b []byte, off uint64) (string, bool) {
	if off >= uint64(len(b)) {
		return "", false
	}
	s := b[off:]
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return string(s), true
}
