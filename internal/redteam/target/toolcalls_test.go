package target

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// checkCallCaps fails when calls break any of the tool-call caps.
func checkCallCaps(t testing.TB, calls []detect.ToolCall) {
	t.Helper()
	if len(calls) > MaxToolCalls {
		t.Fatalf("%d tool calls, cap %d", len(calls), MaxToolCalls)
	}
	total := 0
	for _, c := range calls {
		if len(c.Arguments) > MaxToolArgumentBytes || len(c.Name) > maxToolNameBytes {
			t.Fatalf("call %q: name %d bytes, arguments %d bytes", c.Name[:min(len(c.Name), 20)], len(c.Name), len(c.Arguments))
		}
		total += len(c.Arguments)
	}
	if total > MaxToolArgumentsTotal {
		t.Fatalf("%d argument bytes in all, cap %d", total, MaxToolArgumentsTotal)
	}
}

// bigCalls is a chat completion with n tool calls of size-byte arguments each.
func bigCalls(n, size int) string {
	type fn struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	}
	type call struct {
		Function fn `json:"function"`
	}
	calls := make([]call, n)
	for i := range calls {
		calls[i].Function = fn{Name: fmt.Sprintf("tool_%d", i), Arguments: strings.Repeat("é", size/2)}
	}
	b, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{
		"message": map[string]any{"content": nil, "tool_calls": calls}, "finish_reason": "tool_calls"}}})
	return string(b)
}

func TestToolArgumentsTotalCap(t *testing.T) {
	// 70 calls of 20 KiB: over the per-call, the count and the total caps at once.
	_, url := serve(t, step{status: 200, body: bigCalls(70, 20<<10)})
	resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	checkCallCaps(t, resp.ToolCalls)
	if len(resp.ToolCalls) != MaxToolCalls {
		t.Fatalf("%d tool calls, want %d: names must survive the argument budget", len(resp.ToolCalls), MaxToolCalls)
	}
	total := 0
	for i, c := range resp.ToolCalls {
		if c.Name != fmt.Sprintf("tool_%d", i) || !utf8.ValidString(c.Arguments) {
			t.Fatalf("call %d: name %q, valid UTF-8 %v", i, c.Name, utf8.ValidString(c.Arguments))
		}
		total += len(c.Arguments)
	}
	if total < MaxToolArgumentsTotal-64 || resp.ToolCalls[MaxToolCalls-1].Arguments != "" {
		t.Fatalf("budget used %d bytes; last call arguments %d bytes", total, len(resp.ToolCalls[MaxToolCalls-1].Arguments))
	}
	if !strings.HasSuffix(resp.ToolCalls[0].Arguments, "…") {
		t.Fatalf("first call not clipped with a mark")
	}
}

func TestRESTToolArgumentsTotalCap(t *testing.T) {
	var calls []string
	for i := range 40 {
		calls = append(calls, fmt.Sprintf(`{"name":"t%d","arguments":"%s"}`, i, strings.Repeat("a", 15<<10)))
	}
	_, url := serve(t, step{status: 200, body: `{"out":"ok","calls":[` + strings.Join(calls, ",") + `]}`})
	tg := newTarget(t, restURL(url, "/"), restOpts(RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$.out", ToolCallsPath: "$.calls"}))
	resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	checkCallCaps(t, resp.ToolCalls)
	if len(resp.ToolCalls) != 40 || resp.ToolCalls[39].Name != "t39" {
		t.Fatalf("%d tool calls", len(resp.ToolCalls))
	}
}

func TestClipText(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"hello", 10, "hello"},
		{"hello", 5, "hello"},
		{"hello", 4, "h…"},
		{"hello", 3, "…"},
		{"hello", 2, "he"},
		{"hello", 0, ""},
		{"hello", -1, ""},
		{"éé", 3, "…"},
		{"éé", 2, "é"},
		{"ééé", 5, "é…"},
		{"éééé", 6, "é…"},
		{"日本", 2, ""},
	}
	for _, tc := range tests {
		got := textclip.Ellipsis(tc.s, tc.n)
		if got != tc.want || len(got) > max(tc.n, 0) && len(tc.s) > tc.n || !utf8.ValidString(got) {
			t.Errorf("textclip.Ellipsis(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
