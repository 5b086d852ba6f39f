package mcp

import (
	"strings"

	"github.com/aisecops/aisec/internal/format/structured"
)

// manifest reads an MCP registry server.json: one server per packages[] entry (what a
// client would launch) and per remotes[] entry. The 2025-07 snake_case spelling
// (registry_type, environment_variables, transport_type) and the older registry_name/name
// pair are read as well as the current camelCase one.
func (b *builder) manifest(root *node) bool {
	pkgs, remotes := root.get("packages"), root.get("remotes")
	if !isList(pkgs) && !isList(remotes) {
		return false
	}
	name := root.get("name").str()
	schema := root.get("$schema").str()
	if !strings.Contains(schema, "modelcontextprotocol") && !strings.Contains(name, "/") && b.flavour != FlavourServerManifest {
		return false
	}
	if !manifestEntries(pkgs, remotes) {
		return false
	}
	if isList(pkgs) {
		for i, p := range pkgs.items {
			if p.kind == kObj && len(b.cfg.Servers) < MaxServers {
				b.cfg.Servers = append(b.cfg.Servers, b.manifestPackage(name, structured.Index("packages", i), p))
			}
		}
	}
	if isList(remotes) {
		for i, r := range remotes.items {
			if r.kind == kObj && len(b.cfg.Servers) < MaxServers {
				b.cfg.Servers = append(b.cfg.Servers, b.manifestRemote(name, structured.Index("remotes", i), r))
			}
		}
	}
	b.settle(FlavourServerManifest)
	return true
}

func isList(n *node) bool { return n != nil && n.kind == kArr }

// manifestEntries reports whether the lists hold registry-shaped entries (or are empty, as
// in a manifest being written): packages with a registry type or identifier, remotes with
// a URL.
func manifestEntries(pkgs, remotes *node) bool {
	entries, shaped := 0, 0
	for _, list := range [...]*node{pkgs, remotes} {
		if !isList(list) {
			continue
		}
		for _, it := range list.items {
			entries++
			if first(it, "registryType", "registry_type", "registry_name", "identifier", "url") != "" {
				shaped++
			}
		}
	}
	return entries == 0 || shaped > 0
}

// first returns the text of the first of keys that n has as a scalar.
func first(n *node, keys ...string) string {
	for _, k := range keys {
		if v, ok := n.get(k).scalar(); ok {
			return v
		}
	}
	return ""
}

func (b *builder) manifestPackage(name, at string, p *node) Server {
	reg := strings.ToLower(first(p, "registryType", "registry_type", "registry_name"))
	id := first(p, "identifier", "name")
	version := first(p, "version")
	s := Server{Name: name, Path: at, Offset: p.off, Transport: TransportStdio}
	if t := p.get("transport"); t != nil {
		s.Transport = normTransport(first(t, "type"))
		s.URL = first(t, "url")
		s.Headers = b.vars(s.Headers, t.get("headers"))
	}
	if s.Transport == "" {
		s.Transport = TransportStdio
	}
	s.Env = b.vars(s.Env, p.get("environmentVariables"))
	s.Env = b.vars(s.Env, p.get("environment_variables"))
	pkg := &Package{Runner: first(p, "runtimeHint", "runtime_hint"), Name: id, Version: version, Arg: -1}
	switch reg {
	case "npm":
		pkg.Ecosystem = EcosystemNPM
		pkg.Runner = orDefault(pkg.Runner, "npx")
		pkg.Pinned = npmExact(version)
	case "pypi":
		pkg.Ecosystem = EcosystemPyPI
		pkg.Runner = orDefault(pkg.Runner, "uvx")
		pkg.Pinned = pep440Exact(version)
	case "oci", "docker", "docker-hub", "ghcr":
		pkg.Ecosystem = EcosystemOCI
		pkg.Runner = orDefault(pkg.Runner, "docker")
		manifestImage(pkg, id, version)
	case "nuget":
		pkg.Ecosystem = "NuGet"
		pkg.Runner = orDefault(pkg.Runner, "dnx")
		pkg.Pinned = version != "" && !strings.EqualFold(version, "latest") && !strings.ContainsAny(version, "*[]()")
	case "mcpb":
		pkg.Ecosystem = "MCPB"
		pkg.Digest = first(p, "fileSha256", "file_sha256") != ""
		pkg.Pinned = pkg.Digest || version != "" && !strings.EqualFold(version, "latest")
	default:
		pkg.Ecosystem = first(p, "registryType", "registry_type", "registry_name")
		pkg.Pinned = version != "" && !strings.EqualFold(version, "latest")
	}
	s.Command = pkg.Runner
	s.Package = pkg
	return s
}

// manifestImage fills an OCI package: the identifier may carry its own tag or digest.
func manifestImage(pkg *Package, id, version string) {
	name, ref, pinned, digest := imageRef(id)
	if ref == "" && version != "" {
		ref = version
		pinned = !strings.EqualFold(version, "latest")
	}
	pkg.Name, pkg.Version, pkg.Pinned, pkg.Digest = name, ref, pinned, digest
}

func (b *builder) manifestRemote(name, at string, r *node) Server {
	s := Server{Name: name, Path: at, Offset: r.off}
	s.Transport = normTransport(first(r, "type", "transport_type"))
	s.URL = first(r, "url")
	s.Headers = b.vars(s.Headers, r.get("headers"))
	if s.Transport == "" && s.URL != "" {
		s.Transport = TransportHTTP
	}
	return s
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
