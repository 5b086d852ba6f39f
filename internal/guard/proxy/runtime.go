// Package proxy is the guard's HTTP server: an OpenAI-compatible and Anthropic reverse proxy
// that inspects every request before it reaches a model and every response (streamed or not)
// before it reaches the client, plus the scan API, health and metrics endpoints.
//
// Everything that can change on a configuration reload lives in a Runtime, which is immutable
// once handed to the Server; Swap replaces it atomically and requests already in flight finish
// with the Runtime they started with.
package proxy

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/extraction"
	"github.com/aisecops/aisec/internal/guard/ratelimit"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/store"
)

// Limiter is the rate limiter the proxy consults (ratelimit.Memory or ratelimit.Redis).
type Limiter interface {
	Allow(ctx context.Context, key string, tokens int) (ratelimit.Decision, error)
	Charge(ctx context.Context, key string, tokens int) error
}

// Extraction is the model-extraction tracker the proxy feeds (extraction.Tracker).
type Extraction interface {
	Observe(s extraction.Signals, now time.Time) extraction.Assessment
}

// EventSink receives one audit event per request and direction (store.Writer). Write must not
// block: a full queue drops the event and returns false.
type EventSink interface {
	Write(e store.Event) bool
}

// Upstream is one model API the proxy forwards to.
type Upstream struct {
	// Name identifies the upstream in metrics and audit events.
	Name string
	// BaseURL is the API's base, with or without the trailing /v1
	// ("https://api.openai.com/v1", "https://api.anthropic.com", "http://localhost:8000/v1").
	BaseURL *url.URL
	// APIKey replaces the client's credential (Authorization: Bearer for OpenAI, x-api-key for
	// Anthropic); empty sends none (a local server).
	APIKey string
	// Format is "openai" or "anthropic".
	Format api.Format
	// Models are path.Match globs of the models this upstream serves; empty serves any model.
	Models []string
	// Routes are the surfaces it serves ("chat", "completions", "responses", "embeddings",
	// "messages"); empty means every surface of its format.
	Routes []string
	// Timeout bounds a non-streamed exchange, and the silence between two reads of a stream.
	// Zero means DefaultUpstreamTimeout.
	Timeout time.Duration
	// Headers are added to every upstream request (e.g. OpenAI-Organization).
	Headers map[string]string
}

// Client is one API key allowed to use the proxy.
type Client struct {
	// KeySHA256 is the SHA-256 of the key: the configuration never holds keys in clear.
	KeySHA256 [32]byte
	// Identity names the client in audit events, metrics and rate limits.
	Identity string
}

// Runtime is the reloadable part of the proxy's configuration. It must not be modified after
// it is given to New or Swap.
type Runtime struct {
	Engine    *engine.Engine
	Upstreams []Upstream
	Clients   []Client
	// AllowAnonymous admits requests without a key (identity "anonymous", rate-limited per
	// remote address). A key that is presented must still be known.
	AllowAnonymous bool
	// Limiter enforces per-identity budgets; nil disables rate limiting.
	Limiter Limiter
	// FailOpenRateLimit admits requests when the limiter fails (Redis down) instead of
	// answering 503.
	FailOpenRateLimit bool
	// Extraction scores identities for model-extraction patterns; nil disables it.
	Extraction Extraction
	// Canary plants a per-request canary instruction in the system prompt; the canary rule
	// then spots the system prompt leaking into an output.
	Canary bool
	// StreamTail is how many bytes of already-scanned output each streaming window repeats; it
	// must cover the longest match any output scanner needs. Zero means DefaultStreamTail.
	StreamTail int
	// MaxRequestBytes and MaxResponseBytes bound bodies (and a whole stream); zero means the
	// defaults.
	MaxRequestBytes  int64
	MaxResponseBytes int64
	// StorePrompts keeps the prompt text in audit events (otherwise only its SHA-256).
	StorePrompts bool
	// AllowOpaqueInput forwards inputs the guard cannot read (token-id prompts and embeddings
	// inputs, blocks nested deeper than the APIs allow). By default they are refused, since
	// nothing in them was inspected.
	AllowOpaqueInput bool
}

// Defaults for zero Runtime fields.
const (
	DefaultStreamTail       = 256
	DefaultMaxRequestBytes  = 8 << 20
	DefaultMaxResponseBytes = 32 << 20
	DefaultUpstreamTimeout  = 10 * time.Minute
)

// Validate checks the runtime: an engine, well-formed upstreams with known formats, routes and
// globs, and identities for every client.
func (rt *Runtime) Validate() error {
	if rt.Engine == nil {
		return errors.New("proxy runtime has no engine")
	}
	if rt.StreamTail < 0 || rt.MaxRequestBytes < 0 || rt.MaxResponseBytes < 0 {
		return errors.New("stream tail and body limits must not be negative")
	}
	for i, u := range rt.Upstreams {
		if err := u.validate(); err != nil {
			return fmt.Errorf("upstream %d (%s): %w", i, u.Name, err)
		}
	}
	seen := make(map[[32]byte]bool, len(rt.Clients))
	for i, c := range rt.Clients {
		if c.Identity == "" {
			return fmt.Errorf("client %d has no identity", i)
		}
		if seen[c.KeySHA256] {
			return fmt.Errorf("client %d (%s) reuses another client's key", i, c.Identity)
		}
		seen[c.KeySHA256] = true
	}
	return nil
}

func (u *Upstream) validate() error {
	if u.BaseURL == nil || (u.BaseURL.Scheme != "http" && u.BaseURL.Scheme != "https") || u.BaseURL.Host == "" {
		return errors.New("base URL must be an absolute http(s) URL")
	}
	if u.Format != api.OpenAI && u.Format != api.Anthropic {
		return fmt.Errorf("unknown format %q (want openai or anthropic)", u.Format)
	}
	for _, r := range u.Routes {
		s, ok := api.ParseSurface(r)
		if !ok {
			return fmt.Errorf("unknown route %q", r)
		}
		if s.Format() != u.Format {
			return fmt.Errorf("route %q is not an %s surface", r, u.Format)
		}
	}
	for _, m := range u.Models {
		if _, err := path.Match(m, ""); err != nil {
			return fmt.Errorf("bad model pattern %q: %w", m, err)
		}
	}
	if u.Timeout < 0 {
		return errors.New("timeout must not be negative")
	}
	return nil
}

// serves reports whether u takes requests of surface s for model.
func (u *Upstream) serves(s api.Surface, model string) bool {
	if s.Format() != u.Format {
		return false
	}
	if len(u.Routes) > 0 {
		found := false
		for _, r := range u.Routes {
			if rs, _ := api.ParseSurface(r); rs == s {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if len(u.Models) == 0 {
		return true
	}
	for _, m := range u.Models {
		if ok, _ := path.Match(m, model); ok {
			return true
		}
	}
	return false
}

func (u *Upstream) timeout() time.Duration {
	if u.Timeout > 0 {
		return u.Timeout
	}
	return DefaultUpstreamTimeout
}

func (rt *Runtime) streamTail() int {
	if rt.StreamTail > 0 {
		return rt.StreamTail
	}
	return DefaultStreamTail
}

func (rt *Runtime) maxRequest() int64 {
	if rt.MaxRequestBytes > 0 {
		return rt.MaxRequestBytes
	}
	return DefaultMaxRequestBytes
}

func (rt *Runtime) maxResponse() int64 {
	if rt.MaxResponseBytes > 0 {
		return rt.MaxResponseBytes
	}
	return DefaultMaxResponseBytes
}

// active is a validated runtime with what the server derives from it once per swap.
type active struct {
	rt      *Runtime
	clients map[[32]byte]Client
	// outModes are the modes the output rules use: they decide how streams are inspected.
	outModes map[engine.Mode]bool
}

func prepare(rt *Runtime) (*active, error) {
	if err := rt.Validate(); err != nil {
		return nil, err
	}
	a := &active{rt: rt, clients: make(map[[32]byte]Client, len(rt.Clients))}
	for _, c := range rt.Clients {
		a.clients[c.KeySHA256] = c
	}
	a.outModes = rt.Engine.Modes(scanners.Output)
	return a, nil
}

// upstreamFor picks the first upstream serving surface s and model.
func (a *active) upstreamFor(s api.Surface, model string) *Upstream {
	for i := range a.rt.Upstreams {
		if u := &a.rt.Upstreams[i]; u.serves(s, model) {
			return u
		}
	}
	return nil
}
