package code

import (
	"strconv"
	"strings"
)

// Shell quoting lets a command be written so that no literal key appears: r''m, r\m, "r"m,
// rm${IFS}-rf, $'\x72\x6d', p^o^w^e^r^s^h^e^l^l, a pipe moved to the next line behind a
// backslash. The shell removes all of that before it runs the command, so the scanner does
// the same on a second copy of the text — only when one of these tricks is present, so an
// ordinary answer pays for a few byte searches.

// maxDeob bounds the text rewritten; longer segments are de-obfuscated in their first part only.
const maxDeob = 64 << 10

// obfuscated reports whether text uses one of the tricks deobfuscate undoes.
func obfuscated(text string) bool {
	// Every marker starts with a rare byte: strings.Contains skips to it fast. A marker that
	// starts with a space (` "/`) would stop at every word.
	for _, m := range [...]string{"''", `""`, "$IFS", "${IFS", "$'\\", "\\\n", "\\\r\n"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return quotedRoot(text) || midWord(text, '^', "") || midWord(text, '\\', "ntrxuUbfvaeswdSWD")
}

// quotedRoot reports an argument that starts with a quoted / or ~ (rm -rf "/").
func quotedRoot(text string) bool {
	for _, m := range [...]string{`"/`, `'/`, `"~`, `'~`} {
		for i := 0; ; i++ {
			j := strings.Index(text[i:], m)
			if j < 0 {
				break
			}
			if i += j; i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
				return true
			}
		}
	}
	return false
}

// midWord reports c between two ASCII letters, the second not one of except.
func midWord(text string, c byte, except string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], c)
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && i+1 < len(text) && isLetter(text[i-1]) && isLetter(text[i+1]) &&
			strings.IndexByte(except, text[i+1]) < 0 {
			return true
		}
	}
}

// deobfuscate returns text with shell quoting removed, and for every byte of it the offset of
// the byte of text it came from.
func deobfuscate(text string) (string, []int32) {
	text = text[:min(len(text), maxDeob)]
	var b strings.Builder
	b.Grow(len(text))
	offs := make([]int32, 0, len(text))
	put := func(c byte, at int) { b.WriteByte(c); offs = append(offs, int32(at)) }
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && (text[i+1] == '\n' || strings.HasPrefix(text[i+1:], "\r\n")):
			i += 2 // line continuation
			if text[i-1] == '\r' {
				i++
			}
		case c == '\\' && i+1 < len(text):
			put(text[i+1], i+1)
			i += 2
		case c == '$' && strings.HasPrefix(text[i:], "${IFS"):
			end := strings.IndexByte(text[i:], '}')
			if end < 0 || end > 12 {
				end = 5
			}
			put(' ', i)
			i += end + 1
		case c == '$' && strings.HasPrefix(text[i:], "$IFS"):
			put(' ', i)
			i += 4
		case c == '$' && strings.HasPrefix(text[i:], "$'"):
			i = ansiC(text, i+2, put)
		case c == '\'' || c == '"':
			i++
		case c == '^' && i > 0 && i+1 < len(text) && isLetter(text[i-1]) && isLetter(text[i+1]):
			i++
		default:
			put(c, i)
			i++
		}
	}
	return b.String(), offs
}

// ansiC decodes the body of a $'…' string starting at i and returns the index after it.
func ansiC(text string, i int, put func(byte, int)) int {
	for i < len(text) && text[i] != '\'' && text[i] != '\n' {
		if text[i] != '\\' || i+1 >= len(text) {
			put(text[i], i)
			i++
			continue
		}
		at := i
		switch e := text[i+1]; {
		case e == 'x' && i+3 < len(text):
			if v, err := strconv.ParseUint(text[i+2:i+4], 16, 8); err == nil {
				put(byte(v), at)
				i += 4
				continue
			}
		case e >= '0' && e <= '7' && i+3 < len(text):
			if v, err := strconv.ParseUint(text[i+1:i+4], 8, 8); err == nil {
				put(byte(v), at)
				i += 4
				continue
			}
		case e == 'n':
			put('\n', at)
			i += 2
			continue
		case e == 't':
			put('\t', at)
			i += 2
			continue
		}
		put(text[i+1], at)
		i += 2
	}
	return i + 1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
