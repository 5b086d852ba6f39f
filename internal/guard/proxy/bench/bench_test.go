// Package bench measures the guard proxy with the default scanners in front of an in-process
// upstream. It is a separate package so that the proxy's own tests do not depend on every
// scanner package.
package bench

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/proxy"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/list"
)

const testKey = "sk-bench"

func keyHash(k string) [32]byte { return sha256.Sum256([]byte(k)) }

func q(s string) string { return `"` + api.JSONEscape(s) + `"` }

func mustURL(b testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		b.Fatal(err)
	}
	return u
}

// chatStream is a chat completion stream of pieces.
func chatStream(pieces []string) []byte {
	var sb strings.Builder
	for _, p := range pieces {
		fmt.Fprintf(&sb, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"finish_reason\":null}]}\n\n", q(p))
	}
	sb.WriteString("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	return []byte(sb.String())
}

// defaultScanners builds every default-on scanner with default options, as `guard serve`
// without rules does.
func defaultScanners(b testing.TB) []scanners.Scanner {
	list, err := list.Default()
	if err != nil {
		b.Fatal(err)
	}
	return list
}

// benchPrompt is 4 KiB of ordinary business text.
func benchPrompt() string {
	p := strings.Repeat("Please summarise the attached quarterly report for the finance team, listing revenue, "+
		"costs and the three largest risks with a short explanation of each. ", 40)
	return p[:4096]
}

// BenchmarkProxyChat4KiB measures the guard's added latency on a 4 KiB chat prompt, with the
// default scanners and the canary, in front of an in-process upstream that answers at once.
// Each iteration sends one request directly and one through the guard; ns/op is the guarded
// request, direct-ns/op the same request without the guard, overhead-ns/op the difference.
func BenchmarkProxyChat4KiB(b *testing.B) {
	b.Run("default-scanners", func(b *testing.B) { benchChat(b, defaultScanners(b)) })
	b.Run("no-scanners", func(b *testing.B) { benchChat(b, nil) }) // the proxy's own cost
}

func benchChat(b *testing.B, list []scanners.Scanner) {
	answer := []byte(`{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Revenue grew 4% while costs were flat. Risks: currency exposure, supplier concentration, delayed product launch."},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":30,"total_tokens":930}}`)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	defer up.Close()
	eng, err := engine.New(list, nil)
	if err != nil {
		b.Fatal(err)
	}
	rt := &proxy.Runtime{Engine: eng, Canary: true,
		Upstreams: []proxy.Upstream{{Name: "up", BaseURL: mustURL(b, up.URL+"/v1"), Format: api.OpenAI}},
		Clients:   []proxy.Client{{KeySHA256: keyHash(testKey), Identity: "bench"}}}
	s, err := proxy.New(rt, proxy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	guard := httptest.NewServer(s.Handler())
	defer guard.Close()
	body := []byte(`{"model":"gpt-4o-mini","temperature":0.2,"messages":[{"role":"system","content":"You are a financial analyst. Answer concisely."},{"role":"user","content":` + q(benchPrompt()) + `}]}`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	send := func(base string) {
		req, _ := http.NewRequest(http.MethodPost, base+"/v1/chat/completions", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	send(up.URL)
	send(guard.URL)
	var direct, guarded time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		send(up.URL)
		t1 := time.Now()
		send(guard.URL)
		direct, guarded = direct+t1.Sub(t0), guarded+time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(direct.Nanoseconds())/n, "direct-ns/op")
	b.ReportMetric(float64(guarded.Nanoseconds())/n, "guard-ns/op")
	b.ReportMetric(float64((guarded-direct).Nanoseconds())/n, "overhead-ns/op")
}

// BenchmarkProxyChat4KiBParallel measures throughput through the guard with GOMAXPROCS
// concurrent clients; req/s is the figure to compare with the 3,000 req/s budget on 2 cores.
func BenchmarkProxyChat4KiBParallel(b *testing.B) {
	answer := []byte(`{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Revenue grew 4%."},"finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":5,"total_tokens":905}}`)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	defer up.Close()
	eng, err := engine.New(defaultScanners(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	s, err := proxy.New(&proxy.Runtime{Engine: eng, Canary: true,
		Upstreams: []proxy.Upstream{{Name: "up", BaseURL: mustURL(b, up.URL+"/v1"), Format: api.OpenAI}},
		Clients:   []proxy.Client{{KeySHA256: keyHash(testKey), Identity: "bench"}}}, proxy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	guard := httptest.NewServer(s.Handler())
	defer guard.Close()
	body := []byte(`{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a financial analyst."},{"role":"user","content":` + q(benchPrompt()) + `}]}`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, guard.URL+"/v1/chat/completions", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+testKey)
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkStreamChat measures a 200-event chat stream through the guard in block mode.
func BenchmarkStreamChat(b *testing.B) {
	pieces := make([]string, 200)
	for i := range pieces {
		pieces[i] = "word "
	}
	stream := chatStream(pieces)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write(stream)
	}))
	defer up.Close()
	eng, err := engine.New(defaultScanners(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	rt := &proxy.Runtime{Engine: eng, Canary: true,
		Upstreams: []proxy.Upstream{{Name: "up", BaseURL: mustURL(b, up.URL+"/v1"), Format: api.OpenAI}},
		Clients:   []proxy.Client{{KeySHA256: keyHash(testKey), Identity: "bench"}}}
	s, err := proxy.New(rt, proxy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	guard := httptest.NewServer(s.Handler())
	defer guard.Close()
	body := `{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Say something"}]}`
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, guard.URL+"/v1/chat/completions", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if n < int64(len(stream))/2 {
			b.Fatalf("short stream: %d bytes", n)
		}
	}
}
