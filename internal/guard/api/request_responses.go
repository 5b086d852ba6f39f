package api

import (
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

var responsesFields = []string{"model", "input", "instructions", "stream", "temperature", "max_output_tokens",
	"top_logprobs", "include", "prompt"}

// responses reads /v1/responses: instructions (the system prompt), input (a string or a list
// of items) and the variables of a stored prompt template.
func (p *reqParser) responses() error {
	var f [9]span
	if err := fields(p.d, p.r.root, responsesFields, f[:]); err != nil {
		return err
	}
	p.common(f[0], f[3], f[4], f[5])
	p.r.TopLogprobs = intOr(p.d, f[6], 0)
	p.r.Logprobs = p.r.TopLogprobs > 0 || includesLogprobs(p.d, f[7])
	switch kind(p.d, f[2]) {
	case '"':
		seg, err := p.text(scanners.RoleSystem, 0, f[2])
		if err != nil {
			return err
		}
		p.r.canary.seg = seg
	case 'n':
		p.r.canary.replace = f[2]
	case 0:
		p.r.canary.memberKey = "instructions"
	}
	if err := p.promptVariables(f[8]); err != nil {
		return err
	}
	switch kind(p.d, f[1]) {
	case '"':
		_, err := p.text(scanners.RoleUser, 0, f[1])
		return err
	case '[':
		return eachElement(p.d, f[1], func(i int, item span) error {
			if kind(p.d, item) != '{' {
				return nil
			}
			return p.responsesItem(i, item)
		})
	}
	return nil
}

func includesLogprobs(d []byte, v span) bool {
	found := false
	if kind(d, v) == '[' {
		_ = eachElement(d, v, func(_ int, el span) error {
			if strings.Contains(stringOr(d, el, ""), "logprobs") {
				found = true
			}
			return nil
		})
	}
	return found
}

var itemFields = []string{"type", "role", "content", "arguments", "output", "input", "summary"}

// responsesItem reads one input item. Messages carry content; function and custom tool calls the
// model made carry arguments or input; *_output items carry tool results; reasoning items carry
// summaries. An item of an unknown type is still read for those members.
func (p *reqParser) responsesItem(i int, item span) error {
	var f [7]span
	if err := fields(p.d, item, itemFields, f[:]); err != nil {
		return err
	}
	typ := stringOr(p.d, f[0], "message")
	role := scanners.RoleUser
	switch {
	case typ == "message":
		role = normalizeRole(stringOr(p.d, f[1], "user"))
	case strings.HasSuffix(typ, "_output"):
		role = scanners.RoleTool
	case strings.HasSuffix(typ, "_call") || typ == "reasoning":
		role = scanners.RoleAssistant
	}
	for _, v := range f[2:7] { // content, arguments, output, input, summary
		if err := p.content(role, i, v); err != nil {
			return err
		}
	}
	return nil
}

// promptVariables reads the variables of a stored prompt: strings or input_text objects.
func (p *reqParser) promptVariables(v span) error {
	if kind(p.d, v) != '{' {
		return nil
	}
	var f [1]span
	if err := fields(p.d, v, []string{"variables"}, f[:]); err != nil {
		return err
	}
	if kind(p.d, f[0]) != '{' {
		return nil
	}
	return eachMember(p.d, f[0], func(_ []byte, val span) error {
		switch kind(p.d, val) {
		case '"':
			_, err := p.text(scanners.RoleUser, 0, val)
			return err
		case '{':
			return p.part(scanners.RoleUser, 0, val)
		}
		return nil
	})
}
