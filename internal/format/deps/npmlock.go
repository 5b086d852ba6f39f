package deps

import (
	"strings"
)

const nodeModules = "node_modules/"

// npmLockEntry is one locked package of package-lock.json.
type npmLockEntry struct {
	key      string // "node_modules/a/node_modules/b" (v2/v3) or the name (v1)
	line     int
	name     string
	version  string
	resolved string
	dev      bool
}

// npmLockPkg is the part of a v2/v3 "packages" entry that is kept.
type npmLockPkg struct {
	Name     jsonString `json:"name"`
	Version  jsonString `json:"version"`
	Resolved jsonString `json:"resolved"`
	Dev      jsonBool   `json:"dev"`
	Link     jsonBool   `json:"link"`
}

// npmLockProject is a v2/v3 entry for the root ("") or a workspace folder.
type npmLockProject struct {
	Name                 jsonString `json:"name"`
	Version              jsonString `json:"version"`
	Dependencies         jsonStrMap `json:"dependencies"`
	DevDependencies      jsonStrMap `json:"devDependencies"`
	OptionalDependencies jsonStrMap `json:"optionalDependencies"`
	PeerDependencies     jsonStrMap `json:"peerDependencies"`
}

// npmLock accumulates a package-lock.json while it is read.
type npmLock struct {
	name, version string
	root          *npmLockProject
	declared      map[string]bool // dependency names the root and workspaces declare
	packages      []npmLockEntry  // v2/v3
	hasPackages   bool
	v1            []npmLockEntry
}

// parsePackageLock reads package-lock.json or npm-shrinkwrap.json. Version 2 and 3 locks list
// "packages" keyed by node_modules paths: the name is the last node_modules/ segment (or the
// entry's name, for aliases), the root entry "" is the project, workspace folders and links
// are not packages, and a top-level entry whose name the root or a workspace declares is
// direct. Version 1 locks nest "dependencies"; they do not say which are direct.
func parsePackageLock(c *collector, data []byte) error {
	r, err := newJSONReader(data)
	if err != nil {
		return err
	}
	l := &npmLock{declared: map[string]bool{}}
	isObj, err := r.object(func(key string, _ int) error {
		var err error
		switch key {
		case "name":
			l.name, err = r.str()
		case "version":
			l.version, err = r.str()
		case "packages":
			l.hasPackages = true
			err = l.readPackages(r)
		case "dependencies":
			if l.hasPackages {
				return r.skip()
			}
			err = l.readV1(r, 0)
		default:
			err = r.skip()
		}
		return err
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
	l.emit(c)
	return nil
}

func (l *npmLock) readPackages(r *jsonReader) error {
	_, err := r.object(func(key string, line int) error {
		if key == "" || !strings.Contains(key, nodeModules) {
			var p npmLockProject
			if ok, err := r.decodeObject(&p); !ok {
				return err
			}
			if key == "" {
				l.root = &p
			}
			for _, m := range []jsonStrMap{p.Dependencies, p.DevDependencies, p.OptionalDependencies, p.PeerDependencies} {
				for name := range m {
					l.declared[name] = true
				}
			}
			return nil
		}
		var p npmLockPkg
		if ok, err := r.decodeObject(&p); !ok {
			return err
		}
		if p.Link {
			return nil
		}
		name := string(p.Name)
		if name == "" {
			name = key[strings.LastIndex(key, nodeModules)+len(nodeModules):]
		}
		l.packages = append(l.packages, npmLockEntry{
			key: key, line: line, name: name, version: string(p.Version), resolved: string(p.Resolved), dev: bool(p.Dev),
		})
		return nil
	})
	return err
}

// readV1 reads a v1 "dependencies" object, recursing into nested ones.
func (l *npmLock) readV1(r *jsonReader, depth int) error {
	_, err := r.object(func(name string, line int) error {
		i := len(l.v1)
		l.v1 = append(l.v1, npmLockEntry{key: name, line: line, name: name})
		_, err := r.object(func(key string, _ int) error {
			var err error
			switch key {
			case "version":
				l.v1[i].version, err = r.str()
			case "resolved":
				l.v1[i].resolved, err = r.str()
			case "dev":
				var b jsonBool
				err = r.decode(&b)
				l.v1[i].dev = bool(b)
			case "dependencies":
				if depth < MaxDepth {
					return l.readV1(r, depth+1)
				}
				return r.skip()
			default:
				return r.skip()
			}
			return err
		})
		return err
	})
	return err
}

// emit adds the project and the packages to c.
func (l *npmLock) emit(c *collector) {
	project := Package{Ecosystem: Npm, Name: l.name, Version: exactSemver(l.version)}
	if l.root != nil && l.root.Name != "" {
		project.Name, project.Version = string(l.root.Name), exactSemver(string(l.root.Version))
	}
	c.project(project)
	if l.hasPackages {
		for _, e := range l.packages {
			p := Package{Ecosystem: Npm, Name: e.name, Version: e.version, Dev: e.dev, Line: e.line, Source: npmResolvedSource(e.resolved)}
			if strings.Count(e.key, nodeModules) == 1 {
				alias := e.key[strings.Index(e.key, nodeModules)+len(nodeModules):]
				p.Direct = l.declared[alias]
			}
			c.add(p)
		}
		return
	}
	for _, e := range l.v1 {
		p := Package{Ecosystem: Npm, Name: e.name, Version: e.version, Dev: e.dev, Line: e.line, Source: npmResolvedSource(e.resolved)}
		if alias, ok := strings.CutPrefix(e.version, "npm:"); ok {
			p.Name, p.Version = splitNpmDescriptor(alias)
		} else if strings.Contains(e.version, ":") || strings.Contains(e.version, "/") {
			p.Source, p.Version = e.version, ""
		}
		c.add(p)
	}
}
