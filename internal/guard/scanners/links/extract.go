package links

import (
	"cmp"
	"slices"
	"strings"
)

// where says how a URL appears, which decides how dangerous it is: images load by
// themselves (zero-click exfiltration), links need a click.
type where uint8

const (
	bare          where = iota // plain URL in text (clients autolink it)
	link                       // markdown or HTML link
	markdownImage              // ![alt](url) or a reference-style image
	htmlImage                  // <img src>, other auto-loading HTML, CSS url()
)

// candidate is one URL found in a segment.
type candidate struct {
	where      where
	start, end int    // span to redact: the whole image construct, or the URL
	url        string // the URL as a client would read it (HTML entities decoded)
}

// Bounds on untrusted text: how far back a link's opening bracket is looked for, and how
// many URLs one segment may yield (the rest is reported as one finding by the caller).
const (
	maxBracketLookback = 1024
	maxCandidates      = 4096
	maxTag             = 4096
)

// extractor collects candidates from one text. covered holds the URL spans already taken
// by markdown and HTML constructs, so the bare-URL pass skips them.
type extractor struct {
	text      string
	out       []candidate
	covered   [][2]int
	bareSpans [][2]int
	truncated bool
}

func extract(text string) ([]candidate, bool) {
	e := &extractor{text: text}
	e.markdownInline()
	e.markdownReferences()
	e.html()
	e.sortCovered()
	e.cssURLs()
	e.sortCovered()
	e.bareURLs()
	return e.out, e.truncated
}

func (e *extractor) add(c candidate, uStart, uEnd int) {
	if len(e.out) >= maxCandidates {
		e.truncated = true
		return
	}
	e.out = append(e.out, c)
	if c.where != bare { // the bare pass runs last and only reads covered
		e.covered = append(e.covered, [2]int{uStart, uEnd})
	}
}

// isCovered reports whether at lies in a URL span already taken. It needs sortCovered.
func (e *extractor) isCovered(at int) bool {
	// Spans do not overlap much; the last span starting at or before at is the one to check,
	// plus a few before it for nested constructs (a badge image inside a link).
	i, _ := slices.BinarySearchFunc(e.covered, at+1, func(r [2]int, v int) int { return cmp.Compare(r[0], v) })
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if at >= e.covered[k][0] && at < e.covered[k][1] {
			return true
		}
	}
	return false
}

func (e *extractor) sortCovered() {
	slices.SortFunc(e.covered, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
}

// markdownInline finds [text](url) and ![alt](url).
func (e *extractor) markdownInline() {
	t := e.text
	floor := 0 // the opening bracket is never looked for before the previous "]("
	for i := 0; ; {
		j := strings.Index(t[i:], "](")
		if j < 0 {
			return
		}
		at := i + j
		i = at + 2
		open := openingBracket(t, at, max(floor, at-maxBracketLookback))
		floor = at + 2
		uStart, uEnd := destination(t, at+2)
		if uEnd <= uStart {
			continue
		}
		// CommonMark decodes character references in destinations: "https&colon;//" is a URL.
		c := candidate{where: link, start: uStart, end: uEnd, url: decodeEntities(t[uStart:uEnd])}
		if open > 0 && t[open-1] == '!' {
			c.where, c.start = markdownImage, open-1
			c.end = closingParen(t, uEnd)
		}
		e.add(c, uStart, uEnd)
		i = uEnd
	}
}

// openingBracket returns the index of the '[' matching the ']' at close, or -1.
func openingBracket(t string, close, floor int) int {
	depth := 0
	for k := close - 1; k >= floor; k-- {
		switch t[k] {
		case ']':
			depth++
		case '[':
			if depth == 0 {
				return k
			}
			depth--
		case '\n':
			if k > floor && t[k-1] == '\n' {
				return -1 // a blank line ends a paragraph
			}
		}
	}
	return -1
}

// destination reads a link destination starting at i: <...> or a run without spaces and
// with balanced parentheses. It returns the URL's byte span.
func destination(t string, i int) (int, int) {
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i < len(t) && t[i] == '\n' {
		i++
	}
	if i < len(t) && t[i] == '<' {
		end := strings.IndexAny(t[i+1:], ">\n")
		if end < 0 {
			return i + 1, len(t)
		}
		return i + 1, i + 1 + end
	}
	depth, k := 0, i
	for ; k < len(t); k++ {
		c := t[k]
		if c <= ' ' {
			break
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	return i, k
}

// closingParen returns the end of an inline image after its URL (past an optional title).
func closingParen(t string, from int) int {
	limit := min(len(t), from+256)
	if k := strings.IndexByte(t[from:limit], ')'); k >= 0 {
		return from + k + 1
	}
	return from
}
