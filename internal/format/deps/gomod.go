package deps

import (
	"errors"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// parseGoMod reads go.mod with golang.org/x/mod/modfile. The module is the project; each
// require is a package, direct unless marked `// indirect`. Replace directives apply: a
// module replaced by another version takes that version, by another module path takes its
// version and names the replacement as Source, and by a local directory has no version and
// the directory as Source. A go.mod the strict parser refuses (a directive newer than the
// parser) is read leniently, without replacements, and the refusal is a gap.
func parseGoMod(c *collector, data []byte) error {
	f, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		lax, laxErr := modfile.ParseLax("go.mod", data, nil)
		if laxErr != nil {
			return goModError(err)
		}
		c.gap("%s; replace directives were not applied", goModError(err))
		f = lax
	}
	if f.Module != nil && f.Module.Mod.Path != "" {
		c.project(Package{Ecosystem: Go, Name: f.Module.Mod.Path, Line: syntaxLine(f.Module.Syntax)})
	}
	replaced := map[module.Version]module.Version{}
	for _, r := range f.Replace {
		replaced[r.Old] = r.New
	}
	for _, r := range f.Require {
		p := Package{Ecosystem: Go, Name: r.Mod.Path, Version: r.Mod.Version, Direct: !r.Indirect, Line: syntaxLine(r.Syntax)}
		to, ok := replaced[r.Mod]
		if !ok {
			to, ok = replaced[module.Version{Path: r.Mod.Path}]
		}
		if ok {
			switch {
			case to.Version == "":
				p.Version, p.Source = "", to.Path
			case to.Path != r.Mod.Path:
				p.Version, p.Source = to.Version, to.Path
			default:
				p.Version = to.Version
			}
		}
		c.add(p)
	}
	return nil
}

func syntaxLine(l *modfile.Line) int {
	if l == nil {
		return 0
	}
	return l.Start.Line
}

// goModError rewrites modfile's "go.mod:3:5: msg" positions as "line 3:5: msg".
func goModError(err error) error {
	return errors.New(strings.ReplaceAll(err.Error(), "go.mod:", "line "))
}
