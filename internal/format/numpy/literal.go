package numpy

import (
	"fmt"
	"strconv"
	"strings"
)

// The .npy header is a Python dict literal that numpy reads with ast.literal_eval, so escapes,
// quotes and nesting must be understood exactly: a descr written 'object', '\x4f' or
// ('|O', (1,)) is an object dtype as surely as '|O'.

// pyValue is a parsed Python literal: string, int, bool, None, tuple, list or dict.
type pyValue struct {
	kind  byte // 's' str/bytes, 'i' int, 'b' bool, 'n' None, 't' tuple, 'l' list, 'd' dict
	str   string
	num   int64
	items []pyValue // tuple and list items; dict as key, value pairs
}

// maxLiteralDepth bounds nesting so a hostile header cannot recurse without end.
const maxLiteralDepth = 32

type litParser struct {
	s   string
	pos int
}

func parseLiteral(s string) (pyValue, error) {
	p := &litParser{s: s}
	v, err := p.value(0)
	if err != nil {
		return pyValue{}, err
	}
	p.space()
	if p.pos != len(p.s) {
		return pyValue{}, fmt.Errorf("unexpected %q after the header literal", p.rest())
	}
	return v, nil
}

func (p *litParser) rest() string {
	r := p.s[p.pos:]
	if len(r) > 20 {
		r = r[:20]
	}
	return r
}

func (p *litParser) space() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\n\r\f\v", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *litParser) value(depth int) (pyValue, error) {
	if depth > maxLiteralDepth {
		return pyValue{}, fmt.Errorf("header literal nested deeper than %d", maxLiteralDepth)
	}
	p.space()
	if p.pos >= len(p.s) {
		return pyValue{}, fmt.Errorf("header literal ends early")
	}
	switch c := p.s[p.pos]; {
	case c == '{':
		return p.sequence(depth, '}', 'd')
	case c == '(':
		return p.sequence(depth, ')', 't')
	case c == '[':
		return p.sequence(depth, ']', 'l')
	case c == '\'' || c == '"' || strings.ContainsRune("uUbBrR", rune(c)):
		return p.str()
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.integer()
	}
	for _, w := range []struct {
		word string
		v    pyValue
	}{{"True", pyValue{kind: 'b', num: 1}}, {"False", pyValue{kind: 'b'}}, {"None", pyValue{kind: 'n'}}} {
		if strings.HasPrefix(p.s[p.pos:], w.word) {
			p.pos += len(w.word)
			return w.v, nil
		}
	}
	return pyValue{}, fmt.Errorf("unsupported header literal at %q", p.rest())
}

// sequence parses tuple, list and dict bodies; a dict yields key, value pairs.
func (p *litParser) sequence(depth int, end byte, kind byte) (pyValue, error) {
	p.pos++
	v := pyValue{kind: kind}
	for {
		p.space()
		if p.pos < len(p.s) && p.s[p.pos] == end {
			p.pos++
			return v, nil
		}
		item, err := p.value(depth + 1)
		if err != nil {
			return pyValue{}, err
		}
		v.items = append(v.items, item)
		if kind == 'd' {
			p.space()
			if p.pos >= len(p.s) || p.s[p.pos] != ':' {
				return pyValue{}, fmt.Errorf("expected ':' in header dict at %q", p.rest())
			}
			p.pos++
			if item, err = p.value(depth + 1); err != nil {
				return pyValue{}, err
			}
			v.items = append(v.items, item)
		}
		p.space()
		switch {
		case p.pos < len(p.s) && p.s[p.pos] == ',':
			p.pos++
		case p.pos < len(p.s) && p.s[p.pos] == end:
		default:
			return pyValue{}, fmt.Errorf("expected ',' or %q in header at %q", end, p.rest())
		}
	}
}

// str parses a (possibly prefixed) single- or double-quoted string, decoding escapes the way
// Python does for the forms numpy headers can contain.
func (p *litParser) str() (pyValue, error) {
	raw := false
	for p.pos < len(p.s) && strings.IndexByte("uUbBrR", p.s[p.pos]) >= 0 {
		raw = raw || p.s[p.pos] == 'r' || p.s[p.pos] == 'R'
		p.pos++
	}
	if p.pos >= len(p.s) || (p.s[p.pos] != '\'' && p.s[p.pos] != '"') {
		return pyValue{}, fmt.Errorf("bad string prefix at %q", p.rest())
	}
	quote := p.s[p.pos]
	start := p.pos + 1
	for i := start; i < len(p.s); i++ {
		switch p.s[i] {
		case '\\':
			i++
		case quote:
			p.pos = i + 1
			body := p.s[start:i]
			if raw {
				return pyValue{kind: 's', str: body}, nil
			}
			s, err := unescape(body)
			return pyValue{kind: 's', str: s}, err
		case '\n':
			return pyValue{}, fmt.Errorf("newline inside a header string")
		}
	}
	return pyValue{}, fmt.Errorf("unterminated string in header")
}

// unescape decodes Python string escapes (\xNN, \uNNNN, \UNNNNNNNN, \ooo, \n and friends).
func unescape(body string) (string, error) {
	if !strings.Contains(body, `\`) {
		return body, nil
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 >= len(body) {
			b.WriteByte(body[i])
			continue
		}
		i++
		switch c := body[i]; c {
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if i+1+n > len(body) {
				return "", fmt.Errorf("truncated \\%c escape in header", c)
			}
			v, err := strconv.ParseUint(body[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape in header", c)
			}
			b.WriteRune(rune(v))
			i += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(body[i:j], 8, 32)
			b.WriteRune(rune(v))
			i = j - 1
		default:
			if r, ok := simpleEscapes[c]; ok {
				b.WriteString(r)
			} else {
				b.WriteByte('\\')
				b.WriteByte(c)
			}
		}
	}
	return b.String(), nil
}

var simpleEscapes = map[byte]string{'n': "\n", 't': "\t", 'r': "\r", '\\': `\`, '\'': "'", '"': `"`,
	'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v", '\n': ""}

func (p *litParser) integer() (pyValue, error) {
	start := p.pos
	if p.s[p.pos] == '-' || p.s[p.pos] == '+' {
		p.pos++
	}
	for p.pos < len(p.s) && (p.s[p.pos] >= '0' && p.s[p.pos] <= '9' || p.s[p.pos] == '_') {
		p.pos++
	}
	text := strings.ReplaceAll(p.s[start:p.pos], "_", "")
	if p.pos < len(p.s) && (p.s[p.pos] == 'l' || p.s[p.pos] == 'L') {
		p.pos++ // Python 2 long suffix
	}
	v, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return pyValue{}, fmt.Errorf("bad integer %q in header", text)
	}
	return pyValue{kind: 'i', num: v}, nil
}
