package target

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/textclip"
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

// parse reads a 2xx chat completion: the first choice's text and tool calls. A content
// filter blocked the reply only when it cut the first choice before anything came out; a
// reply the filter cut short still holds text (perhaps a partial leak), which the
// detectors must judge. A reply with no text and no tool calls is ErrEmptyReply.
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
	resp.ToolCalls = choiceCalls(ch)
	resp.Text = choiceContent(ch)
	if !blank(resp.Text) || len(resp.ToolCalls) > 0 {
		return resp, nil
	}
	resp.Text = textclip.Ellipsis(ch.Message.Refusal, MaxReplyBytes)
	if ch.FinishReason == "content_filter" {
		resp.Blocked = true // the filter's refusal, if any, is the text
		return resp, nil
	}
	if blank(resp.Text) {
		return resp, fmt.Errorf("unable to read the reply of %s: %w: no text and no tool calls (finish_reason %q)",
			t.c.ep.display, ErrEmptyReply, textclip.Ellipsis(ch.FinishReason, 40))
	}
	return resp, nil
}

// choiceContent is a choice's text: its content parts, else the legacy text field.
func choiceContent(ch chatChoice) string {
	if s := joinClipped(contentParts(ch.Message.Content)); !blank(s) {
		return s
	}
	return textclip.Ellipsis(ch.Text, MaxReplyBytes)
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

// choiceCalls collects the tool calls (and a legacy function_call) within the caps.
func choiceCalls(ch chatChoice) []detect.ToolCall {
	l := newCallList()
	for _, tc := range ch.Message.ToolCalls {
		if !l.add(tc.Function.Name, argumentText(tc.Function.Arguments)) {
			break
		}
	}
	if fc := ch.Message.FunctionCall; fc != nil {
		l.add(fc.Name, argumentText(fc.Arguments))
	}
	return l.calls
}

// argumentText renders raw tool arguments as text: they are usually a JSON string holding
// JSON, but some servers send the object itself, which is kept as compact JSON text.
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
