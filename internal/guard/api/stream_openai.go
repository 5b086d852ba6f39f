package api

var chunkChoiceFields = []string{"index", "delta", "text", "logprobs", "finish_reason", "message"}

// chat reads a chat or completions chunk: choices[i].delta (or .text) per choice, the usage
// chunk, and an in-band {"error": …}.
func (p *chunkParser) chat(rt span) error {
	var f [3]span
	if err := fields(p.d, rt, []string{"choices", "usage", "error"}, f[:]); err != nil {
		return err
	}
	if f[2].ok() && kind(p.d, f[2]) != 'n' {
		p.c.Error = true
	}
	u, err := readUsage(p.d, f[1])
	if err != nil {
		return err
	}
	p.c.Usage = u
	if kind(p.d, f[0]) != '[' {
		p.c.UsageOnly = u.Known
		return nil
	}
	n := 0
	err = eachElement(p.d, f[0], func(pos int, c span) error {
		n++
		if kind(p.d, c) != '{' {
			return nil
		}
		return p.chatChoice(pos, c)
	})
	p.c.UsageOnly = n == 0 && u.Known
	return err
}

func (p *chunkParser) chatChoice(pos int, c span) error {
	var f [6]span
	if err := fields(p.d, c, chunkChoiceFields, f[:]); err != nil {
		return err
	}
	idx := intOr(p.d, f[0], pos)
	if err := p.ref(Key{Choice: idx, Kind: Content}, Delta, f[2], f[3]); err != nil {
		return err
	}
	// Some servers put a whole message in a chunk; it is read like a delta.
	for _, d := range []span{f[1], f[5]} {
		if err := p.chatDelta(idx, d, f[3]); err != nil {
			return err
		}
	}
	if f[4].ok() && kind(p.d, f[4]) != 'n' {
		p.closeAll(idx)
	}
	return nil
}

var deltaFields = []string{"content", "refusal", "reasoning_content", "reasoning", "tool_calls",
	"function_call", "audio"}

// chatDelta reads a delta: content, refusal, reasoning, audio transcript, and tool call
// arguments keyed by the tool call's index.
func (p *chunkParser) chatDelta(idx int, d, logprobs span) error {
	if kind(p.d, d) != '{' {
		return nil
	}
	var f [7]span
	if err := fields(p.d, d, deltaFields, f[:]); err != nil {
		return err
	}
	kinds := [4]TextKind{Content, Refusal, Reasoning, Reasoning}
	for i, k := range kinds {
		if err := p.deltaText(Key{Choice: idx, Kind: k}, f[i], logprobs); err != nil {
			return err
		}
	}
	if err := p.member(Key{Choice: idx, Part: -1, Kind: ToolArgs}, f[5], "arguments", logprobs); err != nil {
		return err
	}
	if err := p.member(Key{Choice: idx, Kind: Transcript}, f[6], "transcript", logprobs); err != nil {
		return err
	}
	if kind(p.d, f[4]) != '[' {
		return nil
	}
	return eachElement(p.d, f[4], func(pos int, call span) error {
		if kind(p.d, call) != '{' {
			return nil
		}
		var c [3]span
		if err := fields(p.d, call, []string{"index", "function", "custom"}, c[:]); err != nil {
			return err
		}
		key := Key{Choice: idx, Part: intOr(p.d, c[0], pos), Kind: ToolArgs}
		if err := p.member(key, c[1], "arguments", logprobs); err != nil {
			return err
		}
		return p.member(key, c[2], "input", logprobs)
	})
}

// member records the string member name of the object at v as a delta of key.
func (p *chunkParser) member(key Key, v span, name string, logprobs span) error {
	if kind(p.d, v) != '{' {
		return nil
	}
	var f [1]span
	if err := fields(p.d, v, []string{name}, f[:]); err != nil {
		return err
	}
	return p.ref(key, Delta, f[0], logprobs)
}

// deltaText reads a delta text given as a string or, as some servers send it, as an array of
// text parts.
func (p *chunkParser) deltaText(key Key, v, logprobs span) error {
	if kind(p.d, v) != '[' {
		return p.ref(key, Delta, v, logprobs)
	}
	return eachElement(p.d, v, func(_ int, part span) error {
		if kind(p.d, part) != '{' {
			return p.ref(key, Delta, part, logprobs)
		}
		var f [1]span
		if err := fields(p.d, part, []string{"text"}, f[:]); err != nil {
			return err
		}
		return p.ref(key, Delta, f[0], logprobs)
	})
}
