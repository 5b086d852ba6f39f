package target

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
)

type chatCall struct {
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
}

type chatChoice struct {
	Message struct {
		// Content is a string, null, or an array of {type, text} parts.
		Content   json.RawMessage `json:"content"`
		Refusal   string          `json:"refusal"`
		ToolCalls []struct {
			Function chatCall `json:"function"`
		} `json:"tool_calls"`
		// FunctionCall is the pre-tools form some servers still emit.
		FunctionCall *chatCall `json:"function_call"`
	} `json:"message"`
	// Text is the legacy completions field.
	Text         string `json:"text"`
	FinishReason string `json:"finish_reason"`
}

type chatResponse struct {
	Choices []chatChoice `json:"choices"`
	Usage   struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

// parse reads a 2xx chat completion: the first choice's text and tool calls, and Blocked
// when a content filter cut any choice.
func (t *openAI) parse(r *reply, retries int) (*Response, error) {
	var cr chatResponse
	if err := json.Unmarshal(r.body, &cr); err != nil {
		return partial(r, retries), fmt.Errorf("unable to read the reply of %s: not a chat completion (%v): %s",
			t.c.ep.display, err, t.c.excerpt(r.body))
	}
	if len(cr.Choices) == 0 {
		if len(cr.Error) > 0 { // some gateways answer 200 with an error body
			return t.c.errorBody(r, retries)
		}
		return partial(r, retries), fmt.Errorf("unable to read the reply of %s: no choices: %s",
			t.c.ep.display, t.c.excerpt(r.body))
	}
	resp := &Response{HTTPStatus: r.status, Retries: retries,
		Usage: record.Usage{PromptTokens: cr.Usage.PromptTokens, CompletionTokens: cr.Usage.CompletionTokens}}
	ch := cr.Choices[0]
	resp.Text = choiceText(ch)
	resp.ToolCalls = choiceCalls(ch)
	for _, c := range cr.Choices {
		if c.FinishReason == "content_filter" {
			resp.Blocked = true
		}
	}
	return resp, nil
}

// choiceText is a choice's text: its content parts, else its refusal, else legacy text.
func choiceText(ch chatChoice) string {
	parts := contentParts(ch.Message.Content)
	if len(parts) == 0 && ch.Message.Refusal != "" {
		parts = []string{ch.Message.Refusal}
	}
	if len(parts) == 0 && ch.Text != "" {
		parts = []string{ch.Text}
	}
	return joinClipped(parts)
}

// contentParts decodes message content: a string, null, or [{type, text}] parts.
func contentParts(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == 'n' {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var parts []struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil {
		return nil
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		out = append(out, p.Text)
	}
	return out
}

// choiceCalls collects the tool calls (and a legacy function_call), bounded.
func choiceCalls(ch chatChoice) []detect.ToolCall {
	var out []detect.ToolCall
	for _, tc := range ch.Message.ToolCalls {
		if len(out) == MaxToolCalls {
			break
		}
		out = append(out, toolCall(tc.Function.Name, tc.Function.Arguments))
	}
	if fc := ch.Message.FunctionCall; fc != nil && len(out) < MaxToolCalls {
		out = append(out, toolCall(fc.Name, fc.Arguments))
	}
	return out
}

// toolCall builds a ToolCall; arguments are usually a JSON string holding JSON, but some
// servers send the object itself, which is kept as compact JSON text.
func toolCall(name string, args json.RawMessage) detect.ToolCall {
	return detect.ToolCall{Name: clipText(name, 256), Arguments: clipText(argumentText(args), MaxToolArgumentBytes)}
}

// argumentText renders raw tool arguments as text.
func argumentText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
