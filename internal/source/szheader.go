package source

import (
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/limits"
)

// A bounded parser of the 7z header (7-Zip's DOC/7zFormat.txt), run before bodgit/sevenzip sees
// the archive. The library allocates from counts in the header (up to 2^32 elements) and sizes
// LZMA2/PPMd dictionaries from coder properties; this pass checks every count against the bytes
// that remain, every dictionary against MaxDictBytes, and spots AES coders, so the library is
// only handed archives whose header is cheap to load.

// 7z property IDs.
const (
	szEnd              = 0x00
	szHeader           = 0x01
	szArchiveProps     = 0x02
	szAdditional       = 0x03
	szMainStreams      = 0x04
	szFilesInfo        = 0x05
	szPackInfo         = 0x06
	szUnpackInfo       = 0x07
	szSubStreams       = 0x08
	szSize             = 0x09
	szCRC              = 0x0A
	szFolderID         = 0x0B
	szCodersUnpackSize = 0x0C
	szNumUnpackStream  = 0x0D
	szEncodedHeader    = 0x17
	szMaxCoders        = 64
)

var (
	szLZMA  = []byte{0x03, 0x01, 0x01}
	szLZMA2 = []byte{0x21}
	szPPMd  = []byte{0x03, 0x04, 0x01}
	szAES   = []byte{0x06, 0xF1, 0x07, 0x01}

	errSZFormat = errors.New("malformed 7z header")
)

// szCursor reads a header held in memory; every read is bounds-checked and every list
// (pack streams, folders, substreams) is capped at limit items, so the library's allocations
// from the same counts stay proportional to the entry budget.
type szCursor struct {
	b     []byte
	i     int
	limit int
}

func (c *szCursor) left() int { return len(c.b) - c.i }

func (c *szCursor) byte() (byte, error) {
	if c.i >= len(c.b) {
		return 0, fmt.Errorf("%w: header ends early", errSZFormat)
	}
	c.i++
	return c.b[c.i-1], nil
}

func (c *szCursor) bytes(n uint64) ([]byte, error) {
	if n > uint64(c.left()) {
		return nil, fmt.Errorf("%w: %d bytes declared, %d left", errSZFormat, n, c.left())
	}
	c.i += int(n)
	return c.b[c.i-int(n) : c.i], nil
}

// number reads 7z's UINT64: the leading one bits of the first byte count the extra bytes.
func (c *szCursor) number() (uint64, error) {
	first, err := c.byte()
	if err != nil {
		return 0, err
	}
	var v uint64
	mask := byte(0x80)
	for i := range 8 {
		if first&mask == 0 {
			return v | uint64(first&(mask-1))<<(8*i), nil
		}
		b, err := c.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(b) << (8 * i)
		mask >>= 1
	}
	return v, nil
}

// count reads a number of items that each need at least per bytes of what is left.
func (c *szCursor) count(per int) (int, error) {
	n, err := c.number()
	if err != nil {
		return 0, err
	}
	if n > uint64(c.left()/per) {
		return 0, fmt.Errorf("%w: count %d cannot fit in %d bytes", errSZFormat, n, c.left())
	}
	return int(n), nil
}

// items reads a list length, refusing lists longer than the limit.
func (c *szCursor) items(per int) (int, error) {
	n, err := c.count(per)
	if err != nil {
		return 0, err
	}
	if n > c.limit {
		return 0, fmt.Errorf("7z list of %d items: %w", n, limits.Exceeded("archive entries", int64(c.limit)))
	}
	return n, nil
}

// szCoder is one coder of a folder.
type szCoder struct {
	id    []byte
	props []byte
}

// szFolder is one folder (a chain of coders decoded as a unit; solid blocks are one folder).
type szFolder struct {
	coders []szCoder
	outs   int
}

// szStreams is a parsed StreamsInfo; only what the checks and header decoding need is kept.
type szStreams struct {
	packPos     uint64
	packs       int
	firstPack   uint64 // size of the first packed stream
	folders     []szFolder
	firstUnpack uint64 // first output size of the first folder
	folderCRC   []bool
}

func parseStreams(c *szCursor) (*szStreams, error) {
	s := &szStreams{}
	for {
		id, err := c.byte()
		if err != nil {
			return nil, err
		}
		switch id {
		case szEnd:
			return s, nil
		case szPackInfo:
			err = s.packInfo(c)
		case szUnpackInfo:
			err = s.unpackInfo(c)
		case szSubStreams:
			err = s.subStreams(c)
		default:
			err = fmt.Errorf("%w: unexpected property %#x in streams info", errSZFormat, id)
		}
		if err != nil {
			return nil, err
		}
	}
}

func (s *szStreams) packInfo(c *szCursor) error {
	var err error
	if s.packPos, err = c.number(); err != nil {
		return err
	}
	n, err := c.items(1)
	if err != nil {
		return err
	}
	s.packs = n
	for {
		id, err := c.byte()
		if err != nil {
			return err
		}
		switch id {
		case szEnd:
			return nil
		case szSize:
			for i := range n {
				v, err := c.number()
				if err != nil {
					return err
				}
				if i == 0 {
					s.firstPack = v
				}
			}
		case szCRC:
			if _, err := digests(c, n, false); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: unexpected property %#x in pack info", errSZFormat, id)
		}
	}
}

func (s *szStreams) unpackInfo(c *szCursor) error {
	if id, err := c.byte(); err != nil || id != szFolderID {
		return fmt.Errorf("%w: folder list expected", errSZFormat)
	}
	n, err := c.items(2)
	if err != nil {
		return err
	}
	if external, err := c.byte(); err != nil || external != 0 {
		return fmt.Errorf("%w: external folder lists are not supported", errSZFormat)
	}
	s.folders = make([]szFolder, n)
	for i := range s.folders {
		if s.folders[i], err = parseFolder(c); err != nil {
			return err
		}
	}
	if id, err := c.byte(); err != nil || id != szCodersUnpackSize {
		return fmt.Errorf("%w: unpack sizes expected", errSZFormat)
	}
	for i, f := range s.folders {
		for j := range f.outs {
			v, err := c.number()
			if err != nil {
				return err
			}
			if i == 0 && j == 0 {
				s.firstUnpack = v
			}
		}
	}
	for {
		id, err := c.byte()
		if err != nil || id == szEnd {
			return err
		}
		if id != szCRC {
			return fmt.Errorf("%w: unexpected property %#x in unpack info", errSZFormat, id)
		}
		if s.folderCRC, err = digests(c, n, true); err != nil {
			return err
		}
	}
}

func (s *szStreams) subStreams(c *szCursor) error {
	nums := make([]uint64, len(s.folders))
	for i := range nums {
		nums[i] = 1
	}
	for {
		id, err := c.byte()
		if err != nil {
			return err
		}
		switch id {
		case szEnd:
			return nil
		case szNumUnpackStream:
			err = readSubCounts(c, nums, c.limit)
		case szSize:
			for _, k := range nums {
				for j := uint64(1); j < k && err == nil; j++ {
					_, err = c.number()
				}
			}
		case szCRC:
			_, err = digests(c, unknownCRCs(nums, s.folderCRC), false)
		default:
			err = fmt.Errorf("%w: unexpected property %#x in substreams info", errSZFormat, id)
		}
		if err != nil {
			return err
		}
	}
}

// readSubCounts reads the files per folder; each is a member, so the total is capped.
func readSubCounts(c *szCursor, nums []uint64, limit int) error {
	var total uint64
	for i := range nums {
		k, err := c.number()
		if err != nil {
			return err
		}
		nums[i] = k
		total += min(k, 1<<40)
		if total > uint64(limit) {
			return fmt.Errorf("7z with %d substreams: %w", total, limits.Exceeded("archive entries", int64(limit)))
		}
	}
	return nil
}

// unknownCRCs counts the substreams whose CRC is not already given per folder.
func unknownCRCs(nums []uint64, folderCRC []bool) int {
	n := 0
	for i, k := range nums {
		if k == 1 && i < len(folderCRC) && folderCRC[i] {
			continue
		}
		n += int(k)
	}
	return n
}

// parseFolder reads one folder's coders, bind pairs and packed stream indices.
func parseFolder(c *szCursor) (szFolder, error) {
	var f szFolder
	n, err := c.number()
	if err != nil || n == 0 || n > szMaxCoders {
		return f, fmt.Errorf("%w: bad coder count", errSZFormat)
	}
	ins := 0
	for range n {
		flag, err := c.byte()
		if err != nil || flag&0x80 != 0 {
			return f, fmt.Errorf("%w: bad coder flags", errSZFormat)
		}
		var cd szCoder
		if cd.id, err = c.bytes(uint64(flag & 0x0F)); err != nil {
			return f, err
		}
		in, out := uint64(1), uint64(1)
		if flag&0x10 != 0 {
			in, _ = c.number()
			if out, err = c.number(); err != nil || in > szMaxCoders || out > szMaxCoders {
				return f, fmt.Errorf("%w: bad coder stream counts", errSZFormat)
			}
		}
		if flag&0x20 != 0 {
			size, err := c.number()
			if err != nil {
				return f, err
			}
			if cd.props, err = c.bytes(size); err != nil {
				return f, err
			}
		}
		ins += int(in)
		f.outs += int(out)
		f.coders = append(f.coders, cd)
	}
	return f, skipBindings(c, ins, f.outs)
}

// skipBindings skips the bind pairs and packed stream indices after a folder's coders.
func skipBindings(c *szCursor, ins, outs int) error {
	if outs == 0 || ins < outs-1 {
		return fmt.Errorf("%w: bad coder graph", errSZFormat)
	}
	skip := 2 * (outs - 1)
	if packed := ins - (outs - 1); packed > 1 {
		skip += packed
	} else if packed == 0 {
		return fmt.Errorf("%w: folder without packed stream", errSZFormat)
	}
	for range skip {
		if _, err := c.number(); err != nil {
			return err
		}
	}
	return nil
}
