package mcp

import (
	"strings"
	"testing"
)

// TestRepeatedKeys checks that a repeated env or headers key keeps every copy (the secret in
// a shadowed copy is still in the file) while command and args take the last one, as
// JSON.parse does.
func TestRepeatedKeys(t *testing.T) {
	cfg, err := Parse(".mcp.json", []byte(`{"mcpServers": {"s": {"command": "npx", "args": ["-y", "evil"], "env": {"A": "1", "A": "2"},
		"env": {"B": "3"}, "headers": {"H": "x"}, "headers": {}, "command": "node", "args": ["s.js"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Servers[0]
	var env []string
	for _, v := range s.Env {
		env = append(env, v.Name+"="+v.Value)
	}
	if got := strings.Join(env, " "); got != "A=1 A=2 B=3" {
		t.Errorf("env %q", got)
	}
	if len(s.Headers) != 1 || s.Command != "node" || strings.Join(s.Args, " ") != "s.js" {
		t.Errorf("headers %v, command %q, args %q", s.Headers, s.Command, s.Args)
	}
}

// TestToolTexts checks that every text of a tool a model reads is kept: the title, nested
// schema descriptions, defaults, enums and examples, the output schema.
func TestToolTexts(t *testing.T) {
	cfg, err := Parse("tools.json", []byte(`{"tools": [{"name": "t", "annotations": {"title": "The title"}, "description": "d",
		"inputSchema": {"type": "object", "description": "root text", "properties": {
			"a": {"type": "string", "description": "top a", "default": "default text"},
			"b": {"type": "object", "properties": {"c": {"type": "array", "items": {"description": "deep item", "enum": ["short", "a long enum value"]}}}},
			"d": {"anyOf": [{"type": "string", "description": "variant"}], "examples": ["an example value"]}},
			"$defs": {"x": {"title": "a definition title"}}},
		"outputSchema": {"properties": {"r": {"description": "result text"}}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tl := cfg.Tools[0]
	if tl.Title != "The title" {
		t.Errorf("title %q", tl.Title)
	}
	var got []string
	for _, p := range tl.Params {
		got = append(got, p.Name+": "+p.Value)
	}
	want := []string{"a: top a", "(schema): root text", "a (default): default text", "b.c[]: deep item",
		"b.c[] (enum): a long enum value", "d (examples): an example value", "d: variant", "x (title): a definition title",
		"output.r: result text"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("params:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestClientApprovals covers client-wide approval settings written in the other spellings
// clients accept.
func TestClientApprovals(t *testing.T) {
	tests := []struct{ path, text, want string }{
		{".vscode/settings.json", `{"chat": {"tools": {"autoApprove": true}}}`, "chat.tools.autoApprove"},
		{".vscode/settings.json", `{"chat.tools.global.autoApprove": true}`, "chat.tools.global.autoApprove"},
		{".zed/settings.json", `{"agent": {"always_allow_tool_actions": true}}`, "agent.always_allow_tool_actions"},
		{".codex/config.toml", "approval_policy = \"never\"\n", "approval_policy"},
		{".codex/config.toml", "[profiles.ci]\napproval_policy = \"never\"\n", "profiles.ci.approval_policy"},
		{".codex/config.toml", "approval_policy = \"on-request\"\n[mcp_servers.x]\ncommand = \"node\"\n", ""},
		{".zed/settings.json", `{"agent": {"always_allow_tool_actions": false}, "context_servers": {}}`, ""},
	}
	for _, tt := range tests {
		cfg, err := Parse(tt.path, []byte(tt.text))
		if err != nil {
			t.Errorf("%s %s: %v", tt.path, tt.text, err)
			continue
		}
		got := ""
		if len(cfg.AutoApprove) > 0 {
			got = cfg.AutoApprove[0].Key
		}
		if got != tt.want {
			t.Errorf("%s %s: approval %q, want %q", tt.path, tt.text, got, tt.want)
		}
	}
}
