package config

import (
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

const sample = `
listen: 127.0.0.1:9000
upstreams:
  - name: openai
    url: https://api.openai.com
    api_key_env: OPENAI_API_KEY
    models: ["gpt-*"]
  - name: claude
    url: https://api.anthropic.com
    format: anthropic
    routes: [messages]
clients:
  keys:
    - identity: team-a
      key_env: TEAM_A_KEY
rules:
  injection: {mode: block, threshold: 0.7, timeout: 20ms}
  pii: {mode: redact, fail_open: true}
  refusal:
  banned: {substrings: [project-x]}
rate_limits: {requests_per_minute: 60, tokens_per_minute: 10000, redis: "redis://127.0.0.1:6379/0"}
audit: {db: "postgres://localhost/test", store_prompts: true}
`

func TestParseSample(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ValidateServe(); err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9000" || c.Upstreams[0].Format != "openai" || !*c.Canary || c.StreamTail != 256 {
		t.Fatalf("defaults not applied: %+v", c)
	}
	rcs, err := c.RuleConfigs()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]RuleConfig{}
	for _, rc := range rcs {
		got[rc.Name] = rc
	}
	inj := got["injection"]
	if inj.Rule.Mode != engine.Block || inj.Rule.Timeout != 20*time.Millisecond || inj.Options == nil || len(inj.Options.Content) != 2 {
		t.Fatalf("injection rule %+v", inj)
	}
	if p := got["pii"]; p.Rule.Mode != engine.Redact || !p.Rule.FailOpen || p.Options != nil {
		t.Fatalf("pii rule %+v", p)
	}
	if r := got["refusal"]; r.Rule.Mode != engine.Log {
		t.Fatalf("refusal keeps its default mode: %+v", r)
	}
}

func TestParseErrors(t *testing.T) {
	base := "upstreams: [{name: a, url: 'http://x'}]\nclients: {allow_anonymous: true}\n"
	tests := []struct{ name, doc, want string }{
		{"unknown key", base + "listne: x\n", "field listne not found"},
		{"bad mode", base + "rules: {pii: {mode: hide}}\n", `unknown mode "hide"`},
		{"bad timeout", base + "rules: {pii: {timeout: soon}}\n", `invalid duration "soon"`},
		{"rule not a mapping", base + "rules: {pii: [1]}\n", "want a mapping"},
		{"bad url", "upstreams: [{name: a, url: 'ftp://x'}]\n", "must be an http(s) URL"},
		{"bad format", "upstreams: [{name: a, url: 'http://x', format: gemini}]\n", "want openai or anthropic"},
		{"bad route", "upstreams: [{name: a, url: 'http://x', routes: [chat, images]}]\n", `route "images"`},
		{"two keys", "clients: {keys: [{identity: a, key: x, key_env: Y}]}\n", "exactly one of"},
		{"short sha", "clients: {keys: [{identity: a, key_sha256: abc}]}\n", "64 hex digits"},
		{"tls half", "tls: {cert_file: a.pem}\n", "go together"},
		{"redis scheme", "rate_limits: {redis: 'http://x'}\n", "not a redis:// URL"},
		{"tail", "stream_tail: 10\n", "stream_tail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestValidateServe(t *testing.T) {
	c, err := Parse([]byte("rules: {pii: {mode: log}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.ValidateServe()
	if err == nil || !strings.Contains(err.Error(), "upstream") || !strings.Contains(err.Error(), "allow_anonymous") {
		t.Fatalf("ValidateServe = %v", err)
	}
}

func TestEngineRules(t *testing.T) {
	c, err := Parse([]byte("rules:\n  banned: {substrings: [falcon]}\n  refusal: {enabled: false}\n  pii: {mode: redact, entities: [email]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := c.Engine()
	if err != nil {
		t.Fatal(err)
	}
	in, out := eng.Rules(scanners.Input), eng.Rules(scanners.Output)
	if _, ok := in["banned"]; !ok {
		t.Fatal("a mentioned rule is on")
	}
	if _, ok := out["refusal"]; ok {
		t.Fatal("enabled: false turns a default rule off")
	}
	if _, ok := in["limits"]; ok {
		t.Fatal("limits stay off until configured")
	}
	if in["pii"].Mode != engine.Redact || in["injection"].Mode != engine.Block {
		t.Fatalf("modes: %+v", in)
	}
	for _, doc := range []string{
		"rules: {injecton: {mode: block}}\n",                      // misspelt rule
		"rules: {pii: {entitys: [email]}}\n",                      // misspelt option
		"rules: {banned: {regexes: [{name: x, pattern: '('}]}}\n", // invalid regex
	} {
		c, err := Parse([]byte(doc))
		if err == nil {
			_, err = c.Engine()
		}
		if err == nil {
			t.Errorf("accepted %q", doc)
		}
	}
}
