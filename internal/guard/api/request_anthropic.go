package api

import "github.com/aisecops/aisec/internal/guard/scanners"

var anthropicFields = []string{"model", "system", "messages", "stream", "temperature", "max_tokens"}

// anthropic reads /v1/messages: a top-level system (a string or text blocks) and messages whose
// content is a string or a list of blocks.
func (p *reqParser) anthropic() error {
	var f [6]span
	if err := fields(p.d, p.r.root, anthropicFields, f[:]); err != nil {
		return err
	}
	p.common(f[0], f[3], f[4], f[5])
	switch kind(p.d, f[1]) {
	case '"':
		seg, err := p.text(scanners.RoleSystem, 0, f[1])
		if err != nil {
			return err
		}
		p.r.canary.seg = seg
	case '[':
		p.r.canary.appendTo, p.r.canary.partType = f[1], "text"
		if err := p.blocks(scanners.RoleSystem, 0, f[1], 0); err != nil {
			return err
		}
	case 'n':
		p.r.canary.replace = f[1]
	case 0:
		p.r.canary.memberKey = "system"
	}
	if kind(p.d, f[2]) != '[' {
		return nil
	}
	return eachElement(p.d, f[2], func(i int, m span) error {
		if kind(p.d, m) != '{' {
			return nil
		}
		var mf [2]span
		if err := fields(p.d, m, []string{"role", "content"}, mf[:]); err != nil {
			return err
		}
		role := normalizeRole(stringOr(p.d, mf[0], "user"))
		if kind(p.d, mf[1]) == '"' {
			_, err := p.text(role, i, mf[1])
			return err
		}
		return p.blocks(role, i, mf[1], 0)
	})
}

var blockFields = []string{"type", "text", "input", "content", "source", "thinking"}

// maxBlockDepth bounds how deep blocks nest (a tool result holding a document holding blocks):
// the API allows two levels, and each level costs a pass over what it holds.
const maxBlockDepth = 3

// blocks reads content blocks: text, tool_use input (as JSON), tool_result content (tool text),
// plain-text documents, and thinking replayed from an earlier turn. Any block's "text" is read
// whatever its type; blocks without text (images, PDFs) are attachments. Blocks nested deeper
// than the API allows are not read but counted as Opaque.
func (p *reqParser) blocks(role string, i int, v span, depth int) error {
	if kind(p.d, v) != '[' {
		return nil
	}
	if depth >= maxBlockDepth {
		p.r.Opaque++
		return nil
	}
	return eachElement(p.d, v, func(_ int, b span) error {
		if kind(p.d, b) != '{' {
			return nil
		}
		var f [6]span
		if err := fields(p.d, b, blockFields, f[:]); err != nil {
			return err
		}
		typ := stringOr(p.d, f[0], "")
		n := len(p.r.Segments)
		if _, err := p.text(role, i, f[1]); err != nil {
			return err
		}
		if _, err := p.text(role, i, f[5]); err != nil {
			return err
		}
		switch typ {
		case "tool_use", "server_tool_use":
			p.rawJSON(scanners.RoleAssistant, i, f[2])
		case "tool_result":
			if kind(p.d, f[3]) == '"' {
				if _, err := p.text(scanners.RoleTool, i, f[3]); err != nil {
					return err
				}
			} else if err := p.blocks(scanners.RoleTool, i, f[3], depth+1); err != nil {
				return err
			}
		case "document":
			if err := p.document(i, f[4], depth+1); err != nil {
				return err
			}
		}
		if len(p.r.Segments) == n && typ != "tool_result" {
			p.r.Attachments++
		}
		return nil
	})
}

// document reads a document block's source when it is plain text or a list of text blocks.
func (p *reqParser) document(i int, src span, depth int) error {
	if kind(p.d, src) != '{' {
		return nil
	}
	var f [3]span
	if err := fields(p.d, src, []string{"type", "data", "content"}, f[:]); err != nil {
		return err
	}
	switch stringOr(p.d, f[0], "") {
	case "text":
		_, err := p.text(scanners.RoleDocument, i, f[1])
		return err
	case "content":
		if kind(p.d, f[2]) == '"' {
			_, err := p.text(scanners.RoleDocument, i, f[2])
			return err
		}
		return p.blocks(scanners.RoleDocument, i, f[2], depth)
	}
	return nil
}
