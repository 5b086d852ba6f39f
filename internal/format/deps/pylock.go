package deps

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Bulky lockfile subtrees that say nothing about which packages are locked.
var (
	poetrySkip = map[string]bool{"package.files": true, "metadata.files": true}
	uvSkip     = map[string]bool{
		"package.wheels": true, "package.sdist": true, "package.metadata": true,
		"package.resolution-markers": true, "manifest": true,
	}
)

// parsePoetryLock reads the [[package]] entries of poetry.lock. Old locks mark dev packages
// with category = "dev"; lock-version 2.1 lists groups, and a package outside "main" is dev.
// The lock does not say which packages are direct.
func parsePoetryLock(c *collector, data []byte) error {
	root, err := parseTOML(data, poetrySkip)
	if err != nil {
		return err
	}
	pkgs := root.get("package")
	if pkgs == nil {
		return nil
	}
	for _, it := range pkgs.items {
		t := it.tab
		if t == nil {
			continue
		}
		name := t.get("name")
		if name == nil || name.kind != unstable.String {
			c.gap("a [[package]] entry has no name")
			continue
		}
		p := Package{Ecosystem: PyPI, Name: name.str, Version: t.str("version"), Line: name.line}
		p.Dev = t.str("category") == "dev" || !inGroup(t.get("groups"), "main")
		p.Source = poetryLockSource(t.table("source"))
		c.add(p)
	}
	return nil
}

// inGroup reports whether a groups array names g; a missing array counts as yes.
func inGroup(groups *tval, g string) bool {
	if groups == nil || groups.kind != unstable.Array {
		return true
	}
	for _, it := range groups.items {
		if it.str == g {
			return true
		}
	}
	return false
}

// poetryLockSource formats a [package.source] table; alternative registries ("legacy",
// "pypi") are registries.
func poetryLockSource(t *ttable) string {
	if t == nil {
		return ""
	}
	u := t.str("url")
	switch t.str("type") {
	case "git":
		if !strings.HasPrefix(u, "git+") {
			u = "git+" + u
		}
		if ref := t.str("resolved_reference"); ref != "" {
			return u + "@" + ref
		}
		if ref := t.str("reference"); ref != "" {
			return u + "@" + ref
		}
		return u
	case "directory", "file", "url":
		return u
	}
	return ""
}

// uvPkg is one [[package]] of uv.lock.
type uvPkg struct {
	name, version string
	source, kind  string // kind: registry, git, path, directory, url, editable, virtual
	line          int
	deps          []uvRef
	optional      map[string][]uvRef
	dev           [][]uvRef
}

// uvRef is one dependency edge: a package name, the version when the lock needs it to
// disambiguate, and the extras requested.
type uvRef struct {
	name, version string
	extras        []string
}

// parseUVLock reads uv.lock. Packages whose source is editable or virtual are the project
// (source ".") and its workspace members: they are not listed as packages. Their dependency
// lists make the direct packages, and a package reachable only from their optional or dev
// dependencies is dev.
func parseUVLock(c *collector, data []byte) error {
	root, err := parseTOML(data, uvSkip)
	if err != nil {
		return err
	}
	var pkgs []uvPkg
	if v := root.get("package"); v != nil {
		for _, it := range v.items {
			if p, ok := readUVPkg(it.tab); ok {
				pkgs = append(pkgs, p)
			} else {
				c.gap("a [[package]] entry has no name")
			}
		}
	}
	g := newUVGraph(pkgs)
	for i, p := range pkgs {
		if p.kind == "editable" || p.kind == "virtual" {
			if p.source == "." {
				c.project(Package{Ecosystem: PyPI, Name: p.name, Version: p.version, Line: p.line})
			}
			continue
		}
		c.add(Package{
			Ecosystem: PyPI, Name: p.name, Version: p.version, Line: p.line, Source: p.source,
			Direct: g.direct[i], Dev: g.devReach[i] && !g.prodReach[i],
		})
	}
	return nil
}

func readUVPkg(t *ttable) (uvPkg, bool) {
	if t == nil {
		return uvPkg{}, false
	}
	name := t.get("name")
	if name == nil || name.kind != unstable.String || name.str == "" {
		return uvPkg{}, false
	}
	p := uvPkg{name: name.str, version: t.str("version"), line: name.line, kind: "registry"}
	if src := t.table("source"); src != nil {
		for _, k := range []string{"registry", "git", "path", "directory", "url", "editable", "virtual"} {
			if s := src.str(k); s != "" {
				p.kind, p.source = k, s
				break
			}
		}
	}
	switch p.kind {
	case "registry":
		p.source = ""
	case "git":
		p.source = "git+" + p.source
	}
	p.deps = uvRefs(t.get("dependencies"))
	eachGroup(t.table("optional-dependencies"), func(extra string, v *tval) {
		if p.optional == nil {
			p.optional = map[string][]uvRef{}
		}
		p.optional[extra] = uvRefs(v)
	})
	eachGroup(t.table("dev-dependencies"), func(_ string, v *tval) { p.dev = append(p.dev, uvRefs(v)) })
	return p, true
}

// uvRefs reads an array of { name = …, version = …, extra = [...] } tables.
func uvRefs(v *tval) []uvRef {
	if v == nil {
		return nil
	}
	var out []uvRef
	for _, it := range v.items {
		if it.tab == nil || it.tab.str("name") == "" {
			continue
		}
		r := uvRef{name: it.tab.str("name"), version: it.tab.str("version")}
		if ex := it.tab.get("extra"); ex != nil {
			for _, e := range ex.items {
				r.extras = append(r.extras, e.str)
			}
		}
		out = append(out, r)
	}
	return out
}
