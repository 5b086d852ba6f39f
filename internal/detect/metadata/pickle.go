package metadata

import (
	"encoding/binary"
	"regexp"

	"github.com/aisecops/aisec/internal/format/pickle"
)

const pickleWindow = 4096

// globalRe matches the GLOBAL and INST opcodes of protocols 0-2: "c" or "i", then module and
// name each ended by a newline.
var globalRe = regexp.MustCompile(`[ci]([A-Za-z_][\w.]{0,127})\n([A-Za-z_][\w.]{0,127})\n`)

// PickleImport reports whether b starts a pickle that imports a callable, and names it
// ("module.name"). Both conditions are required: a pickle that only builds data is no
// payload, and requiring an import with identifier-like operands keeps random bytes that
// happen to walk as opcodes from matching.
func PickleImport(b []byte) (string, bool) {
	if len(b) < 4 || !pickle.LooksLikePickle(b) {
		return "", false
	}
	w := b[:min(len(b), pickleWindow)]
	if m := globalRe.FindSubmatch(w); m != nil {
		return string(m[1]) + "." + string(m[2]), true
	}
	return stackGlobal(w)
}

// stackGlobal finds STACK_GLOBAL (0x93) preceded by two identifier strings pushed with
// SHORT_BINUNICODE or BINUNICODE, each optionally memoized (MEMOIZE, 0x94).
func stackGlobal(w []byte) (string, bool) {
	for i := range w {
		mod, next, ok := identOp(w, i)
		if !ok {
			continue
		}
		next = skipMemo(w, next)
		name, next, ok := identOp(w, next)
		if !ok {
			continue
		}
		next = skipMemo(w, next)
		if next < len(w) && w[next] == 0x93 {
			return mod + "." + name, true
		}
	}
	return "", false
}

func skipMemo(w []byte, i int) int {
	if i < len(w) && w[i] == 0x94 {
		return i + 1
	}
	return i
}

// identOp decodes a SHORT_BINUNICODE or BINUNICODE opcode at i holding an identifier.
func identOp(w []byte, i int) (string, int, bool) {
	if i >= len(w) {
		return "", 0, false
	}
	var n, start int
	switch w[i] {
	case 0x8c:
		if i+1 >= len(w) {
			return "", 0, false
		}
		n, start = int(w[i+1]), i+2
	case 'X':
		if i+5 > len(w) {
			return "", 0, false
		}
		n, start = int(binary.LittleEndian.Uint32(w[i+1:])), i+5
	default:
		return "", 0, false
	}
	if n < 1 || n > 128 || start+n > len(w) || !identifier(w[start:start+n]) {
		return "", 0, false
	}
	return string(w[start : start+n]), start + n, true
}

// identifier reports a dotted Python identifier.
func identifier(b []byte) bool {
	for i, c := range b {
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (i > 0 && (c == '.' || c >= '0' && c <= '9'))
		if !ok {
			return false
		}
	}
	return len(b) > 0
}
