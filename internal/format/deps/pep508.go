package deps

import (
	"net/url"
	"path"
	"strings"
)

// requirement is one parsed PEP 508 requirement. Extras and markers are dropped: the package
// is kept whatever the environment.
type requirement struct {
	name    string
	spec    string // version specifier as written, outer parentheses removed
	version string // exact version when the specifier pins one
	url     string // direct reference (`name @ url`)
}

// parsePEP508 parses "name[extras] spec ; marker" or "name[extras] @ url ; marker". It is
// lenient about spacing and strict about the name and the specifier operators.
func parsePEP508(s string) (requirement, bool) {
	s = strings.TrimSpace(s)
	n := nameLen(s)
	if n == 0 {
		return requirement{}, false
	}
	r := requirement{name: s[:n]}
	rest := strings.TrimLeft(s[n:], " \t")
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return requirement{}, false
		}
		rest = strings.TrimLeft(rest[end+1:], " \t")
	}
	if strings.HasPrefix(rest, "@") {
		u := strings.TrimSpace(rest[1:])
		if i := strings.Index(u, " ;"); i >= 0 {
			u = strings.TrimSpace(u[:i])
		} else if i := strings.Index(u, "\t;"); i >= 0 {
			u = strings.TrimSpace(u[:i])
		}
		if u == "" || strings.ContainsAny(u, " \t") {
			return requirement{}, false
		}
		r.url = u
		return r, true
	}
	if i := strings.IndexByte(rest, ';'); i >= 0 {
		rest = rest[:i]
	}
	spec := strings.TrimSpace(rest)
	if strings.HasPrefix(spec, "(") && strings.HasSuffix(spec, ")") {
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	v, ok := exactVersion(spec)
	if !ok {
		return requirement{}, false
	}
	r.spec, r.version = spec, v
	return r, true
}

// nameLen returns the length of the distribution name at the start of s: an ASCII letter or
// digit followed by letters, digits, "-", "_" and ".", not ending in a separator.
func nameLen(s string) int {
	n := 0
	for n < len(s) && (isAlnum(s[n]) || (n > 0 && (s[n] == '-' || s[n] == '_' || s[n] == '.'))) {
		n++
	}
	for n > 0 && !isAlnum(s[n-1]) {
		n--
	}
	return n
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// specOps are the PEP 440 comparison operators, longest first.
var specOps = []string{"===", "==", "!=", "~=", "<=", ">=", "<", ">"}

// exactVersion validates a comma-separated PEP 440 specifier and returns the version it pins:
// the operand of an `===` clause or of an `==` clause without a `.*` wildcard. An empty
// specifier is valid and pins nothing.
func exactVersion(spec string) (string, bool) {
	if spec == "" {
		return "", true
	}
	pinned := ""
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimSpace(clause)
		op := ""
		for _, o := range specOps {
			if strings.HasPrefix(clause, o) {
				op = o
				break
			}
		}
		if op == "" {
			return "", false
		}
		v := strings.TrimSpace(clause[len(op):])
		if v == "" || strings.ContainsAny(v, " \t()[]<>=!~;,'\"") {
			return "", false
		}
		if pinned == "" && (op == "===" || op == "==" && !strings.HasSuffix(v, ".*")) && !strings.Contains(v, "${") {
			pinned = v
		}
	}
	return pinned, true
}

// nameFromURL derives a distribution name (and version, for wheels and sdists) from a pip
// URL or path: the `#egg=` fragment, or the wheel or sdist file name.
func nameFromURL(raw string) (name, version string) {
	frag := ""
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw, frag = raw[:i], raw[i+1:]
	}
	for _, kv := range strings.Split(frag, "&") {
		if egg, ok := strings.CutPrefix(kv, "egg="); ok {
			egg, _ = url.QueryUnescape(egg)
			if n := nameLen(egg); n > 0 {
				return egg[:n], ""
			}
		}
	}
	if i := strings.IndexAny(raw, "?"); i >= 0 {
		raw = raw[:i]
	}
	file := path.Base(strings.TrimRight(raw, "/"))
	if f, err := url.PathUnescape(file); err == nil {
		file = f
	}
	return distFileName(file)
}

// distFileName splits a wheel ("name-1.0-py3-none-any.whl") or sdist ("name-1.0.tar.gz")
// file name into name and version.
func distFileName(file string) (name, version string) {
	if stem, ok := strings.CutSuffix(file, ".whl"); ok {
		parts := strings.Split(stem, "-")
		if len(parts) >= 5 && nameLen(parts[0]) == len(parts[0]) {
			return parts[0], parts[1]
		}
		return "", ""
	}
	for _, ext := range []string{".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip"} {
		if stem, ok := strings.CutSuffix(file, ext); ok {
			i := strings.LastIndexByte(stem, '-')
			if i > 0 && i+1 < len(stem) && stem[i+1] >= '0' && stem[i+1] <= '9' && nameLen(stem[:i]) == i {
				return stem[:i], stem[i+1:]
			}
		}
	}
	return "", ""
}

// isURLOrPath reports whether a requirements argument is a URL or a local path rather than
// a PEP 508 requirement, as pip decides.
func isURLOrPath(s string) bool {
	if n := nameLen(s); n > 0 {
		rest := strings.TrimLeft(s[n:], " \t")
		if strings.HasPrefix(rest, "[") {
			if end := strings.IndexByte(rest, ']'); end >= 0 {
				rest = strings.TrimLeft(rest[end+1:], " \t")
			}
		}
		if strings.HasPrefix(rest, "@") {
			return false // PEP 508 direct reference: name @ url
		}
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "file:") {
		return true
	}
	for _, p := range []string{"git+", "hg+", "svn+", "bzr+", ".", "/", "~"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	name := s
	if i := strings.IndexAny(s, " ;"); i >= 0 {
		name = s[:i]
	}
	if strings.ContainsAny(name, "/\\") {
		return true
	}
	lower := strings.ToLower(name)
	for _, ext := range []string{".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
