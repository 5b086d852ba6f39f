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

// clip shortens s to at most n bytes on a rune boundary and says how much was cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := max(n, 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf(" … [%d bytes clipped]", len(s)-cut)
}

// short reduces s to one visible line of at most n runes, for table cells and messages.
func short(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:max(n-1, 0)]) + "…"
}
