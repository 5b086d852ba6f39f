// Package config reads guard.yaml, the configuration of `aisec guard`, and validates it
// completely before anything uses it, so that a reload with a broken file keeps the old
// configuration running.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	aconfig "github.com/aisecops/aisec/internal/config"
	"github.com/aisecops/aisec/internal/guard/extraction"
	"github.com/aisecops/aisec/internal/guard/ratelimit"
)

// Config is guard.yaml.
type Config struct {
	// Listen is the address the proxy serves on (default 127.0.0.1:8080).
	Listen string `yaml:"listen"`
	TLS    TLS    `yaml:"tls"`
	// Upstreams are tried in order; the first whose routes and models match serves the request.
	Upstreams []Upstream `yaml:"upstreams"`
	Clients   Clients    `yaml:"clients"`
	// Rules configures each scanner: common keys (mode, fail_open, timeout, enabled) and the
	// scanner's own options side by side.
	Rules map[string]yaml.Node `yaml:"rules"`
	// Canary plants a per-request canary token in the system prompt (default true).
	Canary *bool `yaml:"canary"`
	// StreamTail is how many bytes of streamed output are held back behind the scanned text.
	StreamTail       int          `yaml:"stream_tail"`
	MaxRequestBytes  aconfig.Size `yaml:"max_request_bytes"`
	MaxResponseBytes aconfig.Size `yaml:"max_response_bytes"`
	// AllowOpaqueInput forwards inputs the guard cannot read (token-id prompts and embeddings
	// inputs); by default they are refused, since nothing in them was inspected.
	AllowOpaqueInput bool       `yaml:"allow_opaque_input"`
	RateLimits       RateLimits `yaml:"rate_limits"`
	Extraction       Extraction `yaml:"extraction"`
	Audit            Audit      `yaml:"audit"`
}

// TLS enables HTTPS when both files are given.
type TLS struct {
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// Upstream is one model API the guard forwards to.
type Upstream struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	// Format is "openai" (default) or "anthropic".
	Format string `yaml:"format"`
	// APIKeyEnv names the environment variable holding the upstream credential; APIKey gives it
	// inline (discouraged: the file then holds a secret).
	APIKeyEnv string `yaml:"api_key_env"`
	APIKey    string `yaml:"api_key"`
	// Models are glob patterns (path.Match) of model names this upstream serves; empty = any.
	Models []string `yaml:"models"`
	// Routes limits the surfaces: chat, completions, responses, embeddings, messages.
	Routes  []string          `yaml:"routes"`
	Timeout aconfig.Duration  `yaml:"timeout"`
	Headers map[string]string `yaml:"headers"`
}

// Clients maps client API keys to identities.
type Clients struct {
	// AllowAnonymous lets requests without a known key through as identity "anonymous".
	AllowAnonymous bool        `yaml:"allow_anonymous"`
	Keys           []ClientKey `yaml:"keys"`
}

// ClientKey is one client credential. Exactly one of KeyEnv, KeySHA256 and Key is set.
type ClientKey struct {
	Identity  string `yaml:"identity"`
	KeyEnv    string `yaml:"key_env"`
	KeySHA256 string `yaml:"key_sha256"`
	Key       string `yaml:"key"`
}

// RateLimits are per-identity limits; zero means unlimited.
type RateLimits struct {
	ratelimit.Limits `yaml:",inline"`
	// Redis shares the buckets between guard replicas (redis://host:6379/0).
	Redis string `yaml:"redis"`
	// FailOpen lets requests through when the shared limiter is unreachable.
	FailOpen bool `yaml:"fail_open"`
}

// Extraction configures the model-extraction tracker (on by default).
type Extraction struct {
	Enabled            *bool `yaml:"enabled"`
	extraction.Options `yaml:",inline"`
}

// Audit says where decisions are recorded.
type Audit struct {
	// DB is sqlite://path, a file path, postgres://…, or "off".
	DB string `yaml:"db"`
	// StorePrompts keeps prompt text in the audit log; by default only hashes and redacted
	// excerpts are stored.
	StorePrompts bool `yaml:"store_prompts"`
}

// Load reads and validates a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("unable to read guard configuration: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse reads and validates a configuration document. Unknown keys are errors: a misspelt key
// would otherwise silently leave a protection at its default.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("invalid guard configuration: %w", err)
	}
	c.setDefaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = "127.0.0.1:8080"
	}
	if c.Canary == nil {
		on := true
		c.Canary = &on
	}
	if c.StreamTail == 0 {
		c.StreamTail = 256
	}
	if c.MaxRequestBytes == 0 {
		c.MaxRequestBytes = 4 << 20
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = 32 << 20
	}
	if c.Audit.DB == "" {
		c.Audit.DB = "sqlite://aisec-guard.db"
	}
	for i := range c.Upstreams {
		if c.Upstreams[i].Format == "" {
			c.Upstreams[i].Format = "openai"
		}
	}
}

// Routes a guard serves, as named in upstream route lists.
var routeNames = []string{"chat", "completions", "responses", "embeddings", "messages"}

// ValidateServe checks what only the proxy needs: at least one upstream and a way for clients
// to authenticate. `guard check` and the scan API work without them.
func (c *Config) ValidateServe() error {
	var errs []error
	if len(c.Upstreams) == 0 {
		errs = append(errs, errors.New("upstreams: at least one upstream is required"))
	}
	if len(c.Clients.Keys) == 0 && !c.Clients.AllowAnonymous {
		errs = append(errs, errors.New("clients: no keys configured; add clients.keys or set clients.allow_anonymous: true"))
	}
	return errors.Join(errs...)
}

func (c *Config) validate() error {
	var errs []error
	for i, u := range c.Upstreams {
		if err := u.validate(); err != nil {
			errs = append(errs, fmt.Errorf("upstreams[%d] (%s): %w", i, u.Name, err))
		}
	}
	for i, k := range c.Clients.Keys {
		if err := k.validate(); err != nil {
			errs = append(errs, fmt.Errorf("clients.keys[%d] (%s): %w", i, k.Identity, err))
		}
	}
	if _, err := c.RuleConfigs(); err != nil {
		errs = append(errs, err)
	}
	if (c.TLS.CertFile == "") != (c.TLS.KeyFile == "") {
		errs = append(errs, errors.New("tls: cert_file and key_file go together"))
	}
	if c.StreamTail < 64 || c.StreamTail > 1<<20 {
		errs = append(errs, fmt.Errorf("stream_tail: %d is outside 64..1048576 bytes", c.StreamTail))
	}
	if err := c.RateLimits.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("rate_limits: %w", err))
	}
	if r := c.RateLimits.Redis; r != "" && !strings.HasPrefix(r, "redis://") && !strings.HasPrefix(r, "rediss://") {
		errs = append(errs, fmt.Errorf("rate_limits.redis: %q is not a redis:// URL", r))
	}
	return errors.Join(errs...)
}

func (u Upstream) validate() error {
	if u.Name == "" {
		return errors.New("name is required")
	}
	pu, err := url.Parse(u.URL)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return fmt.Errorf("url %q must be an http(s) URL", u.URL)
	}
	if u.Format != "openai" && u.Format != "anthropic" {
		return fmt.Errorf("format %q: want openai or anthropic", u.Format)
	}
	if u.APIKeyEnv != "" && u.APIKey != "" {
		return errors.New("api_key_env and api_key are exclusive")
	}
	for _, r := range u.Routes {
		if !contains(routeNames, r) {
			return fmt.Errorf("route %q: want one of %s", r, strings.Join(routeNames, ", "))
		}
	}
	return nil
}

func (k ClientKey) validate() error {
	if k.Identity == "" {
		return errors.New("identity is required")
	}
	n := 0
	for _, v := range []string{k.KeyEnv, k.KeySHA256, k.Key} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return errors.New("set exactly one of key_env, key_sha256, key")
	}
	if k.KeySHA256 != "" && !isHex(k.KeySHA256, 64) {
		return errors.New("key_sha256 must be 64 hex digits")
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
