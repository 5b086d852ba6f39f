package code

import "strings"

// importStmt reads an import statement that begins with t, reporting whether it did (the
// statement's tokens are then consumed).
func (p *parser) importStmt(t token) bool {
	if t.kind != tkName {
		return false
	}
	switch p.lang {
	case Python:
		if t.text == "import" || t.text == "from" {
			p.pyImport(t)
			return true
		}
	case JavaScript, TypeScript:
		n := p.peek(0)
		switch {
		case t.text == "import" && !(n.kind == tkOp && (n.text == "(" || n.text == ".")):
			p.jsImport(t, false)
			return true
		case t.text == "export" && n.kind == tkOp && (n.text == "*" || n.text == "{"):
			p.jsImport(t, true)
			return true
		case (t.text == "const" || t.text == "let" || t.text == "var") && n.kind == tkOp && n.text == "{":
			return p.jsDestructure(t)
		}
	case Go:
		if t.text == "import" {
			p.goImport(t)
			return true
		}
	case Java:
		switch t.text {
		case "import":
			p.javaImport(t)
			return true
		case "package":
			p.skipStmt()
			return true
		}
	}
	return false
}

// skipStmt consumes tokens up to the end of the statement (a line break or ';').
func (p *parser) skipStmt() {
	for {
		n := p.peek(0)
		if n.kind == tkEOF {
			return
		}
		p.next()
		if n.kind == tkNL || n.kind == tkOp && n.text == ";" {
			return
		}
	}
}

// accept consumes the next token when it is the operator or name text.
func (p *parser) accept(text string) bool {
	if n := p.peek(0); (n.kind == tkOp || n.kind == tkName) && n.text == text {
		p.next()
		return true
	}
	return false
}

// dotted reads `name(.name)*` (Java: a trailing `.*` too), returning "" when no name follows.
func (p *parser) dotted() string {
	n := p.peek(0)
	if n.kind != tkName {
		return ""
	}
	p.next()
	var b strings.Builder
	b.WriteString(n.text)
	for i := 0; i < 64; i++ {
		dot, after := p.peek(0), p.peek(1)
		if dot.kind != tkOp || dot.text != "." || !(after.kind == tkName || after.kind == tkOp && after.text == "*" && p.lang == Java) {
			break
		}
		p.next()
		p.next()
		b.WriteByte('.')
		b.WriteString(after.text)
	}
	return clip(b.String(), maxCallee)
}

func (p *parser) bind(local, text, module string) {
	if local != "" && local != "_" && local != "." && local != "*" {
		p.alias[local] = binding{text: text, module: module}
	}
}

// pyImport reads `import a.b as c, d` or `from .a import (b as c, d)`.
func (p *parser) pyImport(kw token) {
	if kw.text == "import" {
		for {
			mod := p.dotted()
			if mod == "" {
				p.skipStmt()
				return
			}
			alias := ""
			if p.accept("as") {
				if n := p.peek(0); n.kind == tkName {
					alias = p.next().text
				}
			}
			p.addImport(Import{Module: mod, Alias: alias, Line: kw.line})
			if alias != "" {
				p.bind(alias, mod, mod)
			} else {
				root, _, _ := strings.Cut(mod, ".")
				p.bind(root, root, root)
			}
			if !p.accept(",") {
				p.skipStmt()
				return
			}
		}
	}
	mod := ""
	for n := p.peek(0); n.kind == tkOp && (n.text == "." || n.text == "..."); n = p.peek(0) {
		mod += p.next().text
	}
	if n := p.peek(0); n.kind == tkName && n.text != "import" {
		mod += p.dotted()
	}
	if mod == "" || !p.accept("import") {
		p.skipStmt()
		return
	}
	p.pyImportNames(mod, kw.line)
}

// pyImportNames reads the names after `from mod import`.
func (p *parser) pyImportNames(mod string, line int) {
	paren := p.accept("(")
	prefix := mod + "."
	if strings.HasSuffix(mod, ".") {
		prefix = mod
	}
	for {
		n := p.peek(0)
		switch {
		case n.kind == tkEOF:
			return
		case n.kind == tkNL && paren:
			p.next()
		case n.kind == tkOp && n.text == ",":
			p.next()
		case n.kind == tkOp && n.text == "*":
			p.next()
			p.addImport(Import{Module: mod, Name: "*", Line: line})
		case n.kind == tkName:
			p.next()
			alias := ""
			if p.accept("as") {
				if a := p.peek(0); a.kind == tkName {
					alias = p.next().text
				}
			}
			p.addImport(Import{Module: mod, Name: n.text, Alias: alias, Line: line})
			local := alias
			if local == "" {
				local = n.text
			}
			p.bind(local, prefix+n.text, mod)
		case n.kind == tkOp && n.text == ")":
			p.next()
			p.skipStmt()
			return
		default:
			p.skipStmt()
			return
		}
	}
}

// importPair is one name bound by a JS import clause.
type importPair struct{ name, local string }

// jsImport reads `import x, {a as b} from "m"`, `import * as ns from "m"`, `import "m"`,
// `import x = require("m")` (TS) or, with export set, `export {a} from "m"` / `export * from "m"`.
func (p *parser) jsImport(kw token, export bool) {
	var pairs []importPair
	if n, after := p.peek(0), p.peek(1); n.kind == tkName && n.text == "type" && (after.kind == tkName || after.kind == tkOp && (after.text == "{" || after.text == "*")) {
		p.next()
	}
	if n := p.peek(0); n.kind == tkStr {
		p.next()
		p.addImport(Import{Module: n.text, Line: kw.line})
		p.skipStmt()
		return
	}
	if n := p.peek(0); n.kind == tkName && n.text != "from" && !export {
		p.next()
		if p.accept("=") && p.accept("require") && p.accept("(") { // TS import x = require("m")
			if m := p.peek(0); m.kind == tkStr {
				p.next()
				p.addImport(Import{Module: m.text, Name: "*", Alias: n.text, Line: kw.line})
				p.bind(n.text, m.text, m.text)
			}
			p.skipStmt()
			return
		}
		pairs = append(pairs, importPair{"default", n.text})
		p.accept(",")
	}
	if p.accept("*") {
		local := ""
		if p.accept("as") {
			if n := p.peek(0); n.kind == tkName {
				local = p.next().text
			}
		}
		pairs = append(pairs, importPair{"*", local})
	}
	if p.accept("{") {
		pairs = p.importBraces(pairs)
	}
	if !p.accept("from") {
		p.skipStmt()
		return
	}
	m := p.peek(0)
	if m.kind != tkStr {
		p.skipStmt()
		return
	}
	p.next()
	p.bindImports(m.text, pairs, kw.line, export)
	p.skipStmt()
}

// bindImports records the names an import clause of module binds (re-exports bind nothing).
func (p *parser) bindImports(module string, pairs []importPair, line int, export bool) {
	if len(pairs) == 0 {
		p.addImport(Import{Module: module, Line: line})
	}
	for _, pr := range pairs {
		im := Import{Module: module, Name: pr.name, Alias: pr.local, Line: line}
		if pr.name == pr.local {
			im.Alias = ""
		}
		p.addImport(im)
		if export {
			continue
		}
		switch pr.name {
		case "default":
			p.bind(pr.local, module+"."+pr.local, module)
		case "*":
			p.bind(pr.local, module, module)
		default:
			p.bind(pr.local, module+"."+pr.name, module)
		}
	}
}

// importBraces reads `a, b as c, type d }` after '{'.
func (p *parser) importBraces(pairs []importPair) []importPair {
	for i := 0; i < 1024; i++ {
		n := p.peek(0)
		switch {
		case n.kind == tkEOF:
			return pairs
		case n.kind == tkOp && n.text == "}":
			p.next()
			return pairs
		case n.kind == tkName || n.kind == tkStr:
			p.next()
			if n.text == "type" && p.peek(0).kind == tkName {
				continue
			}
			local := n.text
			if p.accept("as") {
				if a := p.peek(0); a.kind == tkName {
					local = p.next().text
				}
			}
			if len(pairs) < 256 {
				pairs = append(pairs, importPair{n.text, local})
			}
		default:
			p.next()
		}
	}
	return pairs
}
