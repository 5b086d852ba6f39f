package api

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// ErrInvalidJSON is wrapped by ParseRequest and ParseResponse when the body is not JSON.
var ErrInvalidJSON = errors.New("body is not valid JSON")

// Request is a parsed request body: the parameters the guard meters and the texts it inspects.
// It keeps the original bytes; Rewrite splices changes into them.
type Request struct {
	Surface Surface
	Model   string
	Stream  bool
	// IncludeUsage is true when the client itself asked for usage in a stream
	// (stream_options.include_usage), so the usage chunk must reach it.
	IncludeUsage bool
	// N is the number of choices asked for (1 when absent).
	N           int
	Logprobs    bool
	TopLogprobs int
	// Temperature is the sampling temperature; HasTemperature is false when the client left it
	// to the model's default.
	Temperature    float64
	HasTemperature bool
	// MaxTokens is the output budget asked for (max_tokens, max_completion_tokens or
	// max_output_tokens), 0 when absent.
	MaxTokens int
	// Segments are the texts to inspect, in body order. Index is the message (or input item)
	// index.
	Segments []scanners.Segment
	// System is the system prompt (system and developer messages, Anthropic's system,
	// Responses' instructions), joined by blank lines.
	System string
	// Attachments counts non-text parts (images, audio, files); they are not inspected.
	Attachments int
	// Opaque counts inputs given in a form the guard cannot read (token-id arrays): a caller may
	// refuse such requests, since nothing in them was inspected.
	Opaque int

	body   []byte
	root   span
	locs   []loc
	canary canaryTarget
	// streamOptions is the value of stream_options (absent when the client sent none).
	streamOptions span
	includeUsage  span
}

// loc is where a segment's text lives in the body.
type loc struct {
	val span
	// raw is true when the value is a JSON document (Anthropic tool_use input) rather than a
	// JSON string holding the text.
	raw bool
}

// canaryTarget says how to append text to the system prompt. In order of preference: extend the
// text of segment seg; append a text part to the array appendTo; insert a system message at the
// start of the messages array prependTo; add member memberKey to the top-level object (or
// replace its null value at replace).
type canaryTarget struct {
	seg       int
	appendTo  span
	partType  string
	prependTo span
	memberKey string
	replace   span
}

// ParseRequest reads a request body of surface s. It fails on invalid JSON, on a body that is
// not an object, and on a duplicated field the guard reads (parsers disagree on which copy
// wins). Unknown fields are ignored here and preserved by Rewrite.
func ParseRequest(s Surface, body []byte) (*Request, error) {
	if !validJSON(body) {
		return nil, ErrInvalidJSON
	}
	rt, err := root(body)
	if err != nil {
		return nil, ErrInvalidJSON
	}
	if kind(body, rt) != '{' {
		return nil, errors.New("body must be a JSON object")
	}
	r := &Request{Surface: s, N: 1, body: body, root: rt}
	r.canary = canaryTarget{seg: -1, appendTo: absent, prependTo: absent, replace: absent}
	r.streamOptions, r.includeUsage = absent, absent
	p := &reqParser{d: body, r: r}
	switch s {
	case ChatCompletions:
		err = p.chat()
	case Completions:
		err = p.completions()
	case Embeddings:
		err = p.embeddings()
	case Responses:
		err = p.responses()
	case Messages:
		err = p.anthropic()
	default:
		err = fmt.Errorf("unknown surface %d", s)
	}
	if err != nil {
		return nil, fmt.Errorf("unable to read %s request: %w", s, err)
	}
	return r, nil
}

// Body returns the original body.
func (r *Request) Body() []byte { return r.body }

// Text joins the inspected texts (what the audit log hashes as "the prompt").
func (r *Request) Text() string {
	var b strings.Builder
	for i, s := range r.Segments {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// RewriteOptions are the changes Rewrite applies.
type RewriteOptions struct {
	// Sanitized holds the new text of every segment (as engine.Verdict.Sanitized); nil leaves
	// the texts alone.
	Sanitized []string
	// SystemSuffix is appended to the system prompt (the canary instruction); a system message
	// is added when the request has none. Ignored by surfaces without a system prompt
	// (completions, embeddings).
	SystemSuffix string
	// ForceUsage makes a streamed chat or completions request ask for a final usage chunk
	// (stream_options.include_usage), so that the guard can meter tokens.
	ForceUsage bool
}

// Rewrite returns the body with the options applied; it returns the original bytes when there
// is nothing to change. Every field the guard does not touch is kept byte for byte.
func (r *Request) Rewrite(o RewriteOptions) ([]byte, error) {
	if o.Sanitized != nil && len(o.Sanitized) != len(r.Segments) {
		return nil, fmt.Errorf("unable to rewrite: %d sanitized texts for %d segments", len(o.Sanitized), len(r.Segments))
	}
	var edits []edit
	for i, seg := range r.Segments {
		text := seg.Text
		if o.Sanitized != nil {
			text = o.Sanitized[i]
		}
		if o.SystemSuffix != "" && i == r.canary.seg {
			text += o.SystemSuffix
		}
		if text == seg.Text {
			continue
		}
		e, err := r.locs[i].replace(text)
		if err != nil {
			return nil, fmt.Errorf("unable to rewrite segment %d: %w", i, err)
		}
		edits = append(edits, e)
	}
	if o.SystemSuffix != "" && r.canary.seg < 0 {
		if e, ok := r.canaryEdit(o.SystemSuffix); ok {
			edits = append(edits, e)
		}
	}
	if o.ForceUsage && r.Stream && !r.IncludeUsage && (r.Surface == ChatCompletions || r.Surface == Completions) {
		edits = append(edits, r.usageEdit())
	}
	if len(edits) == 0 {
		return r.body, nil
	}
	return splice(r.body, edits)
}

func (l loc) replace(text string) (edit, error) {
	if !l.raw {
		return edit{start: l.val.start, end: l.val.end, data: quote(text)}, nil
	}
	if !validJSON([]byte(text)) {
		return edit{}, errors.New("the sanitized tool input is no longer valid JSON")
	}
	return edit{start: l.val.start, end: l.val.end, data: []byte(text)}, nil
}

// canaryEdit adds the suffix where the request has no system text to extend.
func (r *Request) canaryEdit(suffix string) (edit, bool) {
	c := r.canary
	text := strings.TrimLeft(suffix, " \t\r\n")
	switch {
	case c.appendTo.ok():
		part := append([]byte(`{"type":`), quote(c.partType)...)
		part = append(part, `,"text":`...)
		part = append(append(part, quote(suffix)...), '}')
		return appendElement(r.body, c.appendTo, part), true
	case c.prependTo.ok():
		msg := append([]byte(`{"role":"system","content":`), quote(text)...)
		return prependElement(r.body, c.prependTo, append(msg, '}')), true
	case c.replace.ok():
		return edit{start: c.replace.start, end: c.replace.end, data: quote(text)}, true
	case c.memberKey != "":
		return insertMember(r.body, r.root, c.memberKey, quote(text)), true
	}
	return edit{}, false
}

// usageEdit sets stream_options.include_usage to true, creating what is missing.
func (r *Request) usageEdit() edit {
	switch {
	case r.includeUsage.ok():
		return edit{start: r.includeUsage.start, end: r.includeUsage.end, data: []byte("true")}
	case kind(r.body, r.streamOptions) == '{':
		return insertMember(r.body, r.streamOptions, "include_usage", []byte("true"))
	case r.streamOptions.ok():
		return edit{start: r.streamOptions.start, end: r.streamOptions.end, data: []byte(`{"include_usage":true}`)}
	}
	return insertMember(r.body, r.root, "stream_options", []byte(`{"include_usage":true}`))
}

// reqParser collects segments while walking a request body.
type reqParser struct {
	d []byte
	r *Request
}

// text adds the string at v as a segment; anything but a string is ignored (the model's API
// rejects it). It returns the new segment's number, or -1.
func (p *reqParser) text(role string, index int, v span) (int, error) {
	if kind(p.d, v) != '"' {
		return -1, nil
	}
	s, err := decodeString(p.d, v)
	if err != nil {
		return -1, err
	}
	return p.add(role, index, s, loc{val: v}), nil
}

// rawJSON adds the JSON value at v (a tool call's input object) as a segment.
func (p *reqParser) rawJSON(role string, index int, v span) int {
	if !v.ok() || kind(p.d, v) == 'n' {
		return -1
	}
	return p.add(role, index, string(p.d[v.start:v.end]), loc{val: v, raw: true})
}

func (p *reqParser) add(role string, index int, text string, l loc) int {
	r := p.r
	r.Segments = append(r.Segments, scanners.Segment{Role: role, Index: index, Text: text})
	r.locs = append(r.locs, l)
	if role == scanners.RoleSystem && text != "" {
		if r.System != "" {
			r.System += "\n\n"
		}
		r.System += text
	}
	return len(r.Segments) - 1
}

// common reads the metering parameters shared by most surfaces.
func (p *reqParser) common(model, stream, temperature span, maxTokens ...span) {
	r := p.r
	r.Model = stringOr(p.d, model, "")
	r.Stream = boolOr(p.d, stream, false)
	r.Temperature, r.HasTemperature = numberOr(p.d, temperature, 0)
	for _, m := range maxTokens {
		if n := intOr(p.d, m, 0); n > 0 {
			r.MaxTokens = n
		}
	}
}

// normalizeRole maps the APIs' role names onto the scanners' roles; an unknown role counts as
// the user's, the strictest reading.
func normalizeRole(r string) string {
	switch r {
	case "system", "developer":
		return scanners.RoleSystem
	case "assistant", "model":
		return scanners.RoleAssistant
	case "tool", "function", "ipython":
		return scanners.RoleTool
	}
	return scanners.RoleUser
}
