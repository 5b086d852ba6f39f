package safetensors

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads RFC 8259 JSON from the header the way serde_json does (strictly: no comments,
// no trailing commas, no leading zeros, no raw control characters in strings), and reports the
// extensions other parsers accept (NaN and Infinity, lone surrogate escapes) through note
// instead of failing on them, so the differential is visible.
type scanner struct {
	b    []byte
	i    int
	base int64 // file offset of b[0]
	note func(k AnomalyKind, detail string, off int64)
	tmp  []byte // scratch for decoding escaped strings
}

// syntaxError stops parsing at a byte the grammar does not allow.
type syntaxError struct {
	off int64
	msg string
}

// Error implements error.
func (e *syntaxError) Error() string { return fmt.Sprintf("%s at file offset %d", e.msg, e.off) }

func (s *scanner) fail(format string, args ...any) error {
	return &syntaxError{off: s.base + int64(s.i), msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) off() int64 { return s.base + int64(s.i) }

// ws skips JSON whitespace (space, tab, newline, carriage return) and reports whether any of
// it was something other than a space.
func (s *scanner) ws() (nonSpace bool) {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ':
		case '\t', '\n', '\r':
			nonSpace = true
		default:
			return nonSpace
		}
		s.i++
	}
	return nonSpace
}

// peek returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *scanner) expect(c byte) error {
	s.ws()
	if s.peek() != c {
		return s.unexpected(fmt.Sprintf("%q", c))
	}
	s.i++
	return nil
}

func (s *scanner) unexpected(want string) error {
	if s.i >= len(s.b) {
		return s.fail("header ends where %s was expected", want)
	}
	return s.fail("unexpected %q where %s was expected", s.b[s.i], want)
}

// str reads a string at s.i (which must be '"'). It returns the decoded value, the file
// offset of its first content byte, and whether it contained escapes.
func (s *scanner) str() (string, int64, bool, error) {
	if s.peek() != '"' {
		return "", 0, false, s.unexpected("a string")
	}
	s.i++
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			v := string(s.b[start:s.i])
			s.i++
			return v, s.base + int64(start), false, nil
		case c == '\\':
			return s.strEscaped(start)
		case c < 0x20:
			return "", 0, false, s.fail("control character 0x%02x in a string", c)
		}
		s.i++
	}
	return "", 0, false, s.fail("unterminated string")
}

// strEscaped continues str from the first backslash, decoding into the scratch buffer.
func (s *scanner) strEscaped(start int) (string, int64, bool, error) {
	s.tmp = append(s.tmp[:0], s.b[start:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return string(s.tmp), s.base + int64(start), true, nil
		case c < 0x20:
			return "", 0, false, s.fail("control character 0x%02x in a string", c)
		case c != '\\':
			s.tmp = append(s.tmp, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			break
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			s.tmp = append(s.tmp, e)
		case 'b':
			s.tmp = append(s.tmp, '\b')
		case 'f':
			s.tmp = append(s.tmp, '\f')
		case 'n':
			s.tmp = append(s.tmp, '\n')
		case 'r':
			s.tmp = append(s.tmp, '\r')
		case 't':
			s.tmp = append(s.tmp, '\t')
		case 'u':
			if err := s.unicodeEscape(); err != nil {
				return "", 0, false, err
			}
		default:
			s.i -= 2
			return "", 0, false, s.fail("invalid escape \\%c", e)
		}
	}
	return "", 0, false, s.fail("unterminated string")
}

// unicodeEscape decodes the XXXX of \uXXXX (s.i is just after the 'u'), pairing surrogates.
// A lone surrogate is an error for serde_json and a valid str for Python: it is noted and
// decoded as U+FFFD.
func (s *scanner) unicodeEscape() error {
	at := s.off() - 2
	r, ok := s.hex4(s.i)
	if !ok {
		return s.fail("invalid \\u escape")
	}
	s.i += 4
	if utf16.IsSurrogate(r) {
		if r < 0xdc00 && s.i+6 <= len(s.b) && s.b[s.i] == '\\' && s.b[s.i+1] == 'u' {
			if r2, ok := s.hex4(s.i + 2); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
				s.i += 6
				s.tmp = utf8.AppendRune(s.tmp, utf16.DecodeRune(r, r2))
				return nil
			}
		}
		s.note(LoneSurrogate, fmt.Sprintf("lone surrogate \\u%04x", r), at)
		r = utf8.RuneError
	}
	s.tmp = utf8.AppendRune(s.tmp, r)
	return nil
}

func (s *scanner) hex4(at int) (rune, bool) {
	if at+4 > len(s.b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.b[at:at+4]), 16, 16)
	return rune(v), err == nil
}

// number is what the scanner learned about a JSON number.
type number struct {
	uint     uint64 // the value, when Integer and not Negative and not Overflow
	integer  bool   // no fraction or exponent
	negative bool
	overflow bool // integer larger than 2^64-1
	nonstd   bool // NaN or ±Infinity
	text     string
}

// num reads a number, accepting (and noting) Python's NaN, Infinity and -Infinity.
func (s *scanner) num() (number, error) {
	start := s.i
	for _, lit := range []string{"NaN", "Infinity", "-Infinity"} {
		if s.hasPrefix(lit) {
			s.note(NonStandardNumber, lit+" literal", s.off())
			s.i += len(lit)
			return number{nonstd: true, text: lit}, nil
		}
	}
	n := number{integer: true}
	if s.peek() == '-' {
		n.negative = true
		s.i++
	}
	switch c := s.peek(); {
	case c == '0':
		s.i++
	case c >= '1' && c <= '9':
		s.digits()
	default:
		return n, s.unexpected("a digit")
	}
	intEnd := s.i
	if s.peek() == '.' {
		s.i++
		if s.digits() == 0 {
			return n, s.unexpected("a digit")
		}
		n.integer = false
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if s.digits() == 0 {
			return n, s.unexpected("a digit")
		}
		n.integer = false
	}
	n.text = string(s.b[start:s.i])
	if n.integer && !n.negative {
		v, err := strconv.ParseUint(string(s.b[start:intEnd]), 10, 64)
		n.uint, n.overflow = v, err != nil
	}
	return n, nil
}

func (s *scanner) digits() int {
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

func (s *scanner) hasPrefix(lit string) bool {
	return len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit
}

// literal reads true, false or null.
func (s *scanner) literal() (string, error) {
	for _, lit := range []string{"true", "false", "null"} {
		if s.hasPrefix(lit) {
			s.i += len(lit)
			return lit, nil
		}
	}
	return "", s.unexpected("a value")
}
