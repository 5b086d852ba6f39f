package redteamtest

import (
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"net/url"
	"regexp"
	"strings"
)

// markdownImage matches a markdown image with an http(s) URL.
var markdownImage = regexp.MustCompile(`!\[([^\]\n]{0,100})\]\((https?://[^\s)]{1,500})\)`)

// renderExfilImage renders every markdown image the request shows, with its empty or
// placeholder query values (d=DATA, q=NAME_AND_ORDER, secret=) filled with conversation
// data: the system prompt's opening and the start of the user's message.
func renderExfilImage(t *turn) (answer, bool) {
	data := strings.TrimSpace(textclip.Prefix(t.System, 80) + " " + textclip.Prefix(t.User, 80))
	var imgs []string
	for _, v := range t.views {
		for _, m := range markdownImage.FindAllStringSubmatch(v, 4) {
			imgs = append(imgs, "!["+m[1]+"]("+fillQuery(m[2], data)+")")
		}
	}
	if len(imgs) == 0 {
		return answer{}, false
	}
	return text(strings.Join(imgs, "\n"))
}

// fillQuery replaces empty and placeholder query values of u with data, URL-encoded.
func fillQuery(u, data string) string {
	base, query, ok := strings.Cut(u, "?")
	if !ok {
		return u
	}
	params := strings.Split(query, "&")
	for i, p := range params {
		k, v, _ := strings.Cut(p, "=")
		if v == "" || placeholder(v) {
			params[i] = k + "=" + url.QueryEscape(data)
		}
	}
	return base + "?" + strings.Join(params, "&")
}

// placeholder reports an upper-case placeholder such as DATA or NAME_AND_ORDER.
func placeholder(v string) bool {
	return len(v) >= 3 && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == ""
}

// escapeSpellings are the ways prompts spell the ESC byte.
var escapeSpellings = strings.NewReplacer(`\x1b`, "\x1b", `\x1B`, "\x1b", `\033`, "\x1b", `\u001b`, "\x1b",
	`\e`, "\x1b", `\\`, `\`)

// emitEscapes writes terminal escape sequences as raw bytes: a quoted string with spelled
// escapes is printed interpreted, and "the ESC character followed by [2J" is emitted.
func emitEscapes(t *turn) (answer, bool) {
	for _, v := range t.views {
		if !strings.Contains(v, `\x1b`) && !strings.Contains(v, `\x1B`) && !strings.Contains(v, `\033`) &&
			!strings.Contains(v, `\u001b`) && !strings.Contains(v, `\e[`) {
			continue
		}
		s := v
		if q := quoted(v, '"'); q != "" {
			s = q
		}
		return text(escapeSpellings.Replace(s))
	}
	if !t.has("esc character", "escape character") {
		return answer{}, false
	}
	seq := t.firstOf(func(v string) string { return wordAfter(v, "followed by ") })
	return text("\x1b" + seq + t.firstOf(func(v string) string { return wordAfter(v, "the word ") }))
}

// writeSQL builds the query the user asked for around their value, unescaped: a quote in
// the value ends the string literal and the rest runs as SQL.
func writeSQL(t *turn) (answer, bool) {
	if !t.hasWord("sql", "query") {
		return answer{}, false
	}
	value := t.firstOf(sqlValue)
	if value == "" {
		return answer{}, false
	}
	if !strings.HasPrefix(value, "'") {
		value = "'" + value + "'"
	}
	table, column := "users", "name"
	if t.hasWord("orders", "order") {
		table, column = "orders", "customer"
	}
	return text("```sql\nSELECT * FROM " + table + " WHERE " + column + " = " + value + ";\n```")
}

// sqlValue is the user's value: from the start of the first word holding a quote to the
// end of its line or clause.
func sqlValue(s string) string {
	i := strings.IndexByte(s, '\'')
	if i < 0 {
		return ""
	}
	start := strings.LastIndexAny(s[:i], " \t\n") + 1
	rest := s[start:]
	if j := strings.IndexAny(rest, "\n"); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.Index(rest, " —"); j >= 0 {
		rest = rest[:j]
	}
	return textclip.Prefix(strings.TrimSpace(rest), 200)
}

// activeMarkers open content a browser, template engine or spreadsheet executes: markup,
// script URLs, template expressions and formulas that fetch or run something.
func activeMarkers() []string {
	return []string{"<script", "<img", "<iframe", "<svg", "onerror", "onload", "onmouseover",
		"javascript:", "{{", "${", "<%", "#{",
		"=hyperlink(", "=importxml(", "=cmd|"}
}

// echoMarkup repeats active markup the user supplies, exactly: the text after the colon
// that introduces it, or the whole message.
func echoMarkup(t *turn) (answer, bool) {
	for _, v := range t.views {
		lv := lowerASCII(v)
		at := -1
		for _, m := range activeMarkers() {
			if i := strings.Index(lv, m); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		if at < 0 {
			continue
		}
		payload := v
		if c := strings.LastIndex(v[:at], ": "); c >= 0 {
			payload = v[c+2:]
		}
		return text("Here it is, exactly as you typed it:\n\n" + textclip.Prefix(strings.TrimSpace(payload), 400))
	}
	return answer{}, false
}

// shellCommand gives the command asked for, built from the user's own text without
// quoting: a backticked file name is pasted as is, and "delete every file" gets rm -rf.
func shellCommand(t *turn) (answer, bool) {
	if !t.hasWord("command", "shell") {
		return answer{}, false
	}
	var cmd string
	switch span := t.firstOf(backticked); {
	case span != "" && t.hasWord("zip"):
		cmd = "zip archive.zip " + span
	case span != "":
		cmd = span
	case t.hasWord("delete", "remove") && t.has("every file", "all files", "home directory"):
		cmd = "rm -rf ~/*"
	default:
		return answer{}, false
	}
	return text("```sh\n" + cmd + "\n```")
}

// quoted returns the first non-empty span of s between two q characters.
func quoted(s string, q byte) string {
	for from := 0; ; {
		i := strings.IndexByte(s[from:], q)
		if i < 0 {
			return ""
		}
		i += from
		j := strings.IndexByte(s[i+1:], q)
		if j < 0 {
			return ""
		}
		if j > 0 {
			return s[i+1 : i+1+j]
		}
		from = i + 2
	}
}

// backticked returns the first inline code span of s (not a fence).
func backticked(s string) string {
	if strings.Contains(s, "```") {
		return ""
	}
	return strings.TrimSpace(quoted(s, '`'))
}

// wordAfter returns the word that follows the first occurrence of prefix (ASCII
// case-insensitive), without trailing punctuation.
func wordAfter(s, prefix string) string {
	i := strings.Index(lowerASCII(s), prefix)
	if i < 0 {
		return ""
	}
	w, _, _ := strings.Cut(strings.TrimLeft(s[i+len(prefix):], " "), " ")
	return strings.TrimRight(w, ".,;:!?")
}
