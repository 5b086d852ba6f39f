package code

import "strings"

// chain is the dotted expression being read: `a.b(c).d[e].f`. buf holds it resolved through
// the aliases known when its first name was read, calls written "()" and subscripts "[]".
type chain struct {
	active  bool
	dotted  bool // the last token was '.' or '?.': a name continues the chain
	named   bool // it began with a name (not a string, bracket or call result)
	plain   bool // names and dots only
	simple  bool // an assignment target: one name, or self.x / this.x
	decl    bool // the name being declared (def/function/func/class, Java method)
	isNew   bool
	stmtish bool // it began a statement
	start   int
	end     int
	line    int
	segs    int
	buf     []byte
	module  string
	tname   string // the target name when simple
	ident   int    // index in File.Idents of its first name, -1 none
}

// startChain starts a chain at t. root is the name to resolve ("" for strings and other
// non-name starts, whose text is used as written).
func (p *parser) startChain(t token, text, root string, decl bool) {
	c := &p.ch
	c.active, c.dotted, c.decl, c.isNew = true, false, decl, p.newNext
	c.named, c.plain, c.simple = root != "", root != "", root != ""
	c.start, c.end, c.line, c.segs = t.start, t.end, t.line, 1
	c.buf, c.module, c.tname, c.ident = c.buf[:0], "", root, -1
	c.stmtish = p.boundaryBefore()
	if root == "" {
		c.buf = append(c.buf, text...)
		return
	}
	if b, ok := p.alias[root]; ok {
		c.buf, c.module = append(c.buf, b.text...), b.module
	} else {
		c.buf = append(c.buf, root...)
	}
	if !decl {
		c.ident = p.ident(root, t.start)
	}
}

// boundaryBefore reports whether the token about to be read begins a statement (or follows a
// TS/JS class member modifier).
func (p *parser) boundaryBefore() bool {
	switch {
	case p.prev.kind == tkEOF || p.nlSince:
		return true
	case p.prev.kind == tkOp:
		return p.prev.text == "{" || p.prev.text == "}" || p.prev.text == ";"
	case p.prev.kind == tkName:
		return tsModifiers[p.prev.text]
	}
	return false
}

// extend appends the attribute name t after a '.'.
func (c *chain) extend(p *parser, t token) {
	c.dotted = false
	c.segs++
	c.end = t.end
	if len(c.buf) < maxCallee {
		c.buf = append(c.buf, '.')
		c.buf = append(c.buf, t.text...)
	}
	if c.simple && c.segs == 2 && (c.tname == "self" || c.tname == "this") {
		c.tname += "." + t.text
		if c.ident >= 0 {
			p.f.Idents[c.ident].Name = c.tname
		}
		if b, ok := p.alias[c.tname]; ok {
			c.buf, c.module = append(c.buf[:0], b.text...), b.module
		}
		return
	}
	c.simple = false
}

// afterCall makes the chain the result of a call (or subscript) that closed at end.
func (c *chain) afterCall(text, module string, start, line, end int, named bool) {
	c.active, c.dotted, c.plain, c.simple, c.decl, c.isNew = true, false, false, false, false, false
	c.named = named
	c.start, c.line, c.end = start, line, end
	c.buf = append(c.buf[:0], text...)
	c.module = module
	c.ident = -1
}

// afterIndex makes the chain its own subscript, which closed at end.
func (c *chain) afterIndex(end int) {
	c.active, c.dotted, c.plain, c.simple, c.decl, c.isNew = true, false, false, false, false, false
	c.end, c.ident = end, -1
	if len(c.buf) < maxCallee {
		c.buf = append(c.buf, "[]"...)
	}
}

// clone returns a copy that does not share the buffer.
func (c *chain) clone() chain {
	d := *c
	d.buf = append([]byte(nil), c.buf...)
	return d
}

// callee captures the chain as the callee of a call opening now.
func (c *chain) callee(p *parser) *callee {
	return &callee{text: clip(string(c.buf), maxCallee), module: c.module, raw: p.rawText(c.start, c.end),
		start: c.start, line: c.line, isNew: c.isNew}
}

// rawText returns source text with blanks removed, at most maxCallee bytes.
func (p *parser) rawText(start, end int) string {
	if start < 0 || end > len(p.src) || start >= end {
		return ""
	}
	s := p.src[start:min(end, start+maxCallee)]
	if !strings.ContainsAny(s, " \t\r\n") {
		return clip(s, maxCallee)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			b.WriteByte(c)
		}
	}
	return clip(b.String(), maxCallee)
}

// valueText returns trimmed source text, line breaks and the blanks around them collapsed,
// at most MaxValue bytes.
func (p *parser) valueText(start, end int) string {
	if start < 0 || end > len(p.src) || start >= end {
		return ""
	}
	s := strings.TrimSpace(p.src[start:min(end, start+8*MaxValue)])
	if strings.IndexByte(s, '\n') >= 0 {
		s = strings.Join(strings.Fields(s), " ")
	}
	return clip(s, MaxValue)
}
