// Package numpy parses the header of NumPy .npy files. Object arrays (dtype 'O', alone or inside
// a structured dtype) store their data as a pickle, which callers then hand to the pickle parser.
package numpy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Magic starts every .npy file.
const Magic = "\x93NUMPY"

// MaxHeaderLen caps the header dictionary; NumPy itself refuses headers over 10,000 bytes by default.
const MaxHeaderLen = 1 << 20

// Header is the parsed .npy preamble.
type Header struct {
	Major, Minor int
	Descr        string // dtype descriptor as written, e.g. "<f8", "|O", "[('a', '<i4'), ('b', '|O')]"
	FortranOrder bool
	Shape        []int64
	HasObject    bool  // data is a pickle, not raw bytes
	DataOffset   int64 // where the array data (or pickle) begins
}

// ErrNotNumPy is returned when the input does not start with the .npy magic.
var ErrNotNumPy = errors.New("not a .npy file")

// ParseHeader reads the preamble from r, consuming exactly DataOffset bytes on success.
func ParseHeader(r io.Reader) (*Header, error) {
	var pre [10]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return nil, fmt.Errorf("unable to read .npy preamble: %w", err)
	}
	if string(pre[:6]) != Magic {
		return nil, ErrNotNumPy
	}
	h := &Header{Major: int(pre[6]), Minor: int(pre[7])}
	var n int64
	switch h.Major {
	case 1:
		n, h.DataOffset = int64(binary.LittleEndian.Uint16(pre[8:10])), 10
	case 2, 3:
		var more [2]byte
		if _, err := io.ReadFull(r, more[:]); err != nil {
			return nil, fmt.Errorf("unable to read .npy header length: %w", err)
		}
		n = int64(binary.LittleEndian.Uint32(append(pre[8:10:10], more[:]...)))
		h.DataOffset = 12
	default:
		return nil, fmt.Errorf("unsupported .npy version %d.%d", h.Major, h.Minor)
	}
	if n > MaxHeaderLen {
		return nil, fmt.Errorf(".npy header of %d bytes exceeds the %d byte cap", n, MaxHeaderLen)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, fmt.Errorf("unable to read .npy header: %w", err)
	}
	h.DataOffset += n
	return h, h.parseDict(string(buf))
}

// parseDict reads the header dict the way np.load does (ast.literal_eval), in any key order.
func (h *Header) parseDict(s string) error {
	v, err := parseLiteral(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("unable to parse .npy header %q: %w", truncate(s), err)
	}
	if v.kind != 'd' {
		return fmt.Errorf(".npy header is not a dict: %q", truncate(s))
	}
	var descr, shape *pyValue
	for i := 0; i+1 < len(v.items); i += 2 {
		key, val := v.items[i], &v.items[i+1]
		switch {
		case key.kind != 's':
		case key.str == "descr":
			descr = val
		case key.str == "shape":
			shape = val
		case key.str == "fortran_order":
			h.FortranOrder = val.kind == 'b' && val.num == 1
		}
	}
	if descr == nil || shape == nil {
		return fmt.Errorf(".npy header lacks descr or shape: %q", truncate(s))
	}
	h.Descr = render(*descr)
	h.HasObject = hasObject(*descr, 0)
	return h.setShape(*shape)
}

func (h *Header) setShape(v pyValue) error {
	if v.kind != 't' && v.kind != 'l' {
		return fmt.Errorf("invalid .npy shape %s", render(v))
	}
	for _, d := range v.items {
		if d.kind != 'i' || d.num < 0 {
			return fmt.Errorf("invalid .npy shape %s", render(v))
		}
		h.Shape = append(h.Shape, d.num)
	}
	return nil
}

// hasObject reports whether a descr makes numpy store Python objects, i.e. a pickle. It
// follows numpy's descr_to_dtype: a type string, a (base, shape) subarray tuple, or a list of
// (name, format[, shape]) fields. Anything else numpy might still accept is treated as an
// object dtype, so the data is analysed rather than trusted.
func hasObject(v pyValue, depth int) bool {
	if depth > maxLiteralDepth {
		return true
	}
	switch v.kind {
	case 's':
		return objectTypeString(v.str)
	case 't':
		return len(v.items) == 0 || hasObject(v.items[0], depth+1)
	case 'l':
		for _, field := range v.items {
			if field.kind != 't' && field.kind != 'l' || len(field.items) < 2 || hasObject(field.items[1], depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// objectTypeString recognises every spelling of numpy's object type: 'O', '|O8', 'object', 'object_'...
func objectTypeString(s string) bool {
	t := strings.TrimLeft(strings.TrimSpace(s), "<>|=!")
	lower := strings.ToLower(t)
	if strings.HasPrefix(lower, "object") {
		return true
	}
	if t == "" || t[0] != 'O' {
		return false
	}
	_, err := strconv.Atoi(t[1:])
	return t == "O" || err == nil
}

// render writes a literal back in Python syntax for reports; a plain string is written bare.
func render(v pyValue) string {
	if v.kind == 's' {
		return v.str
	}
	return renderNested(v)
}

func renderNested(v pyValue) string {
	switch v.kind {
	case 's':
		return "'" + v.str + "'"
	case 'i':
		return strconv.FormatInt(v.num, 10)
	case 'b':
		if v.num == 1 {
			return "True"
		}
		return "False"
	case 'n':
		return "None"
	}
	brackets := map[byte][2]string{'t': {"(", ")"}, 'l': {"[", "]"}, 'd': {"{", "}"}}[v.kind]
	var parts []string
	for i := 0; i < len(v.items); i++ {
		if v.kind == 'd' && i+1 < len(v.items) {
			parts = append(parts, renderNested(v.items[i])+": "+renderNested(v.items[i+1]))
			i++
			continue
		}
		parts = append(parts, renderNested(v.items[i]))
	}
	if v.kind == 't' && len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return brackets[0] + strings.Join(parts, ", ") + brackets[1]
}

func truncate(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
