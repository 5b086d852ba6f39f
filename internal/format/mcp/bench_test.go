package mcp

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

var benchPaths = []string{
	"src/pkg/module/file.go", "models/llama/config.json", "web/node_modules/react/package.json",
	"repo/.vscode/settings.json", "repo/.cursor/mcp.json", "docs/README.md", "data/train-00001.parquet",
}

func BenchmarkIsConfigPath(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range benchPaths {
			IsConfigPath(p)
		}
	}
}

func BenchmarkLooksOther(b *testing.B) {
	data := []byte(`{"name": "pkg", "version": "1.0.0", "dependencies": {"react": "^18.0.0"}, "scripts": {"build": "tsc"}}`)
	b.ReportAllocs()
	for b.Loop() {
		Looks(data)
	}
}

func BenchmarkParse(b *testing.B) {
	files := fixtures(b)
	data := files["vscode/.vscode/mcp.json"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(".vscode/mcp.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLargeInputs bounds the time and refusal of the largest inputs of each syntax.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	n := MaxBytes/4 - 10
	entry := `"s%d": {"command": "npx", "args": ["-y", "p@1.0.0"]},`
	var b strings.Builder
	b.WriteString(`{"mcpServers": {`)
	for i := 0; b.Len() < MaxBytes-100; i++ {
		b.WriteString(strings.Replace(entry, "%d", strconv.Itoa(i), 1))
	}
	b.WriteString(`"last": {}}}`)
	var tables, dotted strings.Builder
	for i := 0; tables.Len() < MaxBytes/2; i++ {
		tables.WriteString("[s" + strconv.Itoa(i) + "]\n")
		dotted.WriteString("x" + strconv.Itoa(i) + ".y = 1\n")
	}
	tests := map[string]string{
		".codex/config.toml tables": tables.String(),
		".codex/config.toml dotted": dotted.String(),
		"mcp.json servers":          b.String(),
		"mcp.json string":           `{"mcpServers": {"a": {"command": "` + strings.Repeat("x", MaxBytes-60) + `"}}}`,
		"mcp.json arrays":           `{"tools": [` + strings.Repeat("[1],", n) + `[1]]}`,
		".codex/config.toml":        strings.Repeat("[mcp_servers.a]\ncommand = 'npx'\nargs = ['x']\n", MaxBytes/48),
		"mcp.yaml":                  "mcpServers:\n" + strings.Repeat("  - name: a\n    command: npx\n", MaxBytes/40),
	}
	for name, text := range tests {
		p := strings.Fields(name)[0]
		start := time.Now()
		cfg, err := Parse(p, []byte(text))
		if d := time.Since(start); d > 30*time.Second { // a hang guard; about 1 s without -race
			t.Errorf("%s: took %v", name, d)
		}
		if err == nil {
			checkConfig(t, cfg, len(text))
		}
		t.Logf("%s: %d bytes, err=%v, %v", name, len(text), err, time.Since(start))
	}
}
