package code

import (
	"regexp"
	"strings"
)

// Spreadsheet formula injection (CWE-1236). A cell whose text starts with '=', '+', '-' or
// '@' is evaluated as a formula by Excel, LibreOffice and Google Sheets when a CSV or a
// pasted table is opened. Formulas are ordinary spreadsheet help, so only the ones that act
// outside the sheet count: dynamic data exchange with a program ("=cmd|' /C calc'!A0",
// "=DDE(…)"), Excel 4.0 macro calls that run code (EXEC, CALL, REGISTER), and network
// functions (HYPERLINK, IMPORTXML, IMAGE, WEBSERVICE, …) whose URL is built from the sheet's
// own cells, which sends them to the URL's host when the cell is opened or clicked.
func sheetRules() []spec {
	return []spec{
		// DDE: application|'topic'!item. "cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0",
		// "-2+3+msexcel|'\..\cmd.exe /c calc'!''". Nothing but DDE writes name|'…'!.
		{kind: "spreadsheet:dde", score: 0.95, keys: []string{"|'", "| '"}, match: ddeLink},
		{kind: "spreadsheet:dde", score: 0.9, keys: []string{"dde(", "ddeauto"}, word: true, match: ddeCall},
		{kind: "spreadsheet:macro", score: 0.85, keys: []string{"exec(", "call(", "register(", "shell("}, match: macroCall},
		{kind: "spreadsheet:exfil", score: 0.85, keys: netFuncs, match: netFormula},
	}
}

// netFuncs are the spreadsheet functions that fetch a URL or link to one.
var netFuncs = []string{"hyperlink(", "importxml(", "importdata(", "importhtml(", "importfeed(",
	"importrange(", "image(", "webservice(", "filterxml("}

// formulaStart reports a function name at pos that starts a formula cell: one or more of
// "=+-@" (and arithmetic after them, "-2+3+") right before it, at the start of a line or
// of a cell (after a CSV or table separator or an opening quote). '+' and '-' must touch
// the name ("- IMAGE(url) inserts a picture" is a list item).
func formulaStart(text string, pos int) bool {
	k := pos
	if k > 0 && text[k-1] == ' ' && k > 1 && text[k-2] == '=' {
		k-- // "= HYPERLINK("
	}
	if k == 0 || strings.IndexByte("=+-@", text[k-1]) < 0 {
		return false
	}
	// Walk back over the formula prefix: operators, digits, and (for DDE payloads) a
	// leading function call such as "@SUM(1+9)*".
	for k > 0 && strings.IndexByte("=+-@*/&0123456789.", text[k-1]) >= 0 && pos-k < 16 {
		k--
	}
	return cellBoundary(text, k)
}

// cellBoundary reports a cell start at k: the start of the text or a line (after
// indentation), a CSV/TSV/table separator, an opening quote or backtick, or a label's colon.
func cellBoundary(text string, k int) bool {
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		if text[k-1] == '\t' {
			return true
		}
		k--
	}
	if k == 0 {
		return true
	}
	return strings.IndexByte("\n\r,;|\"'`:", text[k-1]) >= 0
}

// ddeLink matches name|'topic'!item at a '|' key: a program name before it, a quoted topic
// and '!' after it, and a formula prefix somewhere at the start of the cell.
func ddeLink(text string, pos, limit int) (int, bool) {
	// The program name right before '|'.
	for pos > 0 && text[pos-1] == ' ' {
		pos--
	}
	n := pos
	for n > 0 && (isAlnum(text[n-1]) || text[n-1] == '.' || text[n-1] == '_' || text[n-1] == '\\') && pos-n < 40 {
		n--
	}
	if n == pos {
		return 0, false
	}
	// The topic: '…' on the same line, then '!'.
	q := pos + strings.IndexByte(text[pos:], '\'')
	stop := min(len(text), q+1+256)
	close := strings.IndexAny(text[q+1:stop], "'\n")
	if close < 0 || text[q+1+close] != '\'' {
		return 0, false
	}
	end := q + 1 + close + 1
	if end >= len(text) || text[end] != '!' {
		return 0, false
	}
	end++
	for end < len(text) && (isAlnum(text[end]) || text[end] == '$' || text[end] == '\'' || text[end] == '"') && end < stop {
		end++
	}
	// The cell must be a formula: a formula character at the start of a cell before the
	// name, after at most a short prefix ("@SUM(1+9)*cmd|", "-2+3+cmd|").
	for k := n - 1; k >= 0 && n-k <= 32 && text[k] != '\n'; k-- {
		if strings.IndexByte("=+-@", text[k]) >= 0 && cellBoundary(text, k) {
			return end, true
		}
	}
	return 0, false
}

// ddeCall matches =DDE("app";"topic";…) and DDEAUTO fields.
func ddeCall(text string, pos, limit int) (int, bool) {
	if strings.HasPrefix(text[pos:], "ddeauto") {
		end := lineEnd(text, pos, 0, 200)
		return end, strings.Contains(text[pos:end], "\"") || strings.Contains(text[pos:end], "\\")
	}
	if !formulaStart(text, pos) {
		return 0, false
	}
	return callEnd(text, pos+len("dde("), limit), true
}

// macroCall matches Excel 4.0 macro functions that run programs or load code, at the
// start of a formula cell: =EXEC("calc"), =CALL("kernel32","WinExec",…), =REGISTER(…).
func macroCall(text string, pos, limit int) (int, bool) {
	if pos > 0 && (isAlnum(text[pos-1]) || text[pos-1] == '_' || text[pos-1] == '.') || !formulaStart(text, pos) {
		return 0, false
	}
	// The first argument is a string: a program, a DLL or a command line.
	open := pos + strings.IndexByte(text[pos:], '(')
	if arg := strings.TrimLeft(text[open+1:min(len(text), open+80)], " "); !strings.HasPrefix(arg, "\"") {
		return 0, false
	}
	return callEnd(text, open+1, limit), true
}

// netFormula matches a network function at the start of a formula cell whose URL is built
// from the sheet: a URL literal joined ('&', CONCAT, CONCATENATE, TEXTJOIN) with a range
// ("A1:C9") or with two or more cell references. A link or an import with a fixed URL, or
// with one looked-up value ("…/search?q="&A2), is everyday spreadsheet help.
func netFormula(text string, pos, limit int) (int, bool) {
	if pos > 0 && (isAlnum(text[pos-1]) || text[pos-1] == '_' || text[pos-1] == '.') || !formulaStart(text, pos) {
		return 0, false
	}
	open := pos + strings.IndexByte(text[pos:], '(')
	end := callEnd(text, open+1, limit)
	args := text[open+1 : end]
	if !strings.Contains(args, "http") {
		return 0, false
	}
	if !strings.Contains(args, "&") && !strings.Contains(args, "concat") && !strings.Contains(args, "textjoin") {
		return 0, false
	}
	refs, ranges := cellRefs(args)
	if ranges == 0 && refs < 2 {
		return 0, false
	}
	return end, true
}

// callEnd returns the end of the call whose arguments start at from: just past the
// matching ')' (quotes respected), or the end of the line, within limit.
func callEnd(text string, from, limit int) int {
	stop := min(len(text), max(limit, from+anchorSpan))
	depth, quoted := 1, false
	for k := from; k < stop; k++ {
		switch c := text[k]; {
		case c == '\n':
			return k
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth == 0 {
				return k + 1
			}
		}
	}
	return stop
}

// refRE finds cell references and ranges ("a2", "$b$7", "a1:c9", "a:a") in lower-cased
// formula arguments whose string literals were blanked.
var refRE = regexp.MustCompile(`\$?[a-z]{1,3}\$?[0-9]{1,7}(?::\$?[a-z]{1,3}\$?[0-9]{0,7})?|[a-z]{1,3}:[a-z]{1,3}`)

// cellRefs counts the distinct cell references and the ranges outside string literals.
func cellRefs(args string) (refs, ranges int) {
	b := []byte(args)
	quoted := false
	for k, c := range b {
		if c == '"' {
			quoted = !quoted
		} else if quoted {
			b[k] = ' '
		}
	}
	seen := map[string]bool{}
	for _, m := range refRE.FindAllIndex(b, 32) {
		if m[0] > 0 && (isAlnum(b[m[0]-1]) || b[m[0]-1] == '_' || b[m[0]-1] == '.') ||
			m[1] < len(b) && (isAlnum(b[m[1]]) || b[m[1]] == '_' || b[m[1]] == '(') {
			continue // part of a word or a function name ("log10(")
		}
		ref := string(b[m[0]:m[1]])
		switch {
		case strings.Contains(ref, ":"):
			ranges++
		case !seen[ref]:
			seen[ref] = true
			refs++
		}
	}
	return refs, ranges
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
