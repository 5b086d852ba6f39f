package vuln

import (
	"strings"

	"golang.org/x/mod/semver"
)

// semverScheme orders SemVer 2.0 versions (https://semver.org) as npm does, tolerating a
// leading "=" and "v" and leading zeros in numbers. Build metadata is ignored.
type semverScheme struct{}

// semVersion is a parsed SemVer; numbers are digit strings without leading zeros.
type semVersion struct {
	core [3]string
	pre  []string
}

func (semverScheme) parse(s string) (version, error) {
	v, err := parseSemver(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// fastKey handles plain "MAJOR.MINOR.PATCH" versions, which are their own key.
func (semverScheme) fastKey(s string) (string, bool) {
	if n, ok := plainNumeric(s); !ok || n != 3 {
		return "", false
	}
	return s, true
}

func parseSemver(s string) (*semVersion, error) {
	orig := s
	s = strings.TrimSpace(s)
	if len(s) > maxVersionLen {
		return nil, invalid("semver", orig)
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	if i := strings.IndexByte(s, '+'); i >= 0 {
		if !validIdents(s[i+1:]) {
			return nil, invalid("semver", orig)
		}
		s = s[:i]
	}
	v := &semVersion{}
	if i := strings.IndexByte(s, '-'); i >= 0 {
		if !validIdents(s[i+1:]) {
			return nil, invalid("semver", orig)
		}
		v.pre = strings.Split(s[i+1:], ".")
		for k, id := range v.pre {
			if allDigits(id) {
				v.pre[k] = trimZeros(id)
			}
		}
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, invalid("semver", orig)
	}
	for k, p := range parts {
		if !allDigits(p) {
			return nil, invalid("semver", orig)
		}
		v.core[k] = trimZeros(p)
	}
	return v, nil
}

// validIdents reports whether s is a non-empty dot-separated list of non-empty
// [0-9A-Za-z-] identifiers.
func validIdents(s string) bool {
	if s == "" {
		return false
	}
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && c != '-' {
				return false
			}
		}
	}
	return true
}

func (v *semVersion) cmp(other version) int {
	o := other.(*semVersion)
	for i := range v.core {
		if c := cmpNum(v.core[i], o.core[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(v.pre) == 0 && len(o.pre) == 0:
		return 0
	case len(v.pre) == 0:
		return 1 // a release sorts after its pre-releases
	case len(o.pre) == 0:
		return -1
	}
	for i := 0; i < len(v.pre) && i < len(o.pre); i++ {
		if c := cmpIdent(v.pre[i], o.pre[i]); c != 0 {
			return c
		}
	}
	return sign(len(v.pre) - len(o.pre))
}

// cmpIdent orders pre-release identifiers: numeric ones numerically and below alphanumeric
// ones, alphanumeric ones in ASCII order.
func cmpIdent(a, b string) int {
	na, nb := allDigits(a), allDigits(b)
	switch {
	case na && nb:
		return cmpNum(a, b)
	case na:
		return -1
	case nb:
		return 1
	}
	return strings.Compare(a, b)
}

func (v *semVersion) key() string {
	k := strings.Join(v.core[:], ".")
	if len(v.pre) > 0 {
		k += "-" + strings.Join(v.pre, ".")
	}
	return k
}

// goScheme orders Go module versions with golang.org/x/mod/semver: "v" is optional (OSV
// writes Go versions without it), "go1.21.3" style toolchain versions are accepted, and
// pseudo-versions order as the pre-releases they are.
type goScheme struct{}

// goVersion is a canonical Go semver ("v1.2.3-pre", build metadata dropped).
type goVersion string

func (goScheme) parse(s string) (version, error) {
	orig := s
	s = strings.TrimSpace(s)
	if len(s) > maxVersionLen {
		return nil, invalid("Go", orig)
	}
	if strings.HasPrefix(s, "go") && len(s) > 2 && isDigit(s[2]) {
		s = s[2:]
	}
	if !strings.HasPrefix(s, "v") {
		s = "v" + s
	}
	if !semver.IsValid(s) {
		return nil, invalid("Go", orig)
	}
	return goVersion(semver.Canonical(s)), nil
}

func (v goVersion) cmp(other version) int {
	return semver.Compare(string(v), string(other.(goVersion)))
}

func (v goVersion) key() string { return string(v) }
