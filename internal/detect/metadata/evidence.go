package metadata

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	snippetContext = 40  // bytes of context around a match
	maxSnippet     = 120 // bytes of value text in one evidence string
	maxKey         = 60
	maxQuoted      = 160 // length of the quoted snippet
)

// snippet quotes the part of value around [lo, hi) for evidence, bounded in length, with
// every secret of the value redacted first so that no window can show one.
func snippet(value string, lo, hi int, secrets []secret) string {
	lo = max(0, min(lo, len(value)))
	hi = max(lo, min(hi, len(value)))
	value, remap := redactAll(value, secrets)
	lo, hi = remap(lo), remap(hi)
	start := max(0, lo-snippetContext)
	end := min(len(value), max(hi+snippetContext, start+maxSnippet/2))
	if end-start > maxSnippet {
		end = start + maxSnippet
	}
	start, end = runeStart(value, start), runeStart(value, end)
	q := strconv.Quote(value[start:end])
	for len(q) > maxQuoted && end > start { // escapes can make the quoted text four times longer
		end = runeStart(value, start+(end-start)*3/4)
		q = strconv.Quote(value[start:end])
	}
	if start > 0 {
		q = "…" + q
	}
	if end < len(value) {
		q += "…"
	}
	return q
}

// redactAll replaces every occurrence of every secret in value with its redacted form and
// returns a function mapping offsets of the original value to the redacted one.
func redactAll(value string, secrets []secret) (string, func(int) int) {
	type cut struct{ lo, hi int }
	var cuts []cut
	for _, s := range secrets {
		for from := 0; s.secret != "" && from < len(value); {
			i := strings.Index(value[from:], s.secret)
			if i < 0 {
				break
			}
			cuts = append(cuts, cut{from + i, from + i + len(s.secret)})
			from += i + len(s.secret)
		}
	}
	if len(cuts) == 0 {
		return value, func(o int) int { return o }
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.lo - b.lo })
	var sb strings.Builder
	type shift struct{ at, newAt, hi int }
	var shifts []shift
	pos := 0
	for _, c := range cuts {
		if c.lo < pos {
			c.lo = pos
		}
		if c.hi <= pos {
			continue
		}
		sb.WriteString(value[pos:c.lo])
		shifts = append(shifts, shift{c.lo, sb.Len(), c.hi})
		sb.WriteString(redact(value[c.lo:c.hi]))
		pos = c.hi
	}
	sb.WriteString(value[pos:])
	return sb.String(), func(o int) int {
		delta := 0
		for _, s := range shifts {
			switch {
			case o < s.at:
				return o + delta
			case o < s.hi:
				return s.newAt
			}
			delta = s.newAt + len(redact(value[s.at:s.hi])) - s.hi
		}
		return o + delta
	}
}

// runeStart moves i back to the start of a UTF-8 sequence.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// keyLabel bounds a metadata key for evidence.
func keyLabel(key string) string {
	if key == "" {
		key = "(value)"
	}
	if len(key) > maxKey {
		key = key[:runeStart(key, maxKey)] + "…"
	}
	return key
}
