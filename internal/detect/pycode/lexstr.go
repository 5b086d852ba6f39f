package pycode

import "strings"

// str reads a string literal whose quote is at l.pos; start is where its prefix begins.
// f-strings (and t-strings) switch to f-string mode so their expressions are lexed as code.
func (l *Lexer) str(start int, prefix string) {
	q := l.src[l.pos]
	triple := strings.HasPrefix(l.src[l.pos:], string([]byte{q, q, q}))
	body := l.pos + 1
	if triple {
		body = l.pos + 3
	}
	raw := strings.Contains(prefix, "r")
	if strings.ContainsAny(prefix, "ft") && len(l.modes) < maxModes {
		l.pos = body
		l.modes = append(l.modes, lexMode{kind: modeFString, quote: q, triple: triple, raw: raw, start: start, body: body, prefix: prefix})
		return
	}
	end, next := scanString(l.src, body, q, triple)
	l.pos = next
	l.emit(Token{Kind: TokString, Start: start, End: next, Text: decodeLiteral(l.src[body:end], raw, strings.Contains(prefix, "b")), Prefix: prefix})
}

// scanString finds the end of a literal body that starts at i: it returns where the body ends
// and where the token ends (after the closing quote). A single-quoted literal that reaches a
// line end, or any literal that reaches the end of input, stops there.
func scanString(s string, i int, q byte, triple bool) (end, next int) {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '\n' && !triple:
			return i, i
		case c == q:
			if !triple {
				return i, i + 1
			}
			if i+2 < len(s) && s[i+1] == q && s[i+2] == q {
				return i, i + 3
			}
		}
		i++
	}
	return len(s), len(s)
}

// fstringText reads the literal text of an f-string (or of a format spec) up to the next
// replacement field, the end of the f-string, or the end of input.
func (l *Lexer) fstringText() {
	top := len(l.modes) - 1
	fs := top
	for fs > 0 && l.modes[fs].kind != modeFString {
		fs--
	}
	f := l.modes[fs]
	spec := l.modes[top].kind == modeFSpec
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\':
			if !f.raw && strings.HasPrefix(l.src[l.pos+1:], "N{") {
				if end := strings.IndexByte(l.src[l.pos:], '}'); end > 0 {
					l.pos += end + 1
					continue
				}
			}
			l.pos += 2
			continue
		case c == '\n' && !f.triple:
			l.closeFString(fs, l.pos, l.pos)
			return
		case c == f.quote && (!f.triple || strings.HasPrefix(l.src[l.pos:], string([]byte{c, c, c}))):
			n := 1
			if f.triple {
				n = 3
			}
			l.closeFString(fs, l.pos, l.pos+n)
			return
		case c == '{' && !spec && strings.HasPrefix(l.src[l.pos+1:], "{"), c == '}' && !spec && strings.HasPrefix(l.src[l.pos+1:], "}"):
			l.pos += 2
			continue
		case c == '{':
			l.openField(top)
			return
		case c == '}' && spec:
			l.modes = l.modes[:top]
			l.emitAt(Token{Kind: TokOp, Start: l.pos, End: l.pos, Text: "f)", Synthetic: true}, false)
			l.pos++
			return
		}
		l.pos++
	}
	l.pos = len(l.src)
}

// openField starts a replacement field: the f-string's head is emitted first (once), then a
// synthetic "f(" so the expression reads as a parenthesised group.
func (l *Lexer) openField(top int) {
	if m := &l.modes[top]; m.kind == modeFString && !m.emitted {
		m.emitted = true
		l.emitFHead(*m, l.pos, top == 0)
	}
	l.emitAt(Token{Kind: TokOp, Start: l.pos, End: l.pos, Text: "f(", Synthetic: true}, false)
	l.pos++
	l.modes = append(l.modes, lexMode{kind: modeFExpr})
}

// closeFString ends the f-string at modes[fs] (and any field left open inside it).
func (l *Lexer) closeFString(fs, bodyEnd, next int) {
	for len(l.modes) > fs+1 {
		l.modes = l.modes[:len(l.modes)-1]
		l.emitAt(Token{Kind: TokOp, Start: bodyEnd, End: bodyEnd, Text: "f)", Synthetic: true}, false)
	}
	m := l.modes[fs]
	l.modes = l.modes[:fs]
	if !m.emitted {
		l.emitFHead(m, bodyEnd, fs == 0)
	}
	l.pos = next
}

// emitFHead emits an f-string as a String token whose value is its literal text up to the
// first replacement field (the expressions follow as code tokens).
func (l *Lexer) emitFHead(m lexMode, end int, top bool) {
	end = max(end, m.body)
	l.emitAt(Token{Kind: TokString, Start: m.start, End: end, Text: decodeLiteral(l.src[m.body:end], m.raw, false), Prefix: m.prefix}, top)
}

// fexprOp handles an operator inside an f-string expression that changes the lexer mode: the
// closing "}", a top-level ":" (format spec follows) and "!r"-style conversions. It returns
// false for operators that are ordinary tokens.
func (l *Lexer) fexprOp(text string) bool {
	m := &l.modes[len(l.modes)-1]
	switch text {
	case "(", "[", "{":
		m.braces++
	case ")", "]":
		if m.braces > 0 {
			m.braces--
		}
	case "}":
		if m.braces > 0 {
			m.braces--
			return false
		}
		l.modes = l.modes[:len(l.modes)-1]
		l.emitAt(Token{Kind: TokOp, Start: l.pos, End: l.pos, Text: "f)", Synthetic: true}, false)
		l.pos++
		return true
	case ":":
		if m.braces == 0 {
			m.kind = modeFSpec
			l.pos++
			return true
		}
	case "!":
		if m.braces == 0 && l.pos+1 < len(l.src) && strings.IndexByte("rsa", l.src[l.pos+1]) >= 0 {
			l.pos += 2
			return true
		}
	}
	return false
}
