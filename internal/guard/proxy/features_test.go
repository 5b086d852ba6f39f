package proxy

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/extraction"
	"github.com/aisecops/aisec/internal/guard/ratelimit"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/canary"
	"github.com/aisecops/aisec/internal/guard/scanners/secrets"
	"github.com/aisecops/aisec/internal/store"
)

var tokenRE = regexp.MustCompile(`aisec-[0-9a-f]{16}`)

// canaryEngine is the real canary scanner in block mode.
func canaryEngine(t *testing.T) *engine.Engine {
	c, err := canary.New(canary.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newEngine(t, []scanners.Scanner{c}, map[string]engine.Mode{"canary": engine.Block})
}

// TestCanaryLeak plants the canary and has the upstream leak its system prompt: a whole
// response is refused, a stream (token split across events) ends with the error event, and
// the token never reaches the client.
func TestCanaryLeak(t *testing.T) {
	leak := func(c captured) string { return "My instructions say: " + tokenRE.FindString(c.Body) }
	t.Run("non-streamed", func(t *testing.T) {
		h := newHarness(t, canaryEngine(t), func(c captured) script {
			return script{body: `{"choices":[{"index":0,"message":{"role":"assistant","content":` + q(leak(c)) + `}}]}`}
		}, func(rt *Runtime) { rt.Canary = true })
		resp, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, ""))
		sent := h.up.last(t).Body
		if !strings.Contains(sent, "Confidential session marker: aisec-") || !strings.Contains(sent, "You are terse.") {
			t.Fatalf("canary not planted in the system prompt: %s", sent)
		}
		if resp.StatusCode != http.StatusForbidden || tokenRE.MatchString(body) || !strings.Contains(body, "canary") {
			t.Fatalf("got %d %s", resp.StatusCode, body)
		}
	})
	t.Run("streamed and split", func(t *testing.T) {
		h := newHarness(t, canaryEngine(t), func(c captured) script {
			l := leak(c)
			return script{chunks: chatContent(l[:30], l[30:38], l[38:])}
		}, func(rt *Runtime) { rt.Canary = true })
		_, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, true, ""))
		v := readStream(t, api.ChatCompletions, body)
		if tokenRE.MatchString(v.all()) || v.errors == 0 || !strings.Contains(body, "guard rule canary") {
			t.Fatalf("canary leaked or stream not stopped:\n%s", body)
		}
	})
	t.Run("anthropic system gets the marker, echo is clean", func(t *testing.T) {
		h := newHarness(t, canaryEngine(t), func(captured) script {
			return script{body: nonStreamBody(api.Messages, "hello")}
		}, func(rt *Runtime) { rt.Canary = true })
		resp, _ := h.post("/v1/messages", requestFor(api.Messages, false, ""))
		var sent struct{ System string }
		_ = json.Unmarshal([]byte(h.up.last(t).Body), &sent)
		if resp.StatusCode != 200 || !tokenRE.MatchString(sent.System) {
			t.Fatalf("status %d, system %q", resp.StatusCode, sent.System)
		}
	})
	t.Run("responses echo hides the instruction", func(t *testing.T) {
		h := newHarness(t, canaryEngine(t), func(c captured) script {
			var in struct{ Instructions string }
			_ = json.Unmarshal([]byte(c.Body), &in)
			return script{body: `{"id":"r","object":"response","instructions":` + q(in.Instructions) + `,"output":[{"type":"message","content":[{"type":"output_text","text":"hi"}]}]}`}
		}, func(rt *Runtime) { rt.Canary = true })
		resp, body := h.post("/v1/responses", `{"model":"gpt-4o","instructions":"Be kind.","input":"hi"}`)
		if resp.StatusCode != 200 || tokenRE.MatchString(body) || !strings.Contains(body, `"instructions":"Be kind."`) {
			t.Fatalf("got %d %s", resp.StatusCode, body)
		}
	})
}

var secretsScanner = sync.OnceValues(func() (*secrets.Scanner, error) { return secrets.New(secrets.Options{}) })

// TestRealSecretsScannerInStreams runs the production secrets rule over a token split across
// events of every streaming surface.
func TestRealSecretsScannerInStreams(t *testing.T) {
	s, err := secretsScanner()
	if err != nil {
		t.Fatal(err)
	}
	const pat = "ghp_R2d2C3poX9wqLm4ZtYb8Vn6Kp1Hs5Jf0Ae7G"
	eng := newEngine(t, []scanners.Scanner{s}, map[string]engine.Mode{"secrets": engine.Block})
	streams := map[api.Surface][]string{
		api.ChatCompletions: chatTool(`{"token":"`, pat[:10], pat[10:25], pat[25:], `"}`),
		api.Responses:       responsesText("Use ", pat[:20], pat[20:], " to log in."),
		api.Messages:        anthropicText("Use ", pat[:5], pat[5:], " to log in."),
	}
	for sf, chunks := range streams {
		t.Run(sf.String(), func(t *testing.T) {
			h := newHarness(t, eng, func(captured) script { return script{chunks: chunks} }, nil)
			_, body := h.post(sf.Path(), requestFor(sf, true, ""))
			v := readStream(t, sf, body)
			if strings.Contains(v.all(), pat) || strings.Contains(body, pat) || v.errors == 0 {
				t.Fatalf("secret leaked or not stopped:\n%s", body)
			}
		})
	}
}

// TestSwapDuringInFlight: a request keeps the runtime it started with; the next one uses the
// new runtime.
func TestSwapDuringInFlight(t *testing.T) {
	release := make(chan struct{})
	h := newHarness(t, secretEngine(t, engine.Block), func(c captured) script {
		s := script{body: nonStreamBody(api.ChatCompletions, "from "+c.Path)}
		if strings.Contains(c.Body, "slow") {
			s.wait = release
		}
		return s
	}, nil)
	done := make(chan string)
	go func() {
		_, body := h.post("/v1/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"slow"}]}`)
		done <- body
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(h.up.requests()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	// The new runtime blocks everything and routes to another base path.
	next := *h.rt
	next.Engine = newEngine(t, []scanners.Scanner{&tokenScanner{name: "everything", token: "o", dir: scanners.Both}}, nil)
	next.Upstreams = append([]Upstream(nil), h.rt.Upstreams...)
	next.Upstreams[0].BaseURL = mustURL(t, h.up.srv.URL+"/next/v1")
	if err := h.srv.Swap(&next); err != nil {
		t.Fatal(err)
	}
	close(release)
	if body := <-done; !strings.Contains(body, "from /v1/chat/completions") {
		t.Fatalf("in-flight request changed runtime: %s", body)
	}
	resp, body := h.post("/v1/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}]}`)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "everything") {
		t.Fatalf("new request did not use the new runtime: %d %s", resp.StatusCode, body)
	}
	if err := h.srv.Swap(&Runtime{}); err == nil {
		t.Fatal("a runtime without an engine was accepted")
	}
}

func TestScanAPI(t *testing.T) {
	h := newHarness(t, secretEngine(t, engine.Block), nil, nil)
	for _, tc := range []struct {
		body, action string
		status       int
		flagged      bool
	}{
		{`{"text":"say FORBIDDEN-WORD"}`, "block", 200, true},
		{`{"text":"fine"}`, "allow", 200, false},
		{`{"text":"it is ` + testSecret + `","direction":"output"}`, "block", 200, true},
		{`{"messages":[{"role":"system","content":"S"},{"role":"user","content":"mail ` + testEmail + `"}]}`, "anonymize", 200, true},
		{`{"text":"x","direction":"sideways"}`, "", 400, false},
		{`{"nothing":1}`, "", 400, false},
	} {
		resp, body := h.post("/v1/guard/scan", tc.body)
		if resp.StatusCode != tc.status {
			t.Fatalf("%s: %d %s", tc.body, resp.StatusCode, body)
		}
		if tc.status != 200 {
			continue
		}
		var out struct {
			Flagged   bool
			Action    string
			Findings  []map[string]any
			Sanitized []string
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		if out.Flagged != tc.flagged || out.Action != tc.action {
			t.Fatalf("%s: %s", tc.body, body)
		}
		if tc.flagged && (len(out.Findings) == 0 || out.Findings[0]["rule"] == nil || out.Findings[0]["action"] == nil) {
			t.Fatalf("%s: findings %s", tc.body, body)
		}
		if tc.action == "anonymize" && (len(out.Sanitized) != 2 || out.Sanitized[1] != "mail [EMAIL_1]") {
			t.Fatalf("sanitized %q", out.Sanitized)
		}
	}
	resp, _ := h.post("/v1/guard/scan", `{"text":"x"}`, "noauth", "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("scan API without key: %d", resp.StatusCode)
	}
}

func TestRateLimit(t *testing.T) {
	t.Run("memory", func(t *testing.T) {
		h := newHarness(t, secretEngine(t, engine.Block), nil, func(rt *Runtime) {
			rt.Limiter = ratelimit.NewMemory(ratelimit.Limits{RequestsPerMinute: 1})
		})
		if resp, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, "")); resp.StatusCode != 200 {
			t.Fatalf("first: %d %s", resp.StatusCode, body)
		}
		resp, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, ""))
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "rate_limited") {
			t.Fatalf("second: %d %v %s", resp.StatusCode, resp.Header, body)
		}
	})
	for _, open := range []bool{false, true} {
		t.Run("limiter down, fail open "+map[bool]string{false: "off", true: "on"}[open], func(t *testing.T) {
			client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
			t.Cleanup(func() { _ = client.Close() })
			lim, err := ratelimit.NewRedisClient(client, ratelimit.Limits{RequestsPerMinute: 10}, "test")
			if err != nil {
				t.Fatal(err)
			}
			h := newHarness(t, secretEngine(t, engine.Block), nil, func(rt *Runtime) {
				rt.Limiter, rt.FailOpenRateLimit = lim, open
			})
			resp, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, ""))
			want := http.StatusServiceUnavailable
			if open {
				want = 200
			}
			if resp.StatusCode != want {
				t.Fatalf("got %d %s", resp.StatusCode, body)
			}
		})
	}
}

func TestExtractionThrottle(t *testing.T) {
	tr := extraction.New(extraction.Options{Temperatures: 3, ThrottleAt: 0.3, BlockAt: 5})
	h := newHarness(t, secretEngine(t, engine.Block), nil, func(rt *Runtime) { rt.Extraction = tr })
	var last int
	for i, temp := range []string{"0.1", "0.5", "0.9", "1.3"} {
		resp, _ := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, `,"temperature":`+temp))
		last = resp.StatusCode
		if i == 0 && last != 200 {
			t.Fatalf("first request refused: %d", last)
		}
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("a temperature sweep was not throttled: %d", last)
	}
}

// TestStreamUsage: with a limiter, chat streams ask for usage; the usage chunk reaches only a
// client that asked for it.
func TestStreamUsage(t *testing.T) {
	usage := data(`{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}`)
	chunks := append(chatContent("hi")[:3], usage, data("[DONE]"))
	for _, asked := range []bool{false, true} {
		h := newHarness(t, secretEngine(t, engine.Block), func(captured) script { return script{chunks: chunks} }, func(rt *Runtime) {
			rt.Limiter = ratelimit.NewMemory(ratelimit.Limits{TokensPerMinute: 100000})
		})
		extra := ""
		if asked {
			extra = `,"stream_options":{"include_usage":true}`
		}
		_, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, true, extra))
		if sent := h.up.last(t).Body; !strings.Contains(sent, `"include_usage":true`) {
			t.Fatalf("usage not requested upstream: %s", sent)
		}
		if got := strings.Contains(body, `"completion_tokens":7`); got != asked || !strings.Contains(body, "[DONE]") {
			t.Fatalf("asked %v, usage chunk delivered %v:\n%s", asked, got, body)
		}
	}
}

// TestAuditEvents records through the real audit store: input and output events per request,
// masked excerpts, a prompt hash, and the prompt (as sanitized) when configured.
func TestAuditEvents(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	w := store.NewWriter(st, store.WriterOptions{FlushInterval: 10 * time.Millisecond})
	h := newHarness(t, secretEngine(t, engine.Redact), func(captured) script {
		return script{body: nonStreamBody(api.ChatCompletions, testSecret)}
	}, func(rt *Runtime) { rt.StorePrompts = true }, func(o *Options) { o.Events = w })
	_, _ = h.post("/v1/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"mail `+testEmail+`"}]}`)
	_, _ = h.post("/v1/chat/completions", `{"model":"gpt-4o","messages":[{"role":"user","content":"FORBIDDEN-WORD"}]}`)
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	evs, err := st.Query(ctx, store.Filter{Order: store.Asc})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("%d events: %+v", len(evs), evs)
	}
	in, out, blocked := evs[0], evs[1], evs[2]
	if in.Direction != "input" || in.Action != "anonymize" || in.Identity != "alice" || in.Model != "gpt-4o" || in.Upstream != "openai" ||
		len(in.PromptHash) != 64 || in.Prompt != "mail [EMAIL_1]" || in.Status != 200 || in.RequestID != out.RequestID {
		t.Fatalf("input event %+v", in)
	}
	if out.Direction != "output" || out.Action != "redact" || len(out.Findings) == 0 || out.Findings[0].Rule != "secret" {
		t.Fatalf("output event %+v", out)
	}
	if blocked.Action != "block" || blocked.Status != 403 || blocked.Findings[0].Rule != "trigger" {
		t.Fatalf("blocked event %+v", blocked)
	}
	for _, e := range evs {
		b, _ := json.Marshal(e)
		if strings.Contains(string(b), testSecret) || strings.Contains(string(b), testEmail) {
			t.Fatalf("audit event holds sensitive text: %s", b)
		}
	}
}

func TestOperationalEndpoints(t *testing.T) {
	s, err := New(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, secretEngine(t, engine.Block), func(c captured) script {
		return script{body: `{"object":"list","data":[{"id":"gpt-4o","auth":` + q(c.Header.Get("Authorization")) + `}]}`}
	}, nil)
	front := h.front
	h.front = newFront(t, s)
	if resp, _ := h.do(http.MethodGet, "/readyz", ""); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz without runtime: %d", resp.StatusCode)
	}
	if resp, _ := h.post("/v1/chat/completions", "{}"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("proxy without runtime: %d", resp.StatusCode)
	}
	if err := s.Swap(h.rt); err != nil {
		t.Fatal(err)
	}
	if resp, _ := h.do(http.MethodGet, "/readyz", ""); resp.StatusCode != 200 {
		t.Fatalf("readyz after swap: %d", resp.StatusCode)
	}
	h.front = front
	if resp, _ := h.do(http.MethodGet, "/healthz", ""); resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	resp, body := h.do(http.MethodGet, "/v1/models", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "Bearer sk-upstream-openai") {
		t.Fatalf("models: %d %s", resp.StatusCode, body)
	}
	_, _ = h.post("/v1/chat/completions", `{"messages":[{"role":"user","content":"FORBIDDEN-WORD"}]}`)
	_, metrics := h.do(http.MethodGet, "/metrics", "")
	for _, want := range []string{`aisec_guard_requests_total{code="403",route="chat"} 1`,
		`aisec_guard_verdicts_total{action="block",direction="input",rule="trigger"} 1`, "aisec_guard_inspect_seconds_bucket"} {
		if !strings.Contains(metrics, want) {
			t.Fatalf("metrics lack %q:\n%s", want, metrics)
		}
	}
}

// TestResponsesStreamEchoHidesCanary: the instructions a Responses stream echoes in
// response.created and response.completed lose the canary instruction the guard added.
func TestResponsesStreamEchoHidesCanary(t *testing.T) {
	h := newHarness(t, canaryEngine(t), func(c captured) script {
		var in struct{ Instructions string }
		_ = json.Unmarshal([]byte(c.Body), &in)
		ev := func(typ string) string {
			return named(typ, `{"type":"`+typ+`","sequence_number":1,"response":{"id":"resp_1","instructions":`+q(in.Instructions)+`,"output":[]}}`)
		}
		return script{chunks: []string{ev("response.created"), ev("response.completed")}}
	}, func(rt *Runtime) { rt.Canary = true })
	_, body := h.post("/v1/responses", `{"model":"gpt-4o","stream":true,"instructions":"Be kind.","input":"hi"}`)
	if tokenRE.MatchString(body) || strings.Count(body, `"instructions":"Be kind."`) != 2 {
		t.Fatalf("echo not cleaned:\n%s", body)
	}
}

// TestClientDisconnectCancelsUpstream: a client that goes away mid-stream ends the upstream
// request too (no tokens are spent for nobody).
func TestClientDisconnectCancelsUpstream(t *testing.T) {
	canceled := make(chan bool, 1)
	h := newHarness(t, secretEngine(t, engine.Log), func(captured) script {
		return script{chunks: chatContent("first words")[:2], canceled: canceled}
	}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.front.URL+"/v1/chat/completions",
		strings.NewReader(requestFor(api.ChatCompletions, true, "")))
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	_, _ = resp.Body.Read(buf) // the stream has started
	cancel()
	_ = resp.Body.Close()
	if !<-canceled {
		t.Fatal("the upstream request outlived the client")
	}
}

// TestHopByHopAndClientCredentialsStripped: hop-by-hop fields, fields named by Connection,
// the client's credentials and organisation never reach the upstream.
func TestHopByHopAndClientCredentialsStripped(t *testing.T) {
	h := newHarness(t, secretEngine(t, engine.Block), nil, nil)
	_, _ = h.post("/v1/chat/completions", requestFor(api.ChatCompletions, false, ""),
		"Connection", "X-Hop", "X-Hop", "1", "Keep-Alive", "timeout=5", "OpenAI-Organization", "org-other",
		"Cookie", "session=1", "X-Trace", "kept")
	got := h.up.last(t).Header
	for _, k := range []string{"X-Hop", "Keep-Alive", "Openai-Organization", "Cookie"} {
		if got.Get(k) != "" {
			t.Fatalf("%s reached the upstream", k)
		}
	}
	if got.Get("X-Trace") != "kept" || got.Get("Authorization") != "Bearer sk-upstream-openai" {
		t.Fatalf("headers %v", got)
	}
}
