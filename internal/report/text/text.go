// Package text makes strings taken from scanned files safe to print. Evidence, member names
// and error messages are attacker-controlled: a hostile model can name a zip member
// "\x1b]0;pwned\a" or put a newline in a pickle string to forge extra report lines.
package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OneLine returns s with every control or non-printable rune written as a Go escape (\n, \x1b,
// \u202e), so that the result is one line and cannot drive a terminal. Invalid UTF-8 bytes
// become \xNN as well.
func OneLine(s string) string { return escape(s, false) }

// Visible is OneLine but keeps line feeds and tabs, for multi-line blocks such as a model's
// reply quoted in a report.
func Visible(s string) string { return escape(s, true) }

func escape(s string, keepLines bool) string {
	if isPlain(s, keepLines) {
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
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII (plus \n and \t when keepLines), the common
// case, which needs no copy.
func isPlain(s string, keepLines bool) bool {
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

// Truncate shortens s to at most limit runes, marking the cut with "..." when there is room
// for it. It never splits a rune.
func Truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	if limit <= 0 {
		return ""
	}
	keep, mark := limit-3, "..."
	if keep < 1 {
		keep, mark = limit, ""
	}
	n := 0
	for i := range s {
		if n == keep {
			return s[:i] + mark
		}
		n++
	}
	return s
}
