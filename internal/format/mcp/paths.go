package mcp

import "strings"

// IsConfigPath reports whether a file name is one MCP clients read (case-insensitive):
// claude_desktop_config.json, .mcp.json, .claude.json, .claude/settings(.local).json,
// .cursor/mcp.json, .vscode/mcp.json, .vscode/settings.json and Code/User/settings.json,
// mcp_config.json (Windsurf), cline_mcp_settings.json, .zed/settings.json and
// zed/settings.json, .gemini/settings.json, .continue/config.{yaml,yml,json},
// .continue/mcpServers/*.{yaml,yml,json}, .codex/config.toml, server.json (MCP registry
// manifests), any *mcp*.json and mcp.yaml / mcp.yml. It looks at names only and allocates
// nothing for lower-case paths.
func IsConfigPath(slashPath string) bool {
	return flavourOf(slashPath) != ""
}

// flavourOf returns the flavour a path names, "" when it names no MCP file.
func flavourOf(slashPath string) string {
	base, parent, grand := lastThree(slashPath)
	base = strings.ToLower(base)
	if !strings.HasSuffix(base, ".json") && !strings.HasSuffix(base, ".yaml") &&
		!strings.HasSuffix(base, ".yml") && !strings.HasSuffix(base, ".toml") {
		return ""
	}
	parent = strings.ToLower(parent)
	grand = strings.ToLower(grand)
	if f := namedFlavour(base, parent, grand); f != "" {
		return f
	}
	switch {
	case strings.HasSuffix(base, ".json") && strings.Contains(base, "mcp"):
		return FlavourGeneric
	case base == "mcp.yaml" || base == "mcp.yml":
		return FlavourGeneric
	}
	return ""
}

// namedFlavour handles the exact client file names.
func namedFlavour(base, parent, grand string) string {
	switch base {
	case "claude_desktop_config.json":
		return FlavourClaudeDesktop
	case ".mcp.json", ".claude.json":
		return FlavourClaudeCode
	case "settings.json", "settings.local.json":
		return settingsFlavour(base, parent, grand)
	case "mcp.json":
		switch parent {
		case ".cursor":
			return FlavourCursor
		case ".vscode":
			return FlavourVSCode
		case "mcpservers":
			if grand == ".continue" {
				return FlavourContinue
			}
		}
		return FlavourGeneric
	case "mcp_config.json":
		return FlavourWindsurf
	case "cline_mcp_settings.json":
		return FlavourCline
	case "config.yaml", "config.yml", "config.json":
		if parent == ".continue" {
			return FlavourContinue
		}
	case "config.toml":
		if parent == ".codex" {
			return FlavourCodex
		}
	case "server.json":
		return FlavourServerManifest
	}
	if parent == "mcpservers" && grand == ".continue" {
		return FlavourContinue
	}
	return ""
}

// settingsFlavour names the clients whose settings.json may hold MCP servers.
func settingsFlavour(base, parent, grand string) string {
	switch {
	case parent == ".claude":
		return FlavourClaudeCode
	case base != "settings.json":
		return ""
	case parent == ".vscode" || (parent == "user" && strings.HasPrefix(grand, "code")):
		return FlavourVSCode
	case parent == ".zed" || parent == "zed":
		return FlavourZed
	case parent == ".gemini" || parent == "gemini-cli":
		return FlavourGemini
	}
	return ""
}

// lastThree splits the last three elements of a slash path (missing ones are "").
func lastThree(p string) (base, parent, grand string) {
	p = strings.TrimRight(p, "/")
	i := strings.LastIndexByte(p, '/')
	base = p[i+1:]
	if i < 0 {
		return base, "", ""
	}
	p = p[:i]
	j := strings.LastIndexByte(p, '/')
	parent = p[j+1:]
	if j < 0 {
		return base, parent, ""
	}
	p = p[:j]
	return base, parent, p[strings.LastIndexByte(p, '/')+1:]
}
