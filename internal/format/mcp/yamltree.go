package mcp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// parseYAMLTree decodes the first document of a YAML stream. internal/format/structured
// vets the text first (size, node estimate, nesting, alias expansion); the node tree is then
// read again here because only yaml.Node keeps key order and positions. Aliases are followed
// under the same node cap.
func parseYAMLTree(data []byte) (*node, error) {
	doc, err := structured.Parse(data, limits.Budget{MaxFileBytes: MaxBytes})
	if err != nil {
		if errors.Is(err, structured.ErrNotConfig) {
			return nil, ErrNotConfig
		}
		return nil, err
	}
	if doc.Root == nil {
		if gaps := doc.Gaps(); len(gaps) > 0 {
			return nil, fmt.Errorf("YAML: %s", gaps[0])
		}
		return nil, ErrNotConfig
	}
	var n yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	if err := dec.Decode(&n); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrNotConfig
		}
		return nil, fmt.Errorf("YAML: %w", err)
	}
	c := &yconv{data: data, lines: lineStarts(data), active: map[*yaml.Node]bool{}}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		c.shift = 3
	}
	return c.conv(&n, 0)
}

// yconv converts yaml.Node trees to nodes with byte offsets.
type yconv struct {
	data   []byte
	lines  []int // byte offset of each line start
	shift  int   // bytes removed before decoding (a BOM)
	nodes  int
	active map[*yaml.Node]bool // alias targets being expanded (cycle guard)
}

func (c *yconv) conv(n *yaml.Node, depth int) (*node, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("YAML: %w (%d)", errTooDeep, MaxDepth)
	}
	if c.nodes++; c.nodes > MaxNodes {
		return nil, fmt.Errorf("YAML: %w", limits.Exceeded("YAML values", MaxNodes))
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &node{kind: kNull, off: -1}, nil
		}
		return c.conv(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil || c.active[n.Alias] {
			return &node{kind: kNull, off: c.offset(n)}, nil
		}
		c.active[n.Alias] = true
		v, err := c.conv(n.Alias, depth+1)
		delete(c.active, n.Alias)
		return v, err
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.SequenceNode:
		out := &node{kind: kArr, off: c.offset(n)}
		for _, it := range n.Content {
			v, err := c.conv(it, depth+1)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, v)
		}
		return out, nil
	}
	return c.scalar(n), nil
}

func (c *yconv) mapping(n *yaml.Node, depth int) (*node, error) {
	out := &node{kind: kObj, off: c.offset(n)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		val, err := c.conv(v, depth+1)
		if err != nil {
			return nil, err
		}
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
			out.members = append(out.members, merged(val)...)
			continue
		}
		out.members = append(out.members, member{key: k.Value, off: c.offset(k), val: val})
	}
	return out, nil
}

// merged returns the members a YAML merge key (<<: *base or a list of them) brings in.
func merged(v *node) []member {
	switch v.kind {
	case kObj:
		return v.members
	case kArr:
		var out []member
		for _, it := range v.items {
			if it.kind == kObj {
				out = append(out, it.members...)
			}
		}
		return out
	}
	return nil
}

func (c *yconv) scalar(n *yaml.Node) *node {
	out := &node{text: n.Value, off: c.offset(n)}
	switch n.ShortTag() {
	case "!!null":
		out.kind = kNull
	case "!!bool":
		out.kind = kBool
		out.text = yamlBool(n.Value)
	case "!!int", "!!float":
		out.kind = kNum
	default:
		out.kind = kStr
	}
	return out
}

// yamlBool spells a YAML boolean the JSON way.
func yamlBool(s string) string {
	switch s {
	case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
		return "true"
	}
	return "false"
}

// offset turns a node's 1-based line and column (in characters) into a byte offset.
func (c *yconv) offset(n *yaml.Node) int64 {
	if n.Line < 1 || n.Line > len(c.lines) {
		return -1
	}
	off := c.lines[n.Line-1] + c.shift*boolInt(n.Line == 1)
	for col := 1; col < n.Column && off < len(c.data) && c.data[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(c.data[off:])
		off += size
	}
	return int64(off)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineStarts returns the byte offset of every line start.
func lineStarts(data []byte) []int {
	out := []int{0}
	for i, b := range data {
		if b == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}
