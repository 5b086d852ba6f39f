package structured

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	yaml "go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/limits"
)

// parseYAML decodes every document of a YAML stream whose first document is a mapping. The
// library builds node trees only (aliases stay pointers); converter expands them itself under
// a node cap, so an alias bomb costs at most that cap.
func parseYAML(data []byte) (*Doc, error) {
	d := &Doc{Flavour: YAML, Size: int64(len(data))}
	if n := estimateYAML(data); n > MaxYAMLNodes {
		d.gaps = append(d.gaps, fmt.Sprintf("YAML text has about %d nodes, over the %d-node parse limit; not analysed", n, MaxYAMLNodes))
		return d, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	c := &converter{doc: d, active: map[*yaml.Node]bool{}}
	for i := 0; ; i++ {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if i == 0 {
				return nil, fmt.Errorf("unable to read YAML: %w", err)
			}
			d.gaps = append(d.gaps, fmt.Sprintf("YAML document %d could not be read: %v", i, err))
			break
		}
		if i >= MaxDocs {
			d.gaps = append(d.gaps, fmt.Sprintf("YAML stream has more than %d documents; the rest were not analysed", MaxDocs))
			break
		}
		if i == 0 && !isMapping(&n) {
			return nil, ErrNotConfig
		}
		c.allow(&n)
		v, err := c.convert(&n, 0)
		if err != nil {
			return nil, fmt.Errorf("unable to read YAML: %w", err)
		}
		if i == 0 {
			d.Root = v
		} else {
			d.More = append(d.More, v)
		}
	}
	if d.Root == nil {
		return nil, ErrNotConfig
	}
	return d, nil
}

// isMapping reports whether a document's body is a mapping (after one alias hop).
func isMapping(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n.Kind == yaml.MappingNode
}

// estimateYAML bounds the nodes a YAML text can produce: every node but the first follows a
// line break, a comma, a colon, an opening bracket, a sequence dash or is an alias.
func estimateYAML(data []byte) int {
	n := 1
	for i, c := range data {
		switch c {
		case '\n', ',', ':', '[', '{', '*':
			n++
		case '-':
			if i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n' {
				n++
			}
		}
	}
	return n
}

// converter turns yaml.Node trees into plain values, counting every node it produces.
type converter struct {
	doc    *Doc
	nodes  int
	limit  int
	parsed int
	active map[*yaml.Node]bool // alias targets being expanded (cycle guard)
	path   []string            // formatted segments of the current key path

	tagsFull bool
}

// allow raises the expansion cap for one more document: ten times the nodes the text really
// has (anchors in real configs repeat small blocks) plus slack, never above MaxNodes.
func (c *converter) allow(n *yaml.Node) {
	c.parsed += countNodes(n, 0)
	c.limit = min(MaxNodes, 10*c.parsed+10_000)
}

// countNodes counts the nodes of the tree as parsed, without following aliases.
func countNodes(n *yaml.Node, depth int) int {
	if depth > MaxDepth+1 {
		return 1 // convert reports the depth; this is only a budget
	}
	total := 1
	for _, ch := range n.Content {
		total += countNodes(ch, depth+1)
	}
	return total
}

func (c *converter) convert(n *yaml.Node, depth int) (any, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("%w (%d)", ErrTooDeep, MaxDepth)
	}
	c.nodes++
	if c.nodes > c.limit {
		return nil, limits.Exceeded("YAML nodes after alias expansion", int64(c.limit))
	}
	c.tag(n)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.convert(n.Content[0], depth)
	case yaml.AliasNode:
		return c.alias(n, depth)
	case yaml.ScalarNode:
		return scalar(n), nil
	case yaml.SequenceNode:
		return c.sequence(n, depth)
	case yaml.MappingNode:
		return c.mapping(n, depth)
	}
	return nil, nil
}

func (c *converter) alias(n *yaml.Node, depth int) (any, error) {
	if n.Alias == nil {
		return nil, nil
	}
	if c.active[n.Alias] {
		return nil, fmt.Errorf("alias *%s refers to a node that contains it", n.Value)
	}
	c.active[n.Alias] = true
	defer delete(c.active, n.Alias)
	return c.convert(n.Alias, depth)
}

func (c *converter) sequence(n *yaml.Node, depth int) (any, error) {
	out := make([]any, 0, len(n.Content))
	for i, it := range n.Content {
		c.path = append(c.path, "["+strconv.Itoa(i)+"]")
		v, err := c.convert(it, depth+1)
		c.path = c.path[:len(c.path)-1]
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// mapping converts a mapping. Later duplicate keys win (as in PyYAML and Python's json), and
// explicit keys win over "<<" merges, earlier merges over later ones (the YAML merge spec).
func (c *converter) mapping(n *yaml.Node, depth int) (any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merged []map[string]any
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := keyText(k)
		if key == "<<" && k.ShortTag() == "!!merge" {
			m, err := c.convert(v, depth)
			if err != nil {
				return nil, err
			}
			merged = append(merged, mergeSources(m)...)
			continue
		}
		c.path = append(c.path, segment(key))
		val, err := c.convert(v, depth+1)
		c.path = c.path[:len(c.path)-1]
		if err != nil {
			return nil, err
		}
		out[key] = val
	}
	for _, m := range merged {
		for k, v := range m {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
	return out, nil
}

// mergeSources lists the mappings a "<<" value names: one mapping or a sequence of them.
func mergeSources(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, it := range t {
			if m, ok := it.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// keyText is the string form of a mapping key. Non-scalar keys (legal YAML, never seen in
// configs) get a placeholder.
func keyText(k *yaml.Node) string {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode {
		return k.Value
	}
	return "<complex key>"
}

// coreTags are the tags of the YAML core and failsafe schemas; anything else is recorded.
var coreTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!map": true,
	"!!seq": true, "!!binary": true, "!!timestamp": true, "!!merge": true, "!!set": true, "!!omap": true,
}

func (c *converter) tag(n *yaml.Node) {
	if n.Style&yaml.TaggedStyle == 0 || n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode {
		return
	}
	t := n.ShortTag()
	if coreTags[t] {
		return
	}
	if len(c.doc.Tags) >= MaxTags {
		if !c.tagsFull {
			c.tagsFull = true
			c.doc.gaps = append(c.doc.gaps, fmt.Sprintf("more than %d YAML tags; only the first %d were recorded", MaxTags, MaxTags))
		}
		return
	}
	c.doc.Tags = append(c.doc.Tags, Tag{Path: joinSegments(c.path), Tag: t})
}

// scalar resolves a scalar as the YAML core schema does. Values that fail to decode (an
// integer too large for int64, a custom tag) stay strings.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var v bool
		if n.Decode(&v) == nil {
			return v
		}
	case "!!int":
		var v int64
		if n.Decode(&v) == nil {
			return float64(v)
		}
		var u uint64
		if n.Decode(&u) == nil {
			return float64(u)
		}
	case "!!float":
		var v float64
		if n.Decode(&v) == nil && !math.IsNaN(v) {
			return v
		}
	}
	return n.Value
}
