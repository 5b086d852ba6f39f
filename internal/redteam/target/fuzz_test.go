package target

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
)

// fuzzCaller is a caller for parser fuzzing: no network, a key to redact, one configured
// blocked status.
func fuzzCaller() *caller {
	ep := endpoint{kind: KindOpenAI, url: "http://localhost/v1/chat/completions", display: "http://localhost/v1/chat/completions"}
	return newCaller(ep, Options{APIKey: "sk-fuzz-0123456789", REST: &RESTOptions{BlockedStatuses: []int{451}}})
}

// checkReply fails when a parsed reply breaks the package's promises: a Response always
// (for the journal), the text and tool-call caps, blocked and error exclusive, and no
// clean answer without text or tool calls.
func checkReply(t *testing.T, resp *Response, err error) {
	t.Helper()
	if resp == nil {
		t.Fatal("nil Response")
	}
	if len(resp.Text) > MaxReplyBytes {
		t.Fatalf("text %d bytes, cap %d", len(resp.Text), MaxReplyBytes)
	}
	checkCallCaps(t, resp.ToolCalls)
	switch {
	case err != nil && resp.Blocked:
		t.Fatalf("blocked and an error: %v", err)
	case err == nil && !resp.Blocked && blank(resp.Text) && len(resp.ToolCalls) == 0:
		t.Fatal("a clean answer with no text and no tool calls")
	case err != nil && len(err.Error()) > 2048:
		t.Fatalf("error message %d bytes", len(err.Error()))
	}
}

// FuzzOpenAIReply feeds arbitrary bodies to the chat-completion parser.
func FuzzOpenAIReply(f *testing.F) {
	for _, s := range []string{
		completion, bigCalls(3, 100),
		`{"choices":[{"message":{"content":"partial"},"finish_reason":"content_filter"}]}`,
		`{"choices":[{"message":{"content":null},"finish_reason":"content_filter"}]}`,
		`{"choices":[{"message":{"content":[{"type":"text","text":"a"}],"refusal":"r","function_call":{"name":"f","arguments":{"a":1}}}}]}`,
		`{"choices":[{"text":"old"}],"usage":{"prompt_tokens":1e3}}`,
		`{"choices":[],"error":{"type":"content_filter","message":"m"}}`, `{"choices":[{}]}`, `{"error":"x"}`,
		`{"choices":[{"message":{"tool_calls":[{"function":{"name":"n","arguments":"\"x\""}},null,7]}}]}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	tg := &openAI{c: fuzzCaller()}
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := tg.parse(&reply{status: http.StatusOK, header: http.Header{}, body: body}, 0)
		checkReply(t, resp, err)
	})
}

// FuzzRESTReply feeds arbitrary bodies and paths to the REST reply extraction.
func FuzzRESTReply(f *testing.F) {
	for _, s := range [][3]string{
		{`{"output":"hi"}`, "$.output", ""},
		{`{"out":null,"calls":[{"name":"a","arguments":{"x":[1,2]}},{"function":{"name":"b","arguments":"{}"}}]}`, "$.out", "$.calls"},
		{`{"c":[{"t":"x"},{"t":2.5e3},{"t":true}]}`, "$.c[*].t", "$.c[*]"},
		{`{"parts":["a",["b"]]}`, "$.parts", "$.parts[-1]"},
		{`[[{"name":"n"}]]`, "$[0]", "$[*][*]"},
		{`"text"`, "$", ""},
		{`{"a":{"b":{}}}`, "$.a.*", "$.*"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	c := fuzzCaller()
	f.Fuzz(func(t *testing.T, body, replyPath, callsPath string) {
		tg := &rest{c: c}
		var err error
		if tg.replyPath, err = ParseJSONPath(replyPath); err != nil {
			return
		}
		if callsPath != "" {
			if tg.callsPath, err = ParseJSONPath(callsPath); err != nil {
				return
			}
		}
		resp, err := tg.parse(&reply{status: http.StatusOK, header: http.Header{}, body: []byte(body)}, 0)
		checkReply(t, resp, err)
	})
}

// FuzzParseAPIError feeds arbitrary error bodies and statuses to the blocked rule: no
// panic, bounded text, and free text never makes a reply count as blocked.
func FuzzParseAPIError(f *testing.F) {
	for _, s := range []string{
		`{"error":{"message":"blocked","type":"guard_blocked","param":null,"code":"injection"}}`,
		`{"error":"upstream guardrail service unavailable"}`,
		`{"error":{"message":"m","code":"content_filter","innererror":{"code":"ResponsibleAIPolicyViolation"}}}`,
		`{"error":{"error":{"error":{"type":"x"}}}}`, `{"type":"guard_blocked","detail":"d"}`, `{"error":{"code":7}}`, `x`,
	} {
		f.Add([]byte(s), 403)
	}
	c := fuzzCaller()
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		e := parseAPIError(body)
		for _, code := range e.codes {
			if code == "" {
				t.Fatal("empty code collected")
			}
		}
		status = 100 + abs(status%500)
		r := &reply{status: status, header: http.Header{}, body: body}
		if retryStatus(status) || status >= 200 && status <= 299 {
			resp, err := c.errorBody(r, 0)
			checkBlocked(t, resp, err, e.filtered())
		} else {
			resp, err := c.failure(r, 0)
			checkBlocked(t, resp, err, status == 451 || filterStatus(status) && e.filtered())
		}
		// The same text as a plain error string or a message is never a code.
		for _, shape := range []map[string]any{{"error": string(body)}, {"error": map[string]any{"message": string(body)}}} {
			b, _ := json.Marshal(shape)
			if parseAPIError(b).filtered() {
				t.Fatalf("free text %q counted as a filter code", body)
			}
		}
	})
}

// checkBlocked fails unless resp is blocked exactly when want, with bounded text.
func checkBlocked(t *testing.T, resp *Response, err error, want bool) {
	t.Helper()
	if resp == nil || resp.Blocked != want || (err == nil) != want || len(resp.Text) > MaxReplyBytes {
		t.Fatalf("response %+v, error %v; want blocked %v", resp, err, want)
	}
	if err != nil && errors.Is(err, ErrEmptyReply) {
		t.Fatalf("error body judged as an empty reply: %v", err)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
