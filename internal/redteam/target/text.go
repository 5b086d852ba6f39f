package target

import (
	"strings"
	"unicode/utf8"
)

// clipText shortens s to at most n bytes on a rune boundary, marking the cut with "…"
// when there is room for the mark. It is the package's only clipping helper.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…"
	if n < len(mark) {
		return s[:runeCut(s, n)]
	}
	return s[:runeCut(s, n-len(mark))] + mark
}

// runeCut is the largest rune boundary of s at or below n, for 0 <= n < len(s).
func runeCut(s string, n int) int {
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// joinClipped concatenates parts and clips the result to MaxReplyBytes. The parts come
// from one bounded body, so joining first costs at most MaxBodyBytes.
func joinClipped(parts []string) string {
	return clipText(strings.Join(parts, ""), MaxReplyBytes)
}

// blank reports whether a reply text carries nothing a detector could judge.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
