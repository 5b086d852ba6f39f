// Package numpy parses the header of NumPy .npy files. Object arrays (dtype 'O', alone or inside
// a structured dtype) store their data as a pickle, which callers then hand to the pickle parser.
package numpy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
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

var (
	descrRe   = regexp.MustCompile(`['"]descr['"]\s*:\s*('[^']*'|"[^"]*"|\[.*\])\s*,\s*['"](fortran_order|shape)`)
	fortranRe = regexp.MustCompile(`['"]fortran_order['"]\s*:\s*(True|False)`)
	shapeRe   = regexp.MustCompile(`['"]shape['"]\s*:\s*\(([^)]*)\)`)
	objectRe  = regexp.MustCompile(`['"][<>|=]?O\d*['"]`)
)

// parseDict reads the Python literal dict. It accepts the keys in any order, as np.load does.
func (h *Header) parseDict(s string) error {
	m := descrRe.FindStringSubmatch(s)
	if m == nil {
		// descr may be the last key.
		m = regexp.MustCompile(`['"]descr['"]\s*:\s*('[^']*'|"[^"]*"|\[.*\])`).FindStringSubmatch(s)
	}
	if m == nil {
		return fmt.Errorf("unable to find descr in .npy header %q", truncate(s))
	}
	h.Descr = strings.Trim(m[1], `'"`)
	h.HasObject = objectRe.MatchString(m[1])
	if f := fortranRe.FindStringSubmatch(s); f != nil {
		h.FortranOrder = f[1] == "True"
	}
	sh := shapeRe.FindStringSubmatch(s)
	if sh == nil {
		return fmt.Errorf("unable to find shape in .npy header %q", truncate(s))
	}
	for _, part := range strings.Split(sh[1], ",") {
		part = strings.TrimSuffix(strings.TrimSpace(part), "L")
		if part == "" {
			continue
		}
		v, err := strconv.ParseInt(part, 10, 64)
		if err != nil || v < 0 {
			return fmt.Errorf("invalid .npy shape %q", sh[1])
		}
		h.Shape = append(h.Shape, v)
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
