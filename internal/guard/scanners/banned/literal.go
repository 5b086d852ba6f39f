package banned

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// literal is a string every match of a pattern contains. Go's regexp skips ahead with a
// literal prefix only when the pattern starts with one; `\bACME-\d+` scans every position
// (~25 ns per byte). Checking for "ACME-" first costs a memchr-speed search.
type literal struct {
	text string
	fold bool // ASCII case-insensitive
}

// minLiteral is the shortest literal worth a prefilter.
const minLiteral = 3

// requiredLiteral returns the longest literal that the top-level sequence of re must
// match, or ok=false when there is none worth using.
func requiredLiteral(pattern string) (literal, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return literal{}, false
	}
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	var best literal
	for _, s := range subs {
		for s.Op == syntax.OpCapture {
			s = s.Sub[0]
		}
		if s.Op != syntax.OpLiteral {
			continue
		}
		l := literal{text: string(s.Rune), fold: s.Flags&syntax.FoldCase != 0}
		if l.fold && !asciiOnly(l.text) {
			continue // Unicode folding ('k' matches the Kelvin sign) is not worth copying
		}
		if l.fold {
			l.text = strings.ToLower(l.text)
		}
		if len(l.text) > len(best.text) {
			best = l
		}
	}
	return best, utf8.RuneCountInString(best.text) >= minLiteral
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// in reports whether s contains the literal.
func (l literal) in(s string) bool {
	if !l.fold {
		return strings.Contains(s, l.text)
	}
	first := l.text[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper -= 'a' - 'A'
	}
	for i := 0; i+len(l.text) <= len(s); i++ {
		if c := s[i]; (c == first || c == upper) && foldEqual(s[i:i+len(l.text)], l.text) {
			return true
		}
	}
	return false
}

// foldEqual compares s with the lower-case ASCII t, ignoring ASCII case.
func foldEqual(s, t string) bool {
	for i := 0; i < len(t); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != t[i] {
			return false
		}
	}
	return true
}
