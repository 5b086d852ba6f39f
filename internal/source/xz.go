package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/ulikunitz/xz/lzma"
)

// The .xz container (tukaani xz-file-format 1.2) is walked here rather than by ulikunitz/xz,
// because that reader raises its dictionary cap to whatever each block header declares (up to
// 4 GiB, allocated up front). Only the LZMA2 filter is decoded, by ulikunitz/xz/lzma with the
// dictionary checked first. Checks (CRC32/CRC64/SHA-256) are skipped, as a lenient loader would.

var (
	xzMagic       = []byte{0xFD, '7', 'z', 'X', 'Z', 0x00}
	xzFooterMagic = []byte{'Y', 'Z'}
	errXZFormat   = errors.New("malformed xz stream")
)

const (
	xzHeaderLen  = 12
	xzFilterLZMA = 0x21
)

// xzCheckSizes gives the check field size for each check type.
var xzCheckSizes = [16]int{0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64}

// posReader counts consumed bytes so block padding can be computed; it is a ByteReader so the
// LZMA2 decoder reads exactly the bytes of its block.
type posReader struct {
	r *bufio.Reader
	n int64
}

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

func (p *posReader) ReadByte() (byte, error) {
	c, err := p.r.ReadByte()
	if err == nil {
		p.n++
	}
	return c, err
}

// xzReader decodes every block of every stream of an .xz file.
type xzReader struct {
	pr       *posReader
	maxDict  int64
	trailing func(string)
	check    int
	cur      io.Reader // LZMA2 reader of the current block; nil between blocks
	blockAt  int64     // position where the current block header began
	blocks   uint64
	err      error
}

func newXZReader(src io.Reader, maxDict int64, trailing func(string)) (io.ReadCloser, error) {
	z := &xzReader{pr: &posReader{r: bufio.NewReader(src)}, maxDict: maxDict, trailing: trailing}
	if err := z.streamHeader(); err != nil {
		return nil, err
	}
	return io.NopCloser(z), nil
}

// Read implements io.Reader.
func (z *xzReader) Read(p []byte) (int, error) {
	for z.err == nil {
		if z.cur == nil {
			z.err = z.next()
			continue
		}
		n, err := z.cur.Read(p)
		if errors.Is(err, io.EOF) {
			z.cur, z.err = nil, z.endBlock()
			err = nil
		} else if err != nil {
			z.err = fmt.Errorf("unable to decode xz block: %w", err)
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
	return 0, z.err
}

func (z *xzReader) streamHeader() error {
	h := make([]byte, xzHeaderLen)
	if _, err := io.ReadFull(z.pr, h); err != nil {
		return fmt.Errorf("unable to read xz stream header: %w", err)
	}
	if !bytes.Equal(h[:6], xzMagic) || h[6] != 0 || h[7]&0xF0 != 0 {
		return fmt.Errorf("unable to read xz stream header: %w", errXZFormat)
	}
	z.check, z.blocks = xzCheckSizes[h[7]&0x0F], 0
	return nil
}

// next starts the next block, or reads the index and footer and moves to the next stream.
func (z *xzReader) next() error {
	z.blockAt = z.pr.n
	b, err := z.pr.ReadByte()
	if err != nil {
		return fmt.Errorf("unable to read xz block: %w", io.ErrUnexpectedEOF)
	}
	if b == 0 {
		if err := z.index(); err != nil {
			return err
		}
		return z.nextStream()
	}
	hdr := make([]byte, (int(b)+1)*4)
	hdr[0] = b
	if _, err := io.ReadFull(z.pr, hdr[1:]); err != nil {
		return fmt.Errorf("unable to read xz block header: %w", io.ErrUnexpectedEOF)
	}
	dict, err := xzBlockDict(hdr[:len(hdr)-4])
	if err != nil {
		return err
	}
	if dict > z.maxDict {
		return dictExceeded(dict, z.maxDict)
	}
	r, err := lzma.Reader2Config{DictCap: int(max(dict, lzma.MinDictCap))}.NewReader2(z.pr)
	if err != nil {
		return fmt.Errorf("unable to start xz block: %w", err)
	}
	z.cur = r
	z.blocks++
	return nil
}

// xzBlockDict parses a block header (without its CRC) and returns the LZMA2 dictionary size.
func xzBlockDict(h []byte) (int64, error) {
	flags := h[1]
	if flags&0x3C != 0 {
		return 0, fmt.Errorf("unable to read xz block header: %w", errXZFormat)
	}
	c := &xzCursor{b: h[2:]}
	for _, present := range []bool{flags&0x40 != 0, flags&0x80 != 0} {
		if present {
			if _, err := c.varint(); err != nil {
				return 0, err
			}
		}
	}
	filters := int(flags&0x03) + 1
	id, err := c.varint()
	if err != nil {
		return 0, err
	}
	props, err := c.varint()
	if err != nil {
		return 0, err
	}
	if filters != 1 || id != xzFilterLZMA || props != 1 || len(c.b) < 1 {
		return 0, fmt.Errorf("unable to decode xz block: %w: only a single LZMA2 filter is supported (filters %d, first %#x)", errUnsupported, filters, id)
	}
	dict, err := lzma.DecodeDictCap(c.b[0])
	if err != nil {
		return 0, fmt.Errorf("unable to read xz block header: %w", err)
	}
	return dict, nil
}

// endBlock skips the block padding and check.
func (z *xzReader) endBlock() error {
	pad := (4 - (z.pr.n-z.blockAt)%4) % 4
	if _, err := z.pr.r.Discard(int(pad) + z.check); err != nil {
		return fmt.Errorf("unable to read xz block check: %w", io.ErrUnexpectedEOF)
	}
	z.pr.n += pad + int64(z.check)
	return nil
}

// index skips the index (its indicator byte is already read) and the stream footer.
func (z *xzReader) index() error {
	records, err := xzVarint(z.pr)
	if err != nil || records != z.blocks {
		return fmt.Errorf("unable to read xz index: %w", errXZFormat)
	}
	for range 2 * records {
		if _, err := xzVarint(z.pr); err != nil {
			return fmt.Errorf("unable to read xz index: %w", err)
		}
	}
	pad := (4 - (z.pr.n-z.blockAt)%4) % 4
	foot := make([]byte, int(pad)+4+xzHeaderLen) // padding, index CRC32, stream footer
	if _, err := io.ReadFull(z.pr, foot); err != nil {
		return fmt.Errorf("unable to read xz stream footer: %w", io.ErrUnexpectedEOF)
	}
	if !bytes.Equal(foot[len(foot)-2:], xzFooterMagic) {
		return fmt.Errorf("unable to read xz stream footer: %w", errXZFormat)
	}
	return nil
}

// nextStream skips stream padding and starts a concatenated stream; other bytes are reported.
func (z *xzReader) nextStream() error {
	for {
		b, err := z.pr.ReadByte()
		if err != nil {
			return io.EOF
		}
		if b == 0 {
			continue
		}
		_ = z.pr.r.UnreadByte()
		z.pr.n--
		if head, _ := z.pr.r.Peek(len(xzMagic)); bytes.Equal(head, xzMagic) {
			return z.streamHeader()
		}
		z.trailing("non-xz bytes after the last xz stream")
		return io.EOF
	}
}

// xzCursor reads variable-length integers from a block header.
type xzCursor struct{ b []byte }

func (c *xzCursor) varint() (uint64, error) {
	r := bytes.NewReader(c.b)
	v, err := xzVarint(r)
	c.b = c.b[len(c.b)-r.Len():]
	return v, err
}

// xzVarint reads the xz multibyte integer encoding (at most 9 bytes, 63 bits).
func xzVarint(r io.ByteReader) (uint64, error) {
	var v uint64
	for i := range 9 {
		b, err := r.ReadByte()
		if err != nil {
			return 0, fmt.Errorf("unable to read xz integer: %w", io.ErrUnexpectedEOF)
		}
		v |= uint64(b&0x7F) << (7 * i)
		if b&0x80 == 0 {
			if i > 0 && b == 0 {
				break // non-minimal encoding
			}
			return v, nil
		}
	}
	return 0, fmt.Errorf("unable to read xz integer: %w", errXZFormat)
}

var (
	_ io.ByteReader = (*posReader)(nil)
	_ io.Reader     = (*xzReader)(nil)
)
