package hdf5

import (
	"fmt"
)

// Bounds on v2 B-trees. Real trees are a few levels deep with nodes of 512 bytes to 64 KiB.
const (
	maxBTreeDepth    = 16
	maxBTreeNodeSize = 1 << 20
	btreePrefix      = 4 + 1 + 1 + 4 // signature, version, type, checksum
)

// btree2 is a decoded v2 B-tree header ("BTHD") with the per-depth sizes needed to decode its
// internal nodes.
type btree2 struct {
	at       int64
	typ      uint8
	nodeSize int
	recSize  int
	depth    int
	root     uint64
	rootNRec int
	// maxNRec[d] is the most records a node at depth d holds; cumSize[d] is the width of the
	// "total records below" field that pointers to depth-d children carry (d >= 1).
	maxNRec  []uint64
	cumSize  []int
	nrecSize int // width of the "records in child" field
}

// openBTree2 reads and validates a v2 B-tree header.
func (p *parser) openBTree2(rel uint64) (*btree2, error) {
	at, err := p.abs(rel)
	if err != nil {
		return nil, fmt.Errorf("unable to locate v2 B-tree: %w", err)
	}
	b, err := p.readAt(at, int64(22+p.offSize+p.lenSize))
	if err != nil {
		return nil, fmt.Errorf("unable to read v2 B-tree header: %w", err)
	}
	c := &cursor{b: b}
	if string(c.take(4)) != "BTHD" || c.u8() != 0 {
		return nil, fmt.Errorf("no v2 B-tree header (version 0) at %d", at)
	}
	t := &btree2{at: at, typ: c.u8(), nodeSize: int(c.u32()), recSize: int(c.u16()), depth: int(c.u16())}
	c.skip(2) // split and merge percentages
	t.root = c.uint(p.offSize)
	t.rootNRec = int(c.u16())
	c.uint(p.lenSize) // total records
	if c.short {
		return nil, c.err("v2 B-tree header")
	}
	p.verifyChecksum(b, len(b)-4, "v2 B-tree header", at)
	if t.nodeSize <= btreePrefix || t.nodeSize > maxBTreeNodeSize || t.recSize == 0 ||
		t.recSize > t.nodeSize-btreePrefix || t.depth > maxBTreeDepth {
		return nil, fmt.Errorf("v2 B-tree at %d has invalid geometry (node %d, record %d, depth %d)",
			at, t.nodeSize, t.recSize, t.depth)
	}
	return t, t.geometry(p.offSize)
}

// geometry derives, as the library does, how many records fit in a node at each depth and
// how wide the record-count fields of child pointers are.
func (t *btree2) geometry(offSize int) error {
	leaf := uint64((t.nodeSize - btreePrefix) / t.recSize)
	t.maxNRec = []uint64{leaf}
	t.cumSize = []int{0}
	t.nrecSize = limitEncSize(leaf)
	cum := leaf
	for d := 1; d <= t.depth; d++ {
		ptr := offSize + t.nrecSize
		if d > 1 {
			ptr += t.cumSize[d-1]
		}
		if t.nodeSize < btreePrefix+ptr {
			return fmt.Errorf("v2 B-tree at %d: nodes too small for depth %d", t.at, t.depth)
		}
		n := uint64((t.nodeSize - btreePrefix - ptr) / (t.recSize + ptr))
		// cum = (n+1)*cum + n, saturating: only its encoded width matters.
		next, ok := mulCap(n+1, cum)
		if !ok || next+n < next {
			next = ^uint64(0)
		} else {
			next += n
		}
		cum = next
		t.maxNRec = append(t.maxNRec, n)
		t.cumSize = append(t.cumSize, limitEncSize(cum))
	}
	return nil
}

// walkBTree2 calls visit for every record, in key order, bounded by the record budget.
func (p *parser) walkBTree2(t *btree2, visit func(rec []byte) error) error {
	if p.undefined(t.root) || t.rootNRec == 0 {
		return nil
	}
	w := &btreeWalk{p: p, t: t, visit: visit, visited: map[int64]bool{}}
	return w.node(t.root, t.rootNRec, t.depth)
}

type btreeWalk struct {
	p       *parser
	t       *btree2
	visit   func([]byte) error
	visited map[int64]bool
	seen    int // records visited
}

// node reads one node: "BTLF" (depth 0) or "BTIN", version, type, nrec records, then for
// internal nodes nrec+1 child pointers (address, records in child, and for depth > 1 the
// records below the child), then a checksum.
func (w *btreeWalk) node(rel uint64, nrec, depth int) error {
	p, t := w.p, w.t
	at, err := p.abs(rel)
	if err != nil {
		return fmt.Errorf("unable to locate v2 B-tree node: %w", err)
	}
	if w.visited[at] {
		return fmt.Errorf("v2 B-tree node at %d is reached twice", at)
	}
	w.visited[at] = true
	if uint64(nrec) > t.maxNRec[depth] {
		return fmt.Errorf("v2 B-tree node at %d claims %d records", at, nrec)
	}
	ptr := 0
	if depth > 0 {
		ptr = p.offSize + t.nrecSize
		if depth > 1 {
			ptr += t.cumSize[depth-1]
		}
	}
	n := 6 + nrec*t.recSize + ptr*(nrec+1)*min(depth, 1) + 4
	b, err := p.readAt(at, int64(n))
	if err != nil {
		return fmt.Errorf("unable to read v2 B-tree node: %w", err)
	}
	sig := "BTLF"
	if depth > 0 {
		sig = "BTIN"
	}
	if string(b[:4]) != sig || b[4] != 0 || b[5] != t.typ {
		return fmt.Errorf("no v2 B-tree %s node of type %d at %d", sig, t.typ, at)
	}
	p.verifyChecksum(b, n-4, "v2 B-tree node", at)
	recs := b[6 : 6+nrec*t.recSize]
	if depth == 0 {
		return w.records(recs, nrec)
	}
	return w.internal(b[6+nrec*t.recSize:n-4], recs, nrec, depth, ptr)
}

// internal visits child 0, record 0, child 1, ... record nrec-1, child nrec.
func (w *btreeWalk) internal(ptrs, recs []byte, nrec, depth, ptr int) error {
	p, t := w.p, w.t
	for i := 0; i <= nrec; i++ {
		c := &cursor{b: ptrs[i*ptr : (i+1)*ptr]}
		child, childN := c.uint(p.offSize), c.uint(t.nrecSize)
		if childN > t.maxNRec[depth-1] {
			return fmt.Errorf("v2 B-tree child claims %d records", childN)
		}
		if err := w.node(child, int(childN), depth-1); err != nil {
			return err
		}
		if i < nrec {
			if err := w.records(recs[i*t.recSize:], 1); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *btreeWalk) records(recs []byte, n int) error {
	for i := range n {
		if w.seen >= w.p.maxRecords {
			return fmt.Errorf("v2 B-tree at %d has more than %d records", w.t.at, w.p.maxRecords)
		}
		w.seen++
		if err := w.visit(recs[i*w.t.recSize : (i+1)*w.t.recSize]); err != nil {
			return err
		}
	}
	return nil
}
