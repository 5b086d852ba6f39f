package api

var anthropicEventFields = []string{"type", "index", "content_block", "delta", "message", "usage"}

// anthropic reads one Anthropic stream event, dispatching on its "type" (or the event name).
func (p *chunkParser) anthropic(rt span, name string) error {
	var f [6]span
	if err := fields(p.d, rt, anthropicEventFields, f[:]); err != nil {
		return err
	}
	typ := stringOr(p.d, f[0], name)
	p.c.Type = typ
	idx := intOr(p.d, f[1], 0)
	switch typ {
	case "content_block_start":
		return p.anthropicBlock(idx, f[2], Delta)
	case "content_block_delta":
		return p.anthropicDelta(idx, f[3])
	case "content_block_stop":
		p.closeAll(idx)
	case "message_start":
		return p.anthropicMessage(f[4])
	case "message_delta":
		u, err := readUsage(p.d, f[5])
		p.c.Usage = u
		return err
	case "message_stop":
		p.c.Done = true
	case "error":
		p.c.Error = true
	}
	return nil
}

var blockDeltaFields = []string{"text", "partial_json", "thinking"}

// anthropicDelta reads text_delta, input_json_delta and thinking_delta; signature and citation
// deltas carry no text a person reads.
func (p *chunkParser) anthropicDelta(idx int, d span) error {
	if kind(p.d, d) != '{' {
		return nil
	}
	var f [3]span
	if err := fields(p.d, d, blockDeltaFields, f[:]); err != nil {
		return err
	}
	kinds := [3]TextKind{Content, ToolArgs, Reasoning}
	for i, k := range kinds {
		if err := p.ref(Key{Choice: idx, Kind: k}, Delta, f[i], absent); err != nil {
			return err
		}
	}
	return nil
}

// anthropicBlock reads the text a block starts with (normally empty). A tool_use block starts
// with an input object, usually {}, that the input_json_delta events then spell out from
// scratch, so a non-empty one is kept as a separate text.
func (p *chunkParser) anthropicBlock(idx int, b span, rk RefKind) error {
	if kind(p.d, b) != '{' {
		return nil
	}
	var f [3]span
	if err := fields(p.d, b, []string{"text", "thinking", "input"}, f[:]); err != nil {
		return err
	}
	if err := p.ref(Key{Choice: idx, Kind: Content}, rk, f[0], absent); err != nil {
		return err
	}
	if err := p.ref(Key{Choice: idx, Kind: Reasoning}, rk, f[1], absent); err != nil {
		return err
	}
	p.rawRef(Key{Choice: idx, Part: 1, Kind: ToolArgs}, rk, f[2])
	return nil
}

// anthropicMessage reads message_start: usage, and content blocks (normally none; any there are
// snapshots, replaced by what the guard released).
func (p *chunkParser) anthropicMessage(m span) error {
	if kind(p.d, m) != '{' {
		return nil
	}
	var f [2]span
	if err := fields(p.d, m, []string{"content", "usage"}, f[:]); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[1])
	if err != nil {
		return err
	}
	p.c.Usage = u
	if kind(p.d, f[0]) != '[' {
		return nil
	}
	return eachElement(p.d, f[0], func(i int, b span) error {
		return p.anthropicBlock(i, b, Snapshot)
	})
}
