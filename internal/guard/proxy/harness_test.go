package proxy

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// The only test double in these tests is the upstream: an httptest.Server that replays
// scripted responses and event streams in place of a paid model API. The guard, its engine,
// its scanners, limiter, tracker and audit store are the real ones.

// captured is a request the scripted upstream received.
type captured struct {
	Path   string
	Header http.Header
	Body   string
}

// script is one scripted upstream answer.
type script struct {
	status int
	header map[string]string
	body   string
	// chunks are written one by one with a flush in between (an event stream); a chunk may cut
	// an event anywhere.
	chunks []string
	// wait, when set, is received from before answering.
	wait chan struct{}
	// resume, when set, is received from after chunk pauseAfter has been written.
	pauseAfter int
	resume     chan struct{}
	// canceled, when set, receives whether the upstream request was canceled after the
	// chunks were written (the test closes the client connection meanwhile).
	canceled chan bool
}

// upstream is the scripted stand-in for a model API.
type upstream struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []captured
	// answer picks the script for a request (default: a fixed chat completion).
	answer func(c captured) script
}

func newUpstream(t testing.TB, answer func(c captured) script) *upstream {
	u := &upstream{answer: answer}
	u.srv = httptest.NewServer(http.HandlerFunc(u.serve))
	t.Cleanup(u.srv.Close)
	return u
}

func (u *upstream) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	c := captured{Path: r.URL.Path, Header: r.Header.Clone(), Body: string(b)}
	u.mu.Lock()
	u.reqs = append(u.reqs, c)
	u.mu.Unlock()
	s := script{status: 200, body: `{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"}}]}`}
	if u.answer != nil {
		s = u.answer(c)
	}
	if s.wait != nil {
		<-s.wait
	}
	if len(s.chunks) > 0 {
		w.Header().Set("Content-Type", "text/event-stream")
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	for k, v := range s.header {
		w.Header().Set(k, v)
	}
	if s.status == 0 {
		s.status = 200
	}
	w.WriteHeader(s.status)
	if len(s.chunks) == 0 {
		_, _ = io.WriteString(w, s.body)
		return
	}
	for i, ch := range s.chunks {
		_, _ = io.WriteString(w, ch)
		w.(http.Flusher).Flush()
		if s.resume != nil && i == s.pauseAfter {
			<-s.resume
		}
	}
	if s.canceled != nil {
		select {
		case <-r.Context().Done():
			s.canceled <- true
		case <-time.After(5 * time.Second):
			s.canceled <- false
		}
	}
}

func (u *upstream) requests() []captured {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]captured(nil), u.reqs...)
}

func (u *upstream) last(t testing.TB) captured {
	t.Helper()
	r := u.requests()
	if len(r) == 0 {
		t.Fatal("the upstream received no request")
	}
	return r[len(r)-1]
}

// tokenScanner reports every occurrence of a fixed token: a minimal real scanner for testing
// the proxy's mechanics independently of the production rules.
type tokenScanner struct {
	name, token, kind string
	dir               scanners.Direction
	redactable        bool
}

func (s *tokenScanner) Name() string                   { return s.name }
func (s *tokenScanner) Directions() scanners.Direction { return s.dir }
func (s *tokenScanner) Scan(_ context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	for i, seg := range req.Segments {
		for off := 0; ; {
			j := strings.Index(seg.Text[off:], s.token)
			if j < 0 {
				break
			}
			at := off + j
			out = append(out, scanners.Finding{Rule: s.name, Kind: s.kind, Score: 1, Segment: i, Start: at,
				End: at + len(s.token), Excerpt: s.token[:3] + "…", Redactable: s.redactable})
			off = at + len(s.token)
		}
	}
	return out, nil
}

var _ scanners.Scanner = (*tokenScanner)(nil)

const (
	testKey    = "sk-client-alice"
	testSecret = "SECRET-XYZZY-42"
	testEmail  = "ann@example.com"
)

func keyHash(k string) [32]byte { return sha256.Sum256([]byte(k)) }

// newEngine builds an engine over scanners with the given modes (rule name → mode).
func newEngine(t testing.TB, list []scanners.Scanner, modes map[string]engine.Mode) *engine.Engine {
	t.Helper()
	rules := map[string]engine.Rule{}
	for n, m := range modes {
		rules[n] = engine.Rule{Mode: m}
	}
	e, err := engine.New(list, rules)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// secretEngine is a "secret" rule (output) in the given mode and an input "trigger" rule.
func secretEngine(t testing.TB, mode engine.Mode) *engine.Engine {
	return newEngine(t, []scanners.Scanner{
		&tokenScanner{name: "secret", token: testSecret, kind: "token", dir: scanners.Output, redactable: true},
		&tokenScanner{name: "trigger", token: "FORBIDDEN-WORD", kind: "phrase", dir: scanners.Input},
		&tokenScanner{name: "pii", token: testEmail, kind: "email", dir: scanners.Input, redactable: true},
	}, map[string]engine.Mode{"secret": mode, "trigger": engine.Block, "pii": engine.Anonymize})
}

// harness is a guard in front of a scripted upstream.
type harness struct {
	t     testing.TB
	up    *upstream
	srv   *Server
	front *httptest.Server
	rt    *Runtime
}

func newHarness(t testing.TB, eng *engine.Engine, answer func(captured) script, tweak func(*Runtime), opts ...func(*Options)) *harness {
	t.Helper()
	up := newUpstream(t, answer)
	rt := &Runtime{
		Engine: eng,
		Upstreams: []Upstream{
			{Name: "openai", BaseURL: mustURL(t, up.srv.URL+"/v1"), APIKey: "sk-upstream-openai", Format: api.OpenAI},
			{Name: "anthropic", BaseURL: mustURL(t, up.srv.URL), APIKey: "sk-upstream-anthropic", Format: api.Anthropic},
		},
		Clients: []Client{{KeySHA256: keyHash(testKey), Identity: "alice"}},
	}
	if tweak != nil {
		tweak(rt)
	}
	o := Options{}
	for _, f := range opts {
		f(&o)
	}
	s, err := New(rt, o)
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(s.Handler())
	t.Cleanup(front.Close)
	return &harness{t: t, up: up, srv: s, front: front, rt: rt}
}

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// do sends a request through the guard; headers are name, value pairs (the client key is
// added unless an Authorization or x-api-key header is given or "noauth" is passed).
func (h *harness) do(method, path, body string, headers ...string) (*http.Response, string) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.front.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	auth := true
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "noauth" {
			auth = false
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
		if strings.EqualFold(headers[i], "Authorization") || strings.EqualFold(headers[i], "X-Api-Key") {
			auth = false
		}
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+testKey)
	}
	req.Header.Set("Content-Type", "application/json")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		h.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp, string(b)
}

func (h *harness) post(path, body string, headers ...string) (*http.Response, string) {
	return h.do(http.MethodPost, path, body, headers...)
}

// streamText reassembles what a client of surface sf saw in an event stream: the delta text
// per key, the snapshots, and whether an error event ended it.
type streamView struct {
	texts  map[api.Key]string
	snaps  []string
	errors int
	done   bool
	events int
}

func (v streamView) all() string {
	var b strings.Builder
	for _, t := range v.texts {
		b.WriteString(t)
		b.WriteByte('\n')
	}
	for _, s := range v.snaps {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return b.String()
}

func readStream(t testing.TB, sf api.Surface, body string) streamView {
	t.Helper()
	v := streamView{texts: map[api.Key]string{}}
	p := api.NewParser(0)
	emit := func(ev api.Event) error {
		v.events++
		if ev.IsDone() {
			v.done = true
			return nil
		}
		c, err := api.DecodeChunk(sf, &ev)
		if err != nil {
			t.Fatalf("the client got an unreadable event %q: %v", ev.Raw, err)
		}
		if c.Error || ev.Name == "error" {
			v.errors++
		}
		for _, r := range c.Refs {
			if r.Kind == api.Delta {
				v.texts[r.Key] += r.Text
			} else {
				v.snaps = append(v.snaps, r.Text)
			}
		}
		return nil
	}
	if err := p.Feed([]byte(body), emit); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(emit); err != nil {
		t.Fatal(err)
	}
	return v
}

func newFront(t testing.TB, s *Server) *httptest.Server {
	f := httptest.NewServer(s.Handler())
	t.Cleanup(f.Close)
	return f
}
