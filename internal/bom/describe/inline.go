package describe

import "strings"

// maxLinkScan bounds how far a link's closing bracket or parenthesis is looked for, keeping
// cleanInline linear.
const maxLinkScan = 512

// cleanInline turns one paragraph of markdown into plain text: images are dropped, links keep
// their text, emphasis markers, code ticks and HTML tags go, whitespace collapses.
func cleanInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "!["):
			if end, ok := linkEnd(s, i+1); ok {
				i = end
				continue
			}
		case s[i] == '[':
			if end, ok := linkEnd(s, i); ok {
				b.WriteString(s[i+1 : strings.IndexByte(s[i:], ']')+i])
				i = end
				continue
			}
		case s[i] == '<':
			if j := strings.IndexByte(s[i:min(len(s), i+maxLinkScan)], '>'); j > 1 && tagStart(s[i+1]) {
				b.WriteByte(' ')
				i += j + 1
				continue
			}
		case s[i] == '*' || s[i] == '`' || (s[i] == '_' && i+1 < len(s) && s[i+1] == '_'):
			i++
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkEnd returns the end of "[text](url)" starting at i, when s has one there.
func linkEnd(s string, i int) (int, bool) {
	window := s[i:min(len(s), i+maxLinkScan)]
	j := strings.IndexByte(window, ']')
	if j < 0 || j+1 >= len(window) || window[j+1] != '(' {
		return 0, false
	}
	k := strings.IndexByte(window[j+1:], ')')
	if k < 0 {
		return 0, false
	}
	return i + j + 1 + k + 1, true
}

func tagStart(c byte) bool { return c == '/' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
