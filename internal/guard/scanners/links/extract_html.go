package links

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// html finds URLs in HTML tags. Tags that fetch by themselves (img, video, iframe, link,
// script, …) make image-like candidates spanning the whole tag; a and area make links.
func (e *extractor) html() {
	t := e.text
	for i := 0; ; {
		j := strings.IndexByte(t[i:], '<')
		if j < 0 || i+j+1 >= len(t) {
			return
		}
		at := i + j
		i = at + 1
		if !isLetter(t[at+1]) {
			continue
		}
		nameEnd := at + 1
		for nameEnd < len(t) && (isAlnum(t[nameEnd]) || t[nameEnd] == '-' || t[nameEnd] == ':') {
			nameEnd++
		}
		tag := strings.ToLower(t[at+1 : nameEnd])
		kind, interesting := tagKind(tag)
		if !interesting {
			continue
		}
		end := tagEnd(t, nameEnd)
		e.attributes(tag, kind, at, end, nameEnd)
		i = max(i, end) // linear: a tag's body is read once, even when it never closes
	}
}

func tagKind(tag string) (where, bool) {
	switch tag {
	case "a", "area", "form", "button":
		return link, true
	case "img", "image", "source", "video", "audio", "iframe", "frame", "embed", "object", "input",
		"track", "script", "link", "body", "table", "td", "th", "meta", "svg", "use", "picture", "feimage":
		return htmlImage, true
	}
	return 0, false
}

// tagEnd returns the index just past the tag's '>' (bounded), honouring quoted values.
func tagEnd(t string, from int) int {
	limit := min(len(t), from+maxTag)
	var quote byte
	for k := from; k < limit; k++ {
		c := t[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k + 1
		}
	}
	return limit
}

// attributes walks name=value pairs of the tag body [from, end).
func (e *extractor) attributes(tag string, kind where, tagStart, end, from int) {
	t := e.text
	for k := from; k < end; {
		for k < end && (t[k] <= ' ' || t[k] == '/') {
			k++
		}
		nameStart := k
		for k < end && t[k] > ' ' && t[k] != '=' && t[k] != '>' && t[k] != '/' {
			k++
		}
		name := strings.ToLower(t[nameStart:k])
		if k >= end || t[k] != '=' {
			if k == nameStart {
				k++
			}
			continue
		}
		k++ // '='
		vStart, vEnd, next := attrValue(t, k, end)
		k = next
		if !urlAttribute(name) && name != "style" {
			continue
		}
		value := decodeEntities(t[vStart:vEnd])
		for _, u := range attributeURLs(name, value) {
			c := candidate{where: kind, start: vStart, end: vEnd, url: u}
			if kind == htmlImage || name == "style" {
				c.where, c.start, c.end = htmlImage, tagStart, end
			}
			e.add(c, vStart, vEnd)
		}
	}
}

// attrValue reads a quoted or unquoted attribute value at k; it returns its span and where
// parsing resumes.
func attrValue(t string, k, end int) (int, int, int) {
	for k < end && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n') {
		k++
	}
	if k < end && (t[k] == '"' || t[k] == '\'') {
		q := t[k]
		if c := strings.IndexByte(t[k+1:end], q); c >= 0 {
			return k + 1, k + 1 + c, k + 2 + c
		}
		return k + 1, end, end
	}
	s := k
	for k < end && t[k] > ' ' && t[k] != '>' {
		k++
	}
	return s, k, k
}

func urlAttribute(name string) bool {
	switch name {
	case "src", "href", "srcset", "poster", "background", "data", "action", "formaction",
		"xlink:href", "content", "lowsrc", "dynsrc", "ping", "cite", "longdesc", "imagesrcset":
		return true
	}
	return false
}

// attributeURLs extracts the URLs an attribute value holds: srcset lists, meta refresh
// "0; url=…", CSS url() in style, or the value itself.
func attributeURLs(name, v string) []string {
	switch name {
	case "srcset", "imagesrcset", "ping":
		var out []string
		for part := range strings.SplitSeq(strings.ReplaceAll(v, ",", " , "), ",") {
			if f := strings.Fields(part); len(f) > 0 {
				out = append(out, f[0])
			}
		}
		return out
	case "content":
		if i := strings.Index(strings.ToLower(v), "url="); i >= 0 {
			return []string{strings.Trim(v[i+4:], `'" `)}
		}
		return nil
	case "style":
		var out []string
		for _, c := range cssURLsIn(v) {
			out = append(out, c.url)
		}
		return out
	}
	return []string{v}
}

// cssURLs finds url(...) anywhere (style blocks, inline CSS in markdown-rendered HTML).
func (e *extractor) cssURLs() {
	for _, c := range cssURLsIn(e.text) {
		if e.isCovered(c.start) {
			continue
		}
		e.add(candidate{where: htmlImage, start: c.start, end: c.end, url: decodeEntities(c.url)}, c.start, c.end)
	}
}

type cssURL struct {
	start, end int
	url        string
}

// cssURLsIn returns every url(...) in s.
func cssURLsIn(s string) []cssURL {
	var out []cssURL
	closer := -1 // next ')' or newline at or after the current position (cached: linear time)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '(')
		if j < 0 {
			break
		}
		start := i + j + 1
		i = start
		if start < 4 || !strings.EqualFold(s[start-4:start-1], "url") {
			continue
		}
		if closer < start {
			closer = len(s)
			if k := strings.IndexAny(s[start:], ")\n"); k >= 0 {
				closer = start + k
			}
		}
		if closer == len(s) || closer-start > maxURL {
			continue
		}
		u := strings.Trim(s[start:closer], ` '"`)
		out = append(out, cssURL{start, closer, u})
		i = closer
	}
	return out
}

// decodeEntities decodes the HTML character references a browser would in an attribute
// (numeric ones and the few named ones used to hide URL syntax).
func decodeEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			b.WriteByte(s[i])
			continue
		}
		r, n := entity(s[i:])
		if n == 0 {
			b.WriteByte('&')
			continue
		}
		b.WriteRune(r)
		i += n - 1
	}
	return b.String()
}

// entity decodes one character reference at the start of s; n is 0 when there is none.
func entity(s string) (rune, int) {
	named := [...]struct {
		name string
		r    rune
	}{{"&amp;", '&'}, {"&colon;", ':'}, {"&sol;", '/'}, {"&period;", '.'}, {"&quest;", '?'},
		{"&equals;", '='}, {"&num;", '#'}, {"&commat;", '@'}, {"&bsol;", '\\'}, {"&lpar;", '('},
		{"&rpar;", ')'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}, {"&quot;", '"'}, {"&apos;", '\''}}
	for _, n := range named {
		if strings.HasPrefix(s, n.name) {
			return n.r, len(n.name)
		}
	}
	if len(s) < 3 || s[1] != '#' {
		return 0, 0
	}
	k, base := 2, 10
	if s[2] == 'x' || s[2] == 'X' {
		k, base = 3, 16
	}
	start := k
	for k < len(s) && k-start < 8 && (base == 10 && s[k] >= '0' && s[k] <= '9' || base == 16 && unhex(s[k]) >= 0) {
		k++
	}
	if k == start {
		return 0, 0
	}
	v, err := strconv.ParseInt(s[start:k], base, 32)
	if err != nil || v <= 0 || v > utf8.MaxRune {
		return 0, 0
	}
	if k < len(s) && s[k] == ';' {
		k++
	}
	return rune(v), k
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
