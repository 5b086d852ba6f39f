package detect

import (
	"slices"
	"strings"
)

// goLine reads Go import lines and import ( … ) blocks, and records the reply's own module
// from go.mod "module m" lines and "go mod init m" commands.
func (s *replyScan) goLine(t string) {
	switch {
	case s.goBlock && strings.HasPrefix(t, ")"):
		s.goBlock = false
	case s.goBlock:
		s.addGo(goImportPath(t))
	case strings.HasPrefix(t, "import ("):
		s.goBlock = !strings.Contains(t, ")")
	case strings.HasPrefix(t, "import "):
		s.addGo(goImportPath(t[len("import "):]))
	case strings.HasPrefix(t, "module "):
		s.addLocal(&s.goMods, strings.Trim(strings.TrimSpace(t[len("module "):]), "\"`"))
	}
	if _, m, ok := strings.Cut(t, "go mod init "); ok {
		s.addLocal(&s.goMods, cutAny(strings.TrimSpace(m), " `;&|"))
	}
}

// addGo records the module of a Go import path, if it is not a standard-library one.
func (s *replyScan) addGo(path string) {
	if ref, ok := goModule(path); ok {
		s.refs = append(s.refs, ref)
	}
}

// goImportPath returns the path of one Go import spec ("p", name "p", _ "p", . "p", with an
// optional trailing comment), or "".
func goImportPath(t string) string {
	i := strings.IndexAny(t, "\"`")
	if i < 0 || strings.ContainsAny(strings.TrimSpace(t[:i]), " \t") {
		return ""
	}
	j := strings.IndexByte(t[i+1:], t[i])
	if j < 0 {
		return ""
	}
	return t[i+1 : i+1+j]
}

// goModule reads a Go import or install path. Only paths whose first element is a domain
// name count: standard-library packages have none, and reserved domains (example.com,
// *.test, …) and placeholder owners (yourname) are examples, not packages. The reported
// name is the module path as the host lays it out; every prefix of two or more elements is
// also accepted as known, so a list holding a module knows its packages.
func goModule(path string) (packageRef, bool) {
	elems := strings.SplitN(path, "/", maxPathElems+1)
	elems = elems[:min(len(elems), maxPathElems)]
	if len(elems) < 2 || !validPackage(path) || !isDomain(elems[0]) || reservedDomain(elems[0]) ||
		placeholderOwner(elems[1]) || slices.ContainsFunc(elems, func(e string) bool { return e == "" || e == "." || e == ".." }) {
		return packageRef{}, false
	}
	forms := make([]string, 0, len(elems)-1)
	for k := 2; k <= len(elems); k++ {
		forms = append(forms, strings.Join(elems[:k], "/"))
	}
	return packageRef{name: forms[goModuleLen(elems)-2], forms: forms, eco: ecoGo}, true
}

// goModuleLen guesses how many elements of an import path form its module path: host, owner
// and repository on code-hosting sites and golang.org/x, the host and one element
// elsewhere, plus a /vN major-version suffix.
func goModuleLen(elems []string) int {
	n := 2
	switch elems[0] {
	case "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "git.sr.ht", "golang.org":
		n = 3
	}
	if n < len(elems) && majorVersion(elems[n]) {
		n++
	}
	return min(n, len(elems))
}

// majorVersion reports whether e is a Go major-version suffix such as v2.
func majorVersion(e string) bool {
	return len(e) >= 2 && e[0] == 'v' && strings.Trim(e[1:], "0123456789") == ""
}

// isDomain reports whether e looks like a lower-case domain name with an alphabetic
// top-level label (github.com, go.uber.org), as the first element of a Go module path is.
func isDomain(e string) bool {
	dot := strings.LastIndexByte(e, '.')
	if dot <= 0 || len(e)-dot-1 < 2 || strings.Contains(e, "..") || e[0] == '-' {
		return false
	}
	for i := 0; i < len(e); i++ {
		c := e[i]
		letter := c >= 'a' && c <= 'z'
		if i > dot && !letter || !letter && !(c >= '0' && c <= '9') && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// reservedDomain reports whether d can never be registered (RFC 2606 and 6761 names, and
// the .local and .internal suffixes): a module there is a placeholder.
func reservedDomain(d string) bool {
	for _, r := range []string{"example.com", "example.org", "example.net", "example", "test", "invalid", "localhost", "local", "internal"} {
		if d == r || strings.HasSuffix(d, "."+r) {
			return true
		}
	}
	return false
}

// placeholderOwner reports whether the second element of a module path is a placeholder
// such as yourname, your-org or username.
func placeholderOwner(o string) bool {
	o = strings.ToLower(o)
	return strings.HasPrefix(o, "your") || o == "user" || o == "username" || o == "example"
}
