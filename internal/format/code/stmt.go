package code

// Statement phases.
const (
	phLHS   = iota // reading what may be assignment targets
	phValue        // reading the value after '=' / ':='
	phDead         // not an assignment
)

// stmt tracks the statement being read at one bracket depth, to find simple assignments.
type stmt struct {
	depth      int
	phase      uint8
	fresh      bool // no token read yet
	pendingNL  bool // JS/TS: a line break was read; the next token decides whether the statement ends
	tupleBad   bool
	inAnnot    bool
	prefixed   bool // the value began with await/new
	targets    []string
	annot      string
	op         string
	valStart   int
	valEnd     int
	line       int
	ntok       int
	callsFrom  int
	firstChain int // offset of the chain the value begins with, -1 none
}

func (s *stmt) reset(depth int) {
	*s = stmt{depth: depth, fresh: true, targets: s.targets[:0], valStart: -1, firstChain: -1}
}

// lhsKeywords may appear before an assignment target.
var lhsKeywords = set("const", "let", "var", "final", "export", "readonly", "static", "public", "private", "protected",
	"boolean", "byte", "char", "double", "float", "int", "long", "short", "transient", "volatile")

// assignOps are the assignment operators.
var assignOps = set("=", ":=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "@=", "//=", "**=", ">>=", "<<=",
	"??=", "||=", "&&=")

// boundary ends the current statement and starts the next at the current depth.
func (p *parser) boundary() {
	p.endStmt()
	p.st.reset(len(p.stack))
	if p.lang == Go {
		for n := len(p.goHdr); n > 0 && p.goHdr[n-1] >= len(p.stack); n-- {
			p.goHdr = p.goHdr[:n-1]
		}
	}
}

// newline handles a line break in code.
func (p *parser) newline() {
	if len(p.stack) != p.st.depth {
		return
	}
	switch p.lang {
	case Python:
		p.boundary()
	case Go:
		if endsGoStmt(p.prev) {
			p.boundary()
		}
	case JavaScript, TypeScript:
		if !p.st.fresh {
			p.st.pendingNL = true
		}
	}
}

// endsGoStmt reports whether a line ending with t ends a Go statement (automatic semicolon).
func endsGoStmt(t token) bool {
	switch t.kind {
	case tkName:
		return !goKeywords[t.text] || t.text == "break" || t.text == "continue" || t.text == "fallthrough" ||
			t.text == "return" || t.text == "true" || t.text == "false" || t.text == "nil"
	case tkAtom, tkStr:
		return true
	case tkOp:
		return t.text == ")" || t.text == "]" || t.text == "}" || t.text == "++" || t.text == "--"
	}
	return false
}

// continues reports whether t, read after a line break in JS/TS, continues the statement.
func (p *parser) continues(t token) bool {
	if t.kind == tkOp {
		switch t.text {
		case ".", "?.", "+", "-", "*", "/", "%", "?", ":", "&&", "||", "??", "=", "==", "===", "!=", "!==", "<", ">",
			"<=", ">=", "&", "|", "^", "=>", ",", "**":
			return true
		}
	}
	if p.prev.kind == tkOp {
		switch p.prev.text {
		case ")", "]", "}", opInterpClose, "++", "--":
		default:
			return true
		}
	}
	return p.st.phase == phValue && p.st.ntok == 0
}

// stmtTok feeds a token (not a line break) read at any depth to the statement tracker.
func (p *parser) stmtTok(t token) {
	s := &p.st
	if len(p.stack) != s.depth {
		return
	}
	if t.kind == tkOp && t.text == ";" {
		p.boundary()
		return
	}
	s.fresh = false
	switch s.phase {
	case phLHS:
		p.lhsTok(t)
	case phValue:
		p.valueTok(t)
	}
}

// lhsTok reads a token before any assignment operator.
func (p *parser) lhsTok(t token) {
	s := &p.st
	switch t.kind {
	case tkName:
		if isKeyword(p.lang, t.text) && !lhsKeywords[t.text] && !(p.ch.dotted && p.ch.active) {
			s.phase = phDead
		}
		return
	case tkOp:
	default:
		s.phase = phDead
		return
	}
	py, tuple := p.lang == Python, p.lang == Python || p.lang == Go
	c := &p.ch
	target := ""
	if c.active && c.simple && !c.dotted {
		target = c.tname
	}
	switch t.text {
	case ".", "?.", "<", ">", "[", "]", "?", "*", "&", "(", "...":
	case ",":
		if tuple {
			if target == "" {
				s.tupleBad = true
			} else {
				s.targets = append(s.targets, target)
			}
		}
	case ":":
		if (py || p.lang == TypeScript) && !s.inAnnot && target != "" {
			s.annot, s.inAnnot = target, true
		} else {
			s.phase = phDead
		}
	default:
		if !assignOps[t.text] {
			s.phase = phDead
			return
		}
		if s.inAnnot {
			target = s.annot
		}
		if target == "" || s.tupleBad || len(s.targets) > 16 {
			s.phase = phDead
			return
		}
		s.targets = append(s.targets, target)
		s.phase, s.op, s.line, s.callsFrom = phValue, t.text, t.line, len(p.f.Calls)
	}
}

// valueTok reads a token of an assignment's value.
func (p *parser) valueTok(t token) {
	s := &p.st
	if t.kind == tkOp && t.text == "," && (p.lang == JavaScript || p.lang == TypeScript || p.lang == Java) {
		p.endStmt() // let a = 1, b = 2
		s.phase, s.targets, s.inAnnot, s.tupleBad = phLHS, s.targets[:0], false, false
		s.valStart, s.valEnd, s.ntok, s.firstChain, s.prefixed = -1, 0, 0, -1, false
		return
	}
	if s.ntok == 0 && t.kind == tkName && (t.text == "await" || t.text == "new") && !s.prefixed {
		s.prefixed = true
		s.valStart = t.start
		s.valEnd = t.end
		return
	}
	if s.ntok == 0 {
		if s.valStart < 0 {
			s.valStart = t.start
		}
		if t.kind == tkName || t.kind == tkStr {
			s.firstChain = t.start
		}
	}
	s.valStart = min(s.valStart, t.start)
	s.valEnd = max(s.valEnd, t.end)
	s.ntok++
}

// endStmt records the assignment the statement holds, if any, and updates the aliases.
func (p *parser) endStmt() {
	s := &p.st
	if s.phase != phValue || s.ntok == 0 {
		s.phase = phDead
		return
	}
	s.phase = phDead
	resolved, module := "", ""
	if c := &p.ch; s.firstChain >= 0 && c.active && c.named && !c.dotted && c.start == s.firstChain && c.end >= s.valEnd {
		resolved, module = clip(string(c.buf), maxCallee), c.module
	}
	var calls []int
	for i := s.callsFrom; i < len(p.f.Calls) && len(calls) < MaxArgs; i++ {
		calls = append(calls, i)
	}
	value := p.valueText(s.valStart, s.valEnd)
	for i, target := range s.targets {
		if len(p.f.Assigns) >= MaxAssigns {
			p.f.Capped = true
			break
		}
		p.f.Assigns = append(p.f.Assigns, Assign{Name: target, Value: value, Calls: calls, Line: s.line, Op: s.op,
			Resolved: resolved, Start: s.valStart, End: s.valEnd})
		if s.op != "=" && s.op != ":=" {
			continue
		}
		field := ""
		if n := len(p.stack); n > 0 && p.stack[n-1].class && !containsDot(target) {
			field = "this." + target
		}
		if i == 0 && resolved != "" {
			p.alias[target] = binding{text: resolved, module: module}
			if field != "" {
				p.alias[field] = binding{text: resolved, module: module}
			}
		} else {
			delete(p.alias, target)
		}
	}
}
