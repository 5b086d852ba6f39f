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
	errSZUnsupported     = errors.New("7z header uses an unsupported coder")
)

// szInfo is what the pre-check learns about an archive.
type szInfo struct {
	folders  []szFolder // main streams: file data, indexed by sevenzip.File.Stream
	numFiles uint64
}

// inspect7z parses the header of the 7z archive at offset 0 of ra, decoding it first when it
// is compressed, and returns its folders and entry count.
func inspect7z(ra io.ReaderAt, size, maxDict int64) (*szInfo, error) {
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
	c := &szCursor{b: buf}
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
		c = &szCursor{b: decoded}
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
	if len(s.folders) != 1 || len(s.packSizes) < 1 || len(s.unpack) != 1 || len(s.unpack[0]) < 1 {
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
	out := s.unpack[0][0]
	if out > szMaxHeader {
		return nil, fmt.Errorf("decoded 7z header of %d bytes: %w", out, limits.Exceeded("7z header bytes", szMaxHeader))
	}
	start, n := s.packPos+szSigHeaderLen, s.packSizes[0]
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
