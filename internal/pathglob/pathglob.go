// Package pathglob matches slash-separated paths against glob patterns where "**" spans any
// number of directories, as users expect from .gitignore-style excludes.
package pathglob

import (
	"path"
	"strings"
)

// Match reports whether name matches pattern. Each segment follows path.Match; a "**" segment
// matches zero or more segments. A malformed pattern matches nothing.
func Match(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

// Valid reports whether every segment of pattern is a well-formed path.Match pattern.
func Valid(pattern string) bool {
	for _, seg := range strings.Split(pattern, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return false
		}
	}
	return true
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
