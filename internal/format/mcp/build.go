package mcp

import (
	"fmt"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format/structured"
)

// builder collects the servers, tools and approvals of one document.
type builder struct {
	cfg      Config
	flavour  string // from the path, "" when the path names no client file
	base     string // file name without extension (names a single-server Continue file)
	tools    int
	overflow bool // MaxServers reached
}

func newBuilder(flavour, slashPath string) *builder {
	base := path.Base(slashPath)
	return &builder{flavour: flavour, base: strings.TrimSuffix(base, path.Ext(base))}
}

// finish returns the Config with its flavour settled: a client file name wins, then what
// the content showed, then generic.
func (b *builder) finish() *Config {
	c := b.cfg
	switch {
	case b.flavour != "" && b.flavour != FlavourGeneric:
		c.Flavour = b.flavour
	case c.Flavour == "":
		c.Flavour = FlavourGeneric
	}
	return &c
}

// walkRoot reads every MCP shape the document has and reports whether it had any.
func (b *builder) walkRoot(root *node) bool {
	if root.kind == kArr { // a bare array of tools
		if !isToolArray(root) {
			return false
		}
		b.cfg.Tools = b.toolList(root)
		b.cfg.Flavour = FlavourToolList
		return true
	}
	if root.kind != kObj {
		return false
	}
	found := b.clientKeys(root)
	if b.manifest(root) {
		found = true
	}
	if b.standaloneTools(root) {
		found = true
	}
	if b.approvals(root) {
		found = true
	}
	if !found && b.flavour == FlavourContinue && looksLikeServer(root) {
		b.add(b.base, "", root.off, root) // .continue/mcpServers/<name>.json holding one server
		found = true
	}
	return found
}

// clientKeys reads the server maps and lists clients keep under their own keys.
func (b *builder) clientKeys(root *node) bool {
	found := false
	if m, ok := root.member("mcpServers"); ok {
		b.servers(m, "mcpServers")
		found = true
	}
	if m, ok := root.member("servers"); ok && m.val.kind == kObj && (b.flavour == FlavourVSCode || anyServer(m.val)) {
		b.servers(m, "servers")
		found = true
		b.settle(FlavourVSCode)
	}
	if mcp := root.get("mcp"); mcp != nil {
		if m, ok := mcp.member("servers"); ok && m.val.kind == kObj {
			b.servers(m, "mcp.servers")
			found = true
			b.settle(FlavourVSCode)
		}
	}
	if m, ok := root.member("context_servers"); ok && m.val.kind == kObj {
		b.servers(m, "context_servers")
		found = true
		b.settle(FlavourZed)
	}
	if m, ok := root.member("mcp_servers"); ok && m.val.kind == kObj {
		b.servers(m, "mcp_servers")
		found = true
		b.settle(FlavourCodex)
	}
	if b.claudeProjects(root) {
		found = true
	}
	if exp := root.get("experimental"); exp != nil {
		if m, ok := exp.member("modelContextProtocolServers"); ok {
			b.servers(m, "experimental.modelContextProtocolServers")
			found = true
			b.settle(FlavourContinue)
		}
	}
	return found
}

// settle records the flavour content implies when nothing else did.
func (b *builder) settle(f string) {
	if b.cfg.Flavour == "" {
		b.cfg.Flavour = f
	}
}

// claudeProjects reads ~/.claude.json: projects.<dir>.mcpServers.
func (b *builder) claudeProjects(root *node) bool {
	projects := root.get("projects")
	if projects == nil || projects.kind != kObj {
		return false
	}
	found := false
	for _, p := range projects.members {
		if m, ok := p.val.member("mcpServers"); ok {
			b.servers(m, structured.Key(structured.Key("projects", p.key), "mcpServers"))
			found = true
		}
	}
	if found {
		b.settle(FlavourClaudeCode)
	}
	return found
}

// servers reads a map of servers (name → entry) or a list of entries (Continue).
func (b *builder) servers(m member, at string) {
	switch m.val.kind {
	case kObj:
		for _, s := range m.val.members {
			if s.val.kind != kObj {
				b.gap("%s is not an object; skipped", structured.Key(at, s.key))
				continue
			}
			b.add(s.key, structured.Key(at, s.key), s.off, s.val)
		}
	case kArr:
		for i, it := range m.val.items {
			p := structured.Index(at, i)
			if it.kind != kObj {
				b.gap("%s is not an object; skipped", p)
				continue
			}
			b.add(it.get("name").str(), p, it.off, it)
		}
	case kNull:
	default:
		b.gap("%s is neither an object nor a list; skipped", at)
	}
}

// add appends one server unless the cap is reached.
func (b *builder) add(name, at string, off int64, n *node) {
	if len(b.cfg.Servers) >= MaxServers {
		if !b.overflow {
			b.overflow = true
			b.gap("more than %d servers; the rest were not read", MaxServers)
		}
		return
	}
	if at == "" {
		at = "."
	}
	b.cfg.Servers = append(b.cfg.Servers, b.server(name, at, off, n))
}

func (b *builder) gap(format string, args ...any) {
	if len(b.cfg.Gaps) < 100 {
		b.cfg.Gaps = append(b.cfg.Gaps, fmt.Sprintf(format, args...))
	}
}

// anyServer reports whether some entry of a map looks like a server (for keys other
// programs use too, such as "servers").
func anyServer(m *node) bool {
	for _, s := range m.members {
		if looksLikeServer(s.val) {
			return true
		}
	}
	return false
}

// looksLikeServer reports an object with a command, a URL or an MCP transport type.
func looksLikeServer(n *node) bool {
	if n == nil || n.kind != kObj {
		return false
	}
	for _, k := range [...]string{"command", "url", "serverUrl", "httpUrl"} {
		if n.get(k) != nil {
			return true
		}
	}
	if t := n.get("transport"); t != nil && t.kind == kObj {
		return looksLikeServer(t)
	}
	switch normTransport(n.get("type").str()) {
	case TransportStdio, TransportHTTP, TransportSSE, TransportStreamableHTTP:
		return true
	}
	return false
}
