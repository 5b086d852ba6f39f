package code

import "strings"

// jsDestructure reads `const {a, b: c} = require("m")` or `... = await import("m")` after the
// declaration keyword kw, binding each name to the module's member. It consumes nothing and
// returns false when the statement has another shape.
func (p *parser) jsDestructure(kw token) bool {
	var pairs []importPair
	i := 1 // peek(0) is '{'
	for ; i < 200; i++ {
		n := p.peek(i)
		if n.kind == tkOp && n.text == "}" {
			break
		}
		if n.kind != tkName && n.kind != tkStr {
			if n.kind == tkOp && n.text == "," || n.kind == tkNL {
				continue
			}
			return false
		}
		local := n.text
		if c, l := p.peek(i+1), p.peek(i+2); c.kind == tkOp && c.text == ":" && l.kind == tkName {
			local, i = l.text, i+2
		}
		pairs = append(pairs, importPair{n.text, local})
	}
	i++
	if n := p.peek(i); n.kind != tkOp || n.text != "=" {
		return false
	}
	i++
	if n := p.peek(i); n.kind == tkName && n.text == "await" {
		i++
	}
	fn, open, m, cl := p.peek(i), p.peek(i+1), p.peek(i+2), p.peek(i+3)
	if fn.kind != tkName || fn.text != "require" && fn.text != "import" || open.text != "(" || m.kind != tkStr || cl.text != ")" {
		return false
	}
	for j := 0; j <= i+3; j++ {
		p.next()
	}
	if len(pairs) == 0 {
		p.addImport(Import{Module: m.text, Line: kw.line})
	}
	for _, pr := range pairs {
		im := Import{Module: m.text, Name: pr.name, Alias: pr.local, Line: kw.line}
		if pr.name == pr.local {
			im.Alias = ""
		}
		p.addImport(im)
		p.bind(pr.local, m.text+"."+pr.name, m.text)
	}
	p.skipStmt()
	return true
}

// goImport reads `import "p"`, `import a "p"` or an import block.
func (p *parser) goImport(kw token) {
	if !p.accept("(") {
		p.goImportSpec(kw.line)
		p.skipStmt()
		return
	}
	for i := 0; i < 100_000; i++ {
		n := p.peek(0)
		switch {
		case n.kind == tkEOF:
			return
		case n.kind == tkOp && n.text == ")":
			p.next()
			p.skipStmt()
			return
		case n.kind == tkNL || n.kind == tkOp && n.text == ";":
			p.next()
		case n.kind == tkStr || n.kind == tkName || n.kind == tkOp && n.text == ".":
			p.goImportSpec(n.line)
		default:
			p.next()
		}
	}
}

// goImportSpec reads `[alias] "path"`.
func (p *parser) goImportSpec(line int) {
	alias := ""
	if n := p.peek(0); n.kind == tkName || n.kind == tkOp && n.text == "." {
		alias = p.next().text
	}
	n := p.peek(0)
	if n.kind != tkStr {
		return
	}
	p.next()
	p.addImport(Import{Module: n.text, Alias: alias, Line: line})
	local := alias
	if local == "" {
		local = GoPackageName(n.text)
	}
	p.bind(local, n.text, n.text)
}

// GoPackageName guesses the package name an import path declares: its last element without a
// major-version element (/v2), a gopkg.in ".vN" suffix, and "go-" / "-go" / "-sdk" affixes
// ("github.com/sashabaranov/go-openai" → "openai", "github.com/anthropics/anthropic-sdk-go"
// → "anthropic", "gopkg.in/yaml.v3" → "yaml").
func GoPackageName(path string) string {
	segs := strings.Split(path, "/")
	last := segs[len(segs)-1]
	if len(segs) > 1 && isMajorVersion(last) {
		last = segs[len(segs)-2]
	}
	if i := strings.Index(last, ".v"); i > 0 {
		last = last[:i]
	}
	last = strings.TrimPrefix(last, "go-")
	last = strings.TrimSuffix(last, "-go")
	last = strings.TrimSuffix(last, "-sdk")
	last = strings.TrimSuffix(last, ".go")
	return strings.ReplaceAll(last, "-", "")
}

func isMajorVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// javaImport reads `import [static] a.b.C;` or `import a.b.*;`.
func (p *parser) javaImport(kw token) {
	p.accept("static")
	full := p.dotted()
	if full != "" {
		mod, name := "", full
		if i := strings.LastIndexByte(full, '.'); i >= 0 {
			mod, name = full[:i], full[i+1:]
		}
		p.addImport(Import{Module: mod, Name: name, Line: kw.line})
		if name != "*" {
			p.bind(name, full, mod)
		}
	}
	p.skipStmt()
}
