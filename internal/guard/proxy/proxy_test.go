package proxy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
)

// nonStreamBody is a real-shaped response of each surface carrying text.
func nonStreamBody(sf api.Surface, text string) string {
	switch sf {
	case api.Completions:
		return `{"id":"cmpl","object":"text_completion","choices":[{"index":0,"text":` + q(text) + `,"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}`
	case api.Responses:
		return `{"id":"resp_1","object":"response","status":"completed","instructions":null,"output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":` + q(text) + `,"annotations":[]}]}],"usage":{"input_tokens":3,"output_tokens":4}}`
	case api.Messages:
		return `{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":` + q(text) + `}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":4}}`
	}
	return `{"id":"chatcmpl","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"fine"},"finish_reason":"stop"},` +
		`{"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":` + q(`{"a":"`+text+`"}`) + `}}]},"finish_reason":"tool_calls"}],` +
		`"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}`
}

func TestNonStreamOutputRules(t *testing.T) {
	surfaces := []api.Surface{api.ChatCompletions, api.Completions, api.Responses, api.Messages}
	for _, mode := range []engine.Mode{engine.Block, engine.Abort, engine.Redact} {
		for _, sf := range surfaces {
			t.Run(string(mode)+"/"+sf.String(), func(t *testing.T) {
				h := newHarness(t, secretEngine(t, mode), func(captured) script {
					return script{body: nonStreamBody(sf, "the key is "+testSecret)}
				}, nil)
				resp, body := h.post(sf.Path(), requestFor(sf, false, ""))
				if strings.Contains(body, testSecret) {
					t.Fatalf("secret leaked: %s", body)
				}
				if mode == engine.Redact {
					if resp.StatusCode != 200 || !strings.Contains(body, "[REDACTED:TOKEN]") || !json.Valid([]byte(body)) {
						t.Fatalf("status %d body %s", resp.StatusCode, body)
					}
					return
				}
				if resp.StatusCode != http.StatusForbidden {
					t.Fatalf("status %d body %s", resp.StatusCode, body)
				}
				want := `"type":"guard_blocked"`
				if sf == api.Messages {
					want = `"type":"permission_error"`
				}
				if !strings.Contains(body, want) || !strings.Contains(body, "secret") {
					t.Fatalf("error body %s", body)
				}
			})
		}
	}
}

func TestInputBlock(t *testing.T) {
	for _, sf := range []api.Surface{api.ChatCompletions, api.Messages, api.Responses, api.Embeddings, api.Completions} {
		t.Run(sf.String(), func(t *testing.T) {
			h := newHarness(t, secretEngine(t, engine.Block), nil, nil)
			body := strings.Replace(requestFor(sf, false, ""), "Say something", "please FORBIDDEN-WORD now", 1)
			if sf == api.Embeddings {
				body = `{"model":"text-embedding-3-small","input":["ok","FORBIDDEN-WORD"]}`
			}
			resp, out := h.post(sf.Path(), body)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(out, "trigger") {
				t.Fatalf("status %d body %s", resp.StatusCode, out)
			}
			if len(h.up.requests()) != 0 {
				t.Fatal("a blocked request reached the upstream")
			}
		})
	}
}

// TestAnonymizeRoundTrip: the model sees a placeholder, the client gets its value back, also
// when the placeholder is split across stream events, and inside tool arguments the value is
// JSON-escaped.
func TestAnonymizeRoundTrip(t *testing.T) {
	req := `{"model":"gpt-4o","stream":%v,"messages":[{"role":"user","content":"Write to ` + testEmail + `"}]}`
	t.Run("non-streamed", func(t *testing.T) {
		h := newHarness(t, secretEngine(t, engine.Block), func(c captured) script {
			return script{body: `{"choices":[{"index":0,"message":{"role":"assistant","content":"Dear [EMAIL_1], hello"}}]}`}
		}, nil)
		resp, body := h.post("/v1/chat/completions", fmt.Sprintf(req, false))
		if sent := h.up.last(t).Body; strings.Contains(sent, testEmail) || !strings.Contains(sent, "[EMAIL_1]") {
			t.Fatalf("upstream got %s", sent)
		}
		if resp.StatusCode != 200 || !strings.Contains(body, `"Dear ann@example.com, hello"`) {
			t.Fatalf("client got %d %s", resp.StatusCode, body)
		}
	})
	t.Run("streamed and split", func(t *testing.T) {
		chunks := chatContent("Dear [EMA", "IL_", "1], hello")
		h := newHarness(t, secretEngine(t, engine.Log), func(captured) script { return script{chunks: chunks} }, nil)
		_, body := h.post("/v1/chat/completions", fmt.Sprintf(req, true))
		v := readStream(t, api.ChatCompletions, body)
		if got := v.texts[api.Key{Kind: api.Content}]; got != "Dear ann@example.com, hello" {
			t.Fatalf("client text %q\n%s", got, body)
		}
	})
	t.Run("tool arguments stay JSON", func(t *testing.T) {
		chunks := chatTool(`{"to":"[EMAIL_1]"}`)
		h := newHarness(t, secretEngine(t, engine.Log), func(captured) script { return script{chunks: chunks} }, nil)
		_, body := h.post("/v1/chat/completions", fmt.Sprintf(req, true))
		v := readStream(t, api.ChatCompletions, body)
		if got := v.texts[api.Key{Kind: api.ToolArgs}]; got != `{"to":"ann@example.com"}` {
			t.Fatalf("tool arguments %q", got)
		}
	})
}

func TestUpstreamErrorsPassThrough(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		header map[string]string
	}{
		{429, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`, map[string]string{"Retry-After": "7", "X-Ratelimit-Remaining-Requests": "0"}},
		{500, `{"error":{"message":"The server had an error","type":"server_error"}}`, nil},
		{400, `{"error":{"message":"bad model","type":"invalid_request_error","param":"model"}}`, nil},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			h := newHarness(t, secretEngine(t, engine.Block), func(captured) script {
				return script{status: tc.status, body: tc.body, header: tc.header}
			}, nil)
			for _, stream := range []bool{false, true} {
				resp, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, stream, ""))
				if resp.StatusCode != tc.status || body != tc.body {
					t.Fatalf("got %d %s", resp.StatusCode, body)
				}
				for k, v := range tc.header {
					if resp.Header.Get(k) != v {
						t.Fatalf("header %s = %q", k, resp.Header.Get(k))
					}
				}
			}
		})
	}
}

func TestAuth(t *testing.T) {
	tests := []struct {
		name      string
		path      string
		headers   []string
		anonymous bool
		status    int
		errType   string
	}{
		{"bearer", "/v1/chat/completions", nil, false, 200, ""},
		{"x-api-key", "/v1/messages", []string{"X-Api-Key", testKey}, false, 200, ""},
		{"no key", "/v1/chat/completions", []string{"noauth", ""}, false, 401, `"type":"authentication_error"`},
		{"no key anthropic", "/v1/messages", []string{"noauth", ""}, false, 401, `"type":"error","error":{"type":"authentication_error"`},
		{"unknown key", "/v1/chat/completions", []string{"Authorization", "Bearer sk-stolen"}, false, 401, "invalid_api_key"},
		{"unknown key even when anonymous is allowed", "/v1/chat/completions", []string{"Authorization", "Bearer sk-stolen"}, true, 401, ""},
		{"anonymous", "/v1/chat/completions", []string{"noauth", ""}, true, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sf, _ := api.ParseSurface(tt.path)
			h := newHarness(t, secretEngine(t, engine.Block), func(c captured) script {
				if strings.HasSuffix(c.Path, "/messages") {
					return script{body: nonStreamBody(api.Messages, "hi")}
				}
				return script{body: nonStreamBody(api.ChatCompletions, "hi")}
			}, func(rt *Runtime) { rt.AllowAnonymous = tt.anonymous })
			resp, body := h.post(tt.path, requestFor(sf, false, ""), tt.headers...)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.errType) {
				t.Fatalf("got %d %s", resp.StatusCode, body)
			}
			if tt.status != 200 {
				return
			}
			got := h.up.last(t).Header
			switch sf {
			case api.Messages:
				if got.Get("X-Api-Key") != "sk-upstream-anthropic" || got.Get("Anthropic-Version") != DefaultAnthropicVersion || got.Get("Authorization") != "" {
					t.Fatalf("upstream headers %v", got)
				}
			default:
				if got.Get("Authorization") != "Bearer sk-upstream-openai" || got.Get("X-Api-Key") != "" {
					t.Fatalf("upstream headers %v", got)
				}
			}
		})
	}
}

func TestBodyLimits(t *testing.T) {
	h := newHarness(t, secretEngine(t, engine.Block), func(captured) script {
		return script{body: nonStreamBody(api.ChatCompletions, strings.Repeat("x", 5000))}
	}, func(rt *Runtime) { rt.MaxRequestBytes, rt.MaxResponseBytes = 2048, 4096 })
	big := `{"model":"m","messages":[{"role":"user","content":"` + strings.Repeat("a", 3000) + `"}]}`
	resp, body := h.post("/v1/chat/completions", big)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "request_too_large") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	resp, body = h.post("/v1/messages", strings.Replace(big, `"model":"m"`, `"model":"m","max_tokens":5`, 1))
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, `"type":"request_too_large"`) {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	resp, body = h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, ""))
	if resp.StatusCode != http.StatusBadGateway || strings.Contains(body, "xxxx") {
		t.Fatalf("an oversized upstream response must fail closed: %d %s", resp.StatusCode, body)
	}
}

func TestInvalidRequests(t *testing.T) {
	h := newHarness(t, secretEngine(t, engine.Block), nil, nil)
	for _, tc := range []struct{ path, body, want string }{
		{"/v1/chat/completions", `{"messages":`, "invalid_request_error"},
		{"/v1/messages", `{"messages":[}`, `"type":"invalid_request_error"`},
		{"/v1/chat/completions", `{"messages":[{"role":"user","content":"a","content":"b"}]}`, "duplicate key"},
		{"/v1/completions", `{"model":"m","prompt":[101,202]}`, "uninspectable_input"},
		{"/v1/embeddings", `{"model":"m","input":[[1,2,3]]}`, "uninspectable_input"},
	} {
		resp, body := h.post(tc.path, tc.body)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.want) {
			t.Fatalf("%s %s: got %d %s", tc.path, tc.body, resp.StatusCode, body)
		}
	}
	if len(h.up.requests()) != 0 {
		t.Fatal("an invalid request reached the upstream")
	}
}

func TestRouting(t *testing.T) {
	h := newHarness(t, secretEngine(t, engine.Block), nil, func(rt *Runtime) {
		local := rt.Upstreams[0]
		local.Name, local.Models = "local", []string{"llama*"}
		rt.Upstreams[0].Models = []string{"gpt-*"}
		rt.Upstreams[0].Routes = []string{"chat", "embeddings"}
		rt.Upstreams = append(rt.Upstreams, local)
	})
	for _, tc := range []struct {
		path, model string
		status      int
	}{
		{"/v1/chat/completions", "gpt-4o", 200},
		{"/v1/chat/completions", "llama-3-70b", 200},
		{"/v1/chat/completions", "claude-3", 404},
		{"/v1/completions", "gpt-4o", 404}, // the gpt upstream does not serve completions
	} {
		body := `{"model":"` + tc.model + `","messages":[{"role":"user","content":"hi"}],"prompt":"hi"}`
		resp, out := h.post(tc.path, body)
		if resp.StatusCode != tc.status {
			t.Fatalf("%s %s: %d %s", tc.path, tc.model, resp.StatusCode, out)
		}
	}
}
