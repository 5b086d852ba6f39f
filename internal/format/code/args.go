package code

// argAcc accumulates the argument being read in a call (or the element of an object or
// composite literal).
type argAcc struct {
	n         int // tokens of the value read so far (a nested bracket counts once)
	name      string
	start     int
	end       int
	firstKind tokKind
	firstText string
	str       bool // the value so far is string literals only
	strVal    string
	obj       []Arg // entries of an object literal read as the value's first token
	objN      int   // n when that object closed
}

// argTok feeds a token read directly inside fr.
func (p *parser) argTok(fr *frame, t token) {
	a := &fr.cur
	if t.kind == tkOp && t.text == "," {
		p.finishArg(fr)
		return
	}
	if a.n == 1 && a.name == "" && fr.keyOp != "" && t.kind == tkOp && t.text == fr.keyOp &&
		(a.firstKind == tkName || a.firstKind == tkStr && fr.kind == fkObject) {
		if n := len(p.f.Idents); n > 0 && p.f.Idents[n-1].Offset == a.start { // a key is not a read
			p.f.Idents = p.f.Idents[:n-1]
			p.ch.ident = -1
		}
		a.name, a.n, a.str, a.strVal, a.start = a.firstText, 0, false, "", 0
		return
	}
	if a.n == 0 {
		a.start, a.end, a.firstKind, a.firstText = t.start, t.end, t.kind, t.text
	}
	a.start, a.end = min(a.start, t.start), max(a.end, t.end)
	a.n++
	switch {
	case t.kind != tkStr || t.interp:
		a.str = false
	case a.n == 1:
		a.str, a.strVal = true, t.text
	case a.str && p.lang == Python: // implicit concatenation
		if len(a.strVal) < MaxLiteral {
			a.strVal = clip(a.strVal+t.text, MaxLiteral)
		}
	default:
		a.str = false
	}
}

// finishArg ends the argument being read in fr and appends it to fr.args.
func (p *parser) finishArg(fr *frame) {
	a := fr.cur
	fr.cur = argAcc{}
	if a.n == 0 {
		return
	}
	if fr.kind == fkObject && a.name == "" && a.n == 1 && a.firstKind == tkName { // {model}
		a.name = a.firstText
	}
	if len(fr.args) >= MaxArgs {
		p.f.Capped = true
		return
	}
	arg := Arg{Name: a.name, Start: a.start, End: a.end}
	if a.str {
		arg.Value, arg.String = a.strVal, true
	} else {
		arg.Value = p.valueText(a.start, a.end)
	}
	if c := &p.ch; c.active && c.named && !c.dotted && c.start == a.start && c.end == a.end {
		arg.Resolved = clip(string(c.buf), maxCallee)
	}
	fr.args = append(fr.args, arg)
	if a.obj != nil && a.n == a.objN {
		for _, o := range a.obj {
			if len(fr.args) >= MaxArgs {
				p.f.Capped = true
				break
			}
			fr.args = append(fr.args, o)
		}
	}
}
