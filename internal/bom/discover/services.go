package discover

import (
	"net/url"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/format/mcp"
)

// mcpServers lists the servers of MCP configurations as services. Environment values and
// header values are never copied into the BOM: only their names.
func (bd *builder) mcpServers(files []*file) {
	for _, f := range files {
		if f.mcp == nil {
			continue
		}
		for _, s := range f.mcp.Servers {
			bd.mcpServer(f, s)
		}
		for _, g := range f.mcp.Gaps {
			bd.b.Incomplete = append(bd.b.Incomplete, bom.Gap{Path: f.rel, Reason: g})
		}
	}
}

func (bd *builder) mcpServer(f *file, s mcp.Server) {
	info := &bom.ServiceInfo{Transport: s.Transport, Command: s.Command, Args: redactArgs(s.Args), ConfigPath: f.rel}
	for _, v := range s.Env {
		info.EnvNames = append(info.EnvNames, v.Name)
	}
	if s.URL != "" {
		info.Endpoints = []string{cleanURL(s.URL)}
	}
	for _, t := range s.Tools {
		info.Tools = append(info.Tools, bom.ServiceTool{Name: t.Name, Description: t.Description})
	}
	if hasAuthHeader(s.Headers) {
		info.Authenticated = "yes"
	}
	c := bom.Component{
		Ref: "mcp:" + f.rel + "#" + s.Name, Kind: bom.KindService, Category: bom.CatMCPServer, Name: s.Name,
		Path: f.rel, Service: info, Occurrences: []bom.Occurrence{{Path: f.rel, What: s.Path}},
	}
	if s.Disabled {
		setProperty(&c, "disabled", "true")
	}
	bd.add(c)
	bd.relate(SubjectRef, bom.RelDependsOn, c.Ref)
	if p := s.Package; p != nil {
		bd.mcpPackage(&c, f, p)
		for i := range p.Extra {
			bd.mcpLibrary(&c, f, &p.Extra[i])
		}
	}
}

// mcpPackage lists the package a stdio server is launched from, so that it is matched against
// advisories like any dependency.
func (bd *builder) mcpPackage(svc *bom.Component, f *file, p *mcp.Package) {
	pinned := "false"
	if p.Pinned {
		pinned = "true"
	}
	stored := bd.get(svc.Ref)
	setProperty(stored, "package", p.Name+versionSuffix(p.Version))
	setProperty(stored, "package-pinned", pinned)
	bd.mcpLibrary(svc, f, p)
}

// mcpLibrary lists one package a server's launch fetches as a library the server depends on.
func (bd *builder) mcpLibrary(svc *bom.Component, f *file, p *mcp.Package) {
	eco := deps.Ecosystem(p.Ecosystem)
	if eco != deps.Npm && eco != deps.PyPI {
		return // container images are named on the service only
	}
	version := ""
	if p.Pinned {
		version = p.Version
	}
	pkg := deps.Package{Ecosystem: eco, Name: p.Name, Version: version}
	c := bom.Component{
		Ref: pkg.PURL(), Kind: bom.KindLibrary, Category: bom.CatMCPServer, Name: p.Name, Version: version, PURL: pkg.PURL(),
		Scope: "required", Occurrences: []bom.Occurrence{{Path: f.rel, What: p.Runner + " " + p.Name + versionSuffix(p.Version)}},
	}
	lib := bd.add(c)
	bd.relate(svc.Ref, bom.RelDependsOn, lib.Ref)
}

func versionSuffix(v string) string {
	if v == "" {
		return ""
	}
	return "@" + v
}

// secretWords name arguments and flags that carry credentials.
var secretWords = []string{"key", "token", "secret", "password", "passwd", "auth", "credential"}

// secretArg recognises arguments that carry credentials, whose values are replaced by "***".
func secretArg(a string) bool {
	if strings.Contains(a, "=") && secretFlag(a) {
		return true
	}
	for _, p := range []string{"sk-", "ghp_", "github_pat_", "hf_", "xox", "AKIA", "glpat-", "AIza"} {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}

// redactArgs hides credential values: "--api-key=x" becomes "--api-key=***", and the value after
// a bare "--token" flag becomes "***".
func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		switch {
		case secretArg(a) && strings.Contains(a, "="):
			k, _, _ := strings.Cut(a, "=")
			out[i] = k + "=***"
		case secretArg(a):
			out[i] = "***"
		case i > 0 && strings.HasPrefix(args[i-1], "-") && !strings.Contains(args[i-1], "=") && secretFlag(args[i-1]):
			out[i] = "***"
		default:
			out[i] = a
		}
	}
	return out
}

// secretFlag reports a flag (or key=value argument) named like a credential.
func secretFlag(flag string) bool {
	l := strings.ToLower(flag)
	for _, k := range secretWords {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

func hasAuthHeader(hs []mcp.Var) bool {
	for _, h := range hs {
		if strings.EqualFold(h.Name, "authorization") || strings.Contains(strings.ToLower(h.Name), "api-key") {
			return true
		}
	}
	return false
}

// cleanURL drops credentials and query strings (which often carry tokens) from a URL.
func cleanURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
