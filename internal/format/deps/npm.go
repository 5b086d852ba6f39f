package deps

import (
	"strings"
)

// npmDepFields are the package.json dependency fields; devDependencies are dev.
// optionalDependencies and peerDependencies are installed with the package, so they are not.
var npmDepFields = map[string]bool{
	"dependencies": false, "devDependencies": true, "optionalDependencies": false, "peerDependencies": false,
}

// parsePackageJSON reads a project's package.json (the project from name and version, its
// dependency fields) or, for an installed node_modules/<pkg>/package.json, the one package it
// describes.
func parsePackageJSON(c *collector, data []byte, installed bool) error {
	r, err := newJSONReader(data)
	if err != nil {
		return err
	}
	var name, version string
	nameLine := 0
	isObj, err := r.object(func(key string, line int) error {
		switch {
		case key == "name":
			nameLine = line
			name, err = r.str()
			return err
		case key == "version":
			version, err = r.str()
			return err
		}
		dev, ok := npmDepFields[key]
		if !ok || installed {
			return r.skip()
		}
		return r.strMap(func(dep, spec string, ok bool, line int) {
			if !ok {
				c.gap("line %d: %s.%s is not a string", line, key, dep)
				return
			}
			c.add(npmDeclared(dep, spec, dev, line))
		})
	})
	if err != nil {
		return err
	}
	if !isObj {
		return errNotObject
	}
	if err := r.finish(); err != nil {
		return err
	}
	p := Package{Ecosystem: Npm, Name: name, Version: version, Line: nameLine}
	if installed {
		if name == "" {
			c.gap("installed package.json has no name")
		}
		c.add(p)
		return nil
	}
	p.Version = exactSemver(version)
	c.project(p)
	return nil
}

// npmDeclared turns a package.json dependency into a package. Aliases ("npm:real@range") give
// the real package; git, GitHub, file, link and URL specs are sources; only an exact version
// ("1.2.3", "=1.2.3", "v1.2.3") is a Version.
func npmDeclared(name, spec string, dev bool, line int) Package {
	p := Package{Ecosystem: Npm, Name: name, Constraint: spec, Direct: true, Dev: dev, Line: line}
	if alias, ok := strings.CutPrefix(spec, "npm:"); ok {
		if real, rng := splitNpmDescriptor(alias); real != "" {
			p.Name, p.Constraint = real, rng
		}
	}
	if src := npmSpecSource(p.Constraint); src != "" {
		p.Source = src
		return p
	}
	p.Version = exactSemver(p.Constraint)
	return p
}

// splitNpmDescriptor splits "name@range" (the name may be scoped: "@scope/name@range").
func splitNpmDescriptor(s string) (name, rng string) {
	from := 0
	if strings.HasPrefix(s, "@") {
		from = 1
	}
	i := strings.IndexByte(s[from:], '@')
	if i < 0 {
		return s, ""
	}
	return s[:from+i], s[from+i+1:]
}

// npmSpecSource returns spec when it names a non-registry source: a protocol (git, github,
// file, link, http…), a local path, or the GitHub "user/repo" shorthand.
func npmSpecSource(spec string) string {
	s := strings.TrimSpace(spec)
	if s == "" {
		return ""
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		switch strings.ToLower(s[:i]) {
		case "git", "git+ssh", "git+https", "git+http", "git+file", "github", "gitlab", "bitbucket", "gist",
			"file", "link", "portal", "http", "https", "workspace", "patch", "exec":
			return s
		}
	}
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~/") {
		return s
	}
	if i := strings.IndexByte(s, '/'); i > 0 && !strings.ContainsAny(s[:i], " <>=^~|@") {
		return s // user/repo, user/repo#ref
	}
	return ""
}

// exactSemver returns the version when s is exactly one semver version, optionally with "="
// or "v" before it.
func exactSemver(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	s = strings.TrimPrefix(s, "v")
	core, rest := s, ""
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		core, rest = s[:i], s[i:]
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; !isAlnum(c) && c != '.' && c != '-' && c != '+' {
			return ""
		}
	}
	if rest == "-" || rest == "+" {
		return ""
	}
	return s
}

// npmResolvedSource returns the source a lockfile's resolved field names when it is not a
// registry tarball ("<registry>/<name>/-/<file>.tgz").
func npmResolvedSource(resolved string) string {
	if resolved == "" {
		return ""
	}
	lower := strings.ToLower(resolved)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		u := resolved
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		if strings.Contains(u, "/-/") {
			return ""
		}
		return resolved
	}
	return resolved
}
