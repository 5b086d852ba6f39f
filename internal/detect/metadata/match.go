package metadata

import (
	"regexp"
	"strings"
)

// Go's regexp has no DFA: an unanchored expression costs a full NFA pass over the text. Values
// up to wholeValue bytes are matched whole; in longer ones each expression runs only in
// windows around the literal keywords every match must contain, so a megabyte of metadata
// costs a few substring searches instead of dozens of NFA passes.
const (
	wholeValue   = 64 << 10
	windowBefore = 64
	windowAfter  = 320
	maxWindows   = 256 // windows tried per expression in one value
)

// pattern is one indicator: what it means, the expression that finds it, and the lower-case
// literals at least one of which every match contains.
type pattern struct {
	what string
	re   *regexp.Regexp
	keys []string
}

func pat(what, expr string, keys ...string) pattern {
	return pattern{what: what, re: regexp.MustCompile(expr), keys: keys}
}

// find returns the first match of p in s; lower is asciiLower(s).
func (p pattern) find(s, lower string) (int, int, bool) {
	if !containsAny(lower, p.keys) {
		return 0, 0, false
	}
	if len(s) <= wholeValue {
		if loc := p.re.FindStringIndex(s); loc != nil {
			return loc[0], loc[1], true
		}
		return 0, 0, false
	}
	n := 0
	for _, k := range p.keys {
		for from := 0; n < maxWindows; n++ {
			i := strings.Index(lower[from:], k)
			if i < 0 {
				break
			}
			i += from
			w0, w1 := max(0, i-windowBefore), min(len(s), i+len(k)+windowAfter)
			// A match starting at a window's first byte may owe its start to the cut (^ or
			// \b); it is found again in the window of its own keyword.
			if loc := p.re.FindStringIndex(s[w0:w1]); loc != nil && (loc[0] > 0 || w0 == 0) {
				return w0 + loc[0], w0 + loc[1], true
			}
			// Keywords whose whole match would lie inside this window were tried with it.
			from = max(i+len(k), w1-windowAfter)
		}
	}
	return 0, 0, false
}

func containsAny(s string, keys []string) bool {
	if len(keys) == 0 {
		return true
	}
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid in the original.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
