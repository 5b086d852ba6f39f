package hdf5

import (
	"fmt"
	"math/bits"
)

// iblockWalk lists the direct blocks under a fractal heap's root indirect block.
type iblockWalk struct {
	h       *fractalHeap
	visited map[int64]bool
}

// walk reads the indirect block ("FHIB") at rel covering heap offsets from off, with nrows
// rows of width entries: direct block addresses for the first maxRowsDir rows, then child
// indirect blocks, which are walked in turn. Unallocated entries hold the undefined address.
func (w *iblockWalk) walk(rel, off uint64, nrows, depth int) error {
	h, p := w.h, w.h.p
	at, err := p.abs(rel)
	if err != nil {
		return fmt.Errorf("unable to locate fractal heap indirect block: %w", err)
	}
	if w.visited[at] || depth > maxHeapDepth || nrows > maxHeapRows {
		return fmt.Errorf("fractal heap indirect block at %d is nested too deep or visited twice", at)
	}
	w.visited[at] = true
	entries := nrows * int(h.width)
	n := 4 + 1 + p.offSize + h.offSize + entries*p.offSize + 4
	b, err := p.readAt(at, int64(n))
	if err != nil {
		return fmt.Errorf("unable to read fractal heap indirect block: %w", err)
	}
	c := &cursor{b: b}
	if string(c.take(4)) != "FHIB" || c.u8() != 0 {
		return fmt.Errorf("no fractal heap indirect block at %d", at)
	}
	p.verifyChecksum(b, len(b)-4, "fractal heap indirect block", at)
	c.uint(p.offSize) // heap header address
	if got := c.uint(h.offSize); got != off {
		p.gap("fractal heap indirect block at %d records heap offset %d, expected %d", at, got, off)
	}
	for row := range nrows {
		size, ok := h.rowSize(row)
		if !ok {
			return fmt.Errorf("fractal heap row %d overflows", row)
		}
		for range h.width {
			if err := w.entry(c.uint(p.offSize), off, size, row, depth); err != nil {
				return err
			}
			if off += size; off < size {
				return fmt.Errorf("fractal heap offsets overflow")
			}
		}
	}
	return nil
}

// entry handles one indirect block slot of the given row.
func (w *iblockWalk) entry(child, off, size uint64, row, depth int) error {
	h := w.h
	if h.p.undefined(child) {
		return nil
	}
	if row < h.maxRowsDir {
		return h.addDirect(child, off, size)
	}
	// A child indirect block spans one block of this row; its row count follows from that span.
	rows := bits.Len64(size) - bits.Len64(h.start*h.width) + 1
	if rows < 1 {
		return fmt.Errorf("fractal heap child indirect block of span %d has no rows", size)
	}
	return w.walk(child, off, rows, depth+1)
}

// hugeObject reads an object stored outside the managed blocks. When the heap ID is long
// enough it holds the address and length directly; otherwise it holds a key into the heap's
// v2 B-tree of huge objects (records: address, length, key).
func (h *fractalHeap) hugeObject(id []byte) ([]byte, int64, error) {
	p := h.p
	var s span
	if h.idLen-1 >= p.offSize+p.lenSize {
		c := &cursor{b: id}
		rel, n := c.uint(p.offSize), c.uint(p.lenSize)
		at, err := p.abs(rel)
		if c.short || err != nil || n > uint64(p.size) {
			return nil, 0, fmt.Errorf("huge heap object %d+%d is outside the file", rel, n)
		}
		s = span{at: at, n: int64(n)}
	} else {
		if err := h.loadHuge(); err != nil {
			return nil, 0, err
		}
		key := leUint(id[:min(len(id), 8)])
		var ok bool
		if s, ok = h.huge[key]; !ok {
			return nil, 0, fmt.Errorf("huge heap object %d is not in the huge object index", key)
		}
	}
	if s.n > p.maxValues {
		return nil, 0, fmt.Errorf("huge heap object of %d bytes exceeds the value budget", s.n)
	}
	b, err := p.readAt(s.at, s.n)
	if err != nil {
		return nil, 0, fmt.Errorf("unable to read huge heap object: %w", err)
	}
	return b, s.at, nil
}

// loadHuge indexes the huge object B-tree (type 1: unfiltered, indirectly addressed).
func (h *fractalHeap) loadHuge() error {
	if h.huge != nil {
		return nil
	}
	p := h.p
	h.huge = map[uint64]span{}
	t, err := p.openBTree2(h.hugeTree)
	if err != nil {
		return fmt.Errorf("unable to open huge object index: %w", err)
	}
	if t.typ != 1 {
		return fmt.Errorf("huge object index of B-tree type %d (filtered huge objects are not supported)", t.typ)
	}
	return p.walkBTree2(t, func(rec []byte) error {
		c := &cursor{b: rec}
		rel, n, key := c.uint(p.offSize), c.uint(p.lenSize), c.uint(p.lenSize)
		at, err := p.abs(rel)
		if c.short || err != nil || n > uint64(p.size-at) {
			p.gap("huge heap object %d at %d is outside the file", key, rel)
			return nil
		}
		h.huge[key] = span{at: at, n: int64(n)}
		return nil
	})
}
