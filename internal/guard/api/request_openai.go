package api

import "github.com/aisecops/aisec/internal/guard/scanners"

var chatFields = []string{"model", "messages", "stream", "n", "logprobs", "top_logprobs", "temperature",
	"max_tokens", "max_completion_tokens", "stream_options"}

// chat reads /v1/chat/completions.
func (p *reqParser) chat() error {
	var f [10]span
	if err := fields(p.d, p.r.root, chatFields, f[:]); err != nil {
		return err
	}
	p.common(f[0], f[2], f[6], f[7], f[8])
	p.r.N = max(1, intOr(p.d, f[3], 1))
	p.r.Logprobs = boolOr(p.d, f[4], false)
	p.r.TopLogprobs = intOr(p.d, f[5], 0)
	if err := p.streamOptions(f[9]); err != nil {
		return err
	}
	if kind(p.d, f[1]) != '[' {
		return nil
	}
	p.r.canary.prependTo = f[1]
	return eachElement(p.d, f[1], func(i int, m span) error {
		if kind(p.d, m) != '{' {
			return nil
		}
		return p.chatMessage(i, m)
	})
}

var messageFields = []string{"role", "content", "tool_calls", "function_call", "refusal", "reasoning_content"}

// chatMessage reads one message: its content (a string or text parts), the arguments of the tool
// calls an assistant made, and refusal or reasoning text replayed as history.
func (p *reqParser) chatMessage(i int, m span) error {
	var f [6]span
	if err := fields(p.d, m, messageFields, f[:]); err != nil {
		return err
	}
	role := normalizeRole(stringOr(p.d, f[0], "user"))
	first := len(p.r.Segments)
	if err := p.content(role, i, f[1]); err != nil {
		return err
	}
	if role == scanners.RoleSystem && p.r.canary.seg < 0 && !p.r.canary.appendTo.ok() {
		p.markSystem(first, f[1], "text")
	}
	for _, v := range f[4:6] {
		if _, err := p.text(role, i, v); err != nil {
			return err
		}
	}
	if err := p.functionArgs(role, i, f[3]); err != nil {
		return err
	}
	if kind(p.d, f[2]) != '[' {
		return nil
	}
	return eachElement(p.d, f[2], func(_ int, call span) error {
		if kind(p.d, call) != '{' {
			return nil
		}
		var c [2]span
		if err := fields(p.d, call, []string{"function", "custom"}, c[:]); err != nil {
			return err
		}
		if err := p.functionArgs(role, i, c[0]); err != nil {
			return err
		}
		if kind(p.d, c[1]) != '{' {
			return nil
		}
		var in [1]span
		if err := fields(p.d, c[1], []string{"input"}, in[:]); err != nil {
			return err
		}
		_, err := p.text(role, i, in[0])
		return err
	})
}

// markSystem records the first system message as the place for the canary instruction: its
// string content, or its array of parts.
func (p *reqParser) markSystem(first int, content span, partType string) {
	switch kind(p.d, content) {
	case '"':
		if first < len(p.r.Segments) {
			p.r.canary.seg = first
		}
	case '[':
		p.r.canary.appendTo, p.r.canary.partType = content, partType
	}
}

// functionArgs reads {"arguments": "..."} of a function call.
func (p *reqParser) functionArgs(role string, i int, fn span) error {
	if kind(p.d, fn) != '{' {
		return nil
	}
	var a [1]span
	if err := fields(p.d, fn, []string{"arguments"}, a[:]); err != nil {
		return err
	}
	_, err := p.text(role, i, a[0])
	return err
}

var partFields = []string{"text", "refusal"}

// content reads a message content: a string, or an array of parts.
func (p *reqParser) content(role string, i int, v span) error {
	switch kind(p.d, v) {
	case '"':
		_, err := p.text(role, i, v)
		return err
	case '[':
		return eachElement(p.d, v, func(_ int, part span) error {
			return p.part(role, i, part)
		})
	}
	return nil
}

// part reads one content part. Every "text" (and "refusal") member is inspected whatever the
// part's type, so that a compatible server's own part types cannot smuggle text past the guard;
// parts without text are attachments.
func (p *reqParser) part(role string, i int, part span) error {
	switch kind(p.d, part) {
	case '"': // some servers accept bare strings as parts
		_, err := p.text(role, i, part)
		return err
	case '{':
	default:
		return nil
	}
	var f [2]span
	if err := fields(p.d, part, partFields, f[:]); err != nil {
		return err
	}
	if !f[0].ok() && !f[1].ok() {
		p.r.Attachments++
		return nil
	}
	for _, t := range f {
		if _, err := p.text(role, i, t); err != nil {
			return err
		}
	}
	return nil
}

// streamOptions remembers stream_options so that Rewrite can force include_usage.
func (p *reqParser) streamOptions(v span) error {
	p.r.streamOptions = v
	if kind(p.d, v) != '{' {
		return nil
	}
	var f [1]span
	if err := fields(p.d, v, []string{"include_usage"}, f[:]); err != nil {
		return err
	}
	p.r.includeUsage = f[0]
	p.r.IncludeUsage = boolOr(p.d, f[0], false)
	return nil
}

var completionFields = []string{"model", "prompt", "stream", "n", "logprobs", "temperature", "max_tokens",
	"stream_options", "suffix", "best_of"}

// completions reads the legacy /v1/completions: prompt is a string, an array of strings, or
// token ids (which the guard cannot read: counted as Opaque).
func (p *reqParser) completions() error {
	var f [10]span
	if err := fields(p.d, p.r.root, completionFields, f[:]); err != nil {
		return err
	}
	p.common(f[0], f[2], f[5], f[6])
	p.r.N = max(1, intOr(p.d, f[3], 1), intOr(p.d, f[9], 1))
	if lp := intOr(p.d, f[4], 0); lp > 0 {
		p.r.Logprobs, p.r.TopLogprobs = true, lp
	}
	if err := p.streamOptions(f[7]); err != nil {
		return err
	}
	if err := p.inputs(f[1]); err != nil {
		return err
	}
	_, err := p.text(scanners.RoleUser, 0, f[8])
	return err
}

// embeddings reads /v1/embeddings: input like the completions prompt.
func (p *reqParser) embeddings() error {
	var f [2]span
	if err := fields(p.d, p.r.root, []string{"model", "input"}, f[:]); err != nil {
		return err
	}
	p.r.Model = stringOr(p.d, f[0], "")
	return p.inputs(f[1])
}

// inputs reads a string, an array of strings, or token ids.
func (p *reqParser) inputs(v span) error {
	switch kind(p.d, v) {
	case '"':
		_, err := p.text(scanners.RoleUser, 0, v)
		return err
	case '[':
	default:
		return nil
	}
	return eachElement(p.d, v, func(i int, el span) error {
		switch c := kind(p.d, el); {
		case c == '"':
			_, err := p.text(scanners.RoleUser, i, el)
			return err
		case c == '[' || c == '-' || (c >= '0' && c <= '9'):
			p.r.Opaque++
		}
		return nil
	})
}
