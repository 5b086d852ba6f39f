package proxy

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aisecops/aisec/internal/guard/api"
)

// Options configure the parts of the server that do not change on reload.
type Options struct {
	// Logger receives operational messages (upstream failures, dropped audit events); nil
	// discards them.
	Logger *slog.Logger
	// Registry receives the proxy's metrics and is served on /metrics; nil creates a private
	// one. Never the global registry: two servers in one process (tests) must not collide.
	Registry *prometheus.Registry
	// Events receives the audit events; nil records nothing.
	Events EventSink
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Transport carries upstream requests; nil is a pooled http.Transport tuned for many
	// concurrent requests to few hosts.
	Transport http.RoundTripper
}

// Server is the guard proxy. It is safe for concurrent use.
type Server struct {
	cur     atomic.Pointer[active]
	log     *slog.Logger
	events  EventSink
	now     func() time.Time
	client  *http.Client
	metrics *metrics
	reg     *prometheus.Registry
}

// New returns a server running rt; rt may be nil, in which case the server answers 503 (and
// /readyz reports not ready) until Swap loads a runtime.
func New(rt *Runtime, opts Options) (*Server, error) {
	s := &Server{log: opts.Logger, events: opts.Events, now: opts.Now, reg: opts.Registry}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.reg == nil {
		s.reg = prometheus.NewRegistry()
	}
	tr := opts.Transport
	if tr == nil {
		tr = newTransport()
	}
	// No client-wide timeout: streams are long; each exchange sets its own deadlines.
	s.client = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse // an API answering a redirect is passed through, not followed
	}}
	s.metrics = newMetrics(s.reg)
	if rt != nil {
		if err := s.Swap(rt); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// newTransport pools connections generously: the proxy talks to few hosts with many
// concurrent requests, and a small idle pool would reconnect on every burst.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          1024,
		MaxIdleConnsPerHost:   512,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		// Room for the headers and a typical prompt in one buffer, so that a request leaves in
		// one write instead of two or three (the default is 4 KiB, less than a 4 KiB prompt
		// with its headers).
		WriteBufferSize: 32 << 10,
	}
}

// Swap validates rt and makes it the runtime of every request that starts from now on.
// Requests in flight keep the runtime they started with.
func (s *Server) Swap(rt *Runtime) error {
	if rt == nil {
		return errors.New("nil runtime")
	}
	a, err := prepare(rt)
	if err != nil {
		return err
	}
	s.cur.Store(a)
	return nil
}

// Registry is the registry the server's metrics live in.
func (s *Server) Registry() *prometheus.Registry { return s.reg }

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, sf := range api.Surfaces() {
		mux.HandleFunc("POST "+sf.Path(), s.metrics.counted(sf.String(), s.surface(sf)))
	}
	mux.HandleFunc("GET /v1/models", s.metrics.counted("models", s.models))
	mux.HandleFunc("POST /v1/guard/scan", s.metrics.counted("scan", s.scan))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if s.cur.Load() == nil {
			http.Error(w, "no configuration loaded", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
	mux.Handle("GET /metrics", s.metrics.handler)
	return mux
}

// surface returns the handler of one API surface.
func (s *Server) surface(sf api.Surface) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := s.cur.Load()
		if a == nil {
			writeError(w, sf, api.Error{Kind: api.Unavailable, Code: "not_ready", Message: "the guard has no configuration loaded"})
			return
		}
		x := newExchange(s, a, sf, w, r)
		x.run()
		x.audit()
	}
}

// writeError answers with the guard's own error in the surface's format.
func writeError(w http.ResponseWriter, sf api.Surface, e api.Error) {
	body := api.ErrorBody(sf, e)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(e.Status())
	_, _ = w.Write(body)
}
