package hdf5

import (
	"fmt"
	"math/bits"
	"sort"
)

// Bounds on fractal heaps: doubling-table geometry and indirect block nesting. Real heaps use
// a width of 4, 1 KiB starting blocks and a 64 KiB maximum direct block.
const (
	maxHeapWidth   = 1 << 12
	maxHeapRows    = 64
	maxHeapDepth   = 16
	maxDirectBlock = 64 << 20
)

// fractalHeap is a decoded fractal heap header ("FRHP") plus the direct blocks found under
// its root, which is all that is needed to fetch managed objects by heap ID.
type fractalHeap struct {
	p          *parser
	at         int64
	idLen      int
	maxMan     uint64
	hugeTree   uint64
	width      uint64
	start      uint64 // starting block size
	maxDirect  uint64 // maximum direct block size
	maxRowsDir int    // rows of direct blocks in any indirect block
	offSize    int    // bytes of a heap offset (and of block offsets)
	lenSize    int    // bytes of a managed object's length in its ID
	root       uint64
	rootRows   int
	blocks     []directBlock // sorted by heap offset; nil until first use
	huge       map[uint64]span
}

// directBlock is one direct block: its heap offset, size and absolute file offset.
type directBlock struct {
	off, size uint64
	at        int64
}

// openHeap reads a fractal heap header. Filtered heaps (compressed blocks) are refused: their
// objects cannot be read without decompression.
func (p *parser) openHeap(rel uint64) (*fractalHeap, error) {
	at, err := p.abs(rel)
	if err != nil {
		return nil, fmt.Errorf("unable to locate fractal heap: %w", err)
	}
	n := 4 + 1 + 2 + 2 + 1 + 4 + 12*p.lenSize + 3*p.offSize + 2 + 2 + 2 + 2 + 4
	b, err := p.readAt(at, int64(n))
	if err != nil {
		return nil, fmt.Errorf("unable to read fractal heap header: %w", err)
	}
	c := &cursor{b: b}
	if string(c.take(4)) != "FRHP" || c.u8() != 0 {
		return nil, fmt.Errorf("no fractal heap header (version 0) at %d", at)
	}
	h := &fractalHeap{p: p, at: at, idLen: int(c.u16())}
	if c.u16() != 0 {
		return nil, fmt.Errorf("fractal heap at %d uses I/O filters (not supported)", at)
	}
	c.skip(1) // flags: huge IDs wrapped, direct blocks checksummed (not verified)
	h.maxMan = uint64(c.u32())
	c.uint(p.lenSize)              // next huge object ID
	h.hugeTree = c.uint(p.offSize) // v2 B-tree of huge objects
	c.skip(p.lenSize + p.offSize + 8*p.lenSize)
	h.width = uint64(c.u16())
	h.start, h.maxDirect = c.uint(p.lenSize), c.uint(p.lenSize)
	maxBits := int(c.u16())
	c.u16() // starting number of rows in the root indirect block
	h.root = c.uint(p.offSize)
	h.rootRows = int(c.u16())
	if c.short {
		return nil, c.err("fractal heap header")
	}
	p.verifyChecksum(b, len(b)-4, "fractal heap header", at)
	return h, h.geometry(maxBits)
}

// geometry validates the doubling table and derives the field sizes of heap IDs.
func (h *fractalHeap) geometry(maxBits int) error {
	pow2 := func(v uint64) bool { return v != 0 && v&(v-1) == 0 }
	switch {
	case !pow2(h.width) || h.width > maxHeapWidth,
		!pow2(h.start) || !pow2(h.maxDirect) || h.start > h.maxDirect || h.maxDirect > maxDirectBlock,
		maxBits < 1 || maxBits > 64, h.rootRows > maxHeapRows, h.idLen < 1:
		return fmt.Errorf("fractal heap at %d has an invalid doubling table", h.at)
	}
	h.maxRowsDir = bits.Len64(h.maxDirect) - bits.Len64(h.start) + 2
	h.offSize = (maxBits + 7) / 8
	h.lenSize = min((bits.Len64(h.maxDirect)-1+7)/8, limitEncSize(h.maxMan))
	return nil
}

// rowSize is the block size of a doubling-table row: rows 0 and 1 have the starting size,
// each later row doubles it.
func (h *fractalHeap) rowSize(row int) (uint64, bool) {
	if row == 0 {
		return h.start, true
	}
	if row-1 >= bits.LeadingZeros64(h.start) {
		return 0, false
	}
	return h.start << uint(row-1), true
}

// object returns the bytes of the heap object named by id and their file offset.
func (h *fractalHeap) object(id []byte) ([]byte, int64, error) {
	if len(id) == 0 || id[0]>>6 != 0 {
		return nil, 0, fmt.Errorf("unsupported fractal heap ID version")
	}
	switch id[0] >> 4 & 3 {
	case 0:
		return h.managed(id[1:])
	case 1:
		return h.hugeObject(id[1:])
	case 2:
		return h.tiny(id)
	}
	return nil, 0, fmt.Errorf("unknown fractal heap ID type")
}

// tiny returns an object stored inside its heap ID: the low nibble of the first byte (and,
// for IDs longer than 18 bytes, the next byte too) holds its length minus one.
func (h *fractalHeap) tiny(id []byte) ([]byte, int64, error) {
	n, data := int(id[0]&0x0f)+1, id[1:]
	if h.idLen > 18 && len(id) > 1 {
		n, data = (int(id[0]&0x0f)<<8|int(id[1]))+1, id[2:]
	}
	if n > len(data) {
		return nil, 0, fmt.Errorf("tiny heap object of %d bytes in a %d-byte ID", n, len(id))
	}
	return data[:n], -1, nil
}

// managed reads an object stored in a direct block: the ID holds its heap offset and length.
func (h *fractalHeap) managed(id []byte) ([]byte, int64, error) {
	c := &cursor{b: id}
	off, n := c.uint(h.offSize), c.uint(h.lenSize)
	if c.short {
		return nil, 0, c.err("fractal heap ID")
	}
	if err := h.loadBlocks(); err != nil {
		return nil, 0, err
	}
	i := sort.Search(len(h.blocks), func(i int) bool { return h.blocks[i].off+h.blocks[i].size > off })
	if i == len(h.blocks) || h.blocks[i].off > off {
		return nil, 0, fmt.Errorf("heap offset %d is in no direct block", off)
	}
	blk := h.blocks[i]
	if n > blk.off+blk.size-off || n > h.maxMan {
		return nil, 0, fmt.Errorf("heap object %d+%d overruns its direct block", off, n)
	}
	at := blk.at + int64(off-blk.off)
	b, err := h.p.readAt(at, int64(n))
	if err != nil {
		return nil, 0, fmt.Errorf("unable to read heap object: %w", err)
	}
	return b, at, nil
}

// loadBlocks lists the direct blocks once: the root is a direct block when the root indirect
// block has no rows, otherwise the indirect blocks are walked.
func (h *fractalHeap) loadBlocks() error {
	if h.blocks != nil {
		return nil
	}
	h.blocks = []directBlock{}
	if h.p.undefined(h.root) {
		return nil
	}
	if h.rootRows == 0 {
		return h.addDirect(h.root, 0, h.start)
	}
	w := &iblockWalk{h: h, visited: map[int64]bool{}}
	if err := w.walk(h.root, 0, h.rootRows, 0); err != nil {
		return err
	}
	sort.Slice(h.blocks, func(i, j int) bool { return h.blocks[i].off < h.blocks[j].off })
	return nil
}

func (h *fractalHeap) addDirect(rel, off, size uint64) error {
	if len(h.blocks) >= h.p.maxRecords {
		return fmt.Errorf("fractal heap at %d has more than %d direct blocks", h.at, h.p.maxRecords)
	}
	at, err := h.p.abs(rel)
	if err != nil {
		return fmt.Errorf("unable to locate direct block: %w", err)
	}
	if size > uint64(h.p.size-at) {
		h.p.gap("fractal heap direct block at %d runs past the end of the file", at)
		size = uint64(h.p.size - at)
	}
	hdr, err := h.p.readAt(at, min(int64(size), 5))
	if err != nil || len(hdr) < 5 || string(hdr[:4]) != "FHDB" {
		return fmt.Errorf("no fractal heap direct block at %d", at)
	}
	h.blocks = append(h.blocks, directBlock{off: off, size: size, at: at})
	return nil
}
