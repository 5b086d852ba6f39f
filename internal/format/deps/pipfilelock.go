package deps

import "strings"

// pipfileLockEntry is the part of a Pipfile.lock package entry that is kept.
type pipfileLockEntry struct {
	Version jsonString `json:"version"`
	Git     jsonString `json:"git"`
	Ref     jsonString `json:"ref"`
	Path    jsonString `json:"path"`
	File    jsonString `json:"file"`
}

// parsePipfileLock reads the "default" and "develop" (dev) sections of Pipfile.lock; versions
// are written "==1.2.3". Other pipenv categories are dev. The lock does not say which
// packages are direct.
func parsePipfileLock(c *collector, data []byte) error {
	r, err := newJSONReader(data)
	if err != nil {
		return err
	}
	isObj, err := r.object(func(section string, _ int) error {
		if section == "_meta" {
			return r.skip()
		}
		dev := section != "default"
		_, err := r.object(func(name string, line int) error {
			var e pipfileLockEntry
			if ok, err := r.decodeObject(&e); !ok {
				if err == nil {
					c.gap("line %d: %s.%s is not an object", line, section, name)
				}
				return err
			}
			p := Package{Ecosystem: PyPI, Name: name, Dev: dev, Line: line}
			p.Version, _ = exactVersion(string(e.Version))
			switch {
			case e.Git != "":
				p.Source = "git+" + strings.TrimPrefix(string(e.Git), "git+")
				if e.Ref != "" {
					p.Source += "@" + string(e.Ref)
				}
			case e.Path != "":
				p.Source = string(e.Path)
			case e.File != "":
				p.Source = string(e.File)
			}
			c.add(p)
			return nil
		})
		return err
	})
	if err != nil {
		return err
	}
	if !isObj {
		return errNotObject
	}
	return r.finish()
}
