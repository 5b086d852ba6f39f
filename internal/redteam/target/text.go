package target

import (
	"strings"
	"unicode/utf8"
)

// clipText shortens s to at most n bytes on a rune boundary, marking the cut with "…".
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…"
	n -= len(mark)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:max(n, 0)] + mark
}

// joinClipped concatenates parts and clips the result to MaxReplyBytes. The parts come
// from one bounded body, so joining first costs at most MaxBodyBytes.
func joinClipped(parts []string) string {
	return clipText(strings.Join(parts, ""), MaxReplyBytes)
}
