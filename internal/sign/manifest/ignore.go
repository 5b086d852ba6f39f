package manifest

import (
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// ignoreSet is a set of root-anchored relative POSIX paths; a path is ignored when it
// equals one of them or lies beneath one.
type ignoreSet []string

// buildIgnores resolves the user, git and signature paths against root. Absolute paths are
// made relative to root; paths outside root are dropped, as model_signing does.
func buildIgnores(root string, o Options) ignoreSet {
	var raw []string
	raw = append(raw, o.IgnorePaths...)
	if o.IgnoreGitPaths {
		raw = append(raw, gitPaths[:]...)
	}
	if o.SignatureFile != "" {
		raw = append(raw, o.SignatureFile)
	}
	seen := map[string]bool{}
	var out ignoreSet
	for _, p := range raw {
		rel, ok := relToRoot(root, p)
		if ok && !seen[rel] {
			seen[rel] = true
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// relToRoot turns p (absolute, or relative to root) into a clean relative POSIX path.
func relToRoot(root, p string) (string, bool) {
	if p == "" {
		return "", false
	}
	if filepath.IsAbs(p) {
		r, err := filepath.Rel(root, filepath.Clean(p))
		if err != nil {
			return "", false
		}
		p = r
	}
	rel := path.Clean(filepath.ToSlash(p))
	if rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// match reports whether rel (relative POSIX) is ignored.
func (s ignoreSet) match(rel string) bool {
	for _, ig := range s {
		if ig == "." || rel == ig || strings.HasPrefix(rel, ig+"/") {
			return true
		}
	}
	return false
}
