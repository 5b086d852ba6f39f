// Package mcp checks Model Context Protocol client configurations, registry manifests and
// tool listings (*mcp.Config from internal/format/mcp) for supply-chain and injection risks:
// servers launched from unpinned packages or mutable image tags, literal secrets in
// environment values, headers, URLs and arguments, remote servers over plain HTTP, hidden
// instructions in tool descriptions (tool poisoning), shell launchers that download or
// decode code, and tools approved in advance. Nothing is started, fetched or resolved.
package mcp

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	mcpfmt "github.com/aisecops/aisec/internal/format/mcp"
)

// maxPerRule bounds the findings of one rule in one file.
const maxPerRule = 50

// Detector checks *mcp.Config models.
type Detector struct{}

// New returns the MCP configuration detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "mcp" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return Rules() }

// Detect implements detect.Detector.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	cfg, ok := t.Model.(*mcpfmt.Config)
	if !ok || cfg == nil {
		return nil
	}
	c := finding.NewCapper(maxPerRule)
	for i := range cfg.Servers {
		if ctx.Err() != nil {
			break
		}
		checkServer(c, &cfg.Servers[i])
	}
	for _, a := range cfg.AutoApprove {
		c.Add(RuleAutoApprove, approvalEvidence("", a), a.Offset)
	}
	for _, tl := range cfg.Tools {
		if ctx.Err() != nil {
			break
		}
		checkTool(c, "", tl)
	}
	return c.Findings()
}

// checkServer runs every server rule.
func checkServer(c *finding.Capper, s *mcpfmt.Server) {
	label := serverLabel(s)
	prog, argv := splitCommand(s.Command, s.Args)
	checkPackage(c, label, s)
	checkSecrets(c, label, s, argv)
	checkTransport(c, label, s, argv)
	prog, argv = unwrapPrefixes(prog, argv)
	if script, encoded, ok := inlineScript(prog, argv); ok {
		if why, bad := dangerousScript(script, encoded); bad {
			c.Add(RuleShell, fmt.Sprintf("%s: %s %s (%s)", label, progName(prog), quote(scrub(clip(script, 1000)), 140), why), s.Offset)
		}
	}
	if s.AutoApprove != nil {
		c.Add(RuleAutoApprove, approvalEvidence(label, *s.AutoApprove), s.AutoApprove.Offset)
	}
	if a := skipApprovalArg(prog, argv); a != "" {
		c.Add(RuleAutoApprove, fmt.Sprintf("%s: %s %s (every tool call runs unconfirmed)", label, progName(prog), a), s.Offset)
	}
	for _, tl := range s.Tools {
		checkTool(c, label, tl)
	}
}

// serverLabel names a server in evidence; a disabled one says so.
func serverLabel(s *mcpfmt.Server) string {
	name := s.Name
	if name == "" {
		name = s.Path
	}
	name = clip(name, 60)
	if s.Disabled {
		name += " (disabled)"
	}
	return name
}

// checkPackage reports unpinned packages (MCP-001) and images pinned by tag (MCP-006),
// the further packages of the launch (a second npx -p, uvx --with, a sh -c script) included.
func checkPackage(c *finding.Capper, label string, s *mcpfmt.Server) {
	p := s.Package
	if p == nil {
		return
	}
	if !p.Local && p.Ecosystem != "" {
		launch := launchText(s)
		switch {
		case !p.Pinned:
			c.Add(RuleUnpinned, fmt.Sprintf("%s: %s (%s)", label, launch, unpinnedReason(p)), s.Offset)
		case p.Ecosystem == mcpfmt.EcosystemOCI && !p.Digest:
			c.Add(RuleMutableTag, fmt.Sprintf("%s: %s (tag %s, no digest)", label, launch, clip(p.Version, 40)), s.Offset)
		}
	}
	for i := range p.Extra {
		e := &p.Extra[i]
		if e.Local || e.Ecosystem == "" || e.Pinned {
			continue
		}
		c.Add(RuleUnpinned, fmt.Sprintf("%s: %s (%s, also fetched by this launch)", label, clip(scrub(clip(e.Runner+" "+specText(e), 1000)), 160), unpinnedReason(e)), s.Offset)
	}
}

// specText renders a package spec as a launcher is given it.
func specText(p *mcpfmt.Package) string {
	switch {
	case p.Version == "":
		return p.Name
	case p.Ecosystem == mcpfmt.EcosystemOCI && !p.Digest:
		return p.Name + ":" + p.Version
	}
	return p.Name + "@" + p.Version
}

// launchText renders the command up to the package spec, with secrets redacted.
func launchText(s *mcpfmt.Server) string {
	p := s.Package
	if p.Arg < 0 || p.Arg >= len(s.Args) {
		if s.Command != "" && len(s.Args) == 0 && strings.ContainsRune(s.Command, ' ') {
			return clip(scrub(clip(s.Command, 1000)), 160)
		}
		return clip(scrub(clip(p.Runner+" "+specText(p), 1000)), 160)
	}
	parts := append([]string{s.Command}, s.Args[:p.Arg+1]...)
	return clip(scrub(clip(strings.Join(parts, " "), 1000)), 160)
}

// unpinnedReason says how a package misses an exact pin.
func unpinnedReason(p *mcpfmt.Package) string {
	switch {
	case p.Ecosystem == mcpfmt.EcosystemOCI && p.Version == "":
		return "no tag, runs latest"
	case p.Ecosystem == mcpfmt.EcosystemOCI:
		return "tag " + clip(p.Version, 40) + ", no digest"
	case p.Ecosystem == "URL":
		return "remote code without a version"
	case strings.Contains(p.Name, "/") && strings.Contains(p.Name, ":") || strings.HasPrefix(p.Name, "git"):
		return "git or URL source without a commit"
	case p.Version == "":
		return "no version"
	case strings.EqualFold(p.Version, "latest"):
		return "@latest"
	}
	return "version " + clip(p.Version, 40) + " is not exact"
}

// approvalEvidence describes an approval setting.
func approvalEvidence(label string, a mcpfmt.Approval) string {
	tools := "every tool"
	if len(a.Tools) > 0 && !(len(a.Tools) == 1 && a.Tools[0] == "*") {
		names := a.Tools
		more := ""
		if len(names) > 5 {
			names, more = names[:5], fmt.Sprintf(" and %d more", len(a.Tools)-5)
		}
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = clip(n, 40)
		}
		tools = strings.Join(quoted, ", ") + more
	}
	who := label
	if a.Server != "" {
		who = clip(a.Server, 60)
	}
	if who == "" {
		return fmt.Sprintf("%s auto-approves %s", clip(a.Key, 60), tools)
	}
	return fmt.Sprintf("%s: %s auto-approves %s", who, clip(a.Key, 60), tools)
}

// checkTool reports poisoned tool and parameter descriptions (MCP-004).
func checkTool(c *finding.Capper, label string, tl mcpfmt.Tool) {
	name := clip(tl.Name, 60)
	if label != "" {
		name = label + "/" + name
	}
	if h, bad := poisoned(tl.Description); bad {
		c.Add(RulePoisoning, poisonEvidence(name, "", tl.Description, h), tl.Offset)
		return
	}
	if h, bad := poisoned(tl.Title); bad {
		c.Add(RulePoisoning, poisonEvidence(name+" title", "", tl.Title, h), tl.Offset)
		return
	}
	for _, p := range tl.Params {
		if h, bad := poisoned(p.Value); bad {
			c.Add(RulePoisoning, poisonEvidence(name, p.Name, p.Value, h), p.Offset)
			return
		}
	}
}

func poisonEvidence(tool, param, text string, h hit) string {
	where := "tool " + tool
	if param != "" {
		where += " parameter " + clip(param, 40)
	}
	whats := h.whats
	if len(whats) > 3 {
		whats = whats[:3]
	}
	ev := fmt.Sprintf("%s: %s: %s", where, strings.Join(whats, ", "), excerpt(text, h.lo, h.hi))
	if h.decoded != "" {
		ev += fmt.Sprintf(" (hidden text %s)", quote(h.decoded, 100))
	}
	return ev
}

// excerpt quotes about 120 characters of text around [lo, hi), with control and invisible
// characters escaped; the window shrinks until the quoted form fits 160 bytes.
func excerpt(text string, lo, hi int) string {
	const width, quoted = 120, 160
	lo, hi = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
	start := runeStart(text, max(0, lo-30))
	end := runeStart(text, min(len(text), max(hi+30, start+width)))
	if end-start > width {
		end = runeStart(text, start+width)
	}
	q := strconv.Quote(text[start:end])
	for len(q) > quoted && end > start {
		end = runeStart(text, start+(end-start)*3/4)
		q = strconv.Quote(text[start:end])
	}
	if start > 0 {
		q = "…" + q
	}
	if end < len(text) {
		q += "…"
	}
	return q
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// quote quotes s after clipping it to n bytes.
func quote(s string, n int) string { return strconv.Quote(clip(s, n)) }

// clip shortens s to about n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:runeStart(s, n)] + "…"
}

// splitCommand looks through a whole command line written into command ("npx -y pkg",
// "bash -c …") when its first word is a program this package knows; a path with spaces
// (C:\Program Files\…) stays whole.
func splitCommand(command string, args []string) (string, []string) {
	f := strings.Fields(command)
	if len(f) < 2 {
		return command, args
	}
	switch name := progName(f[0]); {
	case knownShell(name), name == "gemini", name == "claude", name == "codex", name == "npx", name == "uvx", name == "docker",
		prefixes[name] != nil, bridges[name]:
		return f[0], append(f[1:len(f):len(f)], args...)
	}
	return command, args
}

// prefixes are programs that run the rest of their command line, with the options of each
// that take a value.
var prefixes = map[string]map[string]bool{
	"env":   {"-u": true, "--unset": true, "-C": true, "--chdir": true},
	"sudo":  {"-u": true, "--user": true, "-g": true, "--group": true, "-C": true, "-D": true, "--chdir": true, "-h": true, "-p": true, "-r": true, "-t": true, "-U": true, "-T": true},
	"doas":  {"-u": true, "-C": true},
	"wsl":   {"-d": true, "--distribution": true, "-u": true, "--user": true, "--cd": true},
	"nohup": {}, "nice": {"-n": true, "--adjustment": true}, "timeout": {"-s": true, "--signal": true, "-k": true, "--kill-after": true},
	"stdbuf": {"-i": true, "-o": true, "-e": true}, "exec": {"-a": true}, "command": {}, "time": {"-f": true, "-o": true},
	"start": {}, "call": {},
}

// unwrapPrefixes looks through env, sudo, wsl, nohup, nice, timeout… to the program they run:
// "/usr/bin/env bash -c …" is a shell.
func unwrapPrefixes(prog string, argv []string) (string, []string) {
	for range 6 {
		name := progName(prog)
		valued, ok := prefixes[name]
		if !ok {
			break
		}
		i := 0
		for i < len(argv) {
			a := argv[i]
			switch {
			case a == "--" || name == "wsl" && (a == "-e" || a == "--exec"):
				i++
			case name == "env" && strings.Contains(a, "=") && !strings.HasPrefix(a, "-"):
				i++
				continue
			case strings.HasPrefix(a, "-") && len(a) > 1:
				if valued[a] {
					i++
				}
				i++
				continue
			}
			break
		}
		if name == "timeout" && i < len(argv) {
			i++ // the duration
		}
		if i >= len(argv) {
			break
		}
		prog, argv = argv[i], argv[i+1:]
	}
	return prog, argv
}

var _ detect.Detector = (*Detector)(nil)
