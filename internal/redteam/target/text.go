package target

import (
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"strings"
	"unicode/utf8"
)

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
	return textclip.Ellipsis(strings.Join(parts, ""), MaxReplyBytes)
}

// blank reports whether a reply text carries nothing a detector could judge.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
