package mcp

// standaloneTools reads a tool listing: {"tools": [...]} or a JSON-RPC tools/list response
// {"result": {"tools": [...]}}.
func (b *builder) standaloneTools(root *node) bool {
	list := root.get("tools")
	if list == nil || list.kind != kArr {
		list = root.get("result").get("tools")
	}
	if list == nil || list.kind != kArr || !isToolArray(list) {
		return false
	}
	b.cfg.Tools = append(b.cfg.Tools, b.toolList(list)...)
	b.settle(FlavourToolList)
	return true
}

// isToolArray reports whether a list holds at least one MCP-shaped tool: an object with a
// name and an inputSchema (or input_schema), or a name and a description.
func isToolArray(n *node) bool {
	for _, it := range n.items {
		if it.kind != kObj || it.get("name").str() == "" {
			continue
		}
		if it.get("inputSchema") != nil || it.get("input_schema") != nil || it.get("description") != nil {
			return true
		}
	}
	return false
}

// toolList reads the tool objects of a list; plain names (tool allow-lists) are skipped.
func (b *builder) toolList(n *node) []Tool {
	var out []Tool
	for _, it := range n.items {
		if it.kind != kObj {
			continue
		}
		name := it.get("name").str()
		desc := it.get("description")
		if name == "" && desc == nil {
			continue
		}
		if b.tools >= MaxTools {
			b.gap("more than %d tools; the rest were not read", MaxTools)
			return out
		}
		b.tools++
		t := Tool{Name: name, Description: desc.str(), Offset: it.off, Title: it.get("title").str()}
		if t.Title == "" {
			t.Title = it.get("annotations").get("title").str()
		}
		if desc != nil && desc.kind == kStr {
			t.Offset = desc.off
		}
		schema := it.get("inputSchema")
		if schema == nil {
			schema = it.get("input_schema")
		}
		t.Params = params(schema.get("properties"))
		w := schemaWalk{out: t.Params}
		w.schema(schema, "", 0, true)
		w.schema(it.get("outputSchema"), "output", 0, false)
		t.Params = w.out
		out = append(out, t)
	}
	return out
}

// params reads the descriptions of a schema's top-level properties.
func params(props *node) []Var {
	if props == nil || props.kind != kObj {
		return nil
	}
	var out []Var
	for _, p := range props.members {
		d := p.val.get("description")
		if d == nil || d.kind != kStr || len(out) >= MaxVars {
			continue
		}
		out = append(out, Var{Name: p.key, Value: d.text, Offset: d.off})
	}
	return out
}

// maxSchemaDepth bounds the nesting of schemas read for texts.
const maxSchemaDepth = 12

// schemaWalk collects the texts of a JSON schema that params does not: nested property
// descriptions, the schema's own description, titles, string defaults, enums, examples and
// consts.
type schemaWalk struct {
	out []Var
}

// schema reads one schema node at path; top is the input schema itself, whose top-level
// property descriptions params has already read.
func (w *schemaWalk) schema(n *node, path string, depth int, top bool) {
	if n == nil || n.kind != kObj || depth > maxSchemaDepth || len(w.out) >= MaxVars {
		return
	}
	name := path
	if name == "" {
		name = "(schema)"
	}
	if d := n.get("description"); d != nil && d.kind == kStr && (path == "" || !top || depth > 1) {
		w.add(name, d)
	}
	for _, k := range [...]string{"title", "default", "const", "$comment"} {
		if v := n.get(k); v != nil && v.kind == kStr && len(v.text) >= 8 {
			w.add(name+" ("+k+")", v)
		}
	}
	for _, k := range [...]string{"enum", "examples"} {
		if l := n.get(k); l != nil && l.kind == kArr {
			for _, it := range l.items {
				if it.kind == kStr && len(it.text) >= 8 {
					w.add(name+" ("+k+")", it)
				}
			}
		}
	}
	if props := n.get("properties"); props != nil && props.kind == kObj {
		for _, m := range props.members {
			w.schema(m.val, joinPath(path, m.key), depth+1, top)
		}
	}
	for _, k := range [...]string{"items", "additionalProperties", "not", "if", "then", "else", "contains"} {
		if v := n.get(k); v != nil {
			if v.kind == kArr { // items as a tuple
				for _, it := range v.items {
					w.schema(it, path+"[]", depth+1, top)
				}
				continue
			}
			w.schema(v, path+"[]", depth+1, top)
		}
	}
	for _, k := range [...]string{"anyOf", "oneOf", "allOf", "prefixItems"} {
		if l := n.get(k); l != nil && l.kind == kArr {
			for _, it := range l.items {
				w.schema(it, path, depth+1, top)
			}
		}
	}
	for _, k := range [...]string{"$defs", "definitions", "patternProperties"} {
		if defs := n.get(k); defs != nil && defs.kind == kObj {
			for _, m := range defs.members {
				w.schema(m.val, joinPath(path, m.key), depth+1, top)
			}
		}
	}
}

func (w *schemaWalk) add(name string, v *node) {
	if len(w.out) < MaxVars {
		w.out = append(w.out, Var{Name: name, Value: v.text, Offset: v.off})
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
