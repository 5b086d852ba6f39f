package links

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bareURLs finds URLs written as plain text (chat clients autolink them): a network scheme
// followed by slashes or backslashes, or "www.".
func (e *extractor) bareURLs() {
	t := e.text
	for i := 0; ; {
		j := strings.IndexByte(t[i:], ':')
		if j < 0 {
			break
		}
		colon := i + j
		i = colon + 1
		if colon+1 >= len(t) || t[colon+1] != '/' && t[colon+1] != '\\' {
			continue
		}
		start := colon
		for start > 0 && colon-start < 5 && isLetter(t[start-1]) {
			start--
		}
		if !networkScheme(strings.ToLower(t[start:colon])) || start > 0 && isAlnum(t[start-1]) {
			continue
		}
		if !inSpans(e.bareSpans, start) {
			e.bare(start, true)
		}
	}
	for _, w := range []string{"www.", "WWW."} {
		for i := 0; ; {
			j := strings.Index(t[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(w)
			if at > 0 && (isAlnum(t[at-1]) || t[at-1] == '/' || t[at-1] == '.' || t[at-1] == '@') {
				continue
			}
			if !inSpans(e.bareSpans, at) {
				e.bare(at, false)
			}
		}
	}
}

// bare records the URL starting at start unless a markdown or HTML construct already did.
// record keeps its span so that a URL nested in its query is not reported twice; spans are
// recorded in increasing order (the scheme pass), which inSpans relies on.
func (e *extractor) bare(start int, record bool) {
	if e.isCovered(start) {
		return
	}
	end := urlEnd(e.text, start)
	if end > start {
		e.add(candidate{where: bare, start: start, end: end, url: e.text[start:end]}, start, end)
		if record {
			e.bareSpans = append(e.bareSpans, [2]int{start, end})
		}
	}
}

// inSpans reports whether at lies in one of the sorted, disjoint spans.
func inSpans(spans [][2]int, at int) bool {
	i, _ := slices.BinarySearchFunc(spans, at+1, func(r [2]int, v int) int { return cmp.Compare(r[0], v) })
	return i > 0 && at < spans[i-1][1]
}

// urlEnd finds where a plain-text URL stops: at whitespace, quotes, angle brackets or an
// unbalanced closing bracket, minus trailing sentence punctuation (as GFM autolinks do).
func urlEnd(t string, start int) int {
	depth, k := 0, start
	limit := min(len(t), start+maxURL)
scan:
	for k < limit {
		c := t[k]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(t[k:])
			if unicode.IsSpace(r) || r == utf8.RuneError && n == 1 {
				break
			}
			k += n
			continue
		}
		switch {
		case c <= ' ', c == '<', c == '>', c == '"', c == '`':
			break scan
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			if depth == 0 {
				break scan
			}
			depth--
		}
		k++
	}
	for k > start && strings.IndexByte(".,:;!?*_~'", t[k-1]) >= 0 {
		k--
	}
	return k
}
