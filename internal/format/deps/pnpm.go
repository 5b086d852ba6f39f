package deps

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// pnpmLock is a pnpm-lock.yaml read through the bounded YAML reader.
type pnpmLock struct {
	root   map[string]any
	major  int
	direct map[string]bool // "name@version" the importers declare → true when also non-dev
	devDep map[string]bool // "name@version" declared only as devDependencies
	prod   map[string]bool // v9: "name@version" reachable from non-dev importer dependencies
	dev    map[string]bool // v9: reachable from devDependencies
}

// parsePnpmLock reads pnpm-lock.yaml: v5 ("/name/1.2.3_peer" keys), v6 ("/name@1.2.3(peer)")
// and v9 ("name@1.2.3" packages plus a snapshots graph). Importers (or the top-level
// dependency sections of single-project locks) make the direct packages. Dev comes from the
// packages' dev flags (v5, v6) or from what only devDependencies reach (v9). The YAML is
// read by internal/format/structured, which bounds nodes, depth and alias expansion; keys
// are visited in sorted order, which is the order pnpm writes.
func parsePnpmLock(c *collector, data []byte) error {
	d, err := structured.Parse(data, limits.Budget{})
	if err != nil {
		return err
	}
	root := pnpmMainDoc(d)
	if root == nil {
		if gaps := d.Gaps(); len(gaps) > 0 {
			return errors.New(gaps[0])
		}
		return errors.New("not a pnpm lockfile")
	}
	for _, g := range d.Gaps() {
		c.gap("%s", g)
	}
	l := &pnpmLock{root: root, major: pnpmMajor(root["lockfileVersion"]), direct: map[string]bool{}, devDep: map[string]bool{}}
	roots, devRoots := l.importers()
	if l.major >= 9 {
		graph := pnpmSnapshots(asMap(root["snapshots"]))
		l.prod, l.dev = graph.reach(roots), graph.reach(devRoots)
	}
	pkgs := asMap(root["packages"])
	for _, key := range sortedKeys(pkgs) {
		l.emit(c, key, asMap(pkgs[key]))
	}
	return nil
}

// pnpmMainDoc picks the lockfile document: pnpm 10 may write an environment lockfile
// document (config dependencies) before the main one, so the last document with packages or
// importers wins.
func pnpmMainDoc(d *structured.Doc) map[string]any {
	var main map[string]any
	for _, doc := range d.Docs() {
		m := asMap(doc)
		if m != nil && (main == nil || m["packages"] != nil || m["importers"] != nil || m["dependencies"] != nil) {
			main = m
		}
	}
	return main
}

// pnpmMajor reads lockfileVersion ("9.0", 5.4, "6.0").
func pnpmMajor(v any) int {
	s := asString(v)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	n, _ := strconv.Atoi(s)
	return n
}

// importers records the direct packages and returns the snapshot keys the importers'
// dependencies (roots) and devDependencies (devRoots) point at.
func (l *pnpmLock) importers() (roots, devRoots []string) {
	importers := asMap(l.root["importers"])
	if importers == nil {
		importers = map[string]any{".": l.root}
	}
	for _, path := range sortedKeys(importers) {
		imp := asMap(importers[path])
		for _, section := range []string{"dependencies", "optionalDependencies", "devDependencies"} {
			deps := asMap(imp[section])
			for _, name := range sortedKeys(deps) {
				v := deps[name]
				if m := asMap(v); m != nil {
					v = m["version"]
				}
				ver := asString(v)
				if ver == "" || strings.HasPrefix(ver, "link:") {
					continue
				}
				snap := l.depPath(name, ver)
				key := pnpmBase(snap, l.major)
				if section == "devDependencies" {
					devRoots = append(devRoots, snap)
					if !l.direct[key] {
						l.devDep[key] = true
					}
				} else {
					roots = append(roots, snap)
					delete(l.devDep, key)
				}
				l.direct[key] = true
			}
		}
	}
	return roots, devRoots
}

// depPath turns an importer or snapshot reference into a dependency path: "name@version"
// (v6+) or "/name/version" (v5). A reference that already is a path (an alias, a
// non-registry package) is kept.
func (l *pnpmLock) depPath(name, ver string) string {
	if isPnpmPath(ver, l.major) {
		return ver
	}
	if l.major < 6 {
		return "/" + name + "/" + ver
	}
	if l.major < 9 {
		return "/" + name + "@" + ver
	}
	return name + "@" + ver
}

// isPnpmPath reports whether a version reference is a dependency path rather than a version:
// "/name/1.0.0" or "/name@1.0.0" (v5, v6), a v5/v6 non-registry path ("github.com/a/b/sha"),
// or a v9 alias ("real@1.0.0", "@scope/real@1.0.0"). Peer suffixes are ignored.
func isPnpmPath(ver string, major int) bool {
	core := ver
	if i := strings.IndexByte(core, '('); i >= 0 {
		core = core[:i]
	}
	if major < 9 {
		return strings.Contains(core, "/")
	}
	name, rest := splitNpmDescriptor(core)
	return rest != "" && isNpmName(name)
}

// isNpmName reports whether s has the shape of a package name: "name" or "@scope/name",
// with no protocol or further "@".
func isNpmName(s string) bool {
	if scoped, ok := strings.CutPrefix(s, "@"); ok {
		scope, name, found := strings.Cut(scoped, "/")
		return found && scope != "" && name != "" && !strings.ContainsAny(scoped, ":@") && !strings.Contains(name, "/")
	}
	return s != "" && !strings.ContainsAny(s, ":@/")
}

// pnpmBase strips the leading "/" and the peer suffix of a dependency path, giving
// "name@version".
func pnpmBase(path string, major int) string {
	name, ver := pnpmSplit(path, major)
	return name + "@" + ver
}

// pnpmSplit splits a dependency path into name and version, peer suffixes removed.
func pnpmSplit(path string, major int) (name, version string) {
	p := strings.TrimPrefix(path, "/")
	if i := strings.IndexByte(p, '('); i > 0 {
		p = p[:i]
	}
	if major < 6 && major > 0 {
		i := strings.LastIndexByte(p, '/')
		if i <= 0 {
			return p, ""
		}
		name, version = p[:i], p[i+1:]
		if j := strings.IndexByte(version, '_'); j > 0 {
			version = version[:j]
		}
		return name, version
	}
	return splitNpmDescriptor(p)
}

// emit adds one packages entry.
func (l *pnpmLock) emit(c *collector, key string, entry map[string]any) {
	name, version := pnpmSplit(key, l.major)
	base := name + "@" + version
	p := Package{Ecosystem: Npm, Name: name, Version: version, Direct: l.direct[base]}
	nonRegistry := !strings.HasPrefix(key, "/") && l.major < 9 || strings.ContainsAny(version, ":/")
	if nonRegistry {
		p.Source = pnpmSource(key, version, asMap(entry["resolution"]))
		p.Version = asString(entry["version"])
	}
	if n := asString(entry["name"]); n != "" {
		p.Name = n
	}
	switch {
	case l.major >= 9:
		p.Dev = l.dev[base] && !l.prod[base]
	case entry["dev"] != nil:
		p.Dev = entry["dev"] == true
	default:
		p.Dev = l.devDep[base]
	}
	if p.Name == "" {
		c.gap("pnpm package %q has no name", key)
		return
	}
	c.add(p)
}

// pnpmSource describes where a non-registry package comes from.
func pnpmSource(key, version string, res map[string]any) string {
	if repo := asString(res["repo"]); repo != "" {
		if commit := asString(res["commit"]); commit != "" {
			return repo + "#" + commit
		}
		return repo
	}
	if t := asString(res["tarball"]); t != "" {
		return t
	}
	if strings.ContainsAny(version, ":/") {
		return version
	}
	return key
}

// pnpmGraph is the v9 snapshots dependency graph.
type pnpmGraph map[string][]string

func pnpmSnapshots(snaps map[string]any) pnpmGraph {
	g := pnpmGraph{}
	for key, v := range snaps {
		entry := asMap(v)
		for _, section := range []string{"dependencies", "optionalDependencies"} {
			deps := asMap(entry[section])
			for name, ver := range deps {
				s := asString(ver)
				if s == "" || strings.HasPrefix(s, "link:") {
					continue
				}
				if isPnpmPath(s, 9) {
					g[key] = append(g[key], s) // an alias: "real@1.0.0"
				} else {
					g[key] = append(g[key], name+"@"+s)
				}
			}
		}
	}
	return g
}

// reach returns the "name@version" bases reachable from the roots.
func (g pnpmGraph) reach(roots []string) map[string]bool {
	seen := map[string]bool{}
	bases := map[string]bool{}
	queue := slices.Clone(roots)
	for len(queue) > 0 {
		k := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[k] {
			continue
		}
		seen[k] = true
		bases[pnpmBase(k, 9)] = true
		queue = append(queue, g[k]...)
	}
	return bases
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// asString formats a YAML scalar: strings as they are, numbers without exponent.
func asString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
