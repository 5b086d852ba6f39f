package pickle

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Decoders for the text arguments of protocol 0 opcodes, written to accept what CPython's
// unpicklers accept (the C _pickle and, where it is laxer, pickle.py, which joblib uses). They
// work on the line without its newline.

var (
	errIntLiteral = errors.New("could not convert string to int")
	errFloat      = errors.New("could not convert string to float")
	errQuote      = errors.New("the STRING opcode argument must be quoted")
)

func isCSpace(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

// strtolC mimics C strtol(s, &end, 0) followed by _pickle.c's check that the number ends the
// line (optionally followed by 'L'). ok is false when _pickle.c would fall back to
// PyLong_FromString (no digits, junk, or overflow).
func strtolC(s []byte) (v int64, ok bool) {
	if nul := bytes.IndexByte(s, 0); nul >= 0 {
		// C reads the line as a C string: the NUL ends it, and strtol of nothing is 0 with the
		// end pointer on the NUL, which _pickle.c accepts.
		if s = s[:nul]; len(s) == 0 {
			return 0, true
		}
	}
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	if i+1 < len(s) && s[i] == '0' && (s[i+1]|0x20) == 'x' && i+2 < len(s) && hexVal(s[i+2]) < 16 {
		base, i = 16, i+2
	} else if i < len(s) && s[i] == '0' {
		base = 8
	}
	start := i
	var u uint64
	for ; i < len(s); i++ {
		d := uint64(hexVal(s[i]))
		if d >= base {
			break
		}
		if u > (math.MaxUint64-d)/base {
			return 0, false
		}
		u = u*base + d
	}
	// The C code requires the end pointer to sit on the newline; a trailing 'L' must be the
	// very last byte of the buffer including the newline, which can never hold.
	if i == start || i != len(s) {
		return 0, false
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 255
}

// pyIntLiteral parses s like Python's int(s, base) (PyLong_FromString): surrounding
// whitespace, a sign, for base 0 a 0x/0o/0b prefix, single underscores between digits.
func pyIntLiteral(s []byte, base int) (*big.Int, error) {
	for len(s) > 0 && isCSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isCSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	neg := false
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	b, prefixed := base, false
	if len(s) >= 2 && s[0] == '0' && (base == 0 || base == 16 || base == 8 || base == 2) {
		switch s[1] | 0x20 {
		case 'x':
			b, prefixed = 16, true
		case 'o':
			b, prefixed = 8, true
		case 'b':
			b, prefixed = 2, true
		}
		if prefixed && base != 0 && base != b {
			return nil, errIntLiteral
		}
	}
	if prefixed {
		s = s[2:]
		if len(s) > 0 && s[0] == '_' {
			s = s[1:]
		}
	}
	if b == 0 {
		b = 10
	}
	digits, ok := stripUnderscores(s, b)
	if !ok {
		return nil, errIntLiteral
	}
	if base == 0 && !prefixed && len(digits) > 1 && digits[0] == '0' && !allZero(digits) {
		return nil, errIntLiteral // "012" is not a Python 3 literal
	}
	n, ok := new(big.Int).SetString(string(digits), b)
	if !ok {
		return nil, errIntLiteral
	}
	if neg {
		n.Neg(n)
	}
	return n, nil
}

func stripUnderscores(s []byte, base int) ([]byte, bool) {
	if len(s) == 0 || s[0] == '_' || s[len(s)-1] == '_' {
		return nil, false
	}
	out := make([]byte, 0, len(s))
	for i, c := range s {
		if c == '_' {
			if s[i-1] == '_' {
				return nil, false
			}
			continue
		}
		if int(hexVal(c)) >= base {
			return nil, false
		}
		out = append(out, c)
	}
	return out, true
}

func allZero(d []byte) bool {
	for _, c := range d {
		if c != '0' {
			return false
		}
	}
	return true
}

// parseFloatLine accepts what either unpickler accepts, since both are used: _pickle.c reads
// the line as a C string (cut at a NUL) with PyOS_string_to_double, which takes signed nan;
// pickle.py (which joblib uses) calls float(), which also takes surrounding whitespace, PEP 515
// underscores and overflow to infinity.
func parseFloatLine(s []byte) (float64, error) {
	if nul := bytes.IndexByte(s, 0); nul >= 0 {
		if f, err := floatText(s[:nul], false); err == nil {
			return f, nil
		}
	}
	return floatText(s, true)
}

func floatText(s []byte, python bool) (float64, error) {
	if python {
		s = bytes.TrimFunc(s, func(r rune) bool { return r < 0x80 && isCSpace(byte(r)) })
		if u, ok := floatUnderscores(s); ok {
			s = u
		} else {
			return 0, errFloat
		}
	}
	if len(s) == 0 {
		return 0, errFloat
	}
	for _, c := range s {
		if !((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || (c|0x20 >= 'a' && c|0x20 <= 'z')) ||
			c|0x20 == 'x' || c|0x20 == 'p' {
			return 0, errFloat // Go also accepts hex floats, Python does not
		}
	}
	body := bytes.TrimLeft(s, "+-")
	if len(s)-len(body) <= 1 && strings.EqualFold(string(body), "nan") {
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		if python && errors.Is(err, strconv.ErrRange) {
			return f, nil // float('1e999') is inf; C raises OverflowError
		}
		return 0, errFloat
	}
	return f, nil
}

// floatUnderscores removes PEP 515 underscores, which must sit between two digits.
func floatUnderscores(s []byte) ([]byte, bool) {
	if !bytes.Contains(s, []byte{'_'}) {
		return s, true
	}
	out := make([]byte, 0, len(s))
	for i, c := range s {
		if c == '_' {
			if i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1]) {
				return nil, false
			}
			continue
		}
		out = append(out, c)
	}
	return out, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// unquoteString decodes the argument of STRING: quoted with ' or ", escapes as in
// PyBytes_DecodeEscape.
func unquoteString(line []byte, dst []byte) ([]byte, error) {
	n := len(line)
	if n < 2 || line[0] != line[n-1] || (line[0] != '\'' && line[0] != '"') {
		return nil, errQuote
	}
	return decodeEscape(line[1:n-1], dst)
}

// decodeEscape implements PyBytes_DecodeEscape: unknown escapes are kept verbatim.
func decodeEscape(s []byte, dst []byte) ([]byte, error) {
	out := dst[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(s) {
			return nil, errors.New("trailing \\ in string")
		}
		switch c = s[i]; c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 't':
			out = append(out, '\t')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 'v':
			out = append(out, '\v')
		case 'a':
			out = append(out, '\a')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; k++ {
				i++
				v = v<<3 + int(s[i]-'0')
			}
			out = append(out, byte(v))
		case 'x':
			if i+2 >= len(s) {
				return nil, errors.New("invalid \\x escape")
			}
			hi, lo := hexVal(s[i+1]), hexVal(s[i+2])
			if hi > 15 || lo > 15 {
				return nil, errors.New("invalid \\x escape")
			}
			out = append(out, hi<<4|lo)
			i += 2
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

// decodeRawUnicodeEscape implements the raw-unicode-escape codec used by UNICODE: only
// \uXXXX and \UXXXXXXXX preceded by an odd number of backslashes are escapes; every other
// byte is a latin-1 code point. The result is UTF-8 (surrogates become U+FFFD).
func decodeRawUnicodeEscape(s []byte, dst []byte) ([]byte, error) {
	out := dst[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out = utf8.AppendRune(out, rune(c))
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '\\' {
			j++
		}
		out = append(out, s[i:j]...)
		run := j - i
		i = j
		if run&1 == 0 || i >= len(s) || (s[i] != 'u' && s[i] != 'U') {
			continue
		}
		out = out[:len(out)-1] // the last backslash starts the escape
		count := 4
		if s[i] == 'U' {
			count = 8
		}
		if i+1+count > len(s) {
			return nil, errors.New("truncated \\uXXXX escape")
		}
		var r uint32
		for _, h := range s[i+1 : i+1+count] {
			d := hexVal(h)
			if d > 15 {
				return nil, errors.New("truncated \\uXXXX escape")
			}
			r = r<<4 | uint32(d)
		}
		if r > utf8.MaxRune {
			return nil, errors.New("\\Uxxxxxxxx out of range")
		}
		out = utf8.AppendRune(out, rune(r))
		i += 1 + count
	}
	return out, nil
}

// validUTF8Pass reports whether b is UTF-8 under Python's "surrogatepass" handler (encoded
// surrogates allowed). partial allows a sequence cut at the end of b.
func validUTF8Pass(b []byte, partial bool) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if b[i] == 0xed && i+2 < len(b) && b[i+1] >= 0xa0 && b[i+1] <= 0xbf && b[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return partial && !utf8.FullRune(b[i:]) && i+4 > len(b)
		}
		i += size
	}
	return true
}
