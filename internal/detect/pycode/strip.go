package pycode

import "strings"

// Strip returns src with comments and string literal contents blanked to spaces, keeping every
// byte offset and line break, so that regular expressions over the result see only code: a
// docstring mentioning subprocess or a message string such as "builtins.ValueError" is data,
// not a call. Expressions inside f-strings stay visible.
func Strip(src string) string {
	b := make([]byte, len(src))
	for i := range b {
		if src[i] == '\n' {
			b[i] = '\n'
		} else {
			b[i] = ' '
		}
	}
	lx := NewLexer(src)
	for t, ok := lx.Next(); ok; t, ok = lx.Next() {
		if t.Kind == TokString || t.Kind == TokNewline || t.Synthetic {
			continue
		}
		copy(b[t.Start:t.End], src[t.Start:t.End])
	}
	return string(b)
}

// maxLineText bounds the source line quoted in evidence.
const maxLineText = 160

// Line returns the 1-based line number of byte offset at in src and that line's text, trimmed
// and cut to maxLineText bytes.
func Line(src string, at int) (int, string) {
	at = min(max(at, 0), len(src))
	start := strings.LastIndexByte(src[:at], '\n') + 1
	end := strings.IndexByte(src[at:], '\n')
	if end < 0 {
		end = len(src) - at
	}
	line := strings.TrimSpace(src[start : at+end])
	if len(line) > maxLineText {
		line = cutText(line, maxLineText) + "…"
	}
	return strings.Count(src[:at], "\n") + 1, line
}

// cutText returns at most n bytes of s without splitting a UTF-8 sequence.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
