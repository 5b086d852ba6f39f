package deps

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/aisecops/aisec/internal/format/structured"
)

// maxTOMLValues bounds the values kept from one TOML document.
const maxTOMLValues = 1_000_000

// tval is one TOML value with the line it starts on. Tables (standard or inline) have tab;
// arrays, including arrays of tables, have items; scalars have str (the decoded string, or
// the literal text of numbers, booleans and dates).
type tval struct {
	kind  unstable.Kind
	str   string
	line  int
	items []*tval
	tab   *ttable
}

// ttable is a TOML table that remembers the order its keys were defined in.
type ttable struct {
	keys   []string
	fields map[string]*tval
}

func newTable() *ttable { return &ttable{fields: map[string]*tval{}} }

// get follows keys through nested tables.
func (t *ttable) get(keys ...string) *tval {
	var v *tval
	for _, k := range keys {
		if t == nil {
			return nil
		}
		v = t.fields[k]
		if v == nil {
			return nil
		}
		t = v.tab
	}
	return v
}

// table returns the table at keys, or nil.
func (t *ttable) table(keys ...string) *ttable {
	if v := t.get(keys...); v != nil {
		return v.tab
	}
	return nil
}

// str returns the string at keys, or "".
func (t *ttable) str(keys ...string) string {
	if v := t.get(keys...); v != nil && v.kind == unstable.String {
		return v.str
	}
	return ""
}

func (t *ttable) set(k string, v *tval) {
	if _, ok := t.fields[k]; !ok {
		t.keys = append(t.keys, k)
	}
	t.fields[k] = v
}

// tomlBuilder turns go-toml's expression stream into a tree of ttables.
type tomlBuilder struct {
	data  []byte
	lines lineCounter
	skip  map[string]bool // dotted key paths (array indexes left out) whose values are not kept
	n     int
}

// parseTOML parses a TOML document into an ordered tree. Values under a dotted key path in
// skip (such as "package.wheels") are parsed but not kept. Syntax errors carry the line.
// Redefinitions that a strict decoder would refuse are tolerated: the last value wins.
func parseTOML(data []byte, skip map[string]bool) (*ttable, error) {
	if d := structured.TOMLDepth(data); d > MaxDepth {
		return nil, fmt.Errorf("nesting deeper than %d", MaxDepth)
	}
	b := &tomlBuilder{data: data, lines: newLineCounter(data), skip: skip}
	root := newTable()
	cur, curPath := root, ""
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys := keyParts(e.Key())
			curPath = strings.Join(keys, ".")
			cur = b.open(root, keys, e.Kind == unstable.ArrayTable)
		case unstable.KeyValue:
			if cur != nil {
				if err := b.keyValue(cur, curPath, e, 0); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, b.syntaxError(err)
	}
	return root, nil
}

func keyParts(it unstable.Iterator) []string {
	var keys []string
	for it.Next() {
		keys = append(keys, string(it.Node().Data))
	}
	return keys
}

// open finds or creates the table a [header] or [[header]] names. It returns nil (the
// following key-values are dropped) for skipped paths and headers that conflict with
// values already defined.
func (b *tomlBuilder) open(root *ttable, keys []string, array bool) *ttable {
	if len(keys) == 0 || b.skipped(strings.Join(keys, ".")) {
		return nil
	}
	t := root
	for _, k := range keys[:len(keys)-1] {
		if t = descend(t, k); t == nil {
			return nil
		}
	}
	last := keys[len(keys)-1]
	v := t.fields[last]
	switch {
	case array && v == nil:
		v = &tval{kind: unstable.Array}
		t.set(last, v)
		fallthrough
	case array && v.kind == unstable.Array:
		nt := newTable()
		v.items = append(v.items, &tval{kind: unstable.Table, tab: nt})
		return nt
	case !array && v == nil:
		nt := newTable()
		t.set(last, &tval{kind: unstable.Table, tab: nt})
		return nt
	case !array && v.tab != nil:
		return v.tab
	}
	return nil
}

// skipped reports whether path or one of its parents is in the skip set.
func (b *tomlBuilder) skipped(path string) bool {
	if len(b.skip) == 0 {
		return false
	}
	for {
		if b.skip[path] {
			return true
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return false
		}
		path = path[:i]
	}
}

// descend steps into the table k of t, creating it, or into the last table of an array of
// tables.
func descend(t *ttable, k string) *ttable {
	v := t.fields[k]
	switch {
	case v == nil:
		nt := newTable()
		t.set(k, &tval{kind: unstable.Table, tab: nt})
		return nt
	case v.tab != nil:
		return v.tab
	case v.kind == unstable.Array && len(v.items) > 0:
		return v.items[len(v.items)-1].tab
	}
	return nil
}

// keyValue stores one (possibly dotted) key = value in t.
func (b *tomlBuilder) keyValue(t *ttable, path string, e *unstable.Node, depth int) error {
	it := e.Key()
	var keys []string
	line := 0
	for it.Next() {
		n := it.Node()
		if line == 0 {
			line = b.lines.at(int(n.Raw.Offset))
		}
		keys = append(keys, string(n.Data))
	}
	if len(keys) == 0 {
		return nil
	}
	for _, k := range keys {
		path = joinPath(path, k)
	}
	if b.skip[path] {
		return nil
	}
	for _, k := range keys[:len(keys)-1] {
		if t = descend(t, k); t == nil {
			return nil
		}
	}
	v, err := b.value(e.Value(), path, depth)
	if err != nil {
		return err
	}
	v.line = line
	t.set(keys[len(keys)-1], v)
	return nil
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// value converts a value node.
func (b *tomlBuilder) value(n *unstable.Node, path string, depth int) (*tval, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("nesting deeper than %d", MaxDepth)
	}
	if b.n++; b.n > maxTOMLValues {
		return nil, fmt.Errorf("more than %d values", maxTOMLValues)
	}
	v := &tval{kind: n.Kind}
	switch n.Kind {
	case unstable.Array:
		it := n.Children()
		for it.Next() {
			ch := it.Node()
			if ch.Kind == unstable.Comment {
				continue
			}
			item, err := b.value(ch, path, depth+1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, item)
		}
	case unstable.InlineTable:
		v.line = b.lines.at(int(n.Raw.Offset))
		v.tab = newTable()
		it := n.Children()
		for it.Next() {
			if ch := it.Node(); ch.Kind == unstable.KeyValue {
				if err := b.keyValue(v.tab, path, ch, depth+1); err != nil {
					return nil, err
				}
			}
		}
	default:
		v.str = string(n.Data)
		if n.Kind == unstable.String {
			v.line = b.lines.at(int(n.Raw.Offset))
		}
	}
	return v, nil
}

// syntaxError adds the line to a parser error.
func (b *tomlBuilder) syntaxError(err error) error {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return err
	}
	off := cap(b.data) - cap(pe.Highlight)
	if pe.Highlight == nil || off < 0 || off > len(b.data) {
		return errors.New(pe.Message)
	}
	return fmt.Errorf("line %d: %s", b.lines.at(off), pe.Message)
}
