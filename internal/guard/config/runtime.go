package config

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"sync"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/extraction"
	"github.com/aisecops/aisec/internal/guard/proxy"
	"github.com/aisecops/aisec/internal/guard/ratelimit"
)

// Services holds the stateful parts of a runtime (rate-limit buckets, extraction windows) so
// that a reload which leaves their settings unchanged keeps their state. The zero value is
// ready to use; Close releases what is held.
type Services struct {
	mu         sync.Mutex
	limitKey   string
	limiter    proxy.Limiter
	extractKey string
	tracker    *extraction.Tracker
}

// Runtime builds the proxy runtime of a validated configuration. getenv resolves the
// environment variables that hold credentials.
func (c *Config) Runtime(ctx context.Context, sv *Services, getenv func(string) string) (*proxy.Runtime, error) {
	if err := c.ValidateServe(); err != nil {
		return nil, err
	}
	eng, err := c.Engine()
	if err != nil {
		return nil, err
	}
	rt := &proxy.Runtime{
		Engine:            eng,
		AllowAnonymous:    c.Clients.AllowAnonymous,
		FailOpenRateLimit: c.RateLimits.FailOpen,
		Canary:            *c.Canary,
		StreamTail:        c.StreamTail,
		MaxRequestBytes:   int64(c.MaxRequestBytes),
		MaxResponseBytes:  int64(c.MaxResponseBytes),
		StorePrompts:      c.Audit.StorePrompts,
		AllowOpaqueInput:  c.AllowOpaqueInput,
	}
	if rt.Upstreams, err = c.upstreams(getenv); err != nil {
		return nil, err
	}
	if rt.Clients, err = c.clients(getenv); err != nil {
		return nil, err
	}
	if rt.Limiter, err = sv.limiterFor(ctx, c.RateLimits); err != nil {
		return nil, err
	}
	if c.Extraction.Enabled == nil || *c.Extraction.Enabled {
		rt.Extraction = sv.trackerFor(c.Extraction.Options)
	}
	return rt, rt.Validate()
}

func (c *Config) upstreams(getenv func(string) string) ([]proxy.Upstream, error) {
	out := make([]proxy.Upstream, 0, len(c.Upstreams))
	for i, u := range c.Upstreams {
		base, err := url.Parse(u.URL)
		if err != nil {
			return nil, fmt.Errorf("upstreams[%d].url: %w", i, err)
		}
		key := u.APIKey
		if u.APIKeyEnv != "" {
			if key = getenv(u.APIKeyEnv); key == "" {
				return nil, fmt.Errorf("upstreams[%d] (%s): environment variable %s is empty", i, u.Name, u.APIKeyEnv)
			}
		}
		out = append(out, proxy.Upstream{
			Name: u.Name, BaseURL: base, APIKey: key, Format: api.Format(u.Format),
			Models: u.Models, Routes: u.Routes, Timeout: time.Duration(u.Timeout), Headers: u.Headers,
		})
	}
	return out, nil
}

func (c *Config) clients(getenv func(string) string) ([]proxy.Client, error) {
	out := make([]proxy.Client, 0, len(c.Clients.Keys))
	for i, k := range c.Clients.Keys {
		cl := proxy.Client{Identity: k.Identity}
		switch {
		case k.KeySHA256 != "":
			raw, _ := hex.DecodeString(k.KeySHA256) // validated as 64 hex digits
			copy(cl.KeySHA256[:], raw)
		case k.KeyEnv != "":
			v := getenv(k.KeyEnv)
			if v == "" {
				return nil, fmt.Errorf("clients.keys[%d] (%s): environment variable %s is empty", i, k.Identity, k.KeyEnv)
			}
			cl.KeySHA256 = sha256.Sum256([]byte(v))
		default:
			cl.KeySHA256 = sha256.Sum256([]byte(k.Key))
		}
		out = append(out, cl)
	}
	return out, nil
}

// limiterFor returns the limiter for the settings, reusing the current one when they did not
// change. A replaced Redis limiter is closed a minute later, after in-flight requests.
func (sv *Services) limiterFor(ctx context.Context, rl RateLimits) (proxy.Limiter, error) {
	if rl.Unlimited() {
		return nil, nil
	}
	key := fmt.Sprintf("%+v", rl)
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.limiter != nil && sv.limitKey == key {
		return sv.limiter, nil
	}
	var l proxy.Limiter
	if rl.Redis != "" {
		r, err := ratelimit.NewRedis(ctx, rl.Redis, rl.Limits, "aisec:guard:rl:")
		if err != nil {
			return nil, fmt.Errorf("rate_limits.redis: %w", err)
		}
		l = r
	} else {
		l = ratelimit.NewMemory(rl.Limits)
	}
	closeLater(sv.limiter)
	sv.limiter, sv.limitKey = l, key
	return l, nil
}

func (sv *Services) trackerFor(o extraction.Options) *extraction.Tracker {
	key := fmt.Sprintf("%+v", o)
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.tracker == nil || sv.extractKey != key {
		sv.tracker, sv.extractKey = extraction.New(o), key
	}
	return sv.tracker
}

// Close releases the limiter's connections.
func (sv *Services) Close() error {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if c, ok := sv.limiter.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func closeLater(l proxy.Limiter) {
	if c, ok := l.(io.Closer); ok {
		time.AfterFunc(time.Minute, func() { _ = c.Close() })
	}
}
