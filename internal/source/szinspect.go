package source

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
	"github.com/ulikunitz/xz/lzma"

	"github.com/aisecops/aisec/internal/limits"
)

const (
	szSigHeaderLen = 32
	// szMaxHeader bounds the (decoded) header: 100,000 entries need a few MiB.
	szMaxHeader = 64 << 20
)

var (
	szSignature          = []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}
	szDeflate            = []byte{0x04, 0x01, 0x08}
	szBzip2              = []byte{0x04, 0x02, 0x02}
	errSZEncryptedHeader = errors.New("7z header is AES-encrypted")
	errSZUnsupported     = fmt.Errorf("7z header uses an unsupported coder: %w", errUnsupported)
)

// szInfo is what the pre-check learns about an archive.
type szInfo struct {
	folders  []szFolder // main streams: file data, indexed by sevenzip.File.Stream
	numFiles uint64
}

// inspect7z parses the header of the 7z archive at offset 0 of ra, decoding it first when it
// is compressed, and returns its folders and entry count.
func inspect7z(ra io.ReaderAt, size, maxDict int64, maxEntries int) (*szInfo, error) {
	sig := make([]byte, szSigHeaderLen)
	if _, err := ra.ReadAt(sig, 0); err != nil || !bytes.Equal(sig[:6], szSignature) {
		return nil, fmt.Errorf("%w: no 7z signature header", errSZFormat)
	}
	off, n := le64(sig[12:]), le64(sig[20:])
	if n == 0 {
		return &szInfo{}, nil
	}
	if off > uint64(size) || n > uint64(size) || szSigHeaderLen+off+n > uint64(size) {
		return nil, fmt.Errorf("%w: header lies past the end of the archive", errSZFormat)
	}
	if n > szMaxHeader {
		return nil, fmt.Errorf("7z header of %d bytes: %w", n, limits.Exceeded("7z header bytes", szMaxHeader))
	}
	buf := make([]byte, n)
	if _, err := ra.ReadAt(buf, int64(szSigHeaderLen+off)); err != nil {
		return nil, fmt.Errorf("unable to read 7z header: %w", err)
	}
	c := &szCursor{b: buf, limit: maxEntries + 1}
	id, err := c.byte()
	if err != nil {
		return nil, err
	}
	if id == szEncodedHeader {
		s, err := parseStreams(c)
		if err != nil {
			return nil, err
		}
		decoded, err := decodeSZHeader(ra, size, s, maxDict)
		if err != nil {
			return nil, err
		}
		c = &szCursor{b: decoded, limit: maxEntries + 1}
		if id, err = c.byte(); err != nil {
			return nil, err
		}
	}
	if id != szHeader {
		return nil, fmt.Errorf("%w: header starts with %#x", errSZFormat, id)
	}
	info := &szInfo{}
	return info, parseHeader(c, info)
}

// parseHeader reads a plain header up to the file count; the file properties that follow are
// bounded by that count, which the caller checks against MaxEntries.
func parseHeader(c *szCursor, info *szInfo) error {
	id, err := c.byte()
	if err == nil && id == szArchiveProps {
		for err == nil {
			var t byte
			if t, err = c.byte(); err != nil || t == 0 {
				break
			}
			var n uint64
			if n, err = c.number(); err == nil {
				_, err = c.bytes(n)
			}
		}
		if err == nil {
			id, err = c.byte()
		}
	}
	for _, want := range []byte{szAdditional, szMainStreams} {
		if err != nil || id != want {
			continue
		}
		var s *szStreams
		if s, err = parseStreams(c); err == nil {
			if want == szMainStreams {
				info.folders = s.folders
			}
			id, err = c.byte()
		}
	}
	switch {
	case err != nil:
		return err
	case id == szFilesInfo:
		info.numFiles, err = c.number()
		return err
	case id == szEnd:
		return nil
	}
	return fmt.Errorf("%w: unexpected property %#x in header", errSZFormat, id)
}

// decodeSZHeader decodes a compressed header after checking its coder.
func decodeSZHeader(ra io.ReaderAt, size int64, s *szStreams, maxDict int64) ([]byte, error) {
	if len(s.folders) != 1 || s.packs < 1 || s.folders[0].outs < 1 {
		return nil, fmt.Errorf("%w: encoded header needs exactly one folder", errSZFormat)
	}
	f := s.folders[0]
	if szEncrypted(f) {
		return nil, errSZEncryptedHeader
	}
	if d := szFolderDict(f); d > maxDict {
		return nil, dictExceeded(d, maxDict)
	}
	if len(f.coders) != 1 {
		return nil, errSZUnsupported
	}
	out := s.firstUnpack
	if out > szMaxHeader {
		return nil, fmt.Errorf("decoded 7z header of %d bytes: %w", out, limits.Exceeded("7z header bytes", szMaxHeader))
	}
	start, n := s.packPos+szSigHeaderLen, s.firstPack
	if s.packPos > uint64(size) || n > uint64(size) || start+n > uint64(size) {
		return nil, fmt.Errorf("%w: encoded header lies past the end of the archive", errSZFormat)
	}
	r, err := szHeaderDecoder(f.coders[0], io.NewSectionReader(ra, int64(start), int64(n)), out, maxDict)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(min(out, 1<<20)))
	if _, err := io.Copy(&buf, io.LimitReader(r, int64(out))); err != nil {
		return nil, fmt.Errorf("unable to decode 7z header: %w", err)
	}
	if uint64(buf.Len()) != out {
		return nil, fmt.Errorf("%w: encoded header decodes to %d of %d bytes", errSZFormat, buf.Len(), out)
	}
	return buf.Bytes(), nil
}

// szHeaderDecoder returns a decoder for the coders 7z writers use for headers.
func szHeaderDecoder(cd szCoder, src io.Reader, out uint64, maxDict int64) (io.Reader, error) {
	switch {
	case bytes.Equal(cd.id, []byte{0x00}):
		return src, nil
	case bytes.Equal(cd.id, szLZMA) && len(cd.props) == 5:
		hdr := make([]byte, 13)
		copy(hdr, cd.props)
		for i := range 8 {
			hdr[5+i] = byte(out >> (8 * i))
		}
		return lzmaAlone(io.MultiReader(bytes.NewReader(hdr), src), maxDict)
	case bytes.Equal(cd.id, szLZMA2) && len(cd.props) == 1:
		r, err := lzma.Reader2Config{DictCap: int(max(szDict(cd), lzma.MinDictCap))}.NewReader2(src)
		if err != nil {
			return nil, fmt.Errorf("unable to decode 7z header: %w", err)
		}
		return r, nil
	case bytes.Equal(cd.id, szDeflate):
		return flate.NewReader(src), nil
	case bytes.Equal(cd.id, szBzip2):
		return bzip2.NewReader(src), nil
	}
	return nil, fmt.Errorf("%w: coder %x", errSZUnsupported, cd.id)
}

// szDict returns the bytes a coder allocates up front from its properties (0 when small).
func szDict(cd szCoder) int64 {
	switch {
	case bytes.Equal(cd.id, szLZMA) && len(cd.props) >= 5, bytes.Equal(cd.id, szPPMd) && len(cd.props) >= 5:
		return int64(le32(cd.props[1:5]))
	case bytes.Equal(cd.id, szLZMA2) && len(cd.props) >= 1:
		code := cd.props[0]
		if code > 40 {
			return 1 << 40 // invalid: refuse like an oversized one
		}
		if code == 40 {
			return 0xFFFFFFFF
		}
		return int64(2|code&1) << (code/2 + 11)
	}
	return 0
}

// szEncrypted reports whether a folder decrypts with AES.
func szEncrypted(f szFolder) bool {
	for _, cd := range f.coders {
		if bytes.Equal(cd.id, szAES) {
			return true
		}
	}
	return false
}

// szFolderDict returns the largest up-front allocation of a folder's coders.
func szFolderDict(f szFolder) int64 {
	var m int64
	for _, cd := range f.coders {
		m = max(m, szDict(cd))
	}
	return m
}

// digests skips a digest list of n items; with keep it also returns which are defined.
func digests(c *szCursor, n int, keep bool) ([]bool, error) {
	all, err := c.byte()
	if err != nil {
		return nil, err
	}
	if n > c.left()*8+8 {
		return nil, fmt.Errorf("%w: %d digests cannot fit in the header", errSZFormat, n)
	}
	var defined []bool
	if keep {
		defined = make([]bool, n)
	}
	count := n
	if all == 0 {
		bits, err := c.bytes(uint64((n + 7) / 8))
		if err != nil {
			return nil, err
		}
		count = 0
		for i := range n {
			set := bits[i/8]&(0x80>>(i%8)) != 0
			if set {
				count++
			}
			if keep {
				defined[i] = set
			}
		}
	} else if keep {
		for i := range defined {
			defined[i] = true
		}
	}
	_, err = c.bytes(4 * uint64(count))
	return defined, err
}
