package keras

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

type nodeKind uint8

const (
	nodeNull nodeKind = iota
	nodeBool
	nodeNumber
	nodeString
	nodeArray
	nodeObject
)

// node is one JSON value. Objects keep every key in file order, duplicates included, so that
// nothing an attacker hides under a repeated key escapes the walk; lookups take the last
// occurrence, as Python's json module (and therefore Keras) does.
type node struct {
	kind nodeKind
	off  int64  // offset of the value in the JSON text, -1 when unknown
	str  string // string value, number text, "true"/"false"
	keys []string
	kids []*node // object values (parallel to keys) or array items
}

// get returns the value of the last key k of an object, or nil.
func (n *node) get(k string) *node {
	if n == nil || n.kind != nodeObject {
		return nil
	}
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i] == k {
			return n.kids[i]
		}
	}
	return nil
}

// is reports whether n exists and is of kind k.
func (n *node) is(k nodeKind) bool { return n != nil && n.kind == k }

// offset returns where n starts in the JSON text, or -1.
func (n *node) offset() int64 {
	if n == nil {
		return -1
	}
	return n.off
}

// text returns the value of a string node, or "" for anything else.
func (n *node) text() string {
	if n == nil || n.kind != nodeString {
		return ""
	}
	return n.str
}

// tree is the parsed JSON with what the parser had to give up on.
type tree struct {
	root    *node
	nodes   int
	gaps    []string
	offsets bool // node offsets index the input bytes (false once the text was transcoded)
	shift   int64
}

type jsonLimits struct {
	maxDepth int
	maxNodes int
}

// decodeJSON parses text the way Python's json.loads(bytes) reads it: UTF-16/32 and a UTF-8
// BOM are detected, NaN and ±Infinity are accepted, and duplicate keys are kept. Values nested
// deeper than maxDepth, or beyond maxNodes values, are consumed without being kept and reported
// as gaps. Malformed JSON after a valid start yields the partial tree and a gap.
func decodeJSON(data []byte, lim jsonLimits) (*tree, error) {
	text, shift, transcoded, err := normalise(data)
	if err != nil {
		return nil, err
	}
	t := &tree{offsets: !transcoded, shift: shift}
	p := &jparser{t: t, s: text, lim: lim}
	root, err := p.value(0)
	t.root = root
	if err != nil {
		if root == nil {
			return nil, fmt.Errorf("unable to parse JSON: %w", err)
		}
		t.gaps = append(t.gaps, fmt.Sprintf("JSON is malformed (%v); only the part before was analysed", err))
		return t, nil
	}
	if p.ws(); p.pos < len(p.s) {
		t.gaps = append(t.gaps, fmt.Sprintf("data after the JSON value at offset %d was not analysed", int64(p.pos)+shift))
	}
	return t, nil
}

// jparser is a strict recursive-descent JSON reader with Python's json grammar. It is several
// times faster than encoding/json's token API on multi-megabyte configs and knows exact offsets.
type jparser struct {
	t   *tree
	s   []byte
	pos int
	lim jsonLimits
}

func (p *jparser) errf(format string, args ...any) error {
	return fmt.Errorf("at offset %d: %s", int64(p.pos)+p.t.shift, fmt.Sprintf(format, args...))
}

func (p *jparser) ws() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jparser) offset() int64 {
	if !p.t.offsets {
		return -1
	}
	return int64(p.pos) + p.t.shift
}

// value reads one value. It returns the node built so far together with any error, so that a
// malformed document still yields what precedes the damage. A nil node without error is a value
// that was consumed but not kept (over a budget).
func (p *jparser) value(depth int) (*node, error) {
	p.ws()
	if p.pos >= len(p.s) {
		return nil, p.errf("unexpected end of JSON")
	}
	off, c := p.offset(), p.s[p.pos]
	p.t.nodes++
	keep := p.t.nodes <= p.lim.maxNodes
	if p.t.nodes == p.lim.maxNodes+1 {
		p.t.gaps = append(p.t.gaps, fmt.Sprintf("the JSON holds more than %d values; the rest was not analysed", p.lim.maxNodes))
	}
	switch c {
	case '{', '[':
		if depth >= p.lim.maxDepth && keep {
			p.t.gaps = append(p.t.gaps, fmt.Sprintf("JSON nested deeper than %d levels at offset %d was not analysed", p.lim.maxDepth, off))
		}
		if depth >= p.lim.maxDepth || !keep {
			return nil, p.skip()
		}
		n := &node{kind: nodeArray, off: off, kids: make([]*node, 0, 4)}
		if c == '{' {
			n.kind, n.keys = nodeObject, make([]string, 0, 4)
		}
		return n, p.container(n, depth)
	case '"':
		str, err := p.str()
		if err != nil || !keep {
			return nil, err
		}
		return &node{kind: nodeString, off: off, str: str}, nil
	}
	n, err := p.scalar()
	if err != nil || !keep {
		return nil, err
	}
	n.off = off
	return n, nil
}

// scalar reads a number or a literal.
func (p *jparser) scalar() (*node, error) {
	for _, lit := range [...]struct {
		text string
		kind nodeKind
	}{{"true", nodeBool}, {"false", nodeBool}, {"null", nodeNull}, {"NaN", nodeNumber},
		{"Infinity", nodeNumber}, {"-Infinity", nodeNumber}} {
		if bytes.HasPrefix(p.s[p.pos:], []byte(lit.text)) {
			p.pos += len(lit.text)
			return &node{kind: lit.kind, str: lit.text}, nil
		}
	}
	start := p.pos
	if p.pos < len(p.s) && p.s[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.s) && p.s[p.pos] == '0':
		p.pos++
	case !p.digits():
		return nil, p.errf("invalid character %q", p.s[min(p.pos, len(p.s)-1)])
	}
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		if p.pos++; !p.digits() {
			return nil, p.errf("digit expected after the decimal point")
		}
	}
	if p.pos < len(p.s) && (p.s[p.pos] == 'e' || p.s[p.pos] == 'E') {
		if p.pos++; p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			return nil, p.errf("digit expected in the exponent")
		}
	}
	return &node{kind: nodeNumber, str: string(p.s[start:p.pos])}, nil
}

func (p *jparser) digits() bool {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// container reads the members of an object or array up to its closing delimiter. Children are
// attached before the next one is read, so the partial tree survives an error.
func (p *jparser) container(n *node, depth int) error {
	closer := byte(']')
	if n.kind == nodeObject {
		closer = '}'
	}
	p.pos++
	if p.ws(); p.pos < len(p.s) && p.s[p.pos] == closer {
		p.pos++
		return nil
	}
	for {
		if n.kind == nodeObject {
			if p.ws(); p.pos >= len(p.s) || p.s[p.pos] != '"' {
				return p.errf("object key expected")
			}
			key, err := p.str()
			if err != nil {
				return err
			}
			if p.ws(); p.pos >= len(p.s) || p.s[p.pos] != ':' {
				return p.errf("':' expected after object key")
			}
			p.pos++
			n.keys = append(n.keys, key)
		}
		child, err := p.value(depth + 1)
		n.kids = append(n.kids, child)
		if err != nil {
			return err
		}
		p.ws()
		switch {
		case p.pos >= len(p.s):
			return p.errf("unexpected end of JSON")
		case p.s[p.pos] == ',':
			p.pos++
		case p.s[p.pos] == closer:
			p.pos++
			return nil
		default:
			return p.errf("',' or %q expected", closer)
		}
	}
}

// str reads a string literal starting at its opening quote. Control characters are rejected as
// Python's strict mode does; lone surrogate escapes become U+FFFD.
func (p *jparser) str() (string, error) {
	p.pos++
	start := p.pos
	for p.pos < len(p.s) {
		switch c := p.s[p.pos]; {
		case c == '"':
			p.pos++
			return string(p.s[start : p.pos-1]), nil
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", p.errf("control character in string")
		}
		p.pos++
	}
	return "", p.errf("unterminated string")
}

// escaped finishes a string that contains escapes, from the first backslash on.
func (p *jparser) escaped(start int) (string, error) {
	buf := append([]byte(nil), p.s[start:p.pos]...)
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return "", p.errf("control character in string")
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		if p.pos+1 >= len(p.s) {
			break
		}
		e := p.s[p.pos+1]
		p.pos += 2
		if r, ok := simpleEscapes[e]; ok {
			buf = append(buf, r)
			continue
		}
		if e != 'u' {
			return "", p.errf("invalid escape \\%c", e)
		}
		r, err := p.unicodeEscape()
		if err != nil {
			return "", err
		}
		buf = utf8.AppendRune(buf, r)
	}
	return "", p.errf("unterminated string")
}

var simpleEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unicodeEscape reads the XXXX of \uXXXX (p.pos is just past the u), joining a surrogate pair.
func (p *jparser) unicodeEscape() (rune, error) {
	r, ok := hex4(p.s[p.pos:])
	if !ok {
		return 0, p.errf("invalid \\u escape")
	}
	p.pos += 4
	if !utf16.IsSurrogate(r) {
		return r, nil
	}
	if bytes.HasPrefix(p.s[p.pos:], []byte("\\u")) {
		if r2, ok := hex4(p.s[p.pos+2:]); ok {
			if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
				p.pos += 6
				return pair, nil
			}
		}
	}
	return utf8.RuneError, nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

// skip consumes a container without building anything. It counts nesting instead of
// recursing, so hostile depth costs no stack; strings are skipped whole so that brackets
// inside them do not count.
func (p *jparser) skip() error {
	level := 0
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '"':
			if _, err := p.str(); err != nil {
				return err
			}
			continue
		case '{', '[':
			level++
		case '}', ']':
			if level--; level == 0 {
				p.pos++
				return nil
			}
		}
		p.pos++
	}
	return p.errf("unexpected end of JSON")
}
