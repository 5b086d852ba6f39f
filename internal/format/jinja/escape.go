package jinja

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// namedEscapes maps the \N{...} names an obfuscator needs for Python identifiers; other names
// are left as written.
var namedEscapes = map[string]rune{
	"LOW LINE": '_', "FULL STOP": '.', "SPACE": ' ', "APOSTROPHE": '\'', "QUOTATION MARK": '"',
	"LEFT PARENTHESIS": '(', "RIGHT PARENTHESIS": ')', "SOLIDUS": '/', "REVERSE SOLIDUS": '\\',
}

// Unescape decodes Python string escapes the way Jinja2 does for string literals
// (unicode-escape): \\ \' \" \a \b \f \n \r \t \v, octal \ooo, \xhh, \uhhhh, \Uhhhhhhhh and
// \N{name}. Unknown or malformed escapes are kept as written. escaped reports whether any
// escape other than an escaped quote or backslash was decoded (hex-obfuscated identifiers).
func Unescape(s string) (out string, escaped bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		r, n, obf := decodeEscape(s[i+1:])
		if n == 0 {
			b.WriteByte('\\')
			i++
			continue
		}
		if r >= 0 {
			b.WriteRune(r)
		}
		escaped = escaped || obf
		i += 1 + n
	}
	return b.String(), escaped
}

// decodeEscape decodes the escape after a backslash. It returns the rune (-1 for a line
// continuation), the bytes consumed (0 when not an escape) and whether it is an obfuscating one.
func decodeEscape(s string) (rune, int, bool) {
	switch c := s[0]; c {
	case '\\', '\'', '"':
		return rune(c), 1, false
	case '\n':
		return -1, 1, false
	case 'a':
		return 7, 1, false
	case 'b':
		return 8, 1, false
	case 'f':
		return 12, 1, false
	case 'n':
		return '\n', 1, false
	case 'r':
		return '\r', 1, false
	case 't':
		return '\t', 1, false
	case 'v':
		return 11, 1, false
	case 'x':
		return hexEscape(s, 2)
	case 'u':
		return hexEscape(s, 4)
	case 'U':
		return hexEscape(s, 8)
	case 'N':
		return namedEscape(s)
	}
	if s[0] >= '0' && s[0] <= '7' {
		n := 1
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[:n], 8, 32)
		return rune(v), n, true
	}
	return 0, 0, false
}

func hexEscape(s string, digits int) (rune, int, bool) {
	if len(s) < 1+digits {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(s[1:1+digits], 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, 0, false
	}
	return rune(v), 1 + digits, true
}

func namedEscape(s string) (rune, int, bool) {
	if len(s) < 3 || s[1] != '{' {
		return 0, 0, false
	}
	end := strings.IndexByte(s, '}')
	if end < 0 || end > 64 {
		return 0, 0, false
	}
	r, ok := namedEscapes[strings.ToUpper(s[2:end])]
	if !ok {
		return 0, 0, false
	}
	return r, end + 1, true
}
