package jinja

import (
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// walker reads expressions from the token stream the way Jinja2's parser would, but only to
// collect access chains, literals and statically known strings. It never builds a program.
type walker struct {
	a     *Analysis
	toks  []*tokens.Token
	i     int
	depth int
	// vars holds what is known of each name: constants assigned by set, with, loop targets and
	// macro parameters, namespaces, aliases of other objects.
	vars   map[string]value
	macros map[string]*macro // macros defined so far, expanded again at call sites
	scopes [][]saved         // bindings a {% with %} replaced, restored at {% endwith %}
	seen   map[record]bool   // records made, so that walking a body again adds only new ones
	steps  int               // tokens walked again for loop and macro bodies (maxSteps)
	nest   int               // bodies being walked again inside each other (maxNest)
	full   bool              // a record list reached MaxRecords
	deep   bool              // MaxDepth was reached
}

// walk summarises the tokens into a.
func walk(a *Analysis, toks []*tokens.Token) {
	w := &walker{a: a, toks: toks, vars: make(map[string]value), macros: make(map[string]*macro),
		seen: make(map[record]bool)}
	w.run(len(toks))
}

// run walks the tags from the current token up to the token at end.
func (w *walker) run(end int) {
	for w.i < end && w.i < len(w.toks) {
		switch w.toks[w.i].Type {
		case tokens.VariableBegin:
			w.i++
			w.exprsUntil()
		case tokens.BlockBegin:
			w.i++
			w.statement()
		default:
			w.i++
		}
	}
}

// flat records every identifier and string literal inside tags, independently of how the
// walker reads the structure, so that nothing is missed when it gives up (nesting, odd syntax).
func flat(a *Analysis, toks []*tokens.Token) {
	seen := make(map[string]bool)
	code := false
	for _, t := range toks {
		switch t.Type {
		case tokens.VariableBegin, tokens.BlockBegin:
			code = true
		case tokens.VariableEnd, tokens.BlockEnd:
			code = false
		case tokens.Name:
			if code && !seen[t.Val] && len(a.Idents) < MaxRecords {
				seen[t.Val] = true
				a.Idents = append(a.Idents, Name{Name: t.Val, Pos: t.Pos})
			}
		case tokens.String:
			if code && len(a.Strings) < MaxRecords {
				s, esc := Unescape(t.Val)
				a.Strings = append(a.Strings, Literal{Value: s, Pos: t.Pos, Escaped: esc})
			}
		}
	}
}

// cur returns the current token, or nil at the end.
func (w *walker) cur() *tokens.Token { return w.at(0) }

func (w *walker) at(k int) *tokens.Token {
	if w.i+k < len(w.toks) {
		return w.toks[w.i+k]
	}
	return nil
}

// ends reports whether t ends the expression part of a tag (or is missing).
func ends(t *tokens.Token) bool {
	if t == nil {
		return true
	}
	switch t.Type {
	case tokens.VariableEnd, tokens.BlockEnd, tokens.Data, tokens.VariableBegin, tokens.BlockBegin,
		tokens.CommentBegin, tokens.EOF, tokens.Error:
		return true
	}
	return false
}

func (w *walker) isName(s string) bool {
	t := w.cur()
	return t != nil && t.Type == tokens.Name && t.Val == s
}

// exprsUntil reads expressions up to the end of the current tag, skipping tokens that cannot
// start one (assignments, commas, keywords).
func (w *walker) exprsUntil() {
	for {
		t := w.cur()
		if ends(t) {
			if t != nil && (t.Type == tokens.VariableEnd || t.Type == tokens.BlockEnd) {
				w.i++
			}
			return
		}
		start := w.i
		w.expr()
		if w.i == start {
			w.i++
		}
	}
}

// statement reads a {% tag ... %}. The statements that bind names (set, for, macro, with)
// record what they bind, so that later concatenations and lookups through those names can be
// evaluated (a name used as is keeps the literal's flags: naming a constant is not obfuscation).
func (w *walker) statement() {
	t := w.cur()
	if t == nil || t.Type != tokens.Name {
		w.exprsUntil()
		return
	}
	w.addName(&w.a.Tags, t.Val, t.Pos)
	w.i++
	switch t.Val {
	case "set":
		w.set()
	case "for":
		w.loop()
		return
	case "macro":
		w.macro()
		return
	case "with":
		w.with()
	case "endwith":
		if n := len(w.scopes); n > 0 {
			w.restore(w.scopes[n-1])
			w.scopes = w.scopes[:n-1]
		}
	}
	w.exprsUntil()
}

// enter guards recursion; past MaxDepth the walker skips one token instead of descending.
func (w *walker) enter() bool {
	if w.depth >= MaxDepth {
		if !w.deep {
			w.deep = true
			w.a.gap("expression nesting deeper than %d not followed", MaxDepth)
		}
		if !ends(w.cur()) {
			w.i++
		}
		return false
	}
	w.depth++
	return true
}

func (w *walker) leave() { w.depth-- }

// expr reads a full expression, including conditional expressions (a if b else c).
func (w *walker) expr() value {
	if !w.enter() {
		return value{}
	}
	defer w.leave()
	v := w.binary(1)
	for w.isName("if") {
		w.i++
		cond := w.binary(1)
		var alt value
		if w.isName("else") {
			w.i++
			alt = w.binary(1)
		}
		switch {
		case cond.kind != vBool:
			v = value{}
		case cond.num == 0:
			v = alt
		}
	}
	return v
}

// binary reads operators by precedence climbing, folding constant strings on the way.
func (w *walker) binary(minPrec int) value {
	lhs := w.unary()
	for {
		op := w.operator()
		if op.prec == 0 || op.prec < minPrec {
			return lhs
		}
		pos := w.cur().Pos
		w.i += op.width
		if op.test {
			w.test()
			lhs = value{}
			continue
		}
		if !w.enter() {
			return value{}
		}
		rhs := w.binary(op.prec + 1)
		w.leave()
		lhs = w.fold(op.tok, lhs, rhs, pos)
	}
}

// test reads the test after "is" (is not none, is divisibleby(3)) without recording it.
func (w *walker) test() {
	if t := w.cur(); t != nil && (t.Type == tokens.Not || (t.Type == tokens.Name && t.Val == "not")) {
		w.i++
	}
	if t := w.cur(); t != nil && t.Type == tokens.Name {
		w.i++
		if t := w.cur(); t != nil && t.Type == tokens.LeftParenthesis {
			w.i++
			w.sequence(tokens.RightParenthesis)
		}
	}
}

// unary reads prefix operators, then a primary with its trailers.
func (w *walker) unary() value {
	t := w.cur()
	if t == nil {
		return value{}
	}
	if t.Type == tokens.Subtraction || t.Type == tokens.Addition || t.Type == tokens.Not ||
		(t.Type == tokens.Name && t.Val == "not") {
		w.i++
		if !w.enter() {
			return value{}
		}
		defer w.leave()
		v := w.unary()
		if t.Type == tokens.Subtraction && v.kind == vNum {
			return num(-v.num)
		}
		if t.Type != tokens.Subtraction && t.Type != tokens.Addition && v.kind == vBool {
			return boolean(v.num == 0)
		}
		return value{}
	}
	v, c := w.primary()
	return w.postfix(v, c)
}

// op describes a binary operator at the current token.
type op struct {
	prec, width int
	tok         tokens.Type
	test        bool
}

// operator returns the binary operator at the current token, with Jinja2's precedence:
// or < and < comparisons (in, is) < ~ < + - < * / // % < **.
func (w *walker) operator() op {
	t := w.cur()
	if t == nil {
		return op{}
	}
	typ := t.Type
	if typ == tokens.Name {
		switch t.Val {
		case "or":
			typ = tokens.Or
		case "and":
			typ = tokens.And
		case "in":
			typ = tokens.In
		case "is":
			typ = tokens.Is
		case "not":
			typ = tokens.Not
		}
	}
	switch typ {
	case tokens.Or:
		return op{prec: 1, width: 1, tok: typ}
	case tokens.And:
		return op{prec: 2, width: 1, tok: typ}
	case tokens.Not: // not in
		if n := w.at(1); n != nil && (n.Type == tokens.In || (n.Type == tokens.Name && n.Val == "in")) {
			return op{prec: 4, width: 2, tok: tokens.In}
		}
	case tokens.Equals, tokens.Ne, tokens.LowerThan, tokens.LowerThanOrEqual, tokens.GreaterThan,
		tokens.GreaterThanOrEqual, tokens.In:
		return op{prec: 4, width: 1, tok: typ}
	case tokens.Is:
		return op{prec: 4, width: 1, tok: typ, test: true}
	case tokens.Tilde:
		return op{prec: 5, width: 1, tok: typ}
	case tokens.Addition, tokens.Subtraction:
		return op{prec: 6, width: 1, tok: typ}
	case tokens.Multiply, tokens.Division, tokens.FloorDivision, tokens.Modulo:
		return op{prec: 7, width: 1, tok: typ}
	case tokens.Power:
		return op{prec: 8, width: 1, tok: typ}
	}
	return op{}
}
