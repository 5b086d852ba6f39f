package code

// closeTop closes the innermost frame with the closing token t.
func (p *parser) closeTop(t token) {
	top := &p.stack[len(p.stack)-1]
	if top.kind == fkCall || top.keyOp != "" {
		p.finishArg(top)
	}
	fr := *top
	p.stack[len(p.stack)-1] = frame{} // drop references held by the popped slot
	p.stack = p.stack[:len(p.stack)-1]
	if fr.outer != nil {
		p.endStmt()
		p.st = *fr.outer
	}
	if n := len(p.stack); n > 0 {
		if parent := &p.stack[n-1]; parent.kind == fkCall || parent.keyOp != "" {
			parent.cur.end = max(parent.cur.end, t.end)
			if fr.kind == fkObject {
				parent.cur.obj, parent.cur.objN = fr.args, parent.cur.n
			}
		}
	}
	if len(p.stack) == p.st.depth && p.st.phase == phValue {
		p.st.valEnd = max(p.st.valEnd, t.end)
	}
	switch fr.kind {
	case fkCall:
		p.closeCall(&fr, t)
	case fkComposite:
		p.addCall(Call{Callee: fr.call.text, Module: fr.call.module, Raw: fr.call.raw, Args: fr.args, Line: fr.call.line,
			Offset: fr.call.start, End: t.end, Composite: true})
		p.ch.active = false
	case fkIndex:
		p.ch = *fr.saved
		p.ch.afterIndex(t.end)
	case fkGroup:
		switch {
		case fr.recv:
			p.declNext = true // func (r *T) Name(
			p.ch.active = false
		case fr.decl || fr.open == "{":
			p.ch.active = false
		default: // (a or b).lower(), [x].map(f)
			text := "(...)"
			if fr.open == "[" {
				text = "[...]"
			}
			p.ch.afterCall(text, "", fr.pos, t.line, t.end, false)
		}
	default:
		p.ch.active = false
	}
}

// closeCall records the call of a closing fkCall frame, unless what looked like a call is a
// declaration (a JS/TS/Java method: `name(params) {`, TS `name(params): Type {`, Java
// `name(params) throws X {`). The chain continues with the call's result.
func (p *parser) closeCall(fr *frame, t token) {
	if p.lang == JavaScript || p.lang == TypeScript || p.lang == Java {
		n := p.peekCode()
		switch {
		case fr.call.isNew:
		case n.kind == tkOp && n.text == "{",
			n.kind == tkOp && n.text == ":" && p.lang == TypeScript && fr.stmtish && !containsDot(fr.call.raw),
			n.kind == tkName && n.text == "throws" && p.lang == Java:
			p.ch.active = false
			return
		}
	}
	c := Call{Callee: fr.call.text, Module: fr.call.module, Raw: fr.call.raw, Args: fr.args, Line: fr.call.line,
		Offset: fr.call.start, End: t.end, New: fr.call.isNew}
	next, module := c.Callee+"()", c.Module
	if m, ok := p.dynamicImport(&c); ok {
		next, module = m, m
	}
	p.addCall(c)
	p.ch.afterCall(next, module, fr.call.start, fr.call.line, t.end, true)
}

// dynamicImport records require("m"), import("m"), importlib.import_module("m") and
// __import__("m") as imports, returning the module.
func (p *parser) dynamicImport(c *Call) (string, bool) {
	switch {
	case (p.lang == JavaScript || p.lang == TypeScript) && (c.Callee == "require" || c.Callee == "import"):
	case p.lang == Python && (c.Callee == "importlib.import_module" || c.Callee == "__import__"):
	default:
		return "", false
	}
	if len(c.Args) == 0 || !c.Args[0].String || c.Args[0].Value == "" || c.Args[0].Name != "" {
		return "", false
	}
	m := c.Args[0].Value
	p.addImport(Import{Module: m, Line: c.Line})
	return m, true
}

func (p *parser) addCall(c Call) {
	if len(p.f.Calls) >= MaxCalls {
		p.f.Capped = true
		return
	}
	p.f.Calls = append(p.f.Calls, c)
}

func (p *parser) addImport(im Import) {
	if len(p.f.Imports) >= MaxImports {
		p.f.Capped = true
		return
	}
	p.f.Imports = append(p.f.Imports, im)
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}
