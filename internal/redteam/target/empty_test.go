package target

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestOpenAIEmptyReply: a 200 with no text and no tool calls is ErrEmptyReply, not a clean
// answer, and it is not retried.
func TestOpenAIEmptyReply(t *testing.T) {
	bodies := map[string]string{
		"null content":    `{"choices":[{"message":{"role":"assistant","content":null},"finish_reason":"stop"}]}`,
		"empty content":   `{"choices":[{"message":{"role":"assistant","content":""},"finish_reason":"stop"}]}`,
		"blank content":   `{"choices":[{"message":{"content":" \n\t"},"finish_reason":"stop"}]}`,
		"no message":      `{"choices":[{"index":0,"finish_reason":"length"}]}`,
		"empty parts":     `{"choices":[{"message":{"content":[]}}]}`,
		"empty text part": `{"choices":[{"message":{"content":[{"type":"text","text":""}]}}]}`,
		"empty tool list": `{"choices":[{"message":{"content":null,"tool_calls":[]},"finish_reason":"tool_calls"}]}`,
		"filter on other": `{"choices":[{"message":{"content":null}},{"finish_reason":"content_filter"}]}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			s, url := serve(t, step{status: 200, body: body})
			resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
			if !errors.Is(err, ErrEmptyReply) || !strings.Contains(err.Error(), "empty reply") {
				t.Fatalf("error %v, want ErrEmptyReply", err)
			}
			if resp == nil || resp.Blocked || resp.HTTPStatus != 200 || s.n.Load() != 1 {
				t.Fatalf("response %+v after %d requests", resp, s.n.Load())
			}
		})
	}
}

// TestRESTEmptyReply: an empty reply text is an error unless tool calls came instead.
func TestRESTEmptyReply(t *testing.T) {
	tests := []struct {
		body  string
		empty bool
	}{
		{`{"out":null}`, true},
		{`{"out":""}`, true},
		{`{"out":"","calls":[]}`, true},
		{`{"out":"","calls":[{"arguments":"nameless"}]}`, true},
		{`{"out":null,"calls":[{"name":"wipe","arguments":{}}]}`, false},
		{`{"out":"0"}`, false},
	}
	for _, tc := range tests {
		_, url := serve(t, step{status: 200, body: tc.body})
		tg := newTarget(t, restURL(url, "/"), restOpts(RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$.out", ToolCallsPath: "$.calls"}))
		resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
		if errors.Is(err, ErrEmptyReply) != tc.empty || (!tc.empty && err != nil) {
			t.Errorf("%s: error %v, want empty %v", tc.body, err, tc.empty)
		}
		if resp == nil || resp.Blocked || resp.HTTPStatus != 200 {
			t.Errorf("%s: response %+v", tc.body, resp)
		}
	}
}
