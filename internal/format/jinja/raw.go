package jinja

import "strings"

// rawWords are identifiers worth reporting from a plain-text scan besides dunder names. Words
// common in chat-template text (system, os, eval) are left out: raw scans see prose too.
var rawWords = map[string]bool{"popen": true, "subprocess": true, "check_output": true, "import_module": true}

// maxRawHits bounds the raw scan's output.
const maxRawHits = 200

// scanRaw decodes Python escapes in src[from:] and lists dunder identifiers (__x__) and
// rawWords found in it, each once. It backs the token walk where the lexer did not reach.
func scanRaw(src string, from int) []Name {
	text, _ := Unescape(src[from:])
	var out []Name
	seen := make(map[string]bool)
	for i := 0; i < len(text) && len(out) < maxRawHits; {
		if !isIdentByte(text[i]) || (i > 0 && isIdentByte(text[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(text) && isIdentByte(text[j]) {
			j++
		}
		word := text[i:j]
		if (IsDunder(word) || rawWords[word]) && !seen[word] {
			seen[word] = true
			out = append(out, Name{Name: word, Pos: from + i})
		}
		i = j
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// IsDunder reports whether s is a Python special name such as __class__ or __globals__.
func IsDunder(s string) bool {
	return len(s) > 4 && strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__") && strings.Trim(s, "_") != ""
}
