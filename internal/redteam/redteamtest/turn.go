package redteamtest

import (
	"strings"
)

// turn is what a scripted target reads of a chat request.
type turn struct {
	// System is the system (and developer) messages, joined by newlines.
	System string
	// User is the last user message: the probe's prompt.
	User string
	// Tools are the names of the declared function tools.
	Tools []string
	// views are User and what a capable model would read in it (decoded payloads,
	// unhidden text); see readings.
	views []string
	// lower is every view joined by newlines and ASCII lower-cased, for keyword tests.
	lower string
}

// answer is what a target replies: text, tool calls, or both.
type answer struct {
	Text  string
	Calls []call
}

// call is one function call in a reply.
type call struct {
	Name      string
	Arguments string
}

// newTurn extracts the turn from a request parsed by parseRequest.
func newTurn(req *chatRequest) *turn {
	t := &turn{}
	var system []string
	for i, m := range req.Messages {
		text := req.texts[i]
		switch m.Role {
		case "system", "developer":
			system = append(system, text)
		case "user":
			t.User = text
		}
	}
	t.System = strings.Join(system, "\n")
	for _, tool := range req.Tools {
		if tool.Function.Name != "" {
			t.Tools = append(t.Tools, tool.Function.Name)
		}
	}
	t.views = readings(t.User)
	t.lower = lowerASCII(strings.Join(t.views, "\n"))
	return t
}

// has reports whether any view contains one of the lower-case phrases.
func (t *turn) has(phrases ...string) bool {
	for _, p := range phrases {
		if strings.Contains(t.lower, p) {
			return true
		}
	}
	return false
}

// hasWord reports whether any view contains one of the lower-case words, as a whole word.
func (t *turn) hasWord(words ...string) bool {
	for _, w := range words {
		if indexWord(t.lower, w, 0) >= 0 {
			return true
		}
	}
	return false
}

// firstOf returns the first non-empty f(v) over the views: what a rule extracts from the
// request, read in clear when the request is encoded.
func (t *turn) firstOf(f func(v string) string) string {
	for _, v := range t.views {
		if s := f(v); s != "" {
			return s
		}
	}
	return ""
}

// lowerASCII lower-cases ASCII letters only, so byte offsets stay those of s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// indexWord returns the offset of the first whole-word occurrence of w in s at or after
// from, or -1. A word boundary is any byte that is not an ASCII letter, digit or '_'.
func indexWord(s, w string, from int) int {
	for from <= len(s) {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !wordByte(s[i-1])) && (end == len(s) || !wordByte(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
