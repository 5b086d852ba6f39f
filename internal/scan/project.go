package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/detect/vulns"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/code"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/format/mcp"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/source"
)

// maxNotebookBytes bounds the notebooks read: outputs with images make them larger than code.
const maxNotebookBytes = 64 << 20

// projectKind recognises the project files the AI code checks read, by name: the name says
// which parser a tool applies (npm reads package-lock.json, pip reads requirements.txt).
func projectKind(n source.Node) (format.Kind, bool) {
	name := strings.ToLower(path.Base(n.Name))
	slash := strings.ReplaceAll(n.Path, "\\", "/")
	if n.Member != "" {
		slash = strings.ReplaceAll(innermost(n), "\\", "/")
	}
	switch {
	case name == ".env" || strings.HasPrefix(name, ".env."):
		return format.DotEnv, true
	case strings.HasSuffix(name, ".ipynb"):
		return format.Notebook, true
	case mcp.IsConfigPath(slash):
		return format.MCPConfig, true
	}
	if _, ok := deps.KindOf(slash); ok && n.Depth == 0 {
		return format.Manifest, true
	}
	if lang, ok := code.LangOf(name); ok && lang != code.Python {
		return format.SourceCode, true
	}
	return "", false
}

// project analyses application code, notebooks, .env files, MCP configurations and dependency
// manifests.
func (c *collector) project(ctx context.Context, n source.Node, r io.Reader, kind format.Kind) {
	limit := int64(maxTextBytes)
	switch kind {
	case format.Notebook:
		limit = maxNotebookBytes
	case format.SourceCode:
		limit = code.MaxLen
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		c.fail(n, string(kind), fmt.Errorf("unable to read: %w", err))
		return
	}
	if int64(len(data)) > limit && kind != format.SourceCode {
		c.fail(n, string(kind), fmt.Errorf("larger than the %d-byte limit for %s files", limit, kind))
		return
	}
	switch kind {
	case format.SourceCode:
		lang, _ := code.LangOf(n.Name)
		c.appCode(ctx, n, lang, data)
	case format.Notebook:
		c.notebook(ctx, n, data)
	case format.DotEnv:
		c.addFile(n, string(kind), finding.StatusScanned, "")
		c.detect(ctx, n, string(kind), dotEnvText(data))
	case format.MCPConfig:
		c.mcpConfig(ctx, n, data)
	case format.Manifest:
		c.manifest(ctx, n, data)
	}
}

// appCode runs the AI code checks on application source (not code shipped inside a model).
func (c *collector) appCode(ctx context.Context, n source.Node, lang code.Lang, data []byte) {
	f := code.Parse(lang, data)
	idx := c.addFile(n, string(lang), finding.StatusScanned, "")
	if int64(len(data)) > code.MaxLen || f.Truncated {
		c.partial(n, idx, []string{fmt.Sprintf("only the first %d bytes of the source were analysed", code.MaxLen)})
	}
	c.detect(ctx, n, string(format.SourceCode), f)
	c.detect(ctx, n, string(format.SourceCode), &meta.Code{Format: string(lang), Strings: []meta.String{{Value: string(data), Offset: 0}}})
}

// notebook checks the code cells like source and every cell and text output for secrets.
func (c *collector) notebook(ctx context.Context, n source.Node, data []byte) {
	nb, err := code.ParseNotebook(data)
	if err != nil {
		c.fail(n, string(format.Notebook), err)
		return
	}
	c.addFile(n, string(format.Notebook), finding.StatusScanned, "")
	c.detect(ctx, n, string(format.Notebook), nb.Code())
	text := &meta.Code{Format: string(format.Notebook)}
	for _, cell := range nb.Cells {
		key := fmt.Sprintf("cell %d", cell.Index+1)
		text.Strings = append(text.Strings, meta.String{Key: key, Value: cell.Source, Offset: -1})
		for i, out := range cell.Outputs {
			text.Strings = append(text.Strings, meta.String{Key: fmt.Sprintf("%s output %d", key, i+1), Value: out, Offset: -1})
		}
	}
	c.detect(ctx, n, string(format.Notebook), text)
}

// dotEnvText gives each line of a .env file to the secret rules, keyed by its variable name.
func dotEnvText(data []byte) *meta.Code {
	doc := &meta.Code{Format: string(format.DotEnv)}
	off := 0
	for _, line := range strings.SplitAfter(string(data), "\n") {
		key, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "export ")), "=")
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			doc.Strings = append(doc.Strings, meta.String{Key: key, Value: line, Offset: int64(off)})
		}
		off += len(line)
	}
	return doc
}

// mcpConfig parses an MCP configuration for the MCP detector. Secrets in it are the MCP
// detector's (AISEC-MCP-002): the generic metadata checks would repeat them.
func (c *collector) mcpConfig(ctx context.Context, n source.Node, data []byte) {
	cfg, err := mcp.Parse(strings.ReplaceAll(n.Path, "\\", "/"), data)
	if errors.Is(err, mcp.ErrNotConfig) {
		c.config(ctx, n, data, false, format.JSON, "") // a settings file without MCP servers
		return
	}
	if err != nil {
		c.fail(n, string(format.MCPConfig), err)
		return
	}
	idx := c.addFile(n, string(format.MCPConfig), finding.StatusScanned, "")
	if len(cfg.Gaps) > 0 {
		c.partial(n, idx, cfg.Gaps)
	}
	c.detect(ctx, n, string(format.MCPConfig), cfg)
}

// manifest parses a dependency manifest for vulnerability matching. Without an advisory
// database nothing is matched, and the file says so instead of passing as checked.
func (c *collector) manifest(ctx context.Context, n source.Node, data []byte) {
	kind, _ := deps.KindOf(strings.ReplaceAll(n.Path, "\\", "/"))
	if c.s.opts.Vulns == nil {
		c.skipWhy(n, format.Manifest, "dependency manifest: no vulnerability database given (--vuln-db)")
		return
	}
	m, err := deps.Parse(kind, data)
	if err != nil {
		c.fail(n, string(format.Manifest), err)
		return
	}
	idx := c.addFile(n, string(kind), finding.StatusScanned, "")
	if len(m.Gaps) > 0 {
		c.partial(n, idx, m.Gaps)
	}
	qs, pkgs := vulns.Queries(m)
	if len(qs) == 0 {
		return
	}
	advs, err := c.s.opts.Vulns.Match(ctx, qs)
	if err != nil {
		c.partial(n, idx, []string{"vulnerability matching failed: " + err.Error()})
		return
	}
	c.detect(ctx, n, string(format.Manifest), &vulns.Matched{Packages: pkgs, Advisories: advs})
}

// modelCode reports Python that ships with a model (inside an archive, or beside config.json or
// weights): the model-code rules apply to it, and the AI code checks to everything else.
func (c *collector) modelCode(n source.Node) bool {
	return n.Depth > 0 || c.modelDirs[path.Dir(strings.ReplaceAll(n.Path, "\\", "/"))]
}

// pythonCode routes Python source: model code to the model-code rules, application code to the
// AI code checks.
func (c *collector) pythonCode(ctx context.Context, n source.Node, r io.Reader) {
	if c.modelCode(n) {
		c.code(ctx, n, r)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r, code.MaxLen+1))
	if err != nil {
		c.fail(n, string(format.Python), fmt.Errorf("unable to read: %w", err))
		return
	}
	c.appCode(ctx, n, code.Python, data)
}
