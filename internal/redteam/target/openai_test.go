package target

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const completion = `{"id":"c1","object":"chat.completion","created":1,"model":"m",
"choices":[{"index":0,"message":{"role":"assistant","content":"Hello there."},"finish_reason":"stop"}],
"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}`

// script is a test server answering each request with the next scripted step (the last
// one repeats) and recording the requests.
type script struct {
	mu    sync.Mutex
	steps []step
	reqs  []recorded
	n     atomic.Int32
}

type step struct {
	status int
	header map[string]string
	body   string
	delay  time.Duration
}

type recorded struct {
	path, auth, ctype, custom string
	body                      []byte
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	i := int(s.n.Add(1)) - 1
	s.mu.Lock()
	s.reqs = append(s.reqs, recorded{r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"),
		r.Header.Get("X-Custom"), body})
	st := s.steps[min(i, len(s.steps)-1)]
	s.mu.Unlock()
	if st.delay > 0 {
		select {
		case <-time.After(st.delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range st.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(st.status)
	_, _ = io.WriteString(w, st.body)
}

// serve starts a scripted server and returns an openai target URL for it.
func serve(t testing.TB, steps ...step) (*script, string) {
	t.Helper()
	s := &script{steps: steps}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, "openai://" + strings.TrimPrefix(srv.URL, "http://") + "/v1"
}

// fast are options with tiny delays so retry tests run in milliseconds.
func fast() Options {
	return Options{Model: "m", APIKey: "sk-test-SECRET-0123456789", Backoff: time.Millisecond, Timeout: 5 * time.Second}
}

// sleeps replaces the target's sleep with a recorder that does not wait.
func sleeps(t testing.TB, tg Target) *[]time.Duration {
	t.Helper()
	var mu sync.Mutex
	var out []time.Duration
	var c *caller
	switch x := tg.(type) {
	case *openAI:
		c = x.c
	case *rest:
		c = x.c
	}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		out = append(out, d)
		return ctx.Err()
	}
	return &out
}

func newTarget(t testing.TB, url string, opts Options) Target {
	t.Helper()
	tg, err := New(url, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestOpenAISuccess(t *testing.T) {
	s, url := serve(t, step{status: 200, body: completion})
	opts := fast()
	temp := 0.0
	opts.Temperature, opts.MaxTokens = &temp, 64
	opts.Headers = map[string]string{"X-Custom": "yes"}
	tg := newTarget(t, url, opts)
	resp, err := tg.Send(context.Background(), &Request{System: "be nice", Prompt: "hi \"there\"\n",
		Tools: []Tool{{Name: "get_weather", Description: "Tool get_weather"}}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Text != "Hello there." || resp.Blocked || resp.HTTPStatus != 200 || resp.Retries != 0 ||
		resp.Usage.PromptTokens != 12 || resp.Usage.CompletionTokens != 3 {
		t.Fatalf("response %+v", resp)
	}
	r := s.reqs[0]
	if r.path != "/v1/chat/completions" || r.auth != "Bearer sk-test-SECRET-0123456789" ||
		r.ctype != "application/json" || r.custom != "yes" {
		t.Fatalf("request %+v", r)
	}
	var got struct {
		Model    string
		Messages []struct{ Role, Content string }
		Tools    []struct {
			Type     string
			Function struct {
				Name       string
				Parameters json.RawMessage
			}
		}
		Temperature *float64
		MaxTokens   int `json:"max_tokens"`
		Stream      *bool
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Model != "m" || len(got.Messages) != 2 || got.Messages[0].Role != "system" ||
		got.Messages[1].Content != "hi \"there\"\n" || got.Temperature == nil || got.MaxTokens != 64 ||
		got.Stream == nil || *got.Stream || len(got.Tools) != 1 || got.Tools[0].Type != "function" ||
		got.Tools[0].Function.Name != "get_weather" || string(got.Tools[0].Function.Parameters) != `{"type":"object"}` {
		t.Fatalf("request body %s", r.body)
	}
}

func TestOpenAINoSystem(t *testing.T) {
	s, url := serve(t, step{status: 200, body: completion})
	if _, err := newTarget(t, url, Options{}).Send(context.Background(), &Request{Prompt: "x"}); err != nil {
		t.Fatal(err)
	}
	var got struct{ Messages []struct{ Role string } }
	_ = json.Unmarshal(s.reqs[0].body, &got)
	if len(got.Messages) != 1 || got.Messages[0].Role != "user" || s.reqs[0].auth != "" {
		t.Fatalf("request %s auth %q", s.reqs[0].body, s.reqs[0].auth)
	}
	if strings.Contains(string(s.reqs[0].body), `"model"`) || strings.Contains(string(s.reqs[0].body), "tools") {
		t.Fatalf("empty fields sent: %s", s.reqs[0].body)
	}
}

func TestOpenAIReplyShapes(t *testing.T) {
	tests := []struct {
		name, body, text string
		calls            []string // "name(args)"
		blocked          bool
	}{
		{"tool calls", `{"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[
			{"id":"1","type":"function","function":{"name":"delete_account","arguments":"{\"id\": 7}"}},
			{"id":"2","type":"function","function":{"name":"send_email","arguments":{"to":"x"}}}]},
			"finish_reason":"tool_calls"}]}`, "", []string{`delete_account({"id": 7})`, `send_email({"to":"x"})`}, false},
		{"legacy function_call", `{"choices":[{"message":{"content":"ok","function_call":{"name":"f","arguments":"{}"}}}]}`,
			"ok", []string{"f({})"}, false},
		{"content parts", `{"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]}`,
			"ab", nil, false},
		{"refusal field", `{"choices":[{"message":{"content":null,"refusal":"I can't help."}}]}`, "I can't help.", nil, false},
		{"legacy text", `{"choices":[{"text":"old","finish_reason":"stop"}]}`, "old", nil, false},
		// A filter that cut the reply short leaves text the detectors must judge (a partial leak).
		{"content filter after text", `{"choices":[{"message":{"content":"partial AISEC7"},"finish_reason":"content_filter"}]}`,
			"partial AISEC7", nil, false},
		{"content filter second choice", `{"choices":[{"message":{"content":"a"}},{"finish_reason":"content_filter"}]}`,
			"a", nil, false},
		{"content filter after tool call", `{"choices":[{"message":{"content":null,"tool_calls":[
			{"function":{"name":"wipe","arguments":"{}"}}]},"finish_reason":"content_filter"}]}`, "", []string{"wipe({})"}, false},
		{"content filter before any text", `{"choices":[{"message":{"content":null},"finish_reason":"content_filter"}]}`,
			"", nil, true},
		{"content filter empty string", `{"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]}`,
			"", nil, true},
		{"content filter with refusal", `{"choices":[{"message":{"content":null,"refusal":"Filtered."},"finish_reason":"content_filter"}]}`,
			"Filtered.", nil, true},
		{"200 with filter error", `{"error":{"message":"flagged","type":"content_filter"}}`, "flagged", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, url := serve(t, step{status: 200, body: tc.body})
			resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
			if err != nil {
				t.Fatal(err)
			}
			var calls []string
			for _, c := range resp.ToolCalls {
				calls = append(calls, c.Name+"("+c.Arguments+")")
			}
			if resp.Text != tc.text || resp.Blocked != tc.blocked || strings.Join(calls, ";") != strings.Join(tc.calls, ";") {
				t.Fatalf("got text %q blocked %v calls %q", resp.Text, resp.Blocked, calls)
			}
		})
	}
}

func TestOpenAIRetryAfter(t *testing.T) {
	s, url := serve(t, step{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"error":{"message":"slow down","type":"rate_limit"}}`},
		step{status: 200, body: completion})
	tg := newTarget(t, url, fast())
	waits := sleeps(t, tg)
	resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Retries != 1 || resp.Text != "Hello there." || s.n.Load() != 2 {
		t.Fatalf("response %+v after %d requests", resp, s.n.Load())
	}
	if len(*waits) != 1 || (*waits)[0] != time.Second {
		t.Fatalf("waits %v, want [1s] from Retry-After", *waits)
	}
}

func TestOpenAIRetryRealSleep(t *testing.T) {
	// 503 twice with no Retry-After: real exponential backoff from a 1ms base.
	s, url := serve(t, step{status: 503, body: "busy"}, step{status: 502}, step{status: 200, body: completion})
	start := time.Now()
	resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Retries != 2 || s.n.Load() != 3 {
		t.Fatalf("retries %d requests %d", resp.Retries, s.n.Load())
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Fatalf("took %v", el)
	}
}

func TestOpenAIExhausted(t *testing.T) {
	s, url := serve(t, step{status: 500, body: `{"error":{"message":"boom"}}`})
	opts := fast()
	opts.Retries = 3
	tg := newTarget(t, url, opts)
	waits := sleeps(t, tg)
	resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "after 3 retries") ||
		!strings.Contains(err.Error(), "boom") {
		t.Fatalf("error %v", err)
	}
	if s.n.Load() != 4 || resp == nil || resp.Retries != 3 || resp.HTTPStatus != 500 {
		t.Fatalf("requests %d response %+v", s.n.Load(), resp)
	}
	// Exponential with equal jitter: wait n is in [base·2ⁿ/2, base·2ⁿ].
	for i, d := range *waits {
		hi := time.Millisecond << i
		if d < hi/2 || d > hi {
			t.Fatalf("wait %d = %v, want in [%v, %v]", i, d, hi/2, hi)
		}
	}
}

func TestOpenAINoRetry(t *testing.T) {
	s, url := serve(t, step{status: 503})
	opts := fast()
	opts.Retries = -1
	if _, err := newTarget(t, url, opts).Send(context.Background(), &Request{Prompt: "x"}); err == nil || s.n.Load() != 1 {
		t.Fatalf("error %v after %d requests", err, s.n.Load())
	}
}

func TestOpenAIClientErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"bad request", 400, `{"error":{"message":"model not found","type":"invalid_request_error","code":"model_not_found"}}`, "HTTP 400: {"},
		{"unauthorized", 401, `{"error":{"message":"bad key"}}`, "HTTP 401"},
		{"forbidden other", 403, `{"error":{"message":"nope","type":"permission_error"}}`, "HTTP 403"},
		{"not found", 404, "not here", "HTTP 404: not here"},
		{"not implemented", 501, "", "HTTP 501"},
		{"redirect", 307, "", "redirect"},
		{"bad json", 200, "<html>hi</html>", "not a chat completion"},
		{"no choices", 200, `{"choices":[]}`, "no choices"},
		{"200 with error", 200, `{"error":{"message":"quota"}}`, "error body"},
		// Fail-open regressions: free text or look-alike codes must not read as "blocked".
		{"guardrail outage", 400, `{"error":"upstream guardrail service unavailable"}`, "HTTP 400"},
		{"string error", 403, `{"error":"guardrail violation"}`, "HTTP 403"},
		{"string filter word", 400, `{"error":"content_filter"}`, "HTTP 400"},
		{"code in message only", 400, `{"error":{"message":"code: guard_blocked","type":"invalid_request_error"}}`, "HTTP 400"},
		{"guard substring type", 400, `{"type":"llm_guard","detail":"denied"}`, "HTTP 400"},
		{"guardrail code", 422, `{"error":{"code":"guardrail_unavailable"}}`, "HTTP 422"},
		{"filtered code", 400, `{"error":{"code":"content_filtered"}}`, "HTTP 400"},
		{"filter code on 404", 404, `{"error":{"type":"guard_blocked"}}`, "HTTP 404"},
		{"200 with string filter error", 200, `{"error":"content_filter"}`, "error body"},
		{"long body", 400, strings.Repeat("x", 5000), "xxx…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, url := serve(t, step{status: tc.status, body: tc.body, header: map[string]string{"Location": "/elsewhere"}})
			resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if s.n.Load() != 1 || resp == nil || resp.HTTPStatus != tc.status || resp.Blocked {
				t.Fatalf("requests %d response %+v", s.n.Load(), resp)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("error not clipped: %d bytes", len(err.Error()))
			}
		})
	}
}

func TestOpenAIBlocked(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		text   string
	}{
		{"aisec guard", 403, `{"error":{"message":"blocked by rule secrets","type":"guard_blocked","param":null,"code":"secrets"}}`, "blocked by rule secrets"},
		{"azure", 400, `{"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter","status":400}}`, "The response was filtered"},
		{"openai policy", 400, `{"error":{"message":"Invalid prompt","type":"invalid_request_error","code":"invalid_prompt"}}`, "Invalid prompt"},
		{"policy violation", 422, `{"error":{"type":"content_policy_violation","message":"no"}}`, "no"},
		{"aisec guard injection", 403, `{"error":{"message":"blocked by aisec guard: prompt injection","type":"guard_blocked","param":null,"code":"injection"}}`,
			"blocked by aisec guard: prompt injection"},
		{"azure innererror", 400, `{"error":{"message":"filtered","type":null,"param":"prompt","code":"invalid_request_error",
			"status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"jailbreak":{"filtered":true,"detected":true}}}}}`, "filtered"},
		{"responsible ai snake", 400, `{"error":{"code":"responsible_ai_policy_violation","message":"no"}}`, "no"},
		{"top level", 400, `{"type":"guard_blocked","detail":"denied"}`, "denied"},
		{"nested error object", 403, `{"error":{"error":{"type":"guard_blocked","message":"inner"}}}`, "inner"},
		{"nested filter code", 400, `{"error":{"code":"ResponsibleAIPolicyViolation_content_filter"}}`, ""},
		{"dashed filter code", 400, `{"error":{"code":"Content-Filter"}}`, ""},
		{"prefixed guard code", 403, `{"error":{"type":"llm_guard_blocked"}}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, url := serve(t, step{status: tc.status, body: tc.body})
			resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
			if err != nil {
				t.Fatal(err)
			}
			if !resp.Blocked || resp.HTTPStatus != tc.status || resp.Text != tc.text || s.n.Load() != 1 {
				t.Fatalf("response %+v after %d requests", resp, s.n.Load())
			}
		})
	}
}

func TestOpenAITimeoutRetried(t *testing.T) {
	s, url := serve(t, step{status: 200, body: completion, delay: 2 * time.Second}, step{status: 200, body: completion})
	opts := fast()
	opts.Timeout = 50 * time.Millisecond
	resp, err := newTarget(t, url, opts).Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Retries != 1 || s.n.Load() != 2 {
		t.Fatalf("retries %d requests %d", resp.Retries, s.n.Load())
	}
}

func TestOpenAITimeoutExhausted(t *testing.T) {
	_, url := serve(t, step{status: 200, body: completion, delay: 2 * time.Second})
	opts := fast()
	opts.Timeout, opts.Retries = 20*time.Millisecond, 1
	_, err := newTarget(t, url, opts).Send(context.Background(), &Request{Prompt: "x"})
	if err == nil || !strings.Contains(err.Error(), "no answer within 20ms") {
		t.Fatalf("error %v", err)
	}
}

func TestOpenAINetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := "openai://" + strings.TrimPrefix(srv.URL, "http://") + "/v1?key=QUERYSECRET"
	srv.Close() // nothing listens any more: connection refused
	opts := fast()
	opts.Retries = 2
	tg := newTarget(t, url, opts)
	waits := sleeps(t, tg)
	resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
	if err == nil || len(*waits) != 2 || resp.Retries != 2 || resp.HTTPStatus != 0 {
		t.Fatalf("error %v waits %v response %+v", err, *waits, resp)
	}
	if strings.Contains(err.Error(), "QUERYSECRET") {
		t.Fatalf("error leaks the query: %v", err)
	}
}

func TestOpenAIContextCanceled(t *testing.T) {
	_, url := serve(t, step{status: 503})
	tg := newTarget(t, url, Options{Backoff: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := tg.Send(ctx, &Request{Prompt: "x"})
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("error %v after %v", err, time.Since(start))
	}
}

func TestOpenAIBodyTooLarge(t *testing.T) {
	big := `{"choices":[{"message":{"content":"` + strings.Repeat("a", MaxBodyBytes) + `"}}]}`
	s, url := serve(t, step{status: 200, body: big})
	_, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
	if err == nil || !strings.Contains(err.Error(), "exceeds") || s.n.Load() != 1 {
		t.Fatalf("error %v after %d requests", err, s.n.Load())
	}
}

func TestOpenAIReplyClipped(t *testing.T) {
	long := strings.Repeat("é", MaxReplyBytes) // 2 bytes each: twice the limit
	_, url := serve(t, step{status: 200, body: `{"choices":[{"message":{"content":"` + long + `"}}]}`})
	resp, err := newTarget(t, url, fast()).Send(context.Background(), &Request{Prompt: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Text) > MaxReplyBytes || !strings.HasSuffix(resp.Text, "é…") {
		t.Fatalf("reply %d bytes, tail %q", len(resp.Text), resp.Text[len(resp.Text)-8:])
	}
}

// TestAPIKeyNeverInErrors makes servers echo the key and headers back in every failure
// mode: no error message may contain them.
func TestAPIKeyNeverInErrors(t *testing.T) {
	const key = "sk-live-VERYSECRETKEY-42"
	const hdr = "hdr-secret-value-99"
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		msg := `{"error":{"message":"Incorrect API key provided: ` + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") +
			` / ` + r.Header.Get("X-Api-Key") + `"}}`
		switch r.URL.Query().Get("mode") {
		case "401":
			w.WriteHeader(401)
		case "500":
			w.WriteHeader(500)
		case "200":
			msg = "not json " + r.Header.Get("Authorization")
		case "redirect":
			w.Header().Set("Location", "/x?k="+r.Header.Get("X-Api-Key"))
			w.WriteHeader(302)
		case "filter":
			w.WriteHeader(403)
			msg = `{"error":{"type":"guard_blocked","message":"saw ` + r.Header.Get("Authorization") + `"}}`
		}
		_, _ = io.WriteString(w, strings.Repeat(" ", 190)+msg) // the key straddles the 200-byte clip
	})
	srv := httptest.NewServer(echo)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, mode := range []string{"401", "500", "200", "redirect", "filter"} {
		opts := fast()
		opts.APIKey, opts.Retries = key, 1
		opts.Headers = map[string]string{"X-Api-Key": hdr}
		tg := newTarget(t, "openai://"+host+"/v1?mode="+mode, opts)
		sleeps(t, tg)
		resp, err := tg.Send(context.Background(), &Request{Prompt: "x"})
		text := ""
		if err != nil {
			text = err.Error()
		}
		if resp != nil {
			text += resp.Text
		}
		if text == "" {
			t.Fatalf("%s: no error and no text", mode)
		}
		for _, part := range []string{key, key[:12], hdr, hdr[:10]} {
			if strings.Contains(text, part) {
				t.Fatalf("%s: %q leaks %q", mode, text, part)
			}
		}
	}
}

func TestConcurrentSend(t *testing.T) {
	s, url := serve(t, step{status: 200, body: completion})
	tg := newTarget(t, url, fast())
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range 32 {
		wg.Go(func() {
			if _, err := tg.Send(context.Background(), &Request{Prompt: "x"}); err != nil {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 || s.n.Load() != 32 {
		t.Fatalf("%d failed, %d requests", failed.Load(), s.n.Load())
	}
}
