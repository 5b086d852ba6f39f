package markdown

import (
	"strings"

	"github.com/aisecops/aisec/internal/report/text"
)

// cellReplacer returns the replacer that neutralises Markdown and HTML syntax. Table cells end
// at "|" and at a line break, and evidence is attacker-controlled: without escaping, a pickle
// string could inject links, images or HTML into a pull-request comment.
func cellReplacer() *strings.Replacer {
	return strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
		"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`, "!", `\!`,
		// Escaping ":" defeats GFM autolinks such as http://evil.example.
		":", `\:`,
	)
}

// cell escapes s for a table cell. Line breaks and other control characters are first written
// as visible escapes (\n) by text.OneLine, so a cell is always one line.
func cell(s string) string {
	return cellReplacer().Replace(text.OneLine(s))
}

// code wraps an identifier-like value (rule ID, format) in a code span when it is safe to, and
// escapes it otherwise.
func code(s string) string {
	if s == "" || strings.ContainsAny(s, "`|\\") || text.OneLine(s) != s {
		return cell(s)
	}
	return "`" + s + "`"
}
