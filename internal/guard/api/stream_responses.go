package api

import "strings"

var responsesEventFields = []string{"type", "output_index", "content_index", "summary_index", "delta",
	"text", "refusal", "arguments", "input", "code", "logprobs", "part", "item", "response", "sequence_number"}

// responsesDeltas maps the delta event types to the kind of text they grow.
func responsesKind(typ string) (TextKind, bool) {
	switch typ {
	case "response.output_text.delta", "response.output_text.done":
		return Content, true
	case "response.refusal.delta", "response.refusal.done":
		return Refusal, true
	case "response.function_call_arguments.delta", "response.function_call_arguments.done",
		"response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
		"response.code_interpreter_call_code.delta", "response.code_interpreter_call_code.done",
		"response.mcp_call_arguments.delta", "response.mcp_call_arguments.done":
		return ToolArgs, true
	case "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done":
		return Summary, true
	case "response.reasoning_text.delta", "response.reasoning_text.done":
		return Reasoning, true
	case "response.audio.transcript.delta", "response.audio.transcript.done":
		return Transcript, true
	}
	return 0, false
}

// responses reads one Responses stream event, dispatching on its "type" (or the event name).
func (p *chunkParser) responses(rt span, name string) error {
	var f [15]span
	if err := fields(p.d, rt, responsesEventFields, f[:]); err != nil {
		return err
	}
	typ := stringOr(p.d, f[0], name)
	p.c.Type = typ
	p.c.Seq = intOr(p.d, f[14], -1)
	oi := intOr(p.d, f[1], 0)
	part := intOr(p.d, f[2], 0)
	if k, ok := responsesKind(typ); ok {
		if k == Summary {
			part = intOr(p.d, f[3], 0)
		}
		if k == ToolArgs {
			part = 0
		}
		key := Key{Choice: oi, Part: part, Kind: k}
		if strings.HasSuffix(typ, ".delta") {
			return p.ref(key, Delta, f[4], f[10])
		}
		p.c.Closes = append(p.c.Closes, key)
		for _, v := range f[5:10] { // the done event's full text, whatever its member's name
			if err := p.ref(key, Snapshot, v, f[10]); err != nil {
				return err
			}
		}
		return nil
	}
	switch typ {
	case "response.content_part.added", "response.content_part.done":
		return p.responsesPart(Key{Choice: oi, Part: part}, f[11])
	case "response.reasoning_summary_part.added", "response.reasoning_summary_part.done":
		return p.responsesPart(Key{Choice: oi, Part: intOr(p.d, f[3], 0), Kind: Summary}, f[11])
	case "response.output_item.added", "response.output_item.done":
		if typ == "response.output_item.done" {
			p.closeAll(oi)
		}
		return p.responsesItem(oi, f[12])
	case "error", "response.failed":
		p.c.Error, p.c.Done = true, typ == "response.failed"
	case "response.completed", "response.incomplete":
		p.c.Done = true
	}
	if strings.HasSuffix(typ, ".delta") { // an unknown delta is still inspected
		if err := p.ref(Key{Choice: oi, Part: part, Kind: Other}, Delta, f[4], f[10]); err != nil {
			return err
		}
	}
	if f[13].ok() {
		return p.responseSnapshot(f[13])
	}
	return nil
}

// responsesPart reads a content part snapshot: its text or refusal. key.Kind, when set, is used
// for the text (reasoning summary parts).
func (p *chunkParser) responsesPart(key Key, part span) error {
	if kind(p.d, part) != '{' {
		return nil
	}
	var f [4]span
	if err := fields(p.d, part, []string{"type", "text", "refusal", "logprobs"}, f[:]); err != nil {
		return err
	}
	if key.Kind == 0 {
		key.Kind = Content
		if stringOr(p.d, f[0], "") == "reasoning_text" {
			key.Kind = Reasoning
		}
	}
	if err := p.ref(key, Snapshot, f[1], f[3]); err != nil {
		return err
	}
	key.Kind = Refusal
	return p.ref(key, Snapshot, f[2], f[3])
}

var streamItemFields = []string{"content", "arguments", "input", "code", "summary"}

// responsesItem reads an output item snapshot: content parts, tool call arguments or input,
// generated code, and reasoning summaries.
func (p *chunkParser) responsesItem(oi int, item span) error {
	if kind(p.d, item) != '{' {
		return nil
	}
	var f [5]span
	if err := fields(p.d, item, streamItemFields, f[:]); err != nil {
		return err
	}
	for _, v := range f[1:4] {
		if err := p.ref(Key{Choice: oi, Kind: ToolArgs}, Snapshot, v, absent); err != nil {
			return err
		}
	}
	for i, v := range []span{f[0], f[4]} {
		if kind(p.d, v) != '[' {
			continue
		}
		summary := i == 1
		err := eachElement(p.d, v, func(j int, part span) error {
			key := Key{Choice: oi, Part: j}
			if summary {
				key.Kind = Summary
			}
			return p.responsesPart(key, part)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// responseSnapshot reads the response object of response.created/in_progress/completed/…: its
// id and model, its echoed instructions, its output items and its usage.
func (p *chunkParser) responseSnapshot(resp span) error {
	if kind(p.d, resp) != '{' {
		return nil
	}
	var f [5]span
	if err := fields(p.d, resp, []string{"id", "model", "instructions", "output", "usage"}, f[:]); err != nil {
		return err
	}
	p.c.ResponseID, p.c.Model = stringOr(p.d, f[0], ""), stringOr(p.d, f[1], "")
	if err := p.ref(Key{}, Echo, f[2], absent); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[4])
	if err != nil {
		return err
	}
	p.c.Usage = u
	if kind(p.d, f[3]) != '[' {
		return nil
	}
	return eachElement(p.d, f[3], func(oi int, item span) error {
		return p.responsesItem(oi, item)
	})
}
