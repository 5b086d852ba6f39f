package code

import "strings"

// literalKey returns what names the value a string literal about to be recorded is part of
// (see Literal.Key): the key of the innermost bracket that has one, else the target of the
// assignment the statement is, through lists and parentheses; listed reports a literal that
// is a key, a union member, a subscript or an element of a set or object (see Literal.Listed).
func (p *parser) literalKey() (key string, listed bool) {
	nx := p.peekCode()
	if compares(p.prev) || compares(nx) {
		return "", true // `model == "gpt-4o"`, `case "gpt-4o":`, `"gpt-4o" | "gpt-4"` (a TypeScript union)
	}
	for i := len(p.stack) - 1; i >= p.st.depth; i-- {
		fr := &p.stack[i]
		switch {
		case i == len(p.stack)-1 && fr.open == "{" && fr.kind != fkBlock && nx.kind == tkOp && nx.text == ":" &&
			p.prev.kind == tkOp && (p.prev.text == "," || p.prev.start == fr.pos):
			return "", true // {"gpt-4o": 128000}: the literal is a key
		case fr.key != "":
			return fr.key, false
		case fr.kind == fkBlock || fr.kind == fkInterp:
			return "", false
		case fr.kind == fkIndex || fr.open == "{":
			return "", true // a subscript, or an element of a set or object that no key names
		}
	}
	if s := &p.st; s.phase == phValue && len(s.targets) > 0 {
		t := s.targets[len(s.targets)-1]
		return clip(t[strings.LastIndexByte(t, '.')+1:], 64), false
	}
	return "", false
}

// compares reports a token that compares or cases a value next to it rather than passing it:
// equality operators, `case`, `in`, and '|' (TypeScript unions).
func compares(t token) bool {
	switch t.kind {
	case tkOp:
		return t.text == "==" || t.text == "===" || t.text == "!=" || t.text == "!==" || t.text == "|"
	case tkName:
		return t.text == "case" || t.text == "in"
	}
	return false
}

// noteKey records the key of the innermost bracket when t (':' or '=') follows a name or a
// string that starts an element (`{model: `, `{"model": `, `f(model=`, `(model: str = `).
func (p *parser) noteKey(t token) {
	n := len(p.stack)
	if n == 0 || n <= p.st.depth && t.text == "=" {
		return
	}
	fr := &p.stack[n-1]
	if fr.kind == fkBlock || fr.kind == fkInterp || !(p.prev.kind == tkName || p.prev.kind == tkStr && !p.prev.interp) {
		return
	}
	if p.prev2.kind == tkOp && (p.prev2.text == "," || p.prev2.start == fr.pos) || p.prevFirst {
		fr.key = clip(p.prev.text, 64)
	}
}
