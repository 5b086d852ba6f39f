package mcp

import (
	"fmt"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// parseTOMLTree decodes TOML (Codex config.toml) into a node tree that keeps key order and
// offsets, using go-toml's expression parser. Nesting is bounded before parsing, because
// that parser recurses into arrays and inline tables.
func parseTOMLTree(data []byte) (root *node, err error) {
	if d := structured.TOMLDepth(data); d > MaxDepth {
		return nil, fmt.Errorf("TOML: %w (%d > %d)", errTooDeep, d, MaxDepth)
	}
	defer func() {
		if r := recover(); r != nil { // the parser's own invariants; never seen, never trusted
			root, err = nil, fmt.Errorf("TOML: parser failure: %v", r)
		}
	}()
	t := &tomlBuilder{root: &node{kind: kObj, off: 0}, index: map[*node]map[string]*node{}}
	t.current = t.root
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		if err := t.expression(p.Expression()); err != nil {
			return nil, err
		}
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("TOML: %w", err)
	}
	return t.root, nil
}

// tomlBuilder applies TOML expressions (tables, array tables, key/values) to a tree. index
// finds the members of the tables it built without scanning them (a file with a hundred
// thousand tables would otherwise cost quadratic time).
type tomlBuilder struct {
	root, current *node
	nodes         int
	index         map[*node]map[string]*node
}

// lookup returns the last value of key in table n.
func (t *tomlBuilder) lookup(n *node, key string) *node {
	return t.index[n][key]
}

// set appends key = v to table n.
func (t *tomlBuilder) set(n *node, key string, off int64, v *node) {
	n.members = append(n.members, member{key: key, off: off, val: v})
	m := t.index[n]
	if m == nil {
		m = map[string]*node{}
		t.index[n] = m
	}
	m[key] = v
}

func (t *tomlBuilder) count() error {
	if t.nodes++; t.nodes > MaxNodes {
		return fmt.Errorf("TOML: %w", limits.Exceeded("TOML values", MaxNodes))
	}
	return nil
}

func (t *tomlBuilder) expression(e *unstable.Node) error {
	switch e.Kind {
	case unstable.Table:
		keys, offs := tomlKey(e.Key())
		tbl, err := t.descend(t.root, keys, offs)
		t.current = tbl
		return err
	case unstable.ArrayTable:
		keys, offs := tomlKey(e.Key())
		if len(keys) == 0 {
			return nil
		}
		parent, err := t.descend(t.root, keys[:len(keys)-1], offs)
		if err != nil {
			return err
		}
		last := len(keys) - 1
		arr := t.lookup(parent, keys[last])
		if arr == nil || arr.kind != kArr {
			arr = &node{kind: kArr, off: offs[last]}
			t.set(parent, keys[last], offs[last], arr)
		}
		tbl := &node{kind: kObj, off: offs[last]}
		arr.items = append(arr.items, tbl)
		t.current = tbl
		return t.count()
	case unstable.KeyValue:
		return t.keyValue(t.current, e)
	}
	return nil
}

// keyValue sets a possibly dotted key below table.
func (t *tomlBuilder) keyValue(table *node, e *unstable.Node) error {
	keys, offs := tomlKey(e.Key())
	if len(keys) == 0 {
		return nil
	}
	parent, err := t.descend(table, keys[:len(keys)-1], offs)
	if err != nil {
		return err
	}
	last := len(keys) - 1
	v, err := t.value(e.Value(), offs[last])
	if err != nil {
		return err
	}
	t.set(parent, keys[last], offs[last], v)
	return nil
}

// descend returns the table at keys below from, creating missing tables; an array of
// tables stands for its last element.
func (t *tomlBuilder) descend(from *node, keys []string, offs []int64) (*node, error) {
	n := from
	for i, k := range keys {
		next := t.lookup(n, k)
		if next != nil && next.kind == kArr && len(next.items) > 0 {
			next = next.items[len(next.items)-1]
		}
		if next == nil || next.kind != kObj {
			if err := t.count(); err != nil {
				return nil, err
			}
			next = &node{kind: kObj, off: offs[i]}
			t.set(n, k, offs[i], next)
		}
		n = next
	}
	return n, nil
}

// value converts a TOML value; keyOff stands in for values that carry no position.
func (t *tomlBuilder) value(v *unstable.Node, keyOff int64) (*node, error) {
	if err := t.count(); err != nil {
		return nil, err
	}
	off := keyOff
	if v.Raw.Length > 0 {
		off = int64(v.Raw.Offset)
	}
	switch v.Kind {
	case unstable.String:
		return &node{kind: kStr, text: string(v.Data), off: off}, nil
	case unstable.Bool:
		return &node{kind: kBool, text: string(v.Data), off: off}, nil
	case unstable.Integer, unstable.Float:
		return &node{kind: kNum, text: string(v.Data), off: off}, nil
	case unstable.Array:
		out := &node{kind: kArr, off: off}
		for it := v.Children(); it.Next(); {
			c, err := t.value(it.Node(), off)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, c)
		}
		return out, nil
	case unstable.InlineTable:
		out := &node{kind: kObj, off: off}
		for it := v.Children(); it.Next(); {
			if it.Node().Kind != unstable.KeyValue {
				continue
			}
			if err := t.keyValue(out, it.Node()); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return &node{kind: kStr, text: string(v.Data), off: off}, nil // dates and times
}

// tomlKey returns the parts of a dotted key and their offsets.
func tomlKey(it unstable.Iterator) ([]string, []int64) {
	var keys []string
	var offs []int64
	for it.Next() {
		k := it.Node()
		keys = append(keys, string(k.Data))
		offs = append(offs, int64(k.Raw.Offset))
	}
	return keys, offs
}
