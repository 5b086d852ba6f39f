package safetensors

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/detect/metadata"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/exe"
	fst "github.com/aisecops/aisec/internal/format/safetensors"
)

// maxPickleCandidates bounds the PROTO opcodes tried per sample.
const maxPickleCandidates = 256

// payload is one recognised thing inside uncovered bytes.
type payload struct {
	what string
	off  int64 // file offset
}

// sniffed are the content kinds worth reporting at the start of a region: containers,
// compressed streams and pickles (text is judged by its content, raw data is not a payload).
var sniffed = map[format.Kind]string{
	format.Zip: "a ZIP archive", format.SevenZip: "a 7z archive", format.Gzip: "a gzip stream",
	format.XZ: "an xz stream", format.Zstd: "a zstd stream", format.Bzip2: "a bzip2 stream",
	format.LZMA: "an LZMA stream", format.LZ4: "an LZ4 stream", format.Zlib: "a zlib stream",
	format.Tar: "a tar archive", format.NumPy: "a NumPy array file", format.Pickle: "a pickle",
	format.HDF5: "an HDF5 file", format.GGUF: "a GGUF model",
}

// regionPayloads looks into the samples of an uncovered region.
func regionPayloads(r fst.Region) []payload {
	var out []payload
	seen := map[int64]bool{}
	add := func(p payload) {
		if !seen[p.off] {
			seen[p.off] = true
			out = append(out, p)
		}
	}
	for _, s := range r.Samples {
		for _, h := range exe.Scan(s.Bytes) {
			add(payload{what: describeExe(h), off: s.Offset + int64(h.Offset)})
		}
		for _, p := range embedded(s.Bytes) {
			add(payload{what: p.what, off: s.Offset + p.off})
		}
		if s.Offset == r.Start {
			if p, ok := startPayload(s.Bytes); ok {
				add(payload{what: p, off: s.Offset})
			}
		}
	}
	return out
}

// startPayload identifies what a region starts with by content.
func startPayload(b []byte) (string, bool) {
	k := format.Sniff(b)
	if k == format.Pickle {
		if what, ok := metadata.PickleImport(b); ok {
			return "a pickle importing " + what, true
		}
	}
	if what, ok := sniffed[k]; ok {
		return what, true
	}
	if k == format.Text || utf8.Valid(b) {
		if what, ok := metadata.CodeIndicator(string(b)); ok {
			return "script text (" + what + ")", true
		}
	}
	return "", false
}

// embedded finds strictly validated signatures at any offset: ZIP local file headers, 7z and
// xz magics, and PROTO-framed pickles that import a callable.
func embedded(b []byte) []payload {
	var out []payload
	for from := 0; from < len(b); {
		i := bytes.Index(b[from:], []byte("PK\x03\x04"))
		if i < 0 {
			break
		}
		if name, ok := zipLocal(b[from+i:]); ok {
			out = append(out, payload{what: fmt.Sprintf("a ZIP archive (member %q)", name), off: int64(from + i)})
		}
		from += i + 1
	}
	for _, m := range []struct{ magic, what string }{{"7z\xbc\xaf\x27\x1c", "a 7z archive"}, {"\xfd7zXZ\x00\x00", "an xz stream"}} {
		if i := bytes.Index(b, []byte(m.magic)); i >= 0 {
			out = append(out, payload{what: m.what, off: int64(i)})
		}
	}
	n := 0
	for i := 0; i+2 < len(b) && n < maxPickleCandidates; i++ {
		if b[i] != 0x80 || b[i+1] < 2 || b[i+1] > 5 {
			continue
		}
		n++
		if what, ok := metadata.PickleImport(b[i:]); ok {
			out = append(out, payload{what: "a pickle importing " + what, off: int64(i)})
		}
	}
	return out
}

// zipLocal validates a ZIP local file header and returns the member name.
func zipLocal(b []byte) (string, bool) {
	if len(b) < 30 || string(b[:4]) != "PK\x03\x04" {
		return "", false
	}
	version, flags, method := binary.LittleEndian.Uint16(b[4:]), binary.LittleEndian.Uint16(b[6:]), binary.LittleEndian.Uint16(b[8:])
	nameLen, extraLen := int(binary.LittleEndian.Uint16(b[26:])), int(binary.LittleEndian.Uint16(b[28:]))
	if version&0xff > 63 || flags&0x7f80 != 0 || nameLen == 0 || nameLen > 1024 || extraLen > 4096 || 30+nameLen > len(b) {
		return "", false
	}
	switch method {
	case 0, 1, 6, 8, 9, 12, 14, 18, 19, 93, 95, 96, 97, 98, 99:
	default:
		return "", false
	}
	name := b[30 : 30+nameLen]
	if !utf8.Valid(name) || bytes.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	return string(name), true
}

// headPayload identifies a tensor whose data starts with a program or archive. Only strict
// signatures are used: tensor bytes are arbitrary numbers.
func headPayload(b []byte) (string, bool) {
	if h, ok := exe.Describe(b); ok {
		return describeExe(h), true
	}
	if name, ok := zipLocal(b); ok {
		return fmt.Sprintf("a ZIP archive (member %q)", name), true
	}
	if bytes.HasPrefix(b, []byte("7z\xbc\xaf\x27\x1c")) {
		return "a 7z archive", true
	}
	if what, ok := metadata.PickleImport(b); ok {
		return "a pickle importing " + what, true
	}
	return "", false
}

func describeExe(h exe.Hit) string {
	if h.Kind == exe.Shebang {
		return "a " + h.Detail
	}
	return "an executable (" + h.Detail + ")"
}
