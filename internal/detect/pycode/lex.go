package pycode

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokKind classifies a token.
type TokKind uint8

// Token kinds. Comments and whitespace produce no tokens; NEWLINE is emitted only for line
// ends outside brackets (logical lines), collapsed over blank lines.
const (
	TokName TokKind = iota + 1
	TokNumber
	TokString
	TokOp
	TokNewline
)

// MaxLiteral bounds the decoded value kept for one string literal.
const MaxLiteral = 64 << 10

// maxModes bounds f-string nesting (two modes per level); deeper f-strings are read as plain
// strings. CPython 3.12 stops at 150 levels, so nothing that compiles is cut short.
const maxModes = 320

// Token is one lexical unit of Python source.
type Token struct {
	Kind       TokKind
	Start, End int    // byte span in the source
	Text       string // names (NFKC-folded), numbers and operators as written; strings decoded (at most MaxLiteral bytes)
	Prefix     string // string prefix in lower case: "", "r", "b", "f", "rb", "fr", …
	Stmt       bool   // a string that begins a statement outside brackets: a docstring or bare expression
	Synthetic  bool   // "f(" and "f)" around the expressions of an f-string (no source text)
}

// lexer modes: plain code, the literal part of an f-string, the expression inside its braces
// and the format spec after a top-level ':' in that expression.
const (
	modeFString = iota + 1
	modeFExpr
	modeFSpec
)

type lexMode struct {
	kind    int
	quote   byte
	triple  bool
	raw     bool
	braces  int  // open brackets inside an f-string expression
	emitted bool // the f-string's String token was emitted
	start   int  // start of the literal (prefix included)
	body    int  // start of the literal's body
	prefix  string
}

// Lexer splits Python source into tokens one at a time, in constant memory besides the token
// it returns. It accepts any input: malformed source yields some token sequence, never a panic.
type Lexer struct {
	src       string
	pos       int
	depth     int  // open brackets in plain code
	stmtStart bool // the next token begins a statement
	modes     []lexMode
	queue     []Token // tokens produced but not yet returned, from head on
	head      int
}

// NewLexer returns a lexer over src.
func NewLexer(src string) *Lexer {
	return &Lexer{src: src, stmtStart: true}
}

// Next returns the next token, or false at the end of the source.
func (l *Lexer) Next() (Token, bool) {
	for l.head == len(l.queue) {
		l.queue, l.head = l.queue[:0], 0 // reuse the backing array
		if !l.step() {
			return Token{}, false
		}
	}
	t := l.queue[l.head]
	l.head++
	return t, true
}

// step advances by at most one token (some steps only skip text), queueing what it produced.
// It returns false at the end of the input.
func (l *Lexer) step() bool {
	if l.pos >= len(l.src) {
		return l.flushModes()
	}
	if n := len(l.modes); n > 0 && (l.modes[n-1].kind == modeFString || l.modes[n-1].kind == modeFSpec) {
		l.fstringText()
		return true
	}
	l.code()
	return true
}

// flushModes ends unterminated f-strings at the end of input.
func (l *Lexer) flushModes() bool {
	for len(l.modes) > 0 {
		m := l.modes[len(l.modes)-1]
		l.modes = l.modes[:len(l.modes)-1]
		switch {
		case m.kind == modeFString && !m.emitted:
			l.emitFHead(m, len(l.src), len(l.modes) == 0)
		case m.kind == modeFExpr || m.kind == modeFSpec:
			l.emitAt(Token{Kind: TokOp, Start: len(l.src), End: len(l.src), Text: "f)", Synthetic: true}, false)
		}
	}
	return l.head < len(l.queue)
}

func (l *Lexer) inFExpr() bool {
	return len(l.modes) > 0 && l.modes[len(l.modes)-1].kind == modeFExpr
}

// code reads one token (or skips blanks) in plain code or an f-string expression.
func (l *Lexer) code() {
	c := l.src[l.pos]
	switch {
	case c == ' ' || c == '\t' || c == '\f' || c == '\r':
		l.pos++
	case c == '\\' && strings.HasPrefix(l.src[l.pos+1:], "\n"):
		l.pos += 2
	case c == '\\' && strings.HasPrefix(l.src[l.pos+1:], "\r\n"):
		l.pos += 3
	case c == '#':
		end := strings.IndexByte(l.src[l.pos:], '\n')
		if end < 0 {
			end = len(l.src) - l.pos
		}
		l.pos += end
	case c == '\n':
		l.pos++
		if l.depth == 0 && !l.inFExpr() && !l.stmtStart {
			l.emit(Token{Kind: TokNewline, Start: l.pos - 1, End: l.pos, Text: "\n"})
			l.stmtStart = true
		}
	case c == '"' || c == '\'':
		l.str(l.pos, "")
	case c >= '0' && c <= '9' || c == '.' && l.pos+1 < len(l.src) && l.src[l.pos+1] >= '0' && l.src[l.pos+1] <= '9':
		l.number()
	case isNameStart(l.src, l.pos):
		l.name()
	default:
		l.op()
	}
}

// emit queues a token read in plain code (or an f-string expression).
func (l *Lexer) emit(t Token) { l.emitAt(t, len(l.modes) == 0) }

// emitAt queues a token; top says it belongs to plain code outside any f-string, where it
// ends "statement start" (and a string there may be a docstring).
func (l *Lexer) emitAt(t Token, top bool) {
	if t.Kind != TokNewline && top {
		if t.Kind == TokString {
			t.Stmt = l.stmtStart && l.depth == 0
		}
		l.stmtStart = t.Kind == TokOp && t.Text == ";" && l.depth == 0
	}
	l.queue = append(l.queue, t)
}

func (l *Lexer) number() {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.':
			l.pos++
		case (c == '+' || c == '-') && (l.src[l.pos-1] == 'e' || l.src[l.pos-1] == 'E') && !isHexLiteral(l.src[start:l.pos]):
			l.pos++
		default:
			l.emit(Token{Kind: TokNumber, Start: start, End: l.pos, Text: l.src[start:l.pos]})
			return
		}
	}
	l.emit(Token{Kind: TokNumber, Start: start, End: l.pos, Text: l.src[start:l.pos]})
}

func isHexLiteral(s string) bool {
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

// name reads an identifier, or a string prefix followed by its literal.
func (l *Lexer) name() {
	start := l.pos
	ascii := true
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c < utf8.RuneSelf {
			if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				break
			}
			l.pos++
			continue
		}
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if !isIdentRune(r) {
			break
		}
		ascii = false
		l.pos += size
	}
	text := l.src[start:l.pos]
	if l.pos < len(l.src) && (l.src[l.pos] == '"' || l.src[l.pos] == '\'') && isStringPrefix(text) {
		l.str(start, strings.ToLower(text))
		return
	}
	if !ascii {
		text = foldIdent(text)
	}
	l.emit(Token{Kind: TokName, Start: start, End: l.pos, Text: text})
}

func isNameStart(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || r == '_' || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)
}

func isIdentRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' ||
		unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Nl, unicode.Other_ID_Start, unicode.Other_ID_Continue)
}

// isStringPrefix reports whether an identifier is a string prefix (r, b, u, f, t and their
// two-letter combinations, any case).
func isStringPrefix(s string) bool {
	switch strings.ToLower(s) {
	case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt":
		return true
	}
	return false
}

// ops are the multi-character operators, longest first.
var ops = []string{"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "==", "!=", "<=", ">=",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="}

func (l *Lexer) op() {
	start := l.pos
	rest := l.src[l.pos:]
	if c := rest[0]; c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(rest)
		l.pos += size
		l.emit(Token{Kind: TokOp, Start: start, End: l.pos, Text: rest[:size]})
		return
	}
	text := rest[:1]
	if len(rest) > 1 && strings.IndexByte("()[]{},;~", rest[0]) < 0 {
		for _, o := range ops {
			if strings.HasPrefix(rest, o) {
				text = o
				break
			}
		}
	}
	if l.inFExpr() && l.fexprOp(text) {
		return
	}
	l.pos += len(text)
	if !l.inFExpr() {
		switch text {
		case "(", "[", "{":
			l.depth++
		case ")", "]", "}":
			if l.depth > 0 {
				l.depth--
			}
		}
	}
	l.emit(Token{Kind: TokOp, Start: start, End: l.pos, Text: text})
}
