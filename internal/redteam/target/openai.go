package target

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/aisecops/aisec/internal/redteam/record"
)

// openAI is a chat-completions target.
type openAI struct {
	c           *caller
	model       string
	temperature *float64
	maxTokens   int
}

var _ Target = (*openAI)(nil)

func newOpenAI(c *caller, opts Options) *openAI {
	return &openAI{c: c, model: opts.Model, temperature: opts.Temperature, maxTokens: opts.MaxTokens}
}

// Endpoint describes the target.
func (t *openAI) Endpoint() record.Endpoint {
	return record.Endpoint{Kind: KindOpenAI, URL: t.c.ep.display, Model: t.model}
}

// Send posts one chat completion and reads the first choice.
func (t *openAI) Send(ctx context.Context, req *Request) (*Response, error) {
	body, err := t.body(req)
	if err != nil {
		return nil, err
	}
	r, retries, err := t.c.do(ctx, http.MethodPost, "application/json", body)
	if err != nil {
		return partial(r, retries), err
	}
	if r.status < 200 || r.status > 299 {
		return t.c.failure(r, retries)
	}
	return t.parse(r, retries)
}

// partial is the Response returned next to an error: what the journal can still use.
func partial(r *reply, retries int) *Response {
	resp := &Response{Retries: retries}
	if r != nil {
		resp.HTTPStatus = r.status
	}
	return resp
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatFunction struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters"`
}

type chatTool struct {
	Type     string       `json:"type"`
	Function chatFunction `json:"function"`
}

type chatRequest struct {
	Model       string        `json:"model,omitempty"`
	Messages    []chatMessage `json:"messages"`
	Tools       []chatTool    `json:"tools,omitempty"`
	Temperature *float64      `json:"temperature,omitempty"`
	MaxTokens   int           `json:"max_tokens,omitempty"`
	Stream      bool          `json:"stream"`
}

// objectSchema is the parameters schema of a tool declared without one.
const objectSchema = `{"type":"object"}`

// body encodes the chat-completions request.
func (t *openAI) body(req *Request) ([]byte, error) {
	cr := chatRequest{Model: t.model, Temperature: t.temperature, MaxTokens: t.maxTokens,
		Messages: make([]chatMessage, 0, 2)}
	if req.System != "" {
		cr.Messages = append(cr.Messages, chatMessage{Role: "system", Content: req.System})
	}
	cr.Messages = append(cr.Messages, chatMessage{Role: "user", Content: req.Prompt})
	for _, tl := range req.Tools {
		params := tl.Parameters
		if len(params) == 0 {
			params = json.RawMessage(objectSchema)
		}
		cr.Tools = append(cr.Tools, chatTool{Type: "function",
			Function: chatFunction{Name: tl.Name, Description: tl.Description, Parameters: params}})
	}
	b, err := json.Marshal(cr)
	if err != nil {
		return nil, fmt.Errorf("unable to encode the request to %s: %w", t.c.ep.display, err)
	}
	return b, nil
}
