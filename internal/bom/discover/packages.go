package discover

import (
	"fmt"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/code"
	"github.com/aisecops/aisec/internal/format/deps"
)

// lockKinds resolve versions; their entries are listed only when they are direct dependencies,
// AI packages, or every package was asked for.
var lockKinds = map[deps.Kind]bool{
	deps.PoetryLock: true, deps.UVLock: true, deps.PipfileLock: true, deps.PackageLock: true,
	deps.YarnLock: true, deps.PnpmLock: true,
}

// installedKinds are records of packages installed on disk (container root filesystems,
// virtualenvs, node_modules).
var installedKinds = map[deps.Kind]bool{deps.DistInfo: true, deps.NodeModule: true}

// pkgKey identifies a package across manifests: ecosystem and normalised name.
func pkgKey(eco deps.Ecosystem, name string) string {
	return string(eco) + "/" + deps.NormalizeName(eco, name)
}

// packages turns manifests into library components. Versions a manifest leaves open are taken
// from a lockfile in the same folder.
func (bd *builder) packages(files []*file) {
	locked := map[string]map[string]string{} // dir → pkgKey → locked version
	for _, f := range files {
		if f.manifest == nil || !resolvesVersions(f) {
			continue
		}
		dir := dirOf(f.rel)
		if locked[dir] == nil {
			locked[dir] = map[string]string{}
		}
		for _, p := range f.manifest.Packages {
			if p.Version != "" {
				locked[dir][pkgKey(p.Ecosystem, p.Name)] = p.Version
			}
		}
	}
	for _, f := range files {
		if f.manifest == nil {
			continue
		}
		bd.projectOf(f)
		if constraintsFile(f.rel) {
			continue // pins versions of what others declare; declares nothing itself
		}
		for _, p := range f.manifest.Packages {
			if !bd.keep(f.depsKind, p) {
				continue
			}
			p.Dev = p.Dev || devRequirements(f)
			if p.Version == "" {
				p.Version = locked[dirOf(f.rel)][pkgKey(p.Ecosystem, p.Name)]
			}
			bd.library(f, p)
		}
		for _, g := range f.manifest.Gaps {
			bd.b.Incomplete = append(bd.b.Incomplete, bom.Gap{Path: f.rel, Reason: g})
		}
	}
}

// resolvesVersions reports lockfiles and pip constraint files: they pin the versions that
// manifests in the same folder leave open.
func resolvesVersions(f *file) bool {
	return lockKinds[f.depsKind] || (f.depsKind == deps.Requirements && constraintsFile(f.rel))
}

func constraintsFile(p string) bool {
	return strings.Contains(strings.ToLower(path.Base(p)), "constraint")
}

// devRequirements reports requirement files of development tools (requirements-dev.txt,
// requirements/test.txt): their packages are optional for the application.
func devRequirements(f *file) bool {
	if f.depsKind != deps.Requirements {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(f.rel), func(r rune) bool { return strings.ContainsRune("-_./", r) })
	for _, w := range words {
		switch w {
		case "dev", "develop", "test", "tests", "testing", "lint", "docs", "ci":
			return true
		}
	}
	return false
}

// keep decides whether a package becomes a component.
func (bd *builder) keep(kind deps.Kind, p deps.Package) bool {
	if bd.o.AllPackages {
		return true
	}
	if _, ai := code.Lookup(string(p.Ecosystem), p.Name); ai {
		return true
	}
	switch {
	case installedKinds[kind]:
		return false
	case lockKinds[kind]:
		return p.Direct
	case kind == deps.GoMod:
		return p.Direct
	}
	return true
}

// projectOf names the subject after the top-level project manifest, when there is one.
func (bd *builder) projectOf(f *file) {
	p := f.manifest.Project
	if p == nil || dirOf(f.rel) != "" || installedKinds[f.depsKind] {
		return
	}
	if bd.b.Subject.Version == "" {
		bd.b.Subject.Version = p.Version
	}
	if p.Name != "" && bd.b.Subject.PURL == "" {
		bd.b.Subject.Name = p.Name
		bd.b.Subject.PURL = p.PURL()
	}
}

// library adds one package as a library component, or adds its evidence to an existing one.
func (bd *builder) library(f *file, p deps.Package) {
	purl := p.PURL()
	c := bom.Component{
		Ref: purl, Kind: bom.KindLibrary, Category: bom.CatDependency, Name: p.Name, Version: p.Version, PURL: purl,
		Occurrences: []bom.Occurrence{{Path: f.rel, Line: p.Line, What: declaration(p)}},
	}
	if e, ok := code.Lookup(string(p.Ecosystem), p.Name); ok {
		c.Category, c.Supplier = bom.Category(e.Category), e.Provider
	}
	c.Scope = "required"
	if p.Dev {
		c.Scope = "optional"
	}
	if p.Source != "" {
		setProperty(&c, "source", p.Source)
	}
	if p.Constraint != "" {
		setProperty(&c, "constraint", p.Constraint)
	}
	if installedKinds[f.depsKind] {
		setProperty(&c, "installed", "true")
	}
	stored := bd.add(c)
	bd.byPackage[pkgKey(p.Ecosystem, p.Name)] = stored.Ref
	if p.Direct || !lockKinds[f.depsKind] {
		bd.relate(SubjectRef, bom.RelDependsOn, stored.Ref)
	}
}

// declaration renders how a package was declared, for occurrences.
func declaration(p deps.Package) string {
	switch {
	case p.Constraint != "":
		return p.Name + " " + p.Constraint
	case p.Version != "":
		return fmt.Sprintf("%s %s", p.Name, p.Version)
	}
	return p.Name
}
