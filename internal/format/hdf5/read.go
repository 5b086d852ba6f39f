package hdf5

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"

	"github.com/aisecops/aisec/internal/limits"
)

// errOutOfBounds is wrapped by every read that would leave the file.
var errOutOfBounds = errors.New("outside the file")

// errUndefined is returned when a structure points at the "undefined address" (all ones).
var errUndefined = errors.New("undefined address")

// maxGaps bounds how many distinct gap reasons one file can produce and maxGapLen their
// length; a hostile file could otherwise fill memory with near-identical reasons.
const (
	maxGaps   = 64
	maxGapLen = 300
)

// overhead is what each kept attribute, object or link costs against the value budget
// besides its bytes, so that millions of tiny entries cannot exhaust memory.
const overhead = 64

// parser holds the state of one Parse call: the reader, the sizes declared by the superblock,
// the budgets spent so far and the caches of structures already decoded.
type parser struct {
	ctx  context.Context
	r    io.ReaderAt
	size int64
	base int64 // absolute offset of the superblock; HDF5 addresses are relative to it

	offSize, lenSize int // "size of offsets" and "size of lengths" from the superblock

	read, maxRead     int64 // bytes read from r (every structure and value)
	values, maxValues int64 // bytes of decoded attribute values
	maxAttrs          int   // attributes kept per object
	maxRecords        int   // B-tree records and heap blocks walked per structure

	gaps    []string
	gapSeen map[string]bool
	gcols   map[int64]*globalCollection
	ncols   int
	nheap   int // global heap objects indexed, over all collections
	nmsgs   int // object header messages decoded, over all objects
}

// gap records one reason why the file was read only in part.
func (p *parser) gap(format string, args ...any) {
	if len(p.gaps) > maxGaps {
		return // formatting more reasons would only cost time
	}
	s := fmt.Sprintf(format, args...)
	if len(s) > maxGapLen { // reasons quote names and paths taken from the file
		s = s[:maxGapLen] + "..."
	}
	if p.gapSeen[s] {
		return
	}
	p.gapSeen[s] = true
	if len(p.gaps) < maxGaps {
		p.gaps = append(p.gaps, s)
	} else if len(p.gaps) == maxGaps {
		p.gaps = append(p.gaps, "further gaps omitted")
	}
}

// undefined reports whether v is the all-ones "undefined address" for the file's offset size.
func (p *parser) undefined(v uint64) bool {
	return v == allOnes(p.offSize)
}

func allOnes(n int) uint64 {
	if n >= 8 {
		return ^uint64(0)
	}
	return 1<<(8*uint(n)) - 1
}

// abs turns a file address into an absolute offset that is inside the file.
func (p *parser) abs(rel uint64) (int64, error) {
	if p.undefined(rel) {
		return 0, errUndefined
	}
	if rel >= uint64(p.size) || int64(rel) >= p.size-p.base {
		return 0, fmt.Errorf("address %d: %w (%d bytes)", rel, errOutOfBounds, p.size)
	}
	return p.base + int64(rel), nil
}

// exhausted reports whether the read budget is spent or the value budget cannot hold one
// more attribute: further decoding can only produce more gaps.
func (p *parser) exhausted() bool {
	return p.read >= p.maxRead || p.maxValues-p.values < overhead
}

// readAt reads exactly n bytes at absolute offset off, after checking both against the file
// size and the read budget, so no allocation is ever sized by an unchecked length.
func (p *parser) readAt(off, n int64) ([]byte, error) {
	if err := p.ctx.Err(); err != nil {
		return nil, err
	}
	if off < 0 || n < 0 || off > p.size || n > p.size-off {
		return nil, fmt.Errorf("%d bytes at %d: %w (%d bytes)", n, off, errOutOfBounds, p.size)
	}
	if n > p.maxRead-p.read {
		return nil, limits.Exceeded("HDF5 bytes read", p.maxRead)
	}
	p.read += n
	buf := make([]byte, n)
	got, err := p.r.ReadAt(buf, off)
	if got == len(buf) {
		return buf, nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("unable to read %d bytes at %d: %w", n, off, err)
}

// readUpTo reads at most n bytes at off, fewer when the file ends first. It serves prefixes
// whose exact length is only known once they are decoded.
func (p *parser) readUpTo(off, n int64) ([]byte, error) {
	if off >= 0 && off <= p.size && n > p.size-off {
		n = p.size - off
	}
	return p.readAt(off, n)
}

// spendValue charges n bytes of decoded attribute values to the value budget. A charge that
// does not fit is refused without consuming anything, so one oversized attribute does not
// stop the smaller ones after it from being read.
func (p *parser) spendValue(n int64) error {
	if n < 0 || n > p.maxValues-p.values {
		return limits.Exceeded("HDF5 attribute value bytes", p.maxValues)
	}
	p.values += n
	return nil
}

// cursor decodes little-endian fields from a byte slice. The first read past the end sets
// short, and every later read returns zero, so decoders check short once at the end instead
// of after every field.
type cursor struct {
	b     []byte
	pos   int
	short bool
}

func (c *cursor) take(n int) []byte {
	if c.short || n < 0 || n > len(c.b)-c.pos {
		c.short = true
		return nil
	}
	s := c.b[c.pos : c.pos+n]
	c.pos += n
	return s
}

func (c *cursor) skip(n int) { c.take(n) }

func (c *cursor) u8() uint8 {
	if s := c.take(1); s != nil {
		return s[0]
	}
	return 0
}

func (c *cursor) u16() uint16 {
	if s := c.take(2); s != nil {
		return binary.LittleEndian.Uint16(s)
	}
	return 0
}

func (c *cursor) u32() uint32 {
	if s := c.take(4); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

// uint reads an n-byte little-endian unsigned integer (n is 1..8; HDF5 uses variable-width
// fields for addresses, lengths and heap offsets).
func (c *cursor) uint(n int) uint64 {
	if n > 8 {
		c.short = true
		return 0
	}
	return leUint(c.take(n))
}

func (c *cursor) left() int { return len(c.b) - c.pos }

// err returns a wrapped error naming what was being decoded when the data ran out.
func (c *cursor) err(what string) error {
	if c.short {
		return fmt.Errorf("unable to decode %s: %w", what, io.ErrUnexpectedEOF)
	}
	return nil
}

func leUint(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// limitEncSize is the number of bytes needed to encode values up to n, as HDF5 sizes the
// record-count fields of v2 B-tree nodes and the length field of fractal heap IDs.
func limitEncSize(n uint64) int {
	if n == 0 {
		return 1
	}
	return (bits.Len64(n)-1)/8 + 1
}

// mulCap multiplies and reports false on overflow.
func mulCap(a, b uint64) (uint64, bool) {
	hi, lo := bits.Mul64(a, b)
	return lo, hi == 0
}

func pad8(n int) int { return (n + 7) &^ 7 }
