package links

import "strings"

// maxLabel bounds a reference label.
const maxRefLabel = 200

// markdownReferences finds reference definitions ("[label]: url") and decides from the
// uses in the same text whether each is an image ("![alt][label]", "![label]") or a link.
// A definition whose use is not in the text (the image may sit in an earlier streaming
// window) is treated as an image: that is the exfiltration-shaped reading.
func (e *extractor) markdownReferences() {
	type def struct {
		label        string
		uStart, uEnd int
	}
	var defs []def
	t := e.text
	for lineStart := 0; lineStart < len(t); {
		lineEnd := strings.IndexByte(t[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(t)
		} else {
			lineEnd += lineStart
		}
		if label, dStart, ok := refDefinition(t[lineStart:lineEnd]); ok {
			uStart, uEnd := destination(t[:lineEnd], lineStart+dStart)
			if uEnd > uStart {
				defs = append(defs, def{label, uStart, uEnd})
			}
		}
		lineStart = lineEnd + 1
	}
	if len(defs) == 0 {
		return
	}
	images, links := refUses(t)
	for _, d := range defs {
		w := markdownImage
		if !images[d.label] && links[d.label] {
			w = link
		}
		e.add(candidate{where: w, start: d.uStart, end: d.uEnd, url: decodeEntities(t[d.uStart:d.uEnd])}, d.uStart, d.uEnd)
	}
}

// refDefinition parses "   [label]: dest"; it returns the label and where dest starts.
func refDefinition(line string) (string, int, bool) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '[' {
		return "", 0, false
	}
	end := strings.Index(line[i:], "]:")
	if end < 1 || end > maxRefLabel {
		return "", 0, false
	}
	return normLabel(line[i+1 : i+end]), i + end + 2, true
}

// refUses collects the labels used by reference-style images and links.
func refUses(t string) (images, links map[string]bool) {
	images, links = map[string]bool{}, map[string]bool{}
	for i := 0; i < len(t); {
		j := strings.IndexByte(t[i:], ']')
		if j < 0 {
			break
		}
		close := i + j
		i = close + 1
		open := openingBracket(t, close, max(0, close-maxRefLabel))
		if open < 0 {
			continue
		}
		label := t[open+1 : close]
		next := byte(0)
		if close+1 < len(t) {
			next = t[close+1]
		}
		switch next {
		case '(', ':':
			continue // inline link or a definition
		case '[':
			if k := strings.IndexByte(t[close+2:min(len(t), close+2+maxRefLabel)], ']'); k > 0 {
				label = t[close+2 : close+2+k] // full reference; "[]" keeps the text as label
			}
		}
		if open > 0 && t[open-1] == '!' {
			images[normLabel(label)] = true
		} else {
			links[normLabel(label)] = true
		}
	}
	return images, links
}

func normLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
