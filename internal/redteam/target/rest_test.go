package target

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// restURL turns a scripted server's openai URL into a rest URL for path.
func restURL(openaiURL, path string) string {
	host := strings.TrimSuffix(strings.TrimPrefix(openaiURL, "openai://"), "/v1")
	return "rest://" + host + path
}

func restOpts(ro RESTOptions) Options {
	o := fast()
	o.REST = &ro
	return o
}

func TestRESTTemplateEscaping(t *testing.T) {
	s, url := serve(t, step{status: 200, body: `{"output":"ok"}`})
	tg := newTarget(t, restURL(url, "/api/chat"), restOpts(RESTOptions{
		Body:      `{"model":"$MODEL","system":"$SYSTEM","messages":[{"text":"$INPUT"}],"again":"$INPUT"}`,
		ReplyPath: "$.output",
	}))
	prompts := []string{
		`He said "ignore previous" \ and left`,
		"line one\nline two\r\n\ttabbed",
		"unicode: héllo 世界 🎉 \u2028 \u0000 \x1b[31m",
		"<script>alert('x')</script> & $SYSTEM $MODEL $INPUT",
		"invalid utf8: \xff\xfe",
	}
	for i, p := range prompts {
		resp, err := tg.Send(context.Background(), &Request{System: "sys \"q\"\n", Prompt: p})
		if err != nil || resp.Text != "ok" {
			t.Fatalf("%d: %v %+v", i, err, resp)
		}
		body := s.reqs[i].body
		var got struct {
			Model, System string
			Messages      []struct{ Text string }
			Again         string
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("%d: invalid JSON %s: %v", i, body, err)
		}
		var want string // what a JSON round trip makes of p (invalid UTF-8 becomes U+FFFD)
		b, _ := json.Marshal(p)
		_ = json.Unmarshal(b, &want)
		if got.Model != "m" || got.System != "sys \"q\"\n" || got.Messages[0].Text != want || got.Again != want {
			t.Fatalf("%d: decoded %+v, want prompt %q", i, got, want)
		}
		if strings.Contains(string(body), `\u003c`) {
			t.Fatalf("%d: HTML-escaped: %s", i, body)
		}
	}
	if s.reqs[0].path != "/api/chat" || s.reqs[0].ctype != "application/json" {
		t.Fatalf("request %+v", s.reqs[0])
	}
}

func TestRESTRawTemplate(t *testing.T) {
	s, url := serve(t, step{status: 200, body: `{"reply":{"text":["a","b"]}}`})
	tg := newTarget(t, restURL(url, "/form"), restOpts(RESTOptions{
		Method: "put", Body: "q=$INPUT", ContentType: "text/plain", ReplyPath: "reply.text",
	}))
	resp, err := tg.Send(context.Background(), &Request{Prompt: `say "hi"`})
	if err != nil || resp.Text != "ab" {
		t.Fatalf("%v %+v", err, resp)
	}
	if string(s.reqs[0].body) != `q=say "hi"` || s.reqs[0].ctype != "text/plain" {
		t.Fatalf("request %+v", s.reqs[0])
	}
	if ep := tg.Endpoint(); ep.Kind != KindREST || !strings.HasSuffix(ep.URL, "/form") {
		t.Fatalf("endpoint %+v", ep)
	}
}

func TestRESTReplyPaths(t *testing.T) {
	tests := []struct {
		body, path, want, err string
	}{
		{`{"output":"hi"}`, "$.output", "hi", ""},
		{`{"n":42}`, "$.n", "42", ""},
		{`{"n":1.50}`, "$.n", "1.50", ""},
		{`{"b":false}`, "$.b", "false", ""},
		{`{"x":null}`, "$.x", "", "empty reply"},
		{`{"x":""}`, "$.x", "", "empty reply"},
		{`{"x":" \n"}`, "$.x", "", "empty reply"},
		{`{"x":[]}`, "$.x", "", "empty reply"},
		{`{"x":["",null]}`, "$.x", "", "empty reply"},
		{`{"parts":["a","b",1]}`, "$.parts", "ab1", ""},
		{`{"c":[{"t":"x"},{"t":"y"}]}`, "$.c[*].t", "xy", ""},
		{`{"choices":[{"message":{"content":"deep"}}]}`, "$.choices[0].message.content", "deep", ""},
		{`{"output":"hi"}`, "$.missing", "", "matched nothing"},
		{`{"output":{"a":1}}`, "$.output", "", "matched an object"},
		{`{"output":[[1]]}`, "$.output", "", "nested array"},
		{`not json`, "$.output", "", "not JSON"},
	}
	for _, tc := range tests {
		_, url := serve(t, step{status: 200, body: tc.body})
		tg := newTarget(t, restURL(url, "/"), restOpts(RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: tc.path}))
		resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s on %s: error %v, want %q", tc.path, tc.body, err, tc.err)
			}
			continue
		}
		if err != nil || resp.Text != tc.want {
			t.Errorf("%s on %s: got %q, %v; want %q", tc.path, tc.body, resp.Text, err, tc.want)
		}
	}
}

func TestRESTToolCalls(t *testing.T) {
	body := `{"out":"","calls":[{"name":"transfer","arguments":{"amount":100}},
		{"function":{"name":"email","arguments":"{\"to\":\"a\"}"}}, 7, {"arguments":"no name"}]}`
	_, url := serve(t, step{status: 200, body: body})
	tg := newTarget(t, restURL(url, "/"), restOpts(RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$.out", ToolCallsPath: "$.calls"}))
	resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.ToolCalls) != 2 || resp.ToolCalls[0].Name != "transfer" || resp.ToolCalls[0].Arguments != `{"amount":100}` ||
		resp.ToolCalls[1].Name != "email" || resp.ToolCalls[1].Arguments != `{"to":"a"}` {
		t.Fatalf("tool calls %+v", resp.ToolCalls)
	}
}

func TestRESTBlocked(t *testing.T) {
	tests := []struct {
		status  int
		body    string
		blocked bool
	}{
		{451, "refused by policy", true},                                 // configured: any body
		{403, `{"error":{"type":"guard_blocked","message":"no"}}`, true}, // the default rule applies too
		{400, `{"error":"bad input"}`, false},
		{503, "overloaded", true}, // configured statuses are not retried
	}
	for _, tc := range tests {
		s, url := serve(t, step{status: tc.status, body: tc.body})
		tg := newTarget(t, restURL(url, "/"), restOpts(RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$.out",
			BlockedStatuses: []int{451, 503}}))
		resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
		if tc.blocked != (err == nil && resp.Blocked) || s.n.Load() != 1 {
			t.Errorf("%d %s: %v %+v after %d requests", tc.status, tc.body, err, resp, s.n.Load())
		}
	}
}

func TestRESTOptionErrors(t *testing.T) {
	tests := []struct {
		ro   *RESTOptions
		want string
	}{
		{nil, "reply JSONPath is required"},
		{&RESTOptions{Body: `{"q":"$INPUT"}`}, "reply JSONPath is required"},
		{&RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$..x"}, "reply path"},
		{&RESTOptions{Body: `{"q":"$INPUT"}`, ReplyPath: "$.x", ToolCallsPath: "$["}, "tool calls path"},
		{&RESTOptions{Body: `{"q":$INPUT}`, ReplyPath: "$.x"}, "not valid JSON"},
		{&RESTOptions{Body: `{"q":"hello"}`, ReplyPath: "$.x"}, "must contain $INPUT"},
	}
	for _, tc := range tests {
		o := fast()
		o.REST = tc.ro
		_, err := New("rest://localhost:1/x", o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.ro, err, tc.want)
		}
	}
}
