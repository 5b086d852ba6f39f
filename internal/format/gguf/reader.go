package gguf

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// errTruncated is returned when the header claims more bytes than the file holds.
var errTruncated = errors.New("file ends inside the header")

// bufSize is the read-ahead window: headers are a long run of tiny fields (vocabulary strings),
// so reading them one ReadAt at a time would be slow on archive members.
const bufSize = 64 << 10

// reader reads little- or big-endian GGUF fields from an io.ReaderAt, tracking the absolute
// offset and refusing to read past size. Every length is checked against the bytes remaining
// before anything is allocated.
type reader struct {
	ra   io.ReaderAt
	size int64
	pos  int64
	br   *bufio.Reader
	bo   binary.ByteOrder
	ctx  context.Context
	tick int
	// walked caps how far into the file the header walk may go (MaxHeaderBytes).
	walkLimit int64
	scratch   [8]byte
}

func newReader(ctx context.Context, ra io.ReaderAt, size int64) *reader {
	r := &reader{ra: ra, size: size, bo: binary.LittleEndian, ctx: ctx, walkLimit: size}
	r.br = bufio.NewReaderSize(io.NewSectionReader(ra, 0, size), bufSize)
	return r
}

// remaining is the number of bytes left before the end of the file.
func (r *reader) remaining() int64 { return r.size - r.pos }

// check reports errTruncated when n more bytes are not available, and stops the walk when the
// header budget or the context is exhausted.
func (r *reader) check(n uint64) error {
	if n > uint64(r.remaining()) {
		return fmt.Errorf("%w: need %d bytes at offset %d, %d remain", errTruncated, n, r.pos, r.remaining())
	}
	if r.pos+int64(n) > r.walkLimit {
		return errHeaderBudget
	}
	r.tick++
	if r.tick&0xfff == 0 {
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// full reads exactly len(p) bytes.
func (r *reader) full(p []byte) error {
	if err := r.check(uint64(len(p))); err != nil {
		return err
	}
	n, err := io.ReadFull(r.br, p)
	r.pos += int64(n)
	if err != nil {
		return fmt.Errorf("unable to read %d bytes at offset %d: %w", len(p), r.pos-int64(n), err)
	}
	return nil
}

func (r *reader) u8() (uint8, error) {
	err := r.full(r.scratch[:1])
	return r.scratch[0], err
}

func (r *reader) u16() (uint16, error) {
	err := r.full(r.scratch[:2])
	return r.bo.Uint16(r.scratch[:2]), err
}

func (r *reader) u32() (uint32, error) {
	err := r.full(r.scratch[:4])
	return r.bo.Uint32(r.scratch[:4]), err
}

func (r *reader) u64() (uint64, error) {
	err := r.full(r.scratch[:8])
	return r.bo.Uint64(r.scratch[:8]), err
}

// length reads a count or byte length: uint32 in GGUF v1, uint64 from v2 on.
func (r *reader) length(v1 bool) (uint64, error) {
	if v1 {
		n, err := r.u32()
		return uint64(n), err
	}
	return r.u64()
}

// bytes reads n bytes; the caller has bounded n by a cap.
func (r *reader) bytes(n uint64) ([]byte, error) {
	if err := r.check(n); err != nil {
		return nil, err
	}
	p := make([]byte, n)
	return p, r.full(p)
}

// skip moves n bytes forward without reading them when they are not buffered.
func (r *reader) skip(n uint64) error {
	if err := r.check(n); err != nil {
		return err
	}
	if n <= uint64(r.br.Buffered()) {
		d, err := r.br.Discard(int(n))
		r.pos += int64(d)
		return err
	}
	r.pos += int64(n)
	r.br.Reset(io.NewSectionReader(r.ra, r.pos, r.size-r.pos))
	return nil
}
