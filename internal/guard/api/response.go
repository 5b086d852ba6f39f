package api

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Usage is the token count an upstream reported.
type Usage struct {
	Input  int
	Output int
	// Known is false when the body carried no usage.
	Known bool
}

// Total is Input+Output.
func (u Usage) Total() int { return u.Input + u.Output }

// Response is a parsed non-streamed response body.
type Response struct {
	Surface Surface
	// Segments are the output texts: content, refusals, reasoning shown to the client, and tool
	// call arguments. Index is the choice index (0 for Responses and Anthropic).
	Segments []scanners.Segment
	Usage    Usage

	body []byte
	locs []loc
	// logprobs[i] is the token list accompanying segment i: it repeats the text token by token,
	// so it is dropped when the text is rewritten.
	logprobs []span
	// echo is Responses' echoed "instructions", where the canary instruction must not show.
	echo span
	// jsonText[i] is true when segment i is JSON text (tool call arguments or input).
	jsonText []bool
}

// IsJSON reports whether segment i is JSON text (tool call arguments or input): a value put
// back into it must be JSON-escaped.
func (r *Response) IsJSON(i int) bool { return i >= 0 && i < len(r.jsonText) && r.jsonText[i] }

// ParseResponse reads a successful (2xx) response body of surface s.
func ParseResponse(s Surface, body []byte) (*Response, error) {
	if !validJSON(body) {
		return nil, ErrInvalidJSON
	}
	rt, err := root(body)
	if err != nil {
		return nil, ErrInvalidJSON
	}
	if kind(body, rt) != '{' {
		return nil, errors.New("response body must be a JSON object")
	}
	p := &outParser{d: body, r: &Response{Surface: s, body: body, echo: absent}}
	switch s {
	case ChatCompletions, Completions:
		err = p.choices(rt)
	case Embeddings:
		err = p.usageOf(rt)
	case Responses:
		err = p.responseObject(rt)
	case Messages:
		err = p.message(rt)
	default:
		err = fmt.Errorf("unknown surface %d", s)
	}
	if err != nil {
		return nil, fmt.Errorf("unable to read %s response: %w", s, err)
	}
	return p.r, nil
}

// Body returns the original body.
func (r *Response) Body() []byte { return r.body }

// ResponseRewrite are the changes Response.Rewrite applies.
type ResponseRewrite struct {
	// Texts holds the new text of every segment; nil leaves the texts alone.
	Texts []string
	// StripFromEcho lists strings removed, in order, from the echoed instructions of a
	// Responses object: the client must not see the canary instruction the guard added (pass
	// the instruction, then the token alone in case the upstream reformatted it).
	StripFromEcho []string
}

// Rewrite returns the body with new texts; the token logprobs of a rewritten text are dropped
// (they would repeat the original). It returns the original bytes when nothing changes.
func (r *Response) Rewrite(o ResponseRewrite) ([]byte, error) {
	if o.Texts != nil && len(o.Texts) != len(r.Segments) {
		return nil, fmt.Errorf("unable to rewrite: %d texts for %d segments", len(o.Texts), len(r.Segments))
	}
	var edits []edit
	dropped := map[int]bool{}
	for i, seg := range r.Segments {
		if o.Texts == nil || o.Texts[i] == seg.Text {
			continue
		}
		e, err := r.locs[i].replace(o.Texts[i])
		if err != nil {
			return nil, fmt.Errorf("unable to rewrite output %d: %w", i, err)
		}
		edits = append(edits, e)
		if lp := r.logprobs[i]; lp.ok() && kind(r.body, lp) != 'n' && !dropped[lp.start] {
			dropped[lp.start] = true
			edits = append(edits, edit{start: lp.start, end: lp.end, data: emptyLike(r.body, lp)})
		}
	}
	if len(o.StripFromEcho) > 0 && kind(r.body, r.echo) == '"' {
		if s, err := decodeString(r.body, r.echo); err == nil {
			clean := s
			for _, x := range o.StripFromEcho {
				if x != "" {
					clean = strings.ReplaceAll(clean, x, "")
				}
			}
			if clean != s {
				edits = append(edits, edit{start: r.echo.start, end: r.echo.end, data: quote(clean)})
			}
		}
	}
	if len(edits) == 0 {
		return r.body, nil
	}
	return splice(r.body, edits)
}

// emptyLike is what replaces dropped logprobs: an empty array where the API has an array, null
// where it has an object (clients accept both shapes there).
func emptyLike(d []byte, v span) []byte {
	if kind(d, v) == '[' {
		return []byte("[]")
	}
	return []byte("null")
}

// outParser collects output segments.
type outParser struct {
	d []byte
	r *Response
	// json marks the texts being read as JSON text (set around tool arguments).
	json bool
}

func (p *outParser) text(index int, v, logprobs span) error {
	if kind(p.d, v) != '"' {
		return nil
	}
	s, err := decodeString(p.d, v)
	if err != nil {
		return err
	}
	p.add(index, s, loc{val: v}, logprobs)
	return nil
}

func (p *outParser) add(index int, text string, l loc, logprobs span) {
	p.r.Segments = append(p.r.Segments, scanners.Segment{Role: scanners.RoleAssistant, Index: index, Text: text})
	p.r.locs = append(p.r.locs, l)
	p.r.logprobs = append(p.r.logprobs, logprobs)
	p.r.jsonText = append(p.r.jsonText, p.json || l.raw)
}

// jsonMember reads the string member name of the object at v as JSON text.
func (p *outParser) jsonMember(idx int, v span, name string, logprobs span) error {
	p.json = true
	defer func() { p.json = false }()
	return p.member(idx, v, name, logprobs)
}

// JSONEscape returns s escaped for use inside a JSON string (without the quotes).
func JSONEscape(s string) string {
	q := quote(s)
	return string(q[1 : len(q)-1])
}

var usageFields = []string{"prompt_tokens", "completion_tokens", "input_tokens", "output_tokens",
	"cache_creation_input_tokens", "cache_read_input_tokens"}

// readUsage reads either API's usage object.
func readUsage(d []byte, v span) (Usage, error) {
	if kind(d, v) != '{' {
		return Usage{}, nil
	}
	var f [6]span
	if err := fields(d, v, usageFields, f[:]); err != nil {
		return Usage{}, err
	}
	u := Usage{Known: true}
	u.Input = intOr(d, f[0], 0) + intOr(d, f[2], 0) + intOr(d, f[4], 0) + intOr(d, f[5], 0)
	u.Output = intOr(d, f[1], 0) + intOr(d, f[3], 0)
	return u, nil
}

func (p *outParser) usageOf(obj span) error {
	var f [1]span
	if err := fields(p.d, obj, []string{"usage"}, f[:]); err != nil {
		return err
	}
	u, err := readUsage(p.d, f[0])
	p.r.Usage = u
	return err
}
