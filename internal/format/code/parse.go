package code

import "strings"

// frameKind is what an open bracket is.
type frameKind uint8

const (
	fkGroup     frameKind = iota // parentheses, list, Python dict/set, declaration parameters
	fkCall                       // call arguments
	fkIndex                      // subscript of a chain
	fkBlock                      // '{' block of statements (C-like languages)
	fkLiteral                    // '{' of an object or composite literal that is not analysed
	fkObject                     // JS/TS object literal that is an argument of a call
	fkComposite                  // Go composite literal of an imported type
	fkInterp                     // f-string / template interpolation
)

// callee is a call's callee, captured when its bracket opens.
type callee struct {
	text, module, raw string
	start, line       int
	isNew             bool
}

// frame is one open bracket.
type frame struct {
	kind    frameKind
	stmtish bool // the callee began a statement (TS method declarations)
	decl    bool // declaration parameters: no call is recorded
	recv    bool // Go: the receiver list of a method declaration
	class   bool // fkBlock: a class body, whose field assignments also bind this.<name>
	open    string
	keyOp   string // the operator of named arguments: "=" (Python), ":" (objects, composites), "" none
	key     string // the key or parameter whose value is being read (see Literal.Key), "" none
	pos     int    // offset of the opening bracket
	call    *callee
	saved   *chain // fkIndex: the chain being subscripted
	outer   *stmt  // fkBlock: the statement around the block, restored when it closes
	args    []Arg
	cur     argAcc
}

// binding is what a local name resolves to.
type binding struct{ text, module string }

// parser walks the tokens once, tracking brackets, the current dotted chain and the current
// statement.
type parser struct {
	lang                                    Lang
	src                                     string
	f                                       *File
	lx                                      *lexer
	look                                    []token // lookahead, from lookHead on
	lookHd                                  int
	stack                                   []frame
	extra                                   int // brackets opened beyond maxDepth
	ch                                      chain
	prev                                    token // previous token other than tkNL
	prev2                                   token // the token other than tkNL before prev
	prevFirst                               bool  // prev was the first token of its line
	nlSince                                 bool  // a line break since prev
	alias                                   map[string]binding
	st                                      stmt
	declNext, shadowNext, newNext, recvNext bool
	classNext                               bool  // a class declaration's body is the next block
	goHdr                                   []int // Go: depths of if/for/switch/select/func headers whose '{' opens a block
}

func newParser(lang Lang, src string, f *File) *parser {
	p := &parser{lang: lang, src: src, f: f, lx: newLexer(lang, src), alias: map[string]binding{}}
	// Typical densities (per byte of source) of what is kept, to avoid regrowing the lists.
	f.Idents = make([]Ident, 0, min(len(src)/12+8, MaxIdents))
	f.Calls = make([]Call, 0, min(len(src)/60+4, MaxCalls))
	f.Strings = make([]Literal, 0, min(len(src)/40+4, MaxStrings))
	f.Assigns = make([]Assign, 0, min(len(src)/120+4, MaxAssigns))
	p.stack = make([]frame, 0, 16)
	p.st.reset(0)
	return p
}

// next returns the next token (from the lookahead first).
func (p *parser) next() token {
	if p.lookHd < len(p.look) {
		t := p.look[p.lookHd]
		p.lookHd++
		if p.lookHd == len(p.look) {
			p.look, p.lookHd = p.look[:0], 0
		}
		return t
	}
	return p.lx.next()
}

// peek returns the i-th token ahead (0 = the next one) without consuming it.
func (p *parser) peek(i int) token {
	for len(p.look)-p.lookHd <= i {
		t := p.lx.next()
		p.look = append(p.look, t)
		if t.kind == tkEOF {
			break
		}
	}
	if p.lookHd+i < len(p.look) {
		return p.look[p.lookHd+i]
	}
	return token{kind: tkEOF, start: len(p.src), end: len(p.src)}
}

// peekCode returns the next token that is not a line break.
func (p *parser) peekCode() token {
	for i := 0; i < 8; i++ {
		if t := p.peek(i); t.kind != tkNL {
			return t
		}
	}
	return token{kind: tkEOF}
}

func (p *parser) run() {
	for {
		t := p.next()
		if t.kind == tkEOF {
			break
		}
		p.token(t)
	}
	for len(p.stack) > 0 { // unclosed brackets: close them at the end
		p.closeTop(token{kind: tkOp, start: len(p.src), end: len(p.src), line: p.lx.line})
	}
	p.endStmt()
}

func (p *parser) token(t token) {
	if t.kind == tkNL {
		p.newline()
		p.nlSince = true
		return
	}
	if p.st.pendingNL {
		p.st.pendingNL = false
		if !p.continues(t) {
			p.boundary()
		}
	}
	if p.st.fresh && p.importStmt(t) {
		p.boundary()
		return
	}
	p.stmtTok(t)
	switch t.kind {
	case tkName:
		p.feed(t)
		p.name(t)
	case tkStr:
		p.feed(t)
		p.literal(t)
		p.startChain(t, `""`, "", false)
	case tkAtom:
		p.feed(t)
		p.ch.active = false
	default:
		p.op(t)
	}
	p.prev2, p.prevFirst = p.prev, p.nlSince || p.prev.kind == tkEOF
	p.prev, p.nlSince = t, false
}

// feed adds a token to the current argument of the innermost collecting frame.
func (p *parser) feed(t token) {
	if n := len(p.stack); n > 0 && p.stack[n-1].keyOp != "" || n > 0 && p.stack[n-1].kind == fkCall {
		p.argTok(&p.stack[n-1], t)
	}
}

// literal records a string literal.
func (p *parser) literal(t token) {
	if len(p.f.Strings) >= MaxStrings {
		p.f.Capped = true
		return
	}
	key, listed := p.literalKey()
	p.f.Strings = append(p.f.Strings, Literal{Value: t.text, Line: t.line, Offset: t.start, Interpolated: t.interp, Key: key, Listed: listed})
}

func (p *parser) ident(name string, off int) int {
	if len(p.f.Idents) >= MaxIdents {
		p.f.Capped = true
		return -1
	}
	p.f.Idents = append(p.f.Idents, Ident{Name: name, Offset: off})
	return len(p.f.Idents) - 1
}

// name handles an identifier or keyword.
func (p *parser) name(t token) {
	if p.ch.active && p.ch.dotted {
		p.ch.extend(p, t)
		return
	}
	if isKeyword(p.lang, t.text) {
		p.keyword(t)
		return
	}
	decl := p.declNext || p.javaDecl()
	p.startChain(t, t.text, t.text, decl)
	if p.shadowNext {
		p.alias[t.text] = binding{text: t.text}
	}
	p.declNext, p.shadowNext, p.newNext = false, false, false
}

// javaDecl reports whether a name about to start a chain follows a type or modifier, which
// makes `name(` a method declaration in Java.
func (p *parser) javaDecl() bool {
	if p.lang != Java {
		return false
	}
	switch p.prev.kind {
	case tkName:
		return !javaKeywords[p.prev.text] || javaDeclPrefix[p.prev.text]
	case tkOp:
		return p.prev.text == ">" || p.prev.text == "]"
	}
	return false
}

// keyword handles a keyword that is not an attribute name.
func (p *parser) keyword(t token) {
	if t.text == "as" && p.lang == Python && p.ch.active && !p.ch.dotted {
		if n := p.peek(0); n.kind == tkName { // with X() as name: / except E as name:
			p.alias[n.text] = binding{text: string(p.ch.buf), module: p.ch.module}
		}
	}
	p.ch.active = false
	p.declNext, p.shadowNext = false, false
	switch t.text {
	case "def", "function":
		p.declNext, p.shadowNext = true, true
	case "class", "interface", "enum", "record":
		p.declNext, p.shadowNext = true, p.lang == Python
		p.classNext = p.lang != Python
	case "new":
		p.newNext = p.lang != Python && p.lang != Go
	case "import":
		if p.lang == JavaScript || p.lang == TypeScript {
			if n := p.peek(0); n.kind == tkOp && n.text == "(" { // dynamic import("m")
				p.startChain(t, "import", "", false)
			}
		}
	case "func":
		if p.lang == Go {
			p.goHdr = append(p.goHdr, len(p.stack))
			if n := p.peek(0); n.kind == tkOp && n.text == "(" {
				p.recvNext = true
			} else {
				p.declNext, p.shadowNext = true, true
			}
		}
	case "if", "for", "switch", "select":
		if p.lang == Go {
			p.goHdr = append(p.goHdr, len(p.stack))
		}
	}
}

// op handles an operator or bracket.
func (p *parser) op(t token) {
	switch t.text {
	case "(", "[", "{", opInterpOpen:
		p.feed(t)
		p.open(t)
		return
	case ")", "]", "}", opInterpClose:
		p.close(t)
		return
	}
	p.feed(t)
	switch t.text {
	case ":", "=":
		p.noteKey(t)
	case ",":
		if n := len(p.stack); n > 0 {
			p.stack[n-1].key = ""
		}
	}
	switch t.text {
	case ".", "?.":
		if p.ch.active {
			p.ch.dotted = true
		}
		return
	case "!":
		if p.lang == TypeScript && p.ch.active && !p.ch.dotted {
			if n := p.peek(0); n.kind == tkOp && (n.text == "." || n.text == "(" || n.text == "[") {
				return // non-null assertion
			}
		}
	case "*":
		if p.declNext { // function* generator
			p.ch.active = false
			return
		}
	case "<":
		if p.ch.active && p.ch.isNew && p.skipGenerics() {
			return
		}
	}
	p.ch.active = false
	p.declNext, p.shadowNext, p.newNext = false, false, false
}

// skipGenerics skips a type-argument list after `new X` (`new Foo<Bar>()`) when a '(' follows
// its closing '>'.
func (p *parser) skipGenerics() bool {
	depth := 1
	for i := 0; i < 64; i++ {
		n := p.peek(i)
		switch {
		case n.kind == tkName || n.kind == tkOp && (n.text == "," || n.text == "." || n.text == "[" || n.text == "]" || n.text == "?" || n.text == "|" || n.text == "&"):
		case n.kind == tkOp && n.text == "<":
			depth++
		case n.kind == tkOp && n.text == ">":
			depth--
			if depth == 0 {
				if after := p.peek(i + 1); after.kind == tkOp && after.text == "(" {
					for j := 0; j <= i; j++ {
						p.next()
					}
					return true
				}
				return false
			}
		default:
			return false
		}
	}
	return false
}

// open handles an opening bracket.
func (p *parser) open(t token) {
	if len(p.stack) >= maxDepth {
		p.extra++
		p.ch.active = false
		return
	}
	fr := frame{kind: fkGroup, open: t.text, pos: t.start}
	switch t.text {
	case "(":
		switch {
		case p.recvNext:
			fr.recv, fr.decl = true, true
			p.recvNext = false
		case p.ch.active && p.ch.decl:
			fr.decl = true
		case p.ch.active && len(p.f.Calls) >= MaxCalls:
			p.f.Capped = true
		case p.ch.active:
			fr.kind, fr.call, fr.stmtish = fkCall, p.ch.callee(p), p.ch.stmtish
			if p.lang == Python {
				fr.keyOp = "="
			}
		}
	case "[":
		if p.ch.active && !p.ch.dotted {
			saved := p.ch.clone()
			fr.kind, fr.saved = fkIndex, &saved
		}
	case "{":
		p.openBrace(&fr)
	case opInterpOpen:
		fr.kind = fkInterp
	}
	p.ch.active = false
	p.declNext, p.shadowNext, p.newNext = false, false, false
	p.stack = append(p.stack, fr)
	if fr.kind == fkBlock {
		top := &p.stack[len(p.stack)-1]
		outer := p.st
		top.outer, top.class = &outer, p.classNext
		p.classNext = false
		p.st = stmt{}
		p.st.reset(len(p.stack))
	}
}

// openBrace decides what a '{' is.
func (p *parser) openBrace(fr *frame) {
	switch {
	case p.lang == Go && p.goComposite():
		fr.kind, fr.keyOp, fr.call = fkComposite, ":", p.ch.callee(p)
	case p.lang == Go:
		for n := len(p.goHdr); n > 0 && p.goHdr[n-1] > len(p.stack); n-- { // headers of func types in parameters
			p.goHdr = p.goHdr[:n-1]
		}
		if n := len(p.goHdr); n > 0 && p.goHdr[n-1] == len(p.stack) {
			p.goHdr = p.goHdr[:n-1]
			fr.kind = fkBlock
		} else if p.prev.kind == tkName && goKeywords[p.prev.text] || p.prev.kind == tkOp && (p.prev.text == "{" || p.prev.text == "}" || p.prev.text == ";") || p.prev.kind == tkEOF {
			fr.kind = fkBlock
		} else {
			fr.kind = fkLiteral
		}
	case p.lang == Python:
		fr.kind = fkGroup
	default:
		if n := len(p.stack); n > 0 && p.stack[n-1].kind == fkCall && p.stack[n-1].cur.n == 1 && p.stack[n-1].cur.name == "" {
			fr.kind, fr.keyOp = fkObject, ":" // the '{' itself was fed as the argument's first token
			return
		}
		if p.braceIsBlock() {
			fr.kind = fkBlock
		} else {
			fr.kind = fkLiteral
		}
	}
}

// braceIsBlock reports whether a '{' in JS/TS/Java opens a block rather than a literal: at
// the start, after a name (`) : Type {`, `class X {`) other than a keyword that precedes an
// expression, after ')', '=>', '->' or another brace or ';'.
func (p *parser) braceIsBlock() bool {
	switch p.prev.kind {
	case tkEOF:
		return true
	case tkAtom, tkStr:
		return false
	case tkName:
		return !exprKeywords[p.prev.text]
	}
	switch p.prev.text {
	case ")", "=>", "->", "{", "}", ";", ">", "]":
		return true
	}
	return false
}

// goComposite reports whether a '{' after the current chain opens a composite literal of an
// imported type (`openai.ChatCompletionRequest{...}`), outside if/for/switch headers.
func (p *parser) goComposite() bool {
	c := &p.ch
	if !c.active || c.dotted || !c.plain || c.segs != 2 || c.module == "" {
		return false
	}
	if n := len(p.goHdr); n > 0 && p.goHdr[n-1] == len(p.stack) {
		return false
	}
	i := strings.LastIndexByte(string(c.buf), '.')
	return i >= 0 && i+1 < len(c.buf) && c.buf[i+1] >= 'A' && c.buf[i+1] <= 'Z'
}

// close handles a closing bracket: the innermost frame it matches (looking a few frames
// down for unbalanced input) is closed, with those above it.
func (p *parser) close(t token) {
	if p.extra > 0 {
		p.extra--
		p.ch.active = false
		return
	}
	want := opener(t.text)
	for i := len(p.stack) - 1; i >= 0 && i >= len(p.stack)-8; i-- {
		if p.stack[i].open == want {
			for len(p.stack) > i+1 {
				p.closeTop(token{kind: tkOp, start: t.start, end: t.start, line: t.line})
			}
			p.closeTop(t)
			return
		}
	}
	p.ch.active = false // unmatched: ignored
}

// opener returns the opening bracket a closing one matches.
func opener(closer string) string {
	switch closer {
	case ")":
		return "("
	case "]":
		return "["
	case "}":
		return "{"
	}
	return opInterpOpen
}
