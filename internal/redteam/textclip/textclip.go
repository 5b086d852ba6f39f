// Package textclip shortens untrusted text to a byte budget for evidence, errors and
// reports: always on a rune boundary, and never longer than the budget, marker included.
package textclip

import (
	"fmt"
	"unicode/utf8"
)

// ellipsis marks a cut.
const ellipsis = "…"

// Prefix returns at most n bytes of s, cut on a rune boundary, with no marker.
func Prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:runeFloor(s, n)]
}

// Ellipsis returns s, or a prefix of it ending in "…", in at most n bytes.
func Ellipsis(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n < len(ellipsis) {
		return Prefix(s, n)
	}
	return s[:runeFloor(s, n-len(ellipsis))] + ellipsis
}

// Marked returns s, or a prefix of it followed by " … [N bytes clipped]", in at most n
// bytes; when n leaves no room for the count, the marker is a bare "…".
func Marked(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// The marker grows as the cut moves left (more digits), so step left until both fit.
	for cut := runeFloor(s, n-len(marker(len(s)-n))); cut > 0; cut = runeFloor(s, cut-1) {
		if m := marker(len(s) - cut); cut+len(m) <= n {
			return s[:cut] + m
		}
	}
	return Ellipsis(s, n)
}

func marker(cut int) string { return fmt.Sprintf(" … [%d bytes clipped]", cut) }

// runeFloor is the largest rune boundary of s at or below i (0 for a negative i).
func runeFloor(s string, i int) int {
	i = min(max(i, 0), len(s))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
