package format

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/format/exe"
	"github.com/aisecops/aisec/internal/format/pickle"
)

// SniffLen is how many leading bytes Sniff wants to see (tar needs 512).
const SniffLen = 4096

type magic struct {
	kind   Kind
	offset int
	bytes  string
}

// magics are checked in order; pickle and text are decided afterwards because they have no
// fixed signature.
var magics = []magic{
	{Zip, 0, "PK\x03\x04"},
	{Zip, 0, "PK\x05\x06"}, // empty archive
	{SevenZip, 0, "7z\xbc\xaf\x27\x1c"},
	{Gzip, 0, "\x1f\x8b"},
	{XZ, 0, "\xfd7zXZ\x00"},
	{Zstd, 0, "\x28\xb5\x2f\xfd"},
	{LZ4, 0, "\x04\x22\x4d\x18"},
	{NumPy, 0, "\x93NUMPY"},
	{Image, 0, "\x89PNG\r\n\x1a\n"},
	{Image, 0, "\xff\xd8\xff"},
	{Image, 0, "GIF87a"},
	{Image, 0, "GIF89a"},
	{Tar, 257, "ustar"},
	{GGUF, 0, "GGUF"},
	{TFLite, 4, "TFL3"},
	{HDF5, 0, hdf5Signature},
	{HDF5, 512, hdf5Signature}, // after a user block, which is a power of two from 512
	{HDF5, 1024, hdf5Signature},
	{HDF5, 2048, hdf5Signature},
}

const hdf5Signature = "\x89HDF\r\n\x1a\n"

// Sniff identifies head, the first bytes of an input (up to SniffLen), by content alone.
func Sniff(head []byte) Kind {
	for _, m := range magics {
		if len(head) >= m.offset+len(m.bytes) && string(head[m.offset:m.offset+len(m.bytes)]) == m.bytes {
			return m.kind
		}
	}
	switch {
	case isSafetensors(head):
		return Safetensors // before pickle: a header length of 0x1?80 reads as PROTO
	case isExecutable(head):
		return Executable
	case isBzip2(head):
		return Bzip2
	case isLZMAAlone(head) && head[0] == lzmaJoblibProps:
		return LZMA
	case isZlib(head) || isZFile(head):
		return Zlib
	case isV7Tar(head):
		return Tar
	case pickle.LooksLikePickle(head):
		return Pickle
	case isLZMAAlone(head):
		// Other properties bytes are legal but rarer, and a few pickles fit the loose header
		// check: the pickle reading wins.
		return LZMA
	case isText(head):
		return Text
	}
	return Data
}

// maxSafetensorsHeader is the header size the reference loader accepts (100 MB).
const maxSafetensorsHeader = 100_000_000

// isSafetensors recognises the 8-byte little-endian header length followed by a JSON object.
func isSafetensors(h []byte) bool {
	if len(h) < 10 {
		return false
	}
	n := binary.LittleEndian.Uint64(h[:8])
	if n < 2 || n > maxSafetensorsHeader {
		return false
	}
	return h[8] == '{'
}

// isExecutable recognises native programs. Shebang scripts stay text: they are read as
// source (a .py file often starts with one).
func isExecutable(h []byte) bool {
	k, ok := exe.Identify(h)
	return ok && k != exe.Shebang
}

// bzip2 magics: a stream header ("BZh" and a block-size digit) is followed by a block header
// or, for an empty stream, by the end-of-stream marker. Python's bz2 (and joblib, which picks
// bz2 by the "BZh" prefix alone) reads concatenated streams, so an empty first stream is legal.
const (
	bzip2BlockMagic = "\x31\x41\x59\x26\x53\x59"
	bzip2EndMagic   = "\x17\x72\x45\x38\x50\x90"
)

func isBzip2(h []byte) bool {
	return len(h) >= 10 && string(h[:3]) == "BZh" && h[3] >= '1' && h[3] <= '9' &&
		(string(h[4:10]) == bzip2BlockMagic || string(h[4:10]) == bzip2EndMagic)
}

// lzmaJoblibProps is the properties byte (lc=3, lp=0, pb=2) every LZMA encoder uses by
// default; joblib picks lzma when a file starts with it and a zero byte.
const lzmaJoblibProps = 0x5d

// isLZMAAlone recognises the legacy .lzma header: a properties byte (lc, lp, pb packed below
// 225), a dictionary size, an uncompressed size (all ones when unknown), then the range coder's
// first byte, which liblzma requires to be zero. liblzma accepts dictionary sizes that are no
// power of two (2^n + 2^(n-1), and any size in its non-picky mode), so only the range is
// checked; with the joblib prefix (5d 00) any dictionary is accepted, a too-large one is then
// reported as a budget hit by the expander rather than the file being skipped as data.
func isLZMAAlone(h []byte) bool {
	if len(h) < 14 || h[0] > 224 || h[13] != 0 {
		return false
	}
	dict := binary.LittleEndian.Uint32(h[1:5])
	size := binary.LittleEndian.Uint64(h[5:13])
	if size != ^uint64(0) && size >= 1<<48 {
		return false
	}
	return (h[0] == lzmaJoblibProps && h[1] == 0) || (dict >= 1<<12 && dict <= 3<<29)
}

// zfPrefix and zfHeaderLen describe joblib's pre-0.10 "ZF" files: "ZF", the uncompressed
// length in hex (Python's hex(), so "0x..."), left-justified in 19 characters, then a zlib
// stream. joblib's read_zfile also skips one space after the header when there is one.
const (
	zfPrefix    = "ZF"
	zfHeaderLen = 21
)

// ZFileHeaderLen returns how many bytes of head make up a joblib "ZF" header (21, or 22 with
// the optional space), or 0 when head does not start with one. The length field is checked
// loosely (characters Python's int(field, 16) may accept: hex digits, x, sign, underscore,
// blanks); the zlib stream after it is what decides.
func ZFileHeaderLen(head []byte) int {
	if len(head) < zfHeaderLen || string(head[:len(zfPrefix)]) != zfPrefix {
		return 0
	}
	for _, c := range head[len(zfPrefix):zfHeaderLen] {
		if !isHexDigit(c) && !strings.ContainsRune("xX+-_ \t\n\v\f\r", rune(c)) {
			return 0
		}
	}
	if len(head) > zfHeaderLen && head[zfHeaderLen] == ' ' {
		return zfHeaderLen + 1
	}
	return zfHeaderLen
}

// isZFile reports a joblib "ZF" header followed by a zlib stream.
func isZFile(h []byte) bool {
	n := ZFileHeaderLen(h)
	return n > 0 && isZlib(h[n:])
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// isZlib checks the two-byte header and then inflates a little: two random bytes pass the
// header check one time in a few thousand.
func isZlib(h []byte) bool {
	if len(h) < 8 || h[0] != 0x78 || (uint16(h[0])<<8|uint16(h[1]))%31 != 0 || h[1]&0x20 != 0 {
		return false
	}
	r := flate.NewReader(bytes.NewReader(h[2:]))
	defer r.Close()
	n, err := io.ReadFull(r, make([]byte, 64))
	return n > 0 && (err == nil || err == io.ErrUnexpectedEOF || err == io.EOF)
}

// isV7Tar validates the header checksum of a pre-POSIX tar header.
func isV7Tar(h []byte) bool {
	if len(h) < 512 || h[0] == 0 {
		return false
	}
	var sum int64
	for i, c := range h[:512] {
		if i >= 148 && i < 156 {
			c = ' '
		}
		sum += int64(c)
	}
	field := bytes.Trim(h[148:156], " \x00")
	var want int64
	for _, c := range field {
		if c < '0' || c > '7' {
			return false
		}
		want = want*8 + int64(c-'0')
	}
	return len(field) > 0 && want == sum
}

// isText accepts UTF-8 with few control characters.
func isText(h []byte) bool {
	if len(h) == 0 {
		return true
	}
	if !utf8.Valid(trimPartialRune(h)) {
		return false
	}
	ctrl := 0
	for _, c := range h {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl*100 < len(h)
}

// trimPartialRune drops a rune cut in half by the end of the sniff window.
func trimPartialRune(h []byte) []byte {
	for i := 1; i <= 3 && i <= len(h); i++ {
		if utf8.RuneStart(h[len(h)-i]) {
			if !utf8.FullRune(h[len(h)-i:]) {
				return h[:len(h)-i]
			}
			break
		}
	}
	return h
}

// TailLen is how many trailing bytes HasZipEnd wants: the end-of-central-directory record
// plus the longest comment.
const TailLen = 22 + 0xffff

// HasZipEnd reports whether tail (the last bytes of an input) ends a zip archive. It finds zips
// that do not start with a local header: self-extractors, polyglots and archives with junk
// prepended, which Python's zipfile still opens.
func HasZipEnd(tail []byte) bool {
	for i := len(tail) - 22; i >= 0; i-- {
		if tail[i] == 'P' && string(tail[i:i+4]) == "PK\x05\x06" {
			comment := int(binary.LittleEndian.Uint16(tail[i+20 : i+22]))
			if i+22+comment == len(tail) {
				return true
			}
		}
	}
	return false
}
