package target

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// rest is a target driven by a request template and JSONPaths.
type rest struct {
	c           *caller
	model       string
	method      string
	contentType string
	tmpl        string
	// escape is true for JSON templates: placeholders are JSON-string-escaped.
	escape    bool
	replyPath *JSONPath
	callsPath *JSONPath
}

var _ Target = (*rest)(nil)

// newREST validates the REST options: a reply path is required, and a JSON template must
// stay valid JSON once filled.
func newREST(c *caller, opts Options) (*rest, error) {
	ro := opts.REST
	if ro == nil || strings.TrimSpace(ro.ReplyPath) == "" {
		return nil, errors.New("unable to build the rest target: a reply JSONPath is required (e.g. $.output)")
	}
	t := &rest{c: c, model: opts.Model, method: strings.ToUpper(ro.Method), contentType: ro.ContentType, tmpl: ro.Body}
	if t.method == "" {
		t.method = http.MethodPost
	}
	if t.contentType == "" {
		t.contentType = "application/json"
	}
	t.escape = strings.Contains(strings.ToLower(t.contentType), "json")
	var err error
	if t.replyPath, err = ParseJSONPath(ro.ReplyPath); err != nil {
		return nil, fmt.Errorf("unable to build the rest target: reply path: %w", err)
	}
	if ro.ToolCallsPath != "" {
		if t.callsPath, err = ParseJSONPath(ro.ToolCallsPath); err != nil {
			return nil, fmt.Errorf("unable to build the rest target: tool calls path: %w", err)
		}
	}
	if !strings.Contains(t.tmpl, "$INPUT") {
		return nil, errors.New("unable to build the rest target: the body template must contain $INPUT (the prompt)")
	}
	sample := t.render(&Request{System: "s\"\n", Prompt: "p\"\n"})
	if t.escape && !json.Valid(sample) {
		return nil, errors.New("unable to build the rest target: the body template is not valid JSON once filled (write \"$INPUT\" inside quotes)")
	}
	return t, nil
}

// Endpoint describes the target.
func (t *rest) Endpoint() record.Endpoint {
	return record.Endpoint{Kind: KindREST, URL: t.c.ep.display, Model: t.model}
}

// render fills the template in one pass, so a prompt that contains "$SYSTEM" stays as is.
func (t *rest) render(req *Request) []byte {
	val := func(s string) string { return s }
	if t.escape {
		val = jsonEscape
	}
	r := strings.NewReplacer("$INPUT", val(req.Prompt), "$SYSTEM", val(req.System), "$MODEL", val(t.model))
	return []byte(r.Replace(t.tmpl))
}

// jsonEscape returns s as the inside of a JSON string literal (no quotes); invalid UTF-8
// becomes U+FFFD.
func jsonEscape(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the server gets the prompt as written, not \u003c
	_ = enc.Encode(s)        // a string always encodes
	out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	return string(out[1 : len(out)-1])
}

// Send fills the template, sends it and reads the reply through the paths.
func (t *rest) Send(ctx context.Context, req *Request) (*Response, error) {
	r, retries, err := t.c.do(ctx, t.method, t.contentType, t.render(req))
	if err != nil {
		return partial(r, retries), err
	}
	if r.status < 200 || r.status > 299 {
		return t.c.failure(r, retries)
	}
	return t.parse(r, retries)
}

// parse reads the reply text and tool calls out of a 2xx body.
func (t *rest) parse(r *reply, retries int) (*Response, error) {
	resp := &Response{HTTPStatus: r.status, Retries: retries}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber() // numbers keep their text: a reply "007" path to a number stays 007
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return resp, fmt.Errorf("unable to read the reply of %s: not JSON (%v): %s", t.c.ep.display, err, t.c.excerpt(r.body))
	}
	text, err := replyText(t.replyPath.Find(doc))
	if err != nil {
		return resp, fmt.Errorf("unable to read the reply of %s: path %s: %w: %s", t.c.ep.display, t.replyPath, err, t.c.excerpt(r.body))
	}
	resp.Text = text
	if t.callsPath != nil {
		resp.ToolCalls = restCalls(t.callsPath.Find(doc))
	}
	if blank(resp.Text) && len(resp.ToolCalls) == 0 {
		return resp, fmt.Errorf("unable to read the reply of %s: %w: path %s holds no text and there are no tool calls",
			t.c.ep.display, ErrEmptyReply, t.replyPath)
	}
	return resp, nil
}

// replyText turns the values a reply path found into text: a string as is, a number or
// boolean as its JSON text, null as "", an array of those joined with "". An empty text
// is not an error here: parse decides once it knows whether tool calls came instead.
func replyText(vals []any) (string, error) {
	if len(vals) == 0 {
		return "", errors.New("matched nothing")
	}
	if len(vals) == 1 {
		if a, ok := vals[0].([]any); ok {
			vals = a
		} else {
			return scalarText(vals[0])
		}
	}
	parts := make([]string, 0, len(vals))
	for _, v := range vals {
		s, err := scalarText(v)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return joinClipped(parts), nil
}

// scalarText renders a scalar JSON value as reply text.
func scalarText(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return textclip.Ellipsis(x, MaxReplyBytes), nil
	case json.Number:
		return x.String(), nil
	case bool:
		return fmt.Sprint(x), nil
	case []any:
		return "", errors.New("matched a nested array, not text")
	}
	return "", errors.New("matched an object, not text")
}

// restCalls reads tool calls, within the caps: an array (or the wildcard results) of
// {name, arguments} or {function: {name, arguments}} objects; anything else is skipped.
func restCalls(vals []any) []detect.ToolCall {
	if len(vals) == 1 {
		if a, ok := vals[0].([]any); ok {
			vals = a
		}
	}
	l := newCallList()
	for _, v := range vals {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		if f, ok := m["function"].(map[string]any); ok {
			m = f
		}
		name, _ := m["name"].(string)
		if name == "" {
			continue
		}
		if !l.add(name, anyText(m["arguments"])) {
			break
		}
	}
	return l.calls
}

// anyText renders decoded arguments: a string as is, anything else as compact JSON.
func anyText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
