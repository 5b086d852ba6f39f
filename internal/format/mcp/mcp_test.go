package mcp

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtures returns every file under testdata/configs keyed by its slash path below that
// folder (the path decides the flavour).
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	root := filepath.Join("testdata", "configs")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGolden(t *testing.T) {
	for rel, data := range fixtures(t) {
		t.Run(rel, func(t *testing.T) {
			cfg, err := Parse(rel, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.MarshalIndent(cfg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(rel, "/", "__")+".golden.json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s differs from golden (run with -update to accept):\n%s", golden, got)
			}
			checkOffsets(t, cfg, data)
		})
	}
}

// checkOffsets verifies that every offset points at the name it belongs to.
func checkOffsets(t *testing.T, cfg *Config, data []byte) {
	t.Helper()
	at := func(what string, off int64, want string) {
		if off < 0 || want == "" {
			return
		}
		if off >= int64(len(data)) {
			t.Errorf("%s: offset %d outside the %d-byte file", what, off, len(data))
			return
		}
		rest := string(data[off:])
		if !strings.HasPrefix(strings.TrimLeft(rest, `"'`), want) {
			t.Errorf("%s: offset %d points at %q, want %q", what, off, clipText(rest), want)
		}
	}
	for _, s := range cfg.Servers {
		if !strings.HasPrefix(s.Path, "packages") && !strings.HasPrefix(s.Path, "remotes") &&
			!strings.Contains(s.Path, "[") && s.Path != "." {
			at("server "+s.Name, s.Offset, s.Name)
		}
		for _, v := range append(append([]Var(nil), s.Env...), s.Headers...) {
			if !strings.HasPrefix(s.Path, "packages") && !strings.HasPrefix(s.Path, "remotes") &&
				!strings.HasPrefix(v.Value, "${") && !strings.HasPrefix(v.Value, "Bearer ") {
				at("var "+v.Name, v.Offset, v.Name)
			}
		}
	}
}

func TestIsConfigPath(t *testing.T) {
	yes := []string{
		"claude_desktop_config.json", "Library/Application Support/Claude/claude_desktop_config.json",
		"repo/.mcp.json", "home/.claude.json", "repo/.claude/settings.json", "repo/.claude/settings.local.json",
		"repo/.cursor/mcp.json", "repo/.vscode/mcp.json", "repo/.VSCode/MCP.json", "repo/.vscode/settings.json",
		"home/.config/Code/User/settings.json", "home/.codeium/windsurf/mcp_config.json",
		"x/cline_mcp_settings.json", "repo/.zed/settings.json", "home/.config/zed/settings.json",
		"repo/.gemini/settings.json", "repo/.continue/config.yaml", "repo/.continue/mcpServers/pw.yaml",
		"repo/.continue/mcpServers/pw.json", "repo/.codex/config.toml", "pkg/server.json",
		"mcp.json", "configs/my-mcp-servers.json", "deploy/mcp.yaml", "roo/mcp_settings.json",
	}
	no := []string{
		"settings.json", "repo/app/settings.json", "config.toml", "repo/pyproject.toml", "config.yaml",
		"repo/.github/config.yaml", "package.json", "mcp.txt", "mcp", "repo/.cursor/rules.json",
		"repo/mcp/server.py", "repo/.continue/rules/a.md", "",
	}
	for _, p := range yes {
		if !IsConfigPath(p) {
			t.Errorf("IsConfigPath(%q) = false", p)
		}
	}
	for _, p := range no {
		if IsConfigPath(p) {
			t.Errorf("IsConfigPath(%q) = true", p)
		}
	}
}

func TestFlavours(t *testing.T) {
	want := map[string]string{
		"claude-desktop/claude_desktop_config.json":     FlavourClaudeDesktop,
		"claude-code/.mcp.json":                         FlavourClaudeCode,
		"claude-code/.claude/settings.json":             FlavourClaudeCode,
		"claude-user/.claude.json":                      FlavourClaudeCode,
		"cursor/.cursor/mcp.json":                       FlavourCursor,
		"vscode/.vscode/mcp.json":                       FlavourVSCode,
		"vscode-user/Code/User/settings.json":           FlavourVSCode,
		"windsurf/.codeium/windsurf/mcp_config.json":    FlavourWindsurf,
		"cline/cline_mcp_settings.json":                 FlavourCline,
		"zed/.zed/settings.json":                        FlavourZed,
		"gemini/.gemini/settings.json":                  FlavourGemini,
		"continue/.continue/config.yaml":                FlavourContinue,
		"continue/.continue/config.json":                FlavourContinue,
		"continue/.continue/mcpServers/ctx.json":        FlavourContinue,
		"continue/.continue/mcpServers/playwright.yaml": FlavourContinue,
		"codex/.codex/config.toml":                      FlavourCodex,
		"registry/server.json":                          FlavourServerManifest,
		"registry/legacy-server.json":                   FlavourServerManifest,
		"tools/tools-list.json":                         FlavourToolList,
		"generic/mcp.json":                              FlavourGeneric,
		"roo/mcp_settings.json":                         FlavourGeneric,
	}
	files := fixtures(t)
	for rel, flavour := range want {
		cfg, err := Parse(rel, files[rel])
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if cfg.Flavour != flavour {
			t.Errorf("%s: flavour %q, want %q", rel, cfg.Flavour, flavour)
		}
	}
	if len(want) != len(files) {
		t.Errorf("%d fixtures, %d with an expected flavour", len(files), len(want))
	}
}

func TestNotConfig(t *testing.T) {
	tests := map[string]string{
		"repo/.vscode/settings.json": `{"editor.tabSize": 2, // comment
  "files.exclude": {"**/.git": true},}`,
		"pkg/server.json":            `{"port": 8080, "host": "0.0.0.0", "packages": ["a", "b"]}`,
		"repo/.gemini/settings.json": `{"theme": "Dracula"}`,
		"mcp.json":                   `[1, 2, 3]`,
		"empty/mcp.json":             "  \n",
		"notes/mcp.yaml":             "- just\n- a list\n",
		"repo/.codex/config.toml":    "model = \"o3\"\n",
	}
	for p, text := range tests {
		if _, err := Parse(p, []byte(text)); !errors.Is(err, ErrNotConfig) {
			t.Errorf("%s: err = %v, want ErrNotConfig", p, err)
		}
	}
}

func TestErrors(t *testing.T) {
	deep := strings.Repeat(`{"a":`, MaxDepth+2) + "1" + strings.Repeat("}", MaxDepth+2)
	tests := map[string]string{
		"broken json":   `{"mcpServers": {"a": {"command": "npx",}`,
		"bad string":    `{"mcpServers": {"a\x01": {}}}`,
		"trailing data": `{"mcpServers": {}} {"x": 1}`,
		"deep json":     deep,
		"bad toml":      "[mcp_servers.a\ncommand = ",
	}
	for name, text := range tests {
		p := "mcp.json"
		if strings.HasSuffix(name, "toml") {
			p = ".codex/config.toml"
		}
		_, err := Parse(p, []byte(text))
		if err == nil || errors.Is(err, ErrNotConfig) {
			t.Errorf("%s: err = %v, want a parse error", name, err)
		}
	}
	big := append([]byte(`{"mcpServers": {}, "pad": "`), bytes.Repeat([]byte("a"), MaxBytes)...)
	if _, err := Parse("mcp.json", append(big, `"}`...)); err == nil {
		t.Error("oversized input accepted")
	}
}

func TestLooks(t *testing.T) {
	yes := []string{
		`{"mcpServers": {}}`,
		`{"servers": {"x": {"type": "stdio", "command": "node"}}}`,
		`// jsonc
{"context_servers": {"a": {"command": "x"}},}`,
		`{"tools": [{"name": "add", "inputSchema": {"type": "object"}}]}`,
		`{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", "name": "io.github.a/b", "packages": []}`,
	}
	no := []string{
		`{"openapi": "3.1.0", "servers": [{"url": "https://api.example.com"}]}`,
		`{"servers": {"prod": {"host": "db1", "port": 5432}}}`,
		`{"name": "pkg", "version": "1.0.0"}`,
		`{"tools": [{"type": "function", "function": {"name": "f"}}]}`,
		`not json "mcpServers"`,
		`{"mcpServers": `,
	}
	for _, s := range yes {
		if !Looks([]byte(s)) {
			t.Errorf("Looks(%q) = false", s)
		}
	}
	for _, s := range no {
		if Looks([]byte(s)) {
			t.Errorf("Looks(%q) = true", s)
		}
	}
}

func TestContentFlavour(t *testing.T) {
	tests := map[string]string{
		`{"tools": [{"name": "a", "description": "d", "inputSchema": {}}]}`:               FlavourToolList,
		`[{"name": "a", "description": "d"}]`:                                             FlavourToolList,
		`{"servers": {"a": {"type": "stdio", "command": "node"}}}`:                        FlavourVSCode,
		`{"context_servers": {"a": {"command": "x"}}}`:                                    FlavourZed,
		`{"name": "io.github.a/b", "remotes": [{"type": "sse", "url": "https://a/sse"}]}`: FlavourServerManifest,
		`{"mcpServers": {"a": {"command": "x"}}}`:                                         FlavourGeneric,
		`{"projects": {"/p": {"mcpServers": {}}}}`:                                        FlavourClaudeCode,
		`{"experimental": {"modelContextProtocolServers": []}}`:                           FlavourContinue,
	}
	for text, want := range tests {
		cfg, err := Parse("any/mcp-export.json", []byte(text))
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if cfg.Flavour != want {
			t.Errorf("%s: flavour %q, want %q", text, cfg.Flavour, want)
		}
	}
}
