package vuln

import (
	"fmt"
	"strings"
)

// version is one parsed version; cmp is only called with a version of the same scheme.
type version interface {
	cmp(other version) int
	key() string // canonical form: equal versions have equal keys
}

// scheme parses the versions of one ordering.
type scheme interface {
	parse(s string) (version, error)
}

// canonicalEcosystems maps the lower-case spelling of an OSV ecosystem to its exact name.
var canonicalEcosystems = map[string]string{
	"pypi":        "PyPI",
	"npm":         "npm",
	"go":          "Go",
	"golang":      "Go",
	"maven":       "Maven",
	"crates.io":   "crates.io",
	"cargo":       "crates.io",
	"rubygems":    "RubyGems",
	"nuget":       "NuGet",
	"packagist":   "Packagist",
	"hex":         "Hex",
	"pub":         "Pub",
	"cran":        "CRAN",
	"hackage":     "Hackage",
	"swifturl":    "SwiftURL",
	"conancenter": "ConanCenter",
}

// CanonicalEcosystem returns the exact OSV spelling of eco ("pypi" → "PyPI"); an ecosystem it
// does not know (or one with a ":suffix") is returned trimmed but otherwise unchanged.
func CanonicalEcosystem(eco string) string {
	eco = strings.TrimSpace(eco)
	if c, ok := canonicalEcosystems[strings.ToLower(eco)]; ok {
		return c
	}
	return eco
}

// baseEcosystem drops a ":suffix" ("Debian:12" → "Debian").
func baseEcosystem(eco string) string {
	if i := strings.IndexByte(eco, ':'); i >= 0 {
		return eco[:i]
	}
	return eco
}

// NormalizeName returns the package name as matching compares it: PyPI names per PEP 503
// (lower case, runs of "-", "_", "." become "-"), npm names lower case, others unchanged.
func NormalizeName(eco, name string) string {
	name = strings.TrimSpace(name)
	switch baseEcosystem(eco) {
	case "PyPI":
		return normalizePyPIName(name)
	case "npm":
		return strings.ToLower(name)
	}
	return name
}

func normalizePyPIName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ecosystemScheme returns the version order of an ECOSYSTEM range in eco, or nil if unknown.
func ecosystemScheme(eco string) scheme {
	switch baseEcosystem(eco) {
	case "PyPI":
		return pep440Scheme{}
	case "npm", "crates.io", "Hex":
		return semverScheme{}
	case "Go":
		return goScheme{}
	case "Maven":
		return mavenScheme{}
	}
	return nil
}

// rangeScheme returns the version order of a range of type typ ("SEMVER" or "ECOSYSTEM") in
// eco, or nil when the range cannot be evaluated (GIT, unknown ecosystem).
func rangeScheme(eco, typ string) scheme {
	switch typ {
	case "SEMVER":
		if baseEcosystem(eco) == "Go" {
			return goScheme{}
		}
		return semverScheme{}
	case "ECOSYSTEM":
		return ecosystemScheme(eco)
	}
	return nil
}

// Compare orders two versions of ecosystem eco: negative when a < b, zero when equal,
// positive when a > b. PyPI follows PEP 440, npm (and crates.io, Hex) SemVer 2.0, Go module
// semver with pseudo-versions, Maven ComparableVersion. An invalid version gives an error
// matching ErrInvalidVersion; an ecosystem without a known order gives ErrUnknownEcosystem.
func Compare(eco, a, b string) (int, error) {
	s := ecosystemScheme(CanonicalEcosystem(eco))
	if s == nil {
		return 0, fmt.Errorf("%w: %q", ErrUnknownEcosystem, eco)
	}
	va, err := s.parse(a)
	if err != nil {
		return 0, err
	}
	vb, err := s.parse(b)
	if err != nil {
		return 0, err
	}
	return va.cmp(vb), nil
}

// ValidVersion reports whether v parses in eco's version scheme (nil when it does). Queries
// whose version is invalid only match advisories listing that exact version string.
func ValidVersion(eco, v string) error {
	s := ecosystemScheme(CanonicalEcosystem(eco))
	if s == nil {
		return fmt.Errorf("%w: %q", ErrUnknownEcosystem, eco)
	}
	_, err := s.parse(v)
	return err
}

func invalid(kind, v string) error {
	if len(v) > 64 {
		v = v[:64] + "…"
	}
	return fmt.Errorf("%w: %s %q", ErrInvalidVersion, kind, v)
}

// cmpNum compares two non-empty decimal digit strings of any length, ignoring leading zeros.
func cmpNum(a, b string) int {
	a, b = trimZeros(a), trimZeros(b)
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// trimZeros drops leading zeros, keeping "0" for zero.
func trimZeros(s string) string {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	return s[i:]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// fastKeyer is implemented by schemes that can compute the canonical key of common, simple
// version strings without a full parse (a load-time speed-up for long versions[] lists).
type fastKeyer interface {
	fastKey(s string) (string, bool)
}

// plainNumeric reports whether s is dot-separated decimal numbers without leading zeros, and
// how many there are.
func plainNumeric(s string) (int, bool) {
	n, start := 1, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			if !isDigit(s[i]) {
				return 0, false
			}
			continue
		}
		if seg := s[start:i]; seg == "" || (len(seg) > 1 && seg[0] == '0') {
			return 0, false
		}
		if i < len(s) {
			n++
		}
		start = i + 1
	}
	return n, true
}
