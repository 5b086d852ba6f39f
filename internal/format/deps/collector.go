package deps

import (
	"fmt"
	"slices"
)

// pkgKey identifies a package for de-duplication.
type pkgKey struct {
	eco           Ecosystem
	name, version string
}

// collector accumulates one manifest under the package and gap budgets.
type collector struct {
	m           Manifest
	index       map[pkgKey]int
	dropped     int
	droppedGaps int
}

func newCollector(kind Kind) *collector {
	return &collector{m: Manifest{Kind: kind}, index: map[pkgKey]int{}}
}

// add keeps p unless an equal package was kept already; then the two are merged: direct when
// either is, dev only when both are, and the first non-empty constraint and source win.
func (c *collector) add(p Package) {
	if p.Name == "" {
		return
	}
	k := pkgKey{p.Ecosystem, NormalizeName(p.Ecosystem, p.Name), p.Version}
	if i, ok := c.index[k]; ok {
		q := &c.m.Packages[i]
		q.Direct = q.Direct || p.Direct
		q.Dev = q.Dev && p.Dev
		if q.Constraint == "" {
			q.Constraint = p.Constraint
		}
		if q.Source == "" {
			q.Source = p.Source
		}
		if q.Line == 0 {
			q.Line = p.Line
		}
		return
	}
	if len(c.m.Packages) >= MaxPackages {
		c.dropped++
		return
	}
	c.index[k] = len(c.m.Packages)
	c.m.Packages = append(c.m.Packages, p)
}

// project sets the project the manifest declares, the first one winning.
func (c *collector) project(p Package) {
	if c.m.Project == nil && p.Name != "" {
		c.m.Project = &p
	}
}

// include records a referenced requirements file.
func (c *collector) include(path string) {
	if len(c.m.Includes) < MaxGaps {
		c.m.Includes = append(c.m.Includes, path)
	}
}

// gap records something that could not be read.
func (c *collector) gap(format string, args ...any) {
	if len(c.m.Gaps) >= MaxGaps {
		c.droppedGaps++
		return
	}
	c.m.Gaps = append(c.m.Gaps, fmt.Sprintf(format, args...))
}

// lineGap records an unreadable line, cutting what is quoted from it.
func (c *collector) lineGap(line int, why, text string) {
	if len(text) > 80 {
		text = text[:80] + "…"
	}
	c.gap("line %d: %s: %q", line, why, text)
}

func (c *collector) finish() *Manifest {
	sortByLine(c.m.Packages)
	if c.dropped > 0 {
		c.m.Gaps = append(c.m.Gaps, fmt.Sprintf("%d more packages over the %d-package limit were not kept", c.dropped, MaxPackages))
	}
	if c.droppedGaps > 0 {
		c.m.Gaps = append(c.m.Gaps, fmt.Sprintf("%d more unreadable entries were not listed", c.droppedGaps))
	}
	return &c.m
}

// sortByLine puts packages in file order when every one has a line: parsers that read
// sections in a fixed order (Poetry's dev-dependencies before its groups) then still list
// packages as the file does.
func sortByLine(pkgs []Package) {
	for _, p := range pkgs {
		if p.Line == 0 {
			return
		}
	}
	slices.SortStableFunc(pkgs, func(a, b Package) int { return a.Line - b.Line })
}
