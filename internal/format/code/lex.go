package code

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

// Token kinds. Comments and blanks produce nothing; tkNL marks a line break in code (runs of
// them collapse).
const (
	tkEOF  tokKind = iota
	tkName         // identifier or keyword
	tkAtom         // number, character literal, regular expression
	tkStr          // string literal, text decoded
	tkOp           // operator or bracket
	tkNL
)

// Synthetic operators around the code inside f-string and template interpolations.
const (
	opInterpOpen  = "f("
	opInterpClose = "f)"
)

// token is one lexical unit.
type token struct {
	kind   tokKind
	interp bool // tkStr: an f-string or template literal with interpolations
	start  int
	end    int
	line   int
	text   string
}

// lexMode is an entry of the lexer's mode stack: the literal part of an f-string or template
// literal, or the code inside one of its interpolations.
type lexMode struct {
	expr   bool // code inside an interpolation (else the literal text)
	spec   bool // Python: the format spec after ':' inside a replacement field
	quote  byte // the closing quote (`'`, `"` or '`')
	triple bool
	raw    bool
	interp bool // the literal had at least one interpolation
	braces int  // open brackets inside an interpolation
	start  int  // start of the literal (prefix included)
	body   int  // start of its body
	line   int  // line of its start
}

// maxModes bounds f-string / template nesting; deeper literals are read as plain strings.
const maxModes = 64

// lexer splits source into tokens, one Next at a time, in memory bounded by the mode stack.
type lexer struct {
	lang  Lang
	src   string
	pos   int
	line  int
	modes []lexMode
	queue []token
	head  int
	// prev is the last token returned other than tkNL (for the JS regular-expression rule).
	prev   token
	lastNL bool
	// noRegex: a '/' before this offset is an operator (a scan from an earlier '/' reached
	// the line end without a closing '/'), which keeps regex scanning linear.
	noRegex int
}

func newLexer(lang Lang, src string) *lexer {
	lx := &lexer{lang: lang, src: src, line: 1, lastNL: true}
	if strings.HasPrefix(src, "#!") && lang != Python {
		lx.skipLine()
	}
	return lx
}

// next returns the next token; kind tkEOF at the end.
func (l *lexer) next() token {
	for l.head == len(l.queue) {
		l.queue, l.head = l.queue[:0], 0
		if !l.step() {
			return token{kind: tkEOF, start: len(l.src), end: len(l.src), line: l.line}
		}
	}
	t := l.queue[l.head]
	l.head++
	if t.kind != tkNL {
		l.prev = t
	}
	return t
}

func (l *lexer) emit(t token) {
	if t.kind == tkNL {
		if l.lastNL {
			return
		}
		l.lastNL = true
	} else {
		l.lastNL = false
	}
	l.queue = append(l.queue, t)
}

// step reads at most one token (some steps only skip text). It returns false at the end.
func (l *lexer) step() bool {
	if l.pos >= len(l.src) {
		return l.flushModes()
	}
	if n := len(l.modes); n > 0 && !l.modes[n-1].expr {
		l.literalText()
		return true
	}
	l.code()
	return true
}

// flushModes closes literals left open at the end of input.
func (l *lexer) flushModes() bool {
	for len(l.modes) > 0 {
		m := l.modes[len(l.modes)-1]
		l.modes = l.modes[:len(l.modes)-1]
		if m.expr {
			l.emit(token{kind: tkOp, start: len(l.src), end: len(l.src), line: l.line, text: opInterpClose})
			continue
		}
		if !m.spec {
			l.emitLiteral(m, len(l.src), len(l.src))
		}
	}
	return l.head < len(l.queue)
}

func (l *lexer) inExpr() bool { return len(l.modes) > 0 && l.modes[len(l.modes)-1].expr }

// code reads one token (or skips blanks or a comment) in plain code or an interpolation.
func (l *lexer) code() {
	c := l.src[l.pos]
	switch {
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		l.pos++
	case c == '\n':
		l.pos++
		if !l.inExpr() {
			l.emit(token{kind: tkNL, start: l.pos - 1, end: l.pos, line: l.line})
		}
		l.line++
	case c == '\\' && l.lang == Python && (strings.HasPrefix(l.src[l.pos+1:], "\n") || strings.HasPrefix(l.src[l.pos+1:], "\r\n")):
		l.pos += 1 + strings.IndexByte(l.src[l.pos+1:], '\n') + 1
		l.line++
	case c == '#' && l.lang == Python:
		l.skipLine()
	case c == '/' && l.lang != Python && l.pos+1 < len(l.src) && l.src[l.pos+1] == '/':
		l.skipLine()
	case c == '/' && l.lang != Python && l.pos+1 < len(l.src) && l.src[l.pos+1] == '*':
		l.blockComment()
	case c == '"' || c == '\'' || c == '`':
		l.quote(l.pos, "")
	case c >= '0' && c <= '9' || c == '.' && l.pos+1 < len(l.src) && l.src[l.pos+1] >= '0' && l.src[l.pos+1] <= '9':
		l.number()
	case c == '/' && (l.lang == JavaScript || l.lang == TypeScript) && l.regexAllowed():
		l.regex()
	case isNameStart(l.src, l.pos) || c == '$' && l.lang != Python && l.lang != Go:
		l.name()
	default:
		l.op()
	}
}

func (l *lexer) skipLine() {
	end := strings.IndexByte(l.src[l.pos:], '\n')
	if end < 0 {
		l.pos = len(l.src)
		return
	}
	l.pos += end
}

func (l *lexer) blockComment() {
	end := strings.Index(l.src[l.pos+2:], "*/")
	stop := len(l.src)
	if end >= 0 {
		stop = l.pos + 2 + end + 2
	}
	l.line += strings.Count(l.src[l.pos:stop], "\n")
	l.pos = stop
}

func (l *lexer) number() {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.':
			l.pos++
		case (c == '+' || c == '-') && (l.src[l.pos-1] == 'e' || l.src[l.pos-1] == 'E') && !isHex(l.src[start:l.pos]):
			l.pos++
		default:
			l.emit(token{kind: tkAtom, start: start, end: l.pos, line: l.line, text: l.src[start:l.pos]})
			return
		}
	}
	l.emit(token{kind: tkAtom, start: start, end: l.pos, line: l.line, text: l.src[start:l.pos]})
}

func isHex(s string) bool { return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') }

// name reads an identifier, or a Python string prefix followed by its literal.
func (l *lexer) name() {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c < utf8.RuneSelf {
			if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '$' && l.lang != Python && l.lang != Go {
				l.pos++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) {
			break
		}
		l.pos += size
	}
	if l.pos == start { // a lone byte that isNameStart accepted but the loop did not (cannot happen for ASCII)
		l.pos++
	}
	text := l.src[start:l.pos]
	if l.lang == Python && l.pos < len(l.src) && (l.src[l.pos] == '"' || l.src[l.pos] == '\'') && isStringPrefix(text) {
		l.quote(start, strings.ToLower(text))
		return
	}
	l.emit(token{kind: tkName, start: start, end: l.pos, line: l.line, text: text})
}

func isNameStart(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

// isStringPrefix reports whether an identifier is a Python string prefix.
func isStringPrefix(s string) bool {
	if len(s) > 2 {
		return false
	}
	switch strings.ToLower(s) {
	case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt":
		return true
	}
	return false
}

// opsByFirst are the multi-character operators that matter to the parser, by first byte,
// longest first.
var opsByFirst = [128][]string{
	'=': {"===", "=>", "=="},
	'!': {"!==", "!="},
	'*': {"**=", "*=", "**"},
	'/': {"//=", "/=", "//"},
	'>': {">>>", ">>=", ">=", ">>"},
	'<': {"<<=", "<=", "<<", "<-"},
	'.': {"..."},
	'&': {"&&=", "&=", "&&"},
	'|': {"||=", "|=", "||"},
	'?': {"??=", "?.", "??"},
	'-': {"->", "-=", "--"},
	':': {":=", "::"},
	'+': {"+=", "++"},
	'%': {"%="},
	'^': {"^="},
	'@': {"@="},
}

func (l *lexer) op() {
	start := l.pos
	rest := l.src[l.pos:]
	c := rest[0]
	if c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(rest)
		l.pos += size
		l.emit(token{kind: tkOp, start: start, end: l.pos, line: l.line, text: rest[:size]})
		return
	}
	text := rest[:1]
	if len(rest) > 1 {
		for _, o := range opsByFirst[c] {
			if len(rest) >= len(o) && rest[1] == o[1] && rest[:len(o)] == o {
				text = o
				break
			}
		}
		switch {
		case text == "?." && len(rest) > 2 && rest[2] >= '0' && rest[2] <= '9':
			text = "?" // a?.5:b is a conditional, not optional chaining
		case (text == ">>" || text == ">>>" || text == ">>=") && (l.lang == Java || l.lang == TypeScript):
			text = ">" // `>>` closes two generic lists in Java/TS; the parser never needs shifts
		case text == "//" && l.lang != Python:
			text = "/" // comments were handled before
		}
	}
	if l.inExpr() && l.exprOp(text) {
		return
	}
	l.pos += len(text)
	l.emit(token{kind: tkOp, start: start, end: l.pos, line: l.line, text: text})
}

// exprOp handles an operator inside an interpolation that changes the lexer mode: the
// closing "}", and in Python a top-level ':' (format spec) or '!r' conversion. It returns
// false for ordinary operators.
func (l *lexer) exprOp(text string) bool {
	m := &l.modes[len(l.modes)-1]
	switch text {
	case "(", "[", "{":
		m.braces++
	case ")", "]":
		if m.braces > 0 {
			m.braces--
		}
	case "}":
		if m.braces > 0 {
			m.braces--
			return false
		}
		l.modes = l.modes[:len(l.modes)-1]
		l.emit(token{kind: tkOp, start: l.pos, end: l.pos + 1, line: l.line, text: opInterpClose})
		l.pos++
		return true
	case ":":
		if m.braces == 0 && l.lang == Python {
			l.modes = l.modes[:len(l.modes)-1]
			l.emit(token{kind: tkOp, start: l.pos, end: l.pos, line: l.line, text: opInterpClose})
			l.modes = append(l.modes, lexMode{spec: true})
			l.pos++
			return true
		}
	case "!", "!=":
		if m.braces == 0 && l.lang == Python && l.pos+1 < len(l.src) && strings.IndexByte("rsa", l.src[l.pos+1]) >= 0 {
			l.pos += 2
			return true
		}
	}
	return false
}

// regexAllowed reports whether a '/' starts a regular expression literal in JS/TS: after an
// operator other than a closing bracket, after a keyword that precedes an expression, or at
// the start of the input.
func (l *lexer) regexAllowed() bool {
	switch l.prev.kind {
	case tkEOF:
		return true
	case tkOp:
		switch l.prev.text {
		case ")", "]", "}", opInterpClose, "++", "--":
			return false
		}
		return true
	case tkName:
		switch l.prev.text {
		case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await":
			return true
		}
	}
	return false
}

// regex reads a regular-expression literal; a '/' that does not close on the same line is
// read as an operator.
func (l *lexer) regex() {
	start := l.pos
	class := false
	for i := l.pos + 1; i < len(l.src) && l.pos >= l.noRegex; i++ {
		switch c := l.src[i]; {
		case c == '\n' || c == '\\' && i+1 < len(l.src) && l.src[i+1] == '\n':
			l.noRegex = i
			l.pos++
			l.emit(token{kind: tkOp, start: start, end: l.pos, line: l.line, text: "/"})
			return
		case c == '\\':
			i++
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			i++
			for i < len(l.src) && (l.src[i] >= 'a' && l.src[i] <= 'z') {
				i++
			}
			l.pos = i
			l.emit(token{kind: tkAtom, start: start, end: i, line: l.line, text: "/re/"})
			return
		}
	}
	if l.pos >= l.noRegex {
		l.noRegex = len(l.src)
	}
	l.pos++
	l.emit(token{kind: tkOp, start: start, end: l.pos, line: l.line, text: "/"})
}
