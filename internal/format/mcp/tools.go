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
		t := Tool{Name: name, Description: desc.str(), Offset: it.off}
		if desc != nil && desc.kind == kStr {
			t.Offset = desc.off
		}
		schema := it.get("inputSchema")
		if schema == nil {
			schema = it.get("input_schema")
		}
		t.Params = params(schema.get("properties"))
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
