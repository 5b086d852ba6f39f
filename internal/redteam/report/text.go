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
const clipEllipsis = "…"

// clip shortens s to at most n bytes, the marker included, cutting on a rune boundary. The
// marker says how many bytes were cut (" … [1234 bytes clipped]"), or is a bare "…" when n
// leaves no room for that. It is the package's only clipping helper: writers that need one
// visible line call oneLine on its result, so the count refers to the original text.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// The marker grows as the cut moves left (more digits), so step left until both fit.
	for cut := runeFloor(s, n-len(clipMarker(len(s)-n))); cut > 0; cut = runeFloor(s, cut-1) {
		if m := clipMarker(len(s) - cut); cut+len(m) <= n {
			return s[:cut] + m
		}
	}
	if n < len(clipEllipsis) {
		return s[:runeFloor(s, n)]
	}
	return s[:runeFloor(s, n-len(clipEllipsis))] + clipEllipsis
}

func clipMarker(cut int) string { return fmt.Sprintf(" … [%d bytes clipped]", cut) }

// runeFloor is the largest rune boundary of s at or below i (0 for a negative i).
func runeFloor(s string, i int) int {
	i = min(max(i, 0), len(s))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
