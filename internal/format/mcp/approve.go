package mcp

import "strings"

// serverApprovals reads the per-server settings that skip tool confirmation: Cline
// autoApprove (a tool list, or true), Roo/Kilo alwaysAllow, Gemini trust, Codex
// default_tools_approval_mode and tools.<name>.approval_mode = "approve".
func (b *builder) serverApprovals(s *Server, n *node) {
	for _, key := range [...]string{"autoApprove", "alwaysAllow", "autoApproveTools"} {
		if m, ok := n.member(key); ok {
			approve(s, key, m.off, toolNames(m.val))
		}
	}
	if m, ok := n.member("trust"); ok && m.val.isTrue() {
		approve(s, "trust", m.off, []string{"*"})
	}
	if m, ok := n.member("default_tools_approval_mode"); ok && strings.EqualFold(m.val.str(), "approve") {
		approve(s, "default_tools_approval_mode", m.off, []string{"*"})
	}
	if tools := n.get("tools"); tools != nil && tools.kind == kObj {
		for _, t := range tools.members {
			if strings.EqualFold(t.val.get("approval_mode").str(), "approve") {
				approve(s, "tools.approval_mode", t.off, []string{t.key})
			}
		}
	}
}

// toolNames reads a list of tool names, or true meaning every tool.
func toolNames(n *node) []string {
	switch {
	case n == nil:
		return nil
	case n.isTrue():
		return []string{"*"}
	case n.kind == kStr && n.text != "":
		return []string{n.text}
	case n.kind != kArr:
		return nil
	}
	var out []string
	for _, it := range n.items {
		if v, ok := it.scalar(); ok && v != "" && len(out) < MaxVars {
			out = append(out, v)
		}
	}
	return out
}

// approve merges approved tools into s.AutoApprove.
func approve(s *Server, key string, off int64, tools []string) {
	if len(tools) == 0 {
		return
	}
	if s.AutoApprove == nil {
		s.AutoApprove = &Approval{Key: key, Offset: off}
	} else if !strings.Contains(s.AutoApprove.Key, key) {
		s.AutoApprove.Key += ", " + key
	}
	for _, t := range tools {
		if len(s.AutoApprove.Tools) < MaxVars {
			s.AutoApprove.Tools = append(s.AutoApprove.Tools, t)
		}
	}
}

// approvals reads client-wide settings: VS Code chat.tools.autoApprove and
// chat.tools.global.autoApprove (dotted or nested), Zed agent.always_allow_tool_actions,
// Codex approval_policy = "never" (top level or in a profile), Claude Code permissions.allow
// entries naming MCP servers or tools (mcp__server, mcp__server__tool) and
// permissions.defaultMode bypassPermissions.
func (b *builder) approvals(root *node) bool {
	found := false
	for _, key := range [...]string{"chat.tools.autoApprove", "chat.tools.global.autoApprove"} {
		if m, ok := dotted(root, key); ok && m.val.isTrue() {
			b.cfg.AutoApprove = append(b.cfg.AutoApprove, Approval{Key: key, Tools: []string{"*"}, Offset: m.off})
			b.settle(FlavourVSCode)
			found = true
		}
	}
	for _, key := range [...]string{"agent.always_allow_tool_actions", "assistant.always_allow_tool_actions"} {
		if m, ok := dotted(root, key); ok && m.val.isTrue() {
			b.cfg.AutoApprove = append(b.cfg.AutoApprove, Approval{Key: key, Tools: []string{"*"}, Offset: m.off})
			b.settle(FlavourZed)
			found = true
		}
	}
	if b.codexPolicy(root) {
		found = true
	}
	perms := root.get("permissions")
	if perms == nil || perms.kind != kObj {
		return found
	}
	if m, ok := perms.member("defaultMode"); ok && m.val.str() == "bypassPermissions" {
		b.cfg.AutoApprove = append(b.cfg.AutoApprove, Approval{Key: "permissions.defaultMode", Tools: []string{"*"}, Offset: m.off})
		found = true
	}
	if allow := perms.get("allow"); allow != nil && allow.kind == kArr {
		for _, it := range allow.items {
			if a, ok := claudeRule(it.str()); ok && len(b.cfg.AutoApprove) < MaxVars {
				a.Offset = it.off
				b.cfg.AutoApprove = append(b.cfg.AutoApprove, a)
				found = true
			}
		}
	}
	if found {
		b.settle(FlavourClaudeCode)
	}
	return found
}

// claudeRule reads a Claude Code permission rule naming MCP tools: mcp__server (every tool of
// the server), mcp__server__* or mcp__server__tool.
func claudeRule(rule string) (Approval, bool) {
	rest, ok := strings.CutPrefix(rule, "mcp__")
	if !ok || rest == "" {
		return Approval{}, false
	}
	server, tool, found := strings.Cut(rest, "__")
	if !found || tool == "" {
		tool = "*"
	}
	return Approval{Key: "permissions.allow", Server: server, Tools: []string{tool}}, true
}

// dotted finds a setting written either with a dotted key ("chat.tools.autoApprove") or as
// nested objects ({"chat": {"tools": {"autoApprove": …}}}); VS Code and Zed read both.
func dotted(root *node, key string) (member, bool) {
	if m, ok := root.member(key); ok {
		return m, true
	}
	n := root
	parts := strings.Split(key, ".")
	for i, p := range parts {
		if i == len(parts)-1 {
			return n.member(p)
		}
		if n = n.get(p); n == nil {
			return member{}, false
		}
	}
	return member{}, false
}

// codexPolicy reads Codex's approval_policy = "never" (no confirmation for any tool call,
// MCP tools included), at the top level and in [profiles.<name>].
func (b *builder) codexPolicy(root *node) bool {
	found := false
	if m, ok := root.member("approval_policy"); ok && strings.EqualFold(m.val.str(), "never") {
		b.cfg.AutoApprove = append(b.cfg.AutoApprove, Approval{Key: "approval_policy", Tools: []string{"*"}, Offset: m.off})
		found = true
	}
	if profiles := root.get("profiles"); profiles != nil && profiles.kind == kObj {
		for _, p := range profiles.members {
			if m, ok := p.val.member("approval_policy"); ok && strings.EqualFold(m.val.str(), "never") && len(b.cfg.AutoApprove) < MaxVars {
				b.cfg.AutoApprove = append(b.cfg.AutoApprove, Approval{Key: "profiles." + clipText(p.key) + ".approval_policy", Tools: []string{"*"}, Offset: m.off})
				found = true
			}
		}
	}
	if found {
		b.settle(FlavourCodex)
	}
	return found
}
