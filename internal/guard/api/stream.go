package api

import (
	"fmt"
)

// TextKind tells apart the texts a streamed response grows in parallel.
type TextKind uint8

// The kinds of streamed text.
const (
	// Content is the answer text (chat content, completions text, Responses output_text,
	// Anthropic text blocks).
	Content TextKind = iota + 1
	// Refusal is a refusal message.
	Refusal
	// ToolArgs are the arguments (or input) of a tool call, as JSON text.
	ToolArgs
	// Reasoning is reasoning text a server shows (reasoning_content, thinking blocks).
	Reasoning
	// Summary is a Responses reasoning summary.
	Summary
	// Transcript is the transcript of audio output.
	Transcript
	// Other is a delta of an event type the guard does not know: still inspected.
	Other
	// AllKinds in a close means every text of the choice.
	AllKinds TextKind = 255
)

// Key identifies one text growing across a stream: choice i's content, choice i's tool call j's
// arguments, Responses output item i's content part j, Anthropic content block i, …
type Key struct {
	// Choice is the choice index (chat, completions), output_index (Responses) or content block
	// index (Anthropic).
	Choice int
	// Part is the tool call index (chat), content or summary index (Responses), 0 otherwise.
	Part int
	Kind TextKind
}

// RefKind says how a text in an event relates to its key's text.
type RefKind uint8

const (
	// Delta appends to the key's text.
	Delta RefKind = iota + 1
	// Snapshot repeats the key's whole text so far (Responses *.done events, the response
	// object of response.completed). The guard replaces it with exactly what it released, so
	// that nothing reaches the client through a snapshot that the deltas did not carry.
	Snapshot
	// Echo is Responses' echoed instructions (the system prompt with the canary instruction).
	Echo
)

// TextRef is one text in one event.
type TextRef struct {
	Key  Key
	Kind RefKind
	Text string
	val  span
	// logprobs is the token list that goes with the text (dropped when the text is rewritten).
	logprobs span
	raw      bool
}

// Chunk is what the guard needs from one event of a streamed response.
type Chunk struct {
	Refs []TextRef
	// Closes lists keys whose text is complete (a finish_reason, content_block_stop,
	// output_text.done, …); Kind AllKinds closes every key of the choice.
	Closes []Key
	// Usage is the token usage the event reports (Anthropic reports it cumulatively).
	Usage Usage
	// UsageOnly marks a chat or completions chunk that carries nothing but usage (the chunk
	// include_usage adds before [DONE]).
	UsageOnly bool
	// Done marks the stream's last meaningful event: [DONE], message_stop,
	// response.completed/incomplete/failed.
	Done bool
	// Error marks an in-band error event from the upstream.
	Error bool
	// Type is the event type (Responses and Anthropic), for the record.
	Type string
	// Responses stream state, for shaping a well-formed error: the response id, model and the
	// event's sequence number (-1 when absent).
	ResponseID, Model string
	Seq               int

	data []byte
}

// DecodeChunk extracts the texts of one event of a surface's stream. Events without data
// (comments, keep-alives) give an empty chunk. Data that is not JSON is an error: the guard
// cannot tell what it would show the client.
func DecodeChunk(s Surface, ev *Event) (Chunk, error) {
	c := Chunk{Seq: -1}
	if !ev.HasData {
		return c, nil
	}
	if ev.IsDone() {
		c.Done = true
		return c, nil
	}
	if !validJSON(ev.Data) {
		return c, fmt.Errorf("unable to read %s stream event: %w", s, ErrInvalidJSON)
	}
	c.data = ev.Data
	rt, err := root(ev.Data)
	if err != nil || kind(ev.Data, rt) != '{' {
		return c, fmt.Errorf("unable to read %s stream event: data is not an object", s)
	}
	p := &chunkParser{d: ev.Data, c: &c}
	switch s {
	case ChatCompletions, Completions:
		err = p.chat(rt)
	case Responses:
		err = p.responses(rt, ev.Name)
	case Messages:
		err = p.anthropic(rt, ev.Name)
	default:
		return c, nil // embeddings do not stream
	}
	if err != nil {
		return c, fmt.Errorf("unable to read %s stream event: %w", s, err)
	}
	return c, nil
}

// Replacement gives a new text for Refs[Ref].
type Replacement struct {
	Ref  int
	Text string
}

// Encode returns the event in wire form with the replacements applied; the logprobs of a
// replaced text are dropped. The event keeps its name; other fields of its data are kept byte
// for byte.
func (c *Chunk) Encode(name string, reps []Replacement) ([]byte, error) {
	edits := make([]edit, 0, 2*len(reps))
	dropped := map[int]bool{}
	for _, r := range reps {
		if r.Ref < 0 || r.Ref >= len(c.Refs) {
			return nil, fmt.Errorf("unable to rewrite event: no text %d", r.Ref)
		}
		ref := c.Refs[r.Ref]
		data := quote(r.Text)
		if ref.raw {
			data = []byte(r.Text)
			if !validJSON(data) {
				data = []byte("{}")
			}
		}
		edits = append(edits, edit{start: ref.val.start, end: ref.val.end, data: data})
		if lp := ref.logprobs; lp.ok() && kind(c.data, lp) != 'n' && !dropped[lp.start] {
			dropped[lp.start] = true
			edits = append(edits, edit{start: lp.start, end: lp.end, data: emptyLike(c.data, lp)})
		}
	}
	data, err := splice(c.data, edits)
	if err != nil {
		return nil, err
	}
	return AppendEvent(nil, name, data), nil
}

// chunkParser collects the texts of one event.
type chunkParser struct {
	d []byte
	c *Chunk
}

// ref records the string at v.
func (p *chunkParser) ref(key Key, rk RefKind, v, logprobs span) error {
	if kind(p.d, v) != '"' {
		return nil
	}
	s, err := decodeString(p.d, v)
	if err != nil {
		return err
	}
	p.c.Refs = append(p.c.Refs, TextRef{Key: key, Kind: rk, Text: s, val: v, logprobs: logprobs})
	return nil
}

// rawRef records the JSON value at v (an Anthropic tool input object).
func (p *chunkParser) rawRef(key Key, rk RefKind, v span) {
	if !v.ok() || kind(p.d, v) == 'n' {
		return
	}
	text := string(p.d[v.start:v.end])
	if text == "{}" {
		return
	}
	p.c.Refs = append(p.c.Refs, TextRef{Key: key, Kind: rk, Text: text, val: v, logprobs: absent, raw: true})
}

func (p *chunkParser) closeAll(choice int) {
	p.c.Closes = append(p.c.Closes, Key{Choice: choice, Kind: AllKinds})
}
