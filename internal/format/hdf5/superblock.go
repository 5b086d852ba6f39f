package hdf5

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// Signature starts every HDF5 superblock.
const Signature = "\x89HDF\r\n\x1a\n"

// ErrNotHDF5 is returned when no superblock signature is found at 0, 512, 1024, 2048, ...
var ErrNotHDF5 = errors.New("not an HDF5 file")

// superblock is what the reader needs from the superblock: where addresses start and where
// the root group's object header is.
type superblock struct {
	version int
	at      int64  // absolute offset of the signature
	eof     uint64 // end of the file as recorded by the writer (from the start of the file)
	root    uint64 // root group object header address
}

// findSignature probes the offsets where HDF5 may place the superblock: 0 and then every
// power of two from 512 (a user block precedes it). The probe count is logarithmic in size.
func findSignature(r io.ReaderAt, size int64) (int64, error) {
	var buf [len(Signature)]byte
	for off := int64(0); off <= size-int64(len(buf)); off = nextProbe(off) {
		n, err := r.ReadAt(buf[:], off)
		if n < len(buf) {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return -1, fmt.Errorf("unable to read HDF5 signature at %d: %w", off, err)
		}
		if string(buf[:]) == Signature {
			return off, nil
		}
	}
	return -1, ErrNotHDF5
}

func nextProbe(off int64) int64 {
	if off == 0 {
		return 512
	}
	if off > math.MaxInt64/2 {
		return math.MaxInt64 // ends the probe loop instead of overflowing
	}
	return off * 2
}

// readSuperblock decodes the superblock at p.base and sets the offset and length sizes.
func (p *parser) readSuperblock() (*superblock, error) {
	b, err := p.readUpTo(p.base, 256)
	if err != nil {
		return nil, fmt.Errorf("unable to read superblock: %w", err)
	}
	c := &cursor{b: b}
	c.skip(len(Signature))
	sb := &superblock{version: int(c.u8()), at: p.base}
	switch sb.version {
	case 0, 1:
		err = p.superblockV0(c, sb)
	case 2, 3:
		err = p.superblockV2(c, sb)
	default:
		err = fmt.Errorf("unsupported superblock version %d", sb.version)
	}
	if err != nil {
		return nil, err
	}
	// The end-of-file address counts from the start of the file, user block included.
	if sb.eof > uint64(p.size) && !p.undefined(sb.eof) {
		p.gap("file is truncated: the superblock records %d bytes, %d are present", sb.eof, p.size)
	}
	return sb, nil
}

// setSizes validates the "size of offsets" and "size of lengths" fields: every later
// variable-width field depends on them.
func (p *parser) setSizes(off, length uint8) error {
	ok := func(v uint8) bool { return v == 2 || v == 4 || v == 8 }
	if !ok(off) || !ok(length) {
		return fmt.Errorf("unsupported HDF5 offset/length sizes %d/%d", off, length)
	}
	p.offSize, p.lenSize = int(off), int(length)
	return nil
}

// superblockV0 decodes versions 0 and 1, whose root group is described by a symbol table
// entry at the end of the superblock.
func (p *parser) superblockV0(c *cursor, sb *superblock) error {
	c.skip(4) // free-space, root symbol table entry and shared header versions, reserved
	off, length := c.u8(), c.u8()
	c.skip(1 + 2 + 2 + 4) // reserved, group leaf/internal K, consistency flags
	if sb.version == 1 {
		c.skip(4) // indexed storage internal node K, reserved
	}
	if c.short {
		return c.err("superblock")
	}
	if err := p.setSizes(off, length); err != nil {
		return err
	}
	baseField := c.uint(p.offSize)
	c.uint(p.offSize) // free-space info address
	sb.eof = p.adjustEOF(c.uint(p.offSize), baseField, sb.at)
	c.uint(p.offSize) // driver information block address
	// Root group symbol table entry: link name offset, object header address, cache type,
	// reserved, 16-byte scratch pad.
	c.uint(p.offSize)
	sb.root = c.uint(p.offSize)
	c.skip(4 + 4 + 16)
	return c.err("superblock root group symbol table entry")
}

// superblockV2 decodes versions 2 and 3, which carry the root object header address directly
// and end with a checksum.
func (p *parser) superblockV2(c *cursor, sb *superblock) error {
	off, length := c.u8(), c.u8()
	c.skip(1) // file consistency flags
	if c.short {
		return c.err("superblock")
	}
	if err := p.setSizes(off, length); err != nil {
		return err
	}
	baseField := c.uint(p.offSize)
	c.uint(p.offSize) // superblock extension address
	sb.eof = p.adjustEOF(c.uint(p.offSize), baseField, sb.at)
	sb.root = c.uint(p.offSize)
	n := c.pos
	c.skip(4)
	if c.short {
		return c.err("superblock")
	}
	p.verifyChecksum(c.b, n, "superblock", sb.at)
	return nil
}

// adjustEOF mirrors the library: when the superblock is found somewhere else than its base
// address says (a file was prefixed or moved), the superblock position becomes the base and
// the recorded end of file shifts with it.
func (p *parser) adjustEOF(eof, baseField uint64, at int64) uint64 {
	if baseField == uint64(at) || p.undefined(eof) || p.undefined(baseField) {
		return eof
	}
	return eof - (baseField - uint64(at))
}

// UserBlockSignature finds an HDF5 signature after a user block: at 512, 1024, 2048 and every
// further power of two within size, where the HDF5 library (and so h5py and Keras) looks for
// the superblock. It returns -1 when there is none. Offset 0 is the sniffer's business.
func UserBlockSignature(r io.ReaderAt, size int64) int64 {
	var buf [len(Signature)]byte
	for off := int64(512); off <= size-int64(len(buf)); off = nextProbe(off) {
		if n, _ := r.ReadAt(buf[:], off); n == len(buf) && string(buf[:]) == Signature {
			return off
		}
	}
	return -1
}
