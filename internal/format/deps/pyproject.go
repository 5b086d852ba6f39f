package deps

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// parsePyproject reads the PEP 621 [project] table (dependencies; optional-dependencies as
// dev), PEP 735 [dependency-groups] (dev), Poetry's [tool.poetry] dependencies, dev
// dependencies and groups, PDM's dev-dependencies, uv's legacy dev-dependencies, and applies
// [tool.uv.sources] to the packages it names.
func parsePyproject(c *collector, data []byte) error {
	root, err := parseTOML(data, nil)
	if err != nil {
		return err
	}
	if proj := root.table("project"); proj != nil {
		if name := root.get("project", "name"); name != nil && name.kind == unstable.String {
			c.project(Package{Ecosystem: PyPI, Name: name.str, Version: proj.str("version"), Line: name.line})
		}
		addPEP508List(c, proj.get("dependencies"), false)
		eachGroup(proj.table("optional-dependencies"), func(_ string, v *tval) { addPEP508List(c, v, true) })
	}
	eachGroup(root.table("dependency-groups"), func(_ string, v *tval) { addPEP508List(c, v, true) })
	eachGroup(root.table("tool", "pdm", "dev-dependencies"), func(_ string, v *tval) { addPEP508List(c, v, true) })
	addPEP508List(c, root.get("tool", "uv", "dev-dependencies"), true)
	if poetry := root.table("tool", "poetry"); poetry != nil {
		parsePoetrySection(c, poetry)
	}
	applyUVSources(c, root.table("tool", "uv", "sources"))
	return nil
}

// eachGroup calls fn for every key of t in order.
func eachGroup(t *ttable, fn func(name string, v *tval)) {
	if t == nil {
		return
	}
	for _, k := range t.keys {
		fn(k, t.fields[k])
	}
}

// addPEP508List adds every requirement string of an array. Non-string items (PEP 735
// {include-group = "…"} tables) name other groups and are skipped.
func addPEP508List(c *collector, v *tval, dev bool) {
	if v == nil || v.kind != unstable.Array {
		return
	}
	for _, it := range v.items {
		if it.kind == unstable.String {
			addPEP508(c, it, dev)
		}
	}
}

func addPEP508(c *collector, v *tval, dev bool) {
	r, ok := parsePEP508(v.str)
	if !ok {
		c.lineGap(v.line, "unsupported requirement syntax", v.str)
		return
	}
	p := Package{Ecosystem: PyPI, Name: r.name, Version: r.version, Constraint: r.spec, Direct: true, Dev: dev, Line: v.line, Source: r.url}
	if r.url != "" {
		_, p.Version = nameFromURL(r.url)
	}
	c.add(p)
}

// parsePoetrySection reads [tool.poetry]: the project, dependencies, the old
// dev-dependencies and [tool.poetry.group.<name>.dependencies] (dev unless the group is
// "main").
func parsePoetrySection(c *collector, poetry *ttable) {
	if name := poetry.get("name"); name != nil && name.kind == unstable.String {
		c.project(Package{Ecosystem: PyPI, Name: name.str, Version: poetry.str("version"), Line: name.line})
	}
	poetryDeps(c, poetry.table("dependencies"), false)
	poetryDeps(c, poetry.table("dev-dependencies"), true)
	eachGroup(poetry.table("group"), func(name string, v *tval) {
		if v.tab != nil {
			poetryDeps(c, v.tab.table("dependencies"), name != "main")
		}
	})
}

// poetryDeps adds a Poetry dependency table: "name = constraint", "name = {version = …,
// git|path|url = …, optional = true}" or an array of such tables. The python key is the
// interpreter constraint, not a package.
func poetryDeps(c *collector, t *ttable, dev bool) {
	eachGroup(t, func(name string, v *tval) {
		if strings.EqualFold(name, "python") {
			return
		}
		if v.kind == unstable.Array {
			for _, it := range v.items {
				poetryDep(c, name, it, v.line, dev)
			}
			return
		}
		poetryDep(c, name, v, v.line, dev)
	})
}

func poetryDep(c *collector, name string, v *tval, line int, dev bool) {
	p := Package{Ecosystem: PyPI, Name: name, Direct: true, Dev: dev, Line: line}
	switch {
	case v.kind == unstable.String:
		p.Constraint = v.str
	case v.tab != nil:
		p.Constraint = v.tab.str("version")
		p.Source = tableSource(v.tab, "git", "path", "url", "file")
		if o := v.tab.get("optional"); o != nil && o.str == "true" {
			p.Dev = true
		}
	default:
		c.lineGap(line, "unsupported dependency value", name)
		return
	}
	p.Version = poetryExact(p.Constraint)
	c.add(p)
}

// poetryExact returns the version a Poetry (or Pipfile) constraint pins: "1.2.3", "=1.2.3"
// and "==1.2.3" are exact in Poetry; anything with an operator, a wildcard or a range is not.
func poetryExact(s string) string {
	s = strings.TrimSpace(s)
	if v, ok := strings.CutPrefix(s, "=="); ok {
		s = strings.TrimSpace(strings.TrimPrefix(v, "="))
	} else if v, ok := strings.CutPrefix(s, "="); ok {
		s = strings.TrimSpace(v)
	}
	if isPlainVersion(s) {
		return s
	}
	return ""
}

// isPlainVersion reports whether s is a bare version: a digit (or "v" and a digit) then
// letters, digits, ".", "-", "+", "!" and "_".
func isPlainVersion(s string) bool {
	t := strings.TrimPrefix(s, "v")
	if t == "" || t[0] < '0' || t[0] > '9' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isAlnum(c) && c != '.' && c != '-' && c != '+' && c != '!' && c != '_' {
			return false
		}
	}
	return true
}

// tableSource formats the non-registry source a dependency table names: a git URL with its
// rev, tag or branch, or a path, URL or file.
func tableSource(t *ttable, keys ...string) string {
	for _, k := range keys {
		s := t.str(k)
		if s == "" {
			continue
		}
		if k != "git" {
			return s
		}
		if !strings.HasPrefix(s, "git+") {
			s = "git+" + s
		}
		for _, ref := range []string{"rev", "tag", "branch", "ref"} {
			if r := t.str(ref); r != "" {
				return s + "@" + r
			}
		}
		return s
	}
	return ""
}

// applyUVSources gives the packages [tool.uv.sources] names their git, path or URL source.
func applyUVSources(c *collector, sources *ttable) {
	if sources == nil {
		return
	}
	src := map[string]string{}
	eachGroup(sources, func(name string, v *tval) {
		if v.kind == unstable.Array && len(v.items) > 0 {
			v = v.items[0]
		}
		if v.tab == nil {
			return
		}
		s := tableSource(v.tab, "git", "path", "url")
		if w := v.tab.get("workspace"); s == "" && w != nil && w.str == "true" {
			s = "workspace"
		}
		if s != "" {
			src[pep503(name)] = s
		}
	})
	for i := range c.m.Packages {
		p := &c.m.Packages[i]
		if s, ok := src[pep503(p.Name)]; ok && p.Source == "" && p.Ecosystem == PyPI {
			p.Source = s
		}
	}
}

// parsePipfile reads a Pipfile: [packages], [dev-packages] and any other package category
// table (pipenv's custom categories, as dev). Values are "*", a specifier, or a table with
// version, git (and ref), path or file.
func parsePipfile(c *collector, data []byte) error {
	root, err := parseTOML(data, nil)
	if err != nil {
		return err
	}
	for _, k := range root.keys {
		switch k {
		case "source", "requires", "pipenv", "scripts":
			continue
		}
		t := root.table(k)
		if t == nil {
			continue
		}
		dev := k != "packages"
		eachGroup(t, func(name string, v *tval) { pipfileDep(c, name, v, dev) })
	}
	return nil
}

func pipfileDep(c *collector, name string, v *tval, dev bool) {
	p := Package{Ecosystem: PyPI, Name: name, Direct: true, Dev: dev, Line: v.line}
	switch {
	case v.kind == unstable.String:
		p.Constraint = v.str
	case v.tab != nil:
		p.Constraint = v.tab.str("version")
		p.Source = tableSource(v.tab, "git", "path", "file")
	default:
		c.lineGap(v.line, "unsupported package value", name)
		return
	}
	if p.Constraint != "*" {
		p.Version, _ = exactVersion(p.Constraint)
	}
	c.add(p)
}
