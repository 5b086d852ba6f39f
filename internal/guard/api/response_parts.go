package api

var choiceFields = []string{"index", "message", "text", "logprobs"}

// choices reads chat and legacy completions responses: choices[i].message or choices[i].text.
func (p *outParser) choices(obj span) error {
	var f [2]span
	if err := fields(p.d, obj, []string{"choices", "usage"}, f[:]); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[1])
	if err != nil {
		return err
	}
	p.r.Usage = u
	if kind(p.d, f[0]) != '[' {
		return nil
	}
	return eachElement(p.d, f[0], func(pos int, c span) error {
		if kind(p.d, c) != '{' {
			return nil
		}
		var cf [4]span
		if err := fields(p.d, c, choiceFields, cf[:]); err != nil {
			return err
		}
		idx := intOr(p.d, cf[0], pos)
		if err := p.text(idx, cf[2], cf[3]); err != nil {
			return err
		}
		return p.chatMessage(idx, cf[1], cf[3])
	})
}

var outMessageFields = []string{"content", "refusal", "reasoning_content", "reasoning", "tool_calls",
	"function_call", "audio"}

// chatMessage reads an assistant message: content (a string or parts), refusal, reasoning text
// some servers return, audio transcript, and the arguments of tool and function calls.
func (p *outParser) chatMessage(idx int, m, logprobs span) error {
	if kind(p.d, m) != '{' {
		return nil
	}
	var f [7]span
	if err := fields(p.d, m, outMessageFields, f[:]); err != nil {
		return err
	}
	if err := p.parts(idx, f[0], logprobs); err != nil {
		return err
	}
	for _, v := range f[1:4] {
		if err := p.text(idx, v, logprobs); err != nil {
			return err
		}
	}
	if err := p.jsonMember(idx, f[5], "arguments", logprobs); err != nil {
		return err
	}
	if err := p.member(idx, f[6], "transcript", logprobs); err != nil {
		return err
	}
	if kind(p.d, f[4]) != '[' {
		return nil
	}
	return eachElement(p.d, f[4], func(_ int, call span) error {
		if kind(p.d, call) != '{' {
			return nil
		}
		var c [2]span
		if err := fields(p.d, call, []string{"function", "custom"}, c[:]); err != nil {
			return err
		}
		if err := p.jsonMember(idx, c[0], "arguments", logprobs); err != nil {
			return err
		}
		return p.jsonMember(idx, c[1], "input", logprobs)
	})
}

// member reads the string member name of the object at v.
func (p *outParser) member(idx int, v span, name string, logprobs span) error {
	if kind(p.d, v) != '{' {
		return nil
	}
	var f [1]span
	if err := fields(p.d, v, []string{name}, f[:]); err != nil {
		return err
	}
	return p.text(idx, f[0], logprobs)
}

var outPartFields = []string{"text", "refusal", "logprobs"}

// parts reads a string or an array of parts with text or refusal members (Responses
// output_text parts carry their own logprobs).
func (p *outParser) parts(idx int, v, logprobs span) error {
	switch kind(p.d, v) {
	case '"':
		return p.text(idx, v, logprobs)
	case '[':
	default:
		return nil
	}
	return eachElement(p.d, v, func(_ int, part span) error {
		if kind(p.d, part) != '{' {
			return p.text(idx, part, logprobs)
		}
		var f [3]span
		if err := fields(p.d, part, outPartFields, f[:]); err != nil {
			return err
		}
		lp := logprobs
		if f[2].ok() {
			lp = f[2]
		}
		if err := p.text(idx, f[0], lp); err != nil {
			return err
		}
		return p.text(idx, f[1], lp)
	})
}

var responseObjectFields = []string{"output", "usage", "instructions"}

// responseObject reads a Responses object: every output item's content parts, arguments,
// input, output and reasoning summary.
func (p *outParser) responseObject(obj span) error {
	var f [3]span
	if err := fields(p.d, obj, responseObjectFields, f[:]); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[1])
	if err != nil {
		return err
	}
	p.r.Usage, p.r.echo = u, f[2]
	if kind(p.d, f[0]) != '[' {
		return nil
	}
	return eachElement(p.d, f[0], func(_ int, item span) error {
		return p.outputItem(item)
	})
}

var outputItemFields = []string{"content", "arguments", "input", "output", "summary"}

func (p *outParser) outputItem(item span) error {
	if kind(p.d, item) != '{' {
		return nil
	}
	var f [5]span
	if err := fields(p.d, item, outputItemFields, f[:]); err != nil {
		return err
	}
	for i, v := range f {
		p.json = i == 1 || i == 2 // arguments, input
		err := p.parts(0, v, absent)
		p.json = false
		if err != nil {
			return err
		}
	}
	return nil
}

var anthropicOutFields = []string{"content", "usage"}

// message reads an Anthropic message: text and thinking blocks, and tool_use input as JSON.
func (p *outParser) message(obj span) error {
	var f [2]span
	if err := fields(p.d, obj, anthropicOutFields, f[:]); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[1])
	if err != nil {
		return err
	}
	p.r.Usage = u
	if kind(p.d, f[0]) != '[' {
		return nil
	}
	return eachElement(p.d, f[0], func(_ int, b span) error {
		if kind(p.d, b) != '{' {
			return nil
		}
		var bf [3]span
		if err := fields(p.d, b, []string{"text", "thinking", "input"}, bf[:]); err != nil {
			return err
		}
		for _, v := range bf[:2] {
			if err := p.text(0, v, absent); err != nil {
				return err
			}
		}
		if bf[2].ok() && kind(p.d, bf[2]) != 'n' {
			p.add(0, string(p.d[bf[2].start:bf[2].end]), loc{val: bf[2], raw: true}, absent)
		}
		return nil
	})
}
