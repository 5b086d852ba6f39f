// Package deps parses dependency manifests, lockfiles and installed-package metadata —
// requirements.txt, pyproject.toml, poetry.lock, uv.lock, Pipfile(.lock), package.json,
// package-lock.json, yarn.lock, pnpm-lock.yaml, go.mod, pom.xml, .dist-info/METADATA and
// node_modules/<pkg>/package.json — into packages with purls. Parsers are pure: they take
// bytes, never open the files a manifest refers to, never run anything and honour fixed
// budgets, so hostile input costs bounded time and memory and never panics.
package deps

import (
	"errors"
	"fmt"
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// Ecosystem is a package ecosystem, spelled as OSV spells it.
type Ecosystem string

// Ecosystems the parsers produce.
const (
	PyPI  Ecosystem = "PyPI"
	Npm   Ecosystem = "npm"
	Go    Ecosystem = "Go"
	Maven Ecosystem = "Maven"
)

// Kind is the kind of a manifest file.
type Kind string

// Manifest kinds.
const (
	Requirements Kind = "requirements"
	Pyproject    Kind = "pyproject"
	PoetryLock   Kind = "poetry-lock"
	UVLock       Kind = "uv-lock"
	PipfileLock  Kind = "pipfile-lock"
	Pipfile      Kind = "pipfile"
	PackageJSON  Kind = "package-json"
	PackageLock  Kind = "package-lock"
	YarnLock     Kind = "yarn-lock"
	PnpmLock     Kind = "pnpm-lock"
	GoMod        Kind = "go-mod"
	PomXML       Kind = "pom"
	// DistInfo is installed Python package metadata: .dist-info/METADATA and .egg-info/PKG-INFO.
	DistInfo Kind = "python-dist-info"
	// NodeModule is node_modules/<pkg>/package.json: an installed npm package.
	NodeModule Kind = "node-module"
)

// Budgets. Real manifests are far below each of them.
const (
	// MaxManifestBytes is the largest input Parse accepts.
	MaxManifestBytes = 32 << 20
	// MaxPackages is the most packages one manifest yields; the rest are counted in a gap.
	MaxPackages = 100_000
	// MaxLineBytes is the longest line the line-based parsers consider; longer lines are gaps.
	MaxLineBytes = 64 << 10
	// MaxGaps is the most gaps one manifest records; the rest are counted in a final gap.
	MaxGaps = 200
	// MaxDepth bounds the nesting of JSON, TOML and XML documents.
	MaxDepth = 128
)

// ErrTooLarge is matched by the error for input over MaxManifestBytes.
var ErrTooLarge = errors.New("manifest larger than the limit")

// Manifest is what one manifest file declares.
type Manifest struct {
	Kind Kind
	// Project is the project itself when the file declares it (pyproject [project] or
	// [tool.poetry], package.json name and version, go.mod module, pom.xml coordinates, the
	// uv.lock or yarn berry workspace root); nil otherwise.
	Project *Package
	// Packages are in file order, de-duplicated by (Ecosystem, normalised Name, Version).
	Packages []Package
	// Includes are the `-r other.txt` / `-c constraints.txt` references of a requirements
	// file. They are not followed: parsers do no I/O.
	Includes []string
	// Gaps say what could not be read: unsupported lines, entries skipped by budgets.
	Gaps []string
}

// Package is one declared, locked or installed package.
type Package struct {
	Ecosystem Ecosystem
	// Name is the name as written; Maven names are "groupId:artifactId". An npm alias
	// ("foo": "npm:bar@^1") gives the real package, bar.
	Name string
	// Version is the exact version when pinned (==1.2.3, ===, lockfile, go.mod and installed
	// versions); "" otherwise.
	Version string
	// Constraint is the requirement as written (">=1.0,<2", "^4.0.0", "~=2.1"); "" for
	// lockfiles and installed packages.
	Constraint string
	// Direct is true when the project declares the package itself (manifests, and lockfile
	// entries the lockfile marks as the project's own dependencies).
	Direct bool
	// Dev is true for dev, test and optional dependency groups and devDependencies; a Go
	// `// indirect` requirement is not dev.
	Dev bool
	// Line is the 1-based line where the package is declared, 0 when unknown.
	Line int
	// Source is a non-registry source: a git URL, a local path or a URL. "" for the registry.
	Source string
}

// PURL returns the package URL: pkg:pypi/<PEP 503 name>@<ver>, pkg:npm/%40scope/name@ver,
// pkg:golang/<module path>@<ver>, pkg:maven/<group>/<artifact>@<ver>. The version is left out
// when unknown; "" is returned for a package with no name.
func (p Package) PURL() string {
	name := NormalizeName(p.Ecosystem, p.Name)
	if name == "" {
		return ""
	}
	var typ, ns string
	switch p.Ecosystem {
	case PyPI:
		typ = packageurl.TypePyPi
	case Npm:
		typ = packageurl.TypeNPM
		if strings.HasPrefix(name, "@") {
			if i := strings.IndexByte(name, '/'); i > 0 {
				ns, name = name[:i], name[i+1:]
			}
		}
	case Go:
		typ = packageurl.TypeGolang
		if i := strings.LastIndexByte(name, '/'); i > 0 {
			ns, name = name[:i], name[i+1:]
		}
	case Maven:
		typ = packageurl.TypeMaven
		if i := strings.IndexByte(name, ':'); i >= 0 {
			ns, name = name[:i], name[i+1:]
		}
	default:
		return ""
	}
	if name == "" {
		return ""
	}
	return packageurl.NewPackageURL(typ, ns, name, p.Version, nil, "").ToString()
}

// NormalizeName returns the name packages are compared by: PEP 503 for PyPI (lowercase, runs
// of "-", "_" and "." become one "-"), lowercase for npm, the name as is for Go and Maven.
func NormalizeName(eco Ecosystem, name string) string {
	switch eco {
	case PyPI:
		return pep503(name)
	case Npm:
		return strings.ToLower(name)
	}
	return name
}

// pep503 normalises a Python distribution name.
func pep503(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '-' || c == '_' || c == '.':
			sep = true
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteByte(c)
	}
	return b.String()
}

// Parse reads one manifest of the given kind. It never panics: input over MaxManifestBytes,
// malformed syntax and nesting deeper than MaxDepth give an error that names the file kind
// ("unable to parse poetry.lock: line 3: …"); lines and entries it cannot read become Gaps.
func Parse(kind Kind, data []byte) (m *Manifest, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("unable to parse %s: internal error: %v", label(kind), r)
		}
	}()
	return parse(kind, data)
}

// parse is Parse without the panic guard, so that fuzzing sees every panic.
func parse(kind Kind, data []byte) (*Manifest, error) {
	if len(data) > MaxManifestBytes {
		return nil, fmt.Errorf("unable to parse %s: %w (%d > %d bytes)", label(kind), ErrTooLarge, len(data), MaxManifestBytes)
	}
	data = trimBOM(data)
	c := newCollector(kind)
	var err error
	switch kind {
	case Requirements:
		err = parseRequirements(c, data)
	case Pyproject:
		err = parsePyproject(c, data)
	case PoetryLock:
		err = parsePoetryLock(c, data)
	case UVLock:
		err = parseUVLock(c, data)
	case Pipfile:
		err = parsePipfile(c, data)
	case PipfileLock:
		err = parsePipfileLock(c, data)
	case PackageJSON, NodeModule:
		err = parsePackageJSON(c, data, kind == NodeModule)
	case PackageLock:
		err = parsePackageLock(c, data)
	case YarnLock:
		err = parseYarnLock(c, data)
	case PnpmLock:
		err = parsePnpmLock(c, data)
	case GoMod:
		err = parseGoMod(c, data)
	case PomXML:
		err = parsePom(c, data)
	case DistInfo:
		err = parseMetadata(c, data)
	default:
		return nil, fmt.Errorf("unable to parse %q: unknown manifest kind", string(kind))
	}
	if err != nil {
		return nil, fmt.Errorf("unable to parse %s: %w", label(kind), err)
	}
	return c.finish(), nil
}

// label names a kind's file in errors.
func label(k Kind) string {
	switch k {
	case Requirements:
		return "requirements file"
	case Pyproject:
		return "pyproject.toml"
	case PoetryLock:
		return "poetry.lock"
	case UVLock:
		return "uv.lock"
	case PipfileLock:
		return "Pipfile.lock"
	case Pipfile:
		return "Pipfile"
	case PackageJSON, NodeModule:
		return "package.json"
	case PackageLock:
		return "package-lock.json"
	case YarnLock:
		return "yarn.lock"
	case PnpmLock:
		return "pnpm-lock.yaml"
	case GoMod:
		return "go.mod"
	case PomXML:
		return "pom.xml"
	case DistInfo:
		return "package metadata"
	}
	return string(k)
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}
