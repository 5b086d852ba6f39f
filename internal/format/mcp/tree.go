package mcp

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// kind is the type of a decoded value.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNum
	kStr
	kObj
	kArr
)

// node is one decoded value that remembers where it was and the order of its keys, which
// the generic trees of encoding/json and internal/format/structured forget.
type node struct {
	kind    kind
	text    string // string value; number, boolean or date literal as written
	off     int64  // byte offset of the value, -1 when unknown
	members []member
	items   []*node
}

// member is one key of an object.
type member struct {
	key string
	off int64 // byte offset of the key
	val *node
}

// get returns the value of key (the last one when a key repeats, as JSON.parse does).
func (n *node) get(key string) *node {
	if m, ok := n.member(key); ok {
		return m.val
	}
	return nil
}

// member returns the last member named key.
func (n *node) member(key string) (member, bool) {
	if n == nil || n.kind != kObj {
		return member{}, false
	}
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].key == key {
			return n.members[i], true
		}
	}
	return member{}, false
}

// all returns the values of every member named key, in file order: a repeated key was
// written more than once, and what an earlier copy holds is still in the file.
func (n *node) all(key string) []*node {
	if n == nil || n.kind != kObj {
		return nil
	}
	var out []*node
	for _, m := range n.members {
		if m.key == key {
			out = append(out, m.val)
		}
	}
	return out
}

// scalar returns the text of a string, number or boolean.
func (n *node) scalar() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.kind {
	case kStr, kNum, kBool:
		return n.text, true
	}
	return "", false
}

// str returns the text of a string value, "" otherwise.
func (n *node) str() string {
	if n == nil || n.kind != kStr {
		return ""
	}
	return n.text
}

// isTrue reports a boolean true (or the string "true").
func (n *node) isTrue() bool {
	return n != nil && (n.kind == kBool || n.kind == kStr) && n.text == "true"
}

// isFalse reports a boolean false (or the string "false").
func (n *node) isFalse() bool {
	return n != nil && (n.kind == kBool || n.kind == kStr) && n.text == "false"
}

// errTooDeep is matched by errors for nesting past MaxDepth.
var errTooDeep = structured.ErrTooDeep

// jsonParser is a recursive-descent JSON reader bounded in depth and values. It works on
// text whose comments and trailing commas were blanked (see stripJSONC), so offsets are
// those of the original file.
type jsonParser struct {
	data  []byte
	pos   int
	nodes int
}

// parseJSONTree decodes JSON or JSONC text.
func parseJSONTree(data []byte) (*node, error) {
	p := &jsonParser{data: stripJSONC(data)}
	p.skipWS()
	if p.pos == len(p.data) {
		return nil, ErrNotConfig
	}
	if c := p.data[p.pos]; c != '{' && c != '[' {
		return nil, ErrNotConfig
	}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.pos != len(p.data) {
		return nil, p.errorf("unexpected data after the top-level value")
	}
	return root, nil
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("JSON: %s at offset %d", fmt.Sprintf(format, args...), p.pos)
}

func (p *jsonParser) skipWS() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*node, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("JSON: %w (%d)", errTooDeep, MaxDepth)
	}
	if p.nodes++; p.nodes > MaxNodes {
		return nil, fmt.Errorf("JSON: %w", limits.Exceeded("JSON values", MaxNodes))
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	start := int64(p.pos)
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		return &node{kind: kStr, text: s, off: start}, err
	case c == 't' || c == 'f' || c == 'n':
		return p.literal()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, p.errorf("unexpected character %q", rune(p.data[p.pos]))
}

func (p *jsonParser) object(depth int) (*node, error) {
	n := &node{kind: kObj, off: int64(p.pos)}
	p.pos++
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.skipWS()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("expected a string key")
		}
		keyOff := int64(p.pos)
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipWS()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after key %q", clipText(key))
		}
		p.pos++
		p.skipWS()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, member{key: key, off: keyOff, val: v})
		if done, err := p.next('}'); done || err != nil {
			return n, err
		}
	}
}

func (p *jsonParser) array(depth int) (*node, error) {
	n := &node{kind: kArr, off: int64(p.pos)}
	p.pos++
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipWS()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, v)
		if done, err := p.next(']'); done || err != nil {
			return n, err
		}
	}
}

// next consumes a comma (more to come) or the closing bracket (done).
func (p *jsonParser) next(closing byte) (bool, error) {
	p.skipWS()
	if p.pos >= len(p.data) {
		return false, p.errorf("unexpected end of input")
	}
	switch p.data[p.pos] {
	case ',':
		p.pos++
		return false, nil
	case closing:
		p.pos++
		return true, nil
	}
	return false, p.errorf("expected ',' or %q", rune(closing))
}

// str reads a string literal at p.pos. Plain ASCII/UTF-8 without escapes is sliced; anything
// else goes through encoding/json, which decodes escapes and surrogate pairs.
func (p *jsonParser) str() (string, error) {
	start := p.pos
	plain := true
	for i := start + 1; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '"':
			seg := p.data[start : i+1]
			p.pos = i + 1
			if plain && utf8.Valid(seg) {
				return string(seg[1 : len(seg)-1]), nil
			}
			var s string
			if err := json.Unmarshal(seg, &s); err != nil {
				p.pos = start
				return "", p.errorf("invalid string")
			}
			return s, nil
		case c == '\\':
			plain = false
			i++
		case c < 0x20:
			p.pos = i
			return "", p.errorf("control character in string")
		}
	}
	p.pos = start
	return "", p.errorf("unterminated string")
}

func (p *jsonParser) literal() (*node, error) {
	start := p.pos
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(p.data)-start >= len(lit) && string(p.data[start:start+len(lit)]) == lit {
			p.pos += len(lit)
			if lit == "null" {
				return &node{kind: kNull, off: int64(start)}, nil
			}
			return &node{kind: kBool, text: lit, off: int64(start)}, nil
		}
	}
	return nil, p.errorf("invalid literal")
}

func (p *jsonParser) number() (*node, error) {
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		p.pos++
	}
	seg := p.data[start:p.pos]
	if !json.Valid(seg) {
		p.pos = start
		return nil, p.errorf("invalid number")
	}
	return &node{kind: kNum, text: string(seg), off: int64(start)}, nil
}

// clipText shortens text quoted in an error message.
func clipText(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
