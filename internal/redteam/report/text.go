package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text from the target is hostile: a reply can carry ANSI escapes that drive a terminal,
// bidi overrides that reorder a line, invisible Unicode tags, or newlines that forge report
// lines. These helpers make it visible and inert before any writer lays it out; each writer
// then applies its own syntax escaping on top.

// oneLine writes every control or invisible rune (newlines included) as a Go-style escape,
// so that the result is a single printable line.
func oneLine(s string) string { return escapeInvisible(s, false) }

// visible is oneLine but keeps line feeds and tabs, for multi-line blocks.
func visible(s string) string { return escapeInvisible(s, true) }

func escapeInvisible(s string, keepLines bool) string {
	if isPlainASCII(s, keepLines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isPlainASCII reports whether s is printable ASCII (plus \n and \t when keepLines), the
// common case that needs no copy.
func isPlainASCII(s string, keepLines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keepLines && (c == '\n' || c == '\t') {
			continue
		}
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// clipEllipsis marks a cut when the budget is too small to say how much was cut.
