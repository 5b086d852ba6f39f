package code

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// quote reads a literal whose opening quote is at l.pos; start is where its prefix begins.
// f-strings and JS template literals switch to literal mode so that their interpolations are
// lexed as code.
func (l *lexer) quote(start int, prefix string) {
	q := l.src[l.pos]
	switch {
	case l.lang == Python:
		triple := strings.HasPrefix(l.src[l.pos:], string([]byte{q, q, q}))
		body := l.pos + 1
		if triple {
			body = l.pos + 3
		}
		raw := strings.Contains(prefix, "r")
		if strings.ContainsAny(prefix, "ft") && len(l.modes) < maxModes {
			l.modes = append(l.modes, lexMode{quote: q, triple: triple, raw: raw, start: start, body: body, line: l.line})
			l.pos = body
			return
		}
		l.plain(start, body, q, triple, true, raw)
	case q == '`' && (l.lang == JavaScript || l.lang == TypeScript):
		if len(l.modes) < maxModes {
			l.modes = append(l.modes, lexMode{quote: q, triple: true, start: start, body: l.pos + 1, line: l.line})
			l.pos++
			return
		}
		l.plain(start, l.pos+1, q, true, true, false)
	case q == '`' && l.lang == Go:
		l.plain(start, l.pos+1, q, true, false, true)
	case q == '\'' && (l.lang == Go || l.lang == Java):
		_, next, _ := scanString(l.src, l.pos+1, q, false, true)
		l.emit(token{kind: tkAtom, start: start, end: next, line: l.line, text: "'c'"})
		l.pos = next
	case q == '`': // Java: not a quote
		l.pos++
		l.emit(token{kind: tkOp, start: start, end: l.pos, line: l.line, text: "`"})
	case q == '"' && l.lang == Java && strings.HasPrefix(l.src[l.pos:], `"""`):
		l.plain(start, l.pos+3, q, true, true, false)
	default:
		l.plain(start, l.pos+1, q, false, true, false)
	}
}

// plain reads a literal without interpolations whose body starts at body and emits it.
func (l *lexer) plain(start, body int, q byte, triple, escapes, raw bool) {
	var end, next, lines int
	if triple && q == '"' && l.lang == Java {
		end, next, lines = scanTextBlock(l.src, body)
	} else {
		end, next, lines = scanString(l.src, body, q, triple, escapes)
	}
	l.emit(token{kind: tkStr, start: start, end: next, line: l.line, text: decode(l.src[body:end], raw || !escapes)})
	l.line += lines
	l.pos = next
}

// scanString finds the end of a literal body that starts at i: where the body ends, where the
// token ends (after the closing quote) and how many line breaks it holds. A single-line
// literal that reaches a line end, or any literal that reaches the end of input, stops there.
func scanString(s string, i int, q byte, triple, escapes bool) (end, next, lines int) {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && escapes:
			if i+1 < len(s) && s[i+1] == '\n' {
				lines++
			}
			i += 2
			continue
		case c == '\n':
			if !triple {
				return i, i, lines
			}
			lines++
		case c == q:
			if !triple || q == '`' {
				return i, i + 1, lines
			}
			if i+2 < len(s) && s[i+1] == q && s[i+2] == q {
				return i, i + 3, lines
			}
		}
		i++
	}
	return len(s), len(s), lines
}

// scanTextBlock scans a Java text block body ("""…""").
func scanTextBlock(s string, i int) (end, next, lines int) {
	for i < len(s) {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] == '\n' {
				lines++
			}
			i += 2
			continue
		case '\n':
			lines++
		case '"':
			if strings.HasPrefix(s[i:], `"""`) {
				return i, i + 3, lines
			}
		}
		i++
	}
	return len(s), len(s), lines
}

// literalText reads the literal part of an f-string or template literal (or a Python format
// spec) up to the next interpolation, the end of the literal, or the end of input.
func (l *lexer) literalText() {
	top := len(l.modes) - 1
	lit := top
	for lit > 0 && (l.modes[lit].expr || l.modes[lit].spec) {
		lit--
	}
	m := l.modes[lit]
	spec := l.modes[top].spec
	js := m.quote == '`'
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\':
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
				l.line++
			}
			l.pos += 2
			continue
		case c == '\n':
			if !m.triple {
				l.closeLiteral(lit, l.pos, l.pos)
				return
			}
			l.line++
		case c == m.quote && (js || !m.triple || strings.HasPrefix(l.src[l.pos:], string([]byte{c, c, c}))):
			n := 1
			if m.triple && !js {
				n = 3
			}
			l.closeLiteral(lit, l.pos, l.pos+n)
			return
		case js && c == '$' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '{':
			l.openField(lit, 2)
			return
		case !js && !spec && (c == '{' || c == '}') && l.pos+1 < len(l.src) && l.src[l.pos+1] == c:
			l.pos += 2
			continue
		case !js && c == '{':
			l.openField(lit, 1)
			return
		case !js && c == '}' && spec:
			l.modes = l.modes[:top]
			l.pos++
			return
		}
		l.pos++
	}
	l.pos = len(l.src)
}

// openField starts an interpolation whose opening delimiter (n bytes) is at l.pos.
func (l *lexer) openField(lit, n int) {
	l.modes[lit].interp = true
	l.emit(token{kind: tkOp, start: l.pos, end: l.pos + n, line: l.line, text: opInterpOpen})
	l.pos += n
	if len(l.modes) >= maxModes {
		// Too deep: skip to the end of the field as text.
		l.modes = append(l.modes, lexMode{spec: true})
		return
	}
	l.modes = append(l.modes, lexMode{expr: true})
}

// closeLiteral ends the literal at modes[lit] (and any interpolation left open inside it).
func (l *lexer) closeLiteral(lit, bodyEnd, next int) {
	for len(l.modes) > lit+1 {
		if l.modes[len(l.modes)-1].expr {
			l.emit(token{kind: tkOp, start: bodyEnd, end: bodyEnd, line: l.line, text: opInterpClose})
		}
		l.modes = l.modes[:len(l.modes)-1]
	}
	m := l.modes[lit]
	l.modes = l.modes[:lit]
	l.emitLiteral(m, bodyEnd, next)
	l.pos = next
}

func (l *lexer) emitLiteral(m lexMode, bodyEnd, next int) {
	bodyEnd = max(bodyEnd, m.body)
	l.emit(token{kind: tkStr, interp: m.interp, start: m.start, end: max(next, bodyEnd), line: m.line,
		text: decode(l.src[m.body:min(bodyEnd, len(l.src))], m.raw)})
}

// decode returns the value of a literal body, escapes resolved unless raw, at most
// MaxLiteral bytes, valid UTF-8.
func decode(body string, raw bool) string {
	if raw || strings.IndexByte(body, '\\') < 0 {
		return clip(body, MaxLiteral)
	}
	var b strings.Builder
	for i := 0; i < len(body) && b.Len() < MaxLiteral; i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := body[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '\n':
		case 'x':
			i += writeHex(&b, body, i+1, 2)
		case 'u':
			if i+1 < len(body) && body[i+1] == '{' {
				if end := strings.IndexByte(body[i:], '}'); end > 0 && end < 10 {
					writeCode(&b, body[i+2:i+end])
					i += end
					continue
				}
			}
			i += writeHex(&b, body, i+1, 4)
		case 'U':
			i += writeHex(&b, body, i+1, 8)
		default:
			b.WriteByte(e)
		}
	}
	return clip(b.String(), MaxLiteral)
}

// writeHex decodes n hex digits at body[i:] as a code point and returns how many it used
// (0 when they are not hex digits: the escape letter is then kept as is).
func writeHex(b *strings.Builder, body string, i, n int) int {
	if i+n > len(body) {
		return 0
	}
	if !writeCode(b, body[i:i+n]) {
		return 0
	}
	return n
}

func writeCode(b *strings.Builder, hex string) bool {
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return false
	}
	if v < utf8.RuneSelf {
		b.WriteByte(byte(v))
	} else {
		b.WriteRune(rune(v))
	}
	return true
}

// clip returns s cut to at most n bytes at a rune boundary, made valid UTF-8.
func clip(s string, n int) string {
	s = cut(s, n)
	if !utf8.ValidString(s) {
		s = cut(strings.ToValidUTF8(s, "\uFFFD"), n)
	}
	return s
}

// cut returns s cut to at most n bytes, backing off to the start of a rune.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	c := n
	for c > 0 && c > n-utf8.UTFMax && !utf8.RuneStart(s[c]) {
		c--
	}
	return s[:c]
}
