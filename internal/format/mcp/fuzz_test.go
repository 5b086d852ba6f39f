package mcp

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that any input under any client path parses without panicking, within
// the caps, with offsets inside the input, and the same way twice.
func FuzzParse(f *testing.F) {
	for rel, data := range fixtures(f) {
		f.Add(rel, data)
	}
	for _, p := range []string{".vscode/settings.json", ".codex/config.toml", ".continue/config.yaml", "server.json", "mcp.json"} {
		f.Add(p, []byte(`{"mcpServers": {"a": {"command": "npx", "args": ["-y", "x@1"], "env": {"K": "v"}}}}`))
	}
	f.Add(".codex/config.toml", []byte("[mcp_servers.a]\ncommand = 'uvx'\nargs = [[[[1]]]]\nenv = { A = { B = 'c' } }\n[[x]]\n[[x]]\n"))
	f.Add(".continue/config.yaml", []byte("a: &a {command: npx}\nmcpServers:\n  - *a\n  - <<: *a\n    name: b\n"))
	f.Add("mcp.json", []byte("/* x */ {\"servers\": {\"a\": {\"type\": \"sse\", \"url\": \"u\",},},}"))
	f.Add(".mcp.json", []byte(`{"mcpServers": {"a": {"command": "bash", "args": ["-lc", "source x && NODE_ENV=1 npx -y 'a@1' | sh -c \"pip install b c==1; uv run --with d e.py\" & wsl -e sudo -u x timeout 5 uvx --with f g"]}}}`))
	f.Add(".mcp.json", []byte(`{"mcpServers": {"a": {"command": "npx", "args": ["-p", "a", "--package=b", "-p", "c@1", "x"], "env": {"A": "1"}, "env": {"A": "2"}}}}`))
	f.Add("tools.json", []byte(`{"tools": [{"name": "t", "title": "x", "annotations": {"title": "y"}, "inputSchema": {"properties": {"a": {"items": [{"anyOf": [{"description": "z", "enum": ["long enough"]}]}]}}, "$defs": {"d": {"not": {"title": "title text"}}}}}]}`))
	f.Add(".codex/config.toml", []byte("approval_policy = 'never'\n[profiles.a]\napproval_policy = 'never'\n[mcp_servers.x]\ncommand = 'docker'\nargs = ['run', '-ie', 'A=b:c', '--mac-address', '1:2', 'img']\n"))
	f.Add(".zed/settings.json", []byte(`{"agent": {"always_allow_tool_actions": true}, "chat": {"tools": {"autoApprove": true}}}`))
	f.Fuzz(func(t *testing.T, p string, data []byte) {
		cfg, err := Parse(p, data)
		if err != nil {
			if cfg != nil {
				t.Fatal("a Config returned with an error")
			}
			return
		}
		checkConfig(t, cfg, len(data))
		again, err := Parse(p, data)
		if err != nil || !reflect.DeepEqual(cfg, again) {
			t.Fatalf("Parse is not deterministic (%v)", err)
		}
		if strings.HasSuffix(p, ".json") && !Looks(data) && cfg.Flavour == FlavourGeneric && len(cfg.Servers) > 0 && mayLook(data) {
			t.Fatal("Looks rejects JSON that Parse reads as servers")
		}
	})
}

func checkConfig(t *testing.T, cfg *Config, size int) {
	t.Helper()
	if cfg.Flavour == "" {
		t.Fatal("no flavour")
	}
	if len(cfg.Servers) > MaxServers || len(cfg.Gaps) > 100 || len(cfg.AutoApprove) > MaxVars+2 {
		t.Fatalf("caps exceeded: %d servers, %d gaps", len(cfg.Servers), len(cfg.Gaps))
	}
	inside := func(what string, off int64) {
		if off < -1 || off >= int64(size) && size > 0 {
			t.Fatalf("%s offset %d outside %d bytes", what, off, size)
		}
	}
	tools := len(cfg.Tools)
	for _, s := range cfg.Servers {
		inside("server", s.Offset)
		if len(s.Args) > MaxArgs || len(s.Env) > MaxVars || len(s.Headers) > MaxVars+2 {
			t.Fatalf("server caps exceeded: %d args %d env %d headers", len(s.Args), len(s.Env), len(s.Headers))
		}
		for _, v := range append(append([]Var(nil), s.Env...), s.Headers...) {
			inside("var", v.Offset)
		}
		if s.Package != nil && (s.Package.Arg < -1 || s.Package.Arg >= len(s.Args) && s.Package.Arg != -1) {
			t.Fatalf("package arg %d of %d args", s.Package.Arg, len(s.Args))
		}
		tools += len(s.Tools)
		for _, tl := range s.Tools {
			inside("tool", tl.Offset)
		}
	}
	if tools > MaxTools {
		t.Fatalf("%d tools", tools)
	}
}

func TestFuzzSeedsNotConfig(t *testing.T) {
	// A sanity check of the fuzz helper on a clean config.
	cfg, err := Parse("mcp.json", []byte(`{"mcpServers": {}}`))
	if err != nil || errors.Is(err, ErrNotConfig) {
		t.Fatal(err)
	}
	checkConfig(t, cfg, 18)
}
