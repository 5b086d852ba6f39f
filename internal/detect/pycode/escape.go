package pycode

import (
	"strings"
	"unicode/utf8"
)

// decodeLiteral returns the value of a string literal body (at most MaxLiteral bytes of it):
// raw literals as written, others with Python's escapes decoded, so "\x6f\x73" reads as "os".
// Named escapes (\N{...}) are kept as written.
func decodeLiteral(body string, raw, isBytes bool) string {
	if len(body) > MaxLiteral {
		body = body[:MaxLiteral]
	}
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		i += escape(&b, body, i, isBytes)
	}
	return b.String()
}

// simpleEscapes maps the one-letter escapes to their characters.
var simpleEscapes = map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"'}

// escape writes the character of the escape whose letter is body[i] and returns how many bytes
// after the letter it consumed.
func escape(b *strings.Builder, body string, i int, isBytes bool) int {
	c := body[i]
	if r, ok := simpleEscapes[c]; ok {
		b.WriteByte(r)
		return 0
	}
	switch {
	case c == '\n':
		return 0
	case c >= '0' && c <= '7':
		n, v := 0, 0
		for n < 3 && i+n < len(body) && body[i+n] >= '0' && body[i+n] <= '7' {
			v = v*8 + int(body[i+n]-'0')
			n++
		}
		writeCode(b, v, isBytes)
		return n - 1
	case c == 'x':
		if v, ok := hexValue(body, i+1, 2); ok {
			writeCode(b, v, isBytes)
			return 2
		}
	case (c == 'u' || c == 'U') && !isBytes:
		n := 4
		if c == 'U' {
			n = 8
		}
		if v, ok := hexValue(body, i+1, n); ok {
			writeCode(b, v, false)
			return n
		}
	}
	b.WriteByte('\\')
	b.WriteByte(c)
	return 0
}

func writeCode(b *strings.Builder, v int, isBytes bool) {
	if isBytes || v < utf8.RuneSelf {
		b.WriteByte(byte(v))
		return
	}
	b.WriteRune(rune(v))
}

func hexValue(s string, at, n int) (int, bool) {
	if at+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[at : at+n]) {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v*16 + int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, v <= utf8.MaxRune
}

// foldIdent applies the part of Python's NFKC identifier normalisation that matters for
// evasion: fullwidth forms (ｅｘｅｃ) and mathematical alphanumerics (𝐞𝐱𝐞𝐜) become ASCII, so
// they resolve to the names Python binds them to.
func foldIdent(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		return r - 0xFF01 + '!'
	case r >= 0x1D400 && r <= 0x1D6A3: // mathematical letters: 13 styles of A-Z a-z
		i := (r - 0x1D400) % 52
		if i < 26 {
			return 'A' + i
		}
		return 'a' + i - 26
	case r >= 0x1D7CE && r <= 0x1D7FF: // mathematical digits: 5 styles of 0-9
		return '0' + (r-0x1D7CE)%10
	case r == 0x017F: // long s, NFKC "s"
		return 's'
	case r == 0x212A: // Kelvin sign
		return 'K'
	}
	return r
}
