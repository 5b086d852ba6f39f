package manifest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// file is one regular file selected for hashing.
type file struct {
	rel  string      // manifest name: relative POSIX path, "." for a single-file model
	abs  string      // path to open (the resolved target for symlinks)
	info os.FileInfo // Stat of abs at enumeration time
}

// model is a resolved model root.
type model struct {
	root   string // absolute, cleaned model path
	real   string // root with symlinks resolved (containment checks)
	name   string // subject name
	isFile bool
}

// openModel resolves modelPath and applies the root symlink policy.
func openModel(modelPath string, allowSymlinks bool) (*model, error) {
	abs, err := filepath.Abs(modelPath)
	if err != nil {
		return nil, fmt.Errorf("unable to resolve model path %q: %w", modelPath, err)
	}
	li, err := os.Lstat(abs)
	if err != nil {
		return nil, fmt.Errorf("unable to read model path: %w", err)
	}
	if li.Mode()&fs.ModeSymlink != 0 && !allowSymlinks {
		return nil, fmt.Errorf("model path %s is a symlink (allow symlinks to use it)", abs)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("unable to resolve model path: %w", err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("unable to read model path: %w", err)
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, fmt.Errorf("model path %s is neither a regular file nor a directory", abs)
	}
	return &model{root: abs, real: real, name: filepath.Base(abs), isFile: fi.Mode().IsRegular()}, nil
}

// enumerate lists the regular files of the model that are not ignored, unsorted.
func (m *model) enumerate(ign ignoreSet, allowSymlinks bool) ([]file, error) {
	if m.isFile {
		if ign.match(".") {
			return nil, nil
		}
		fi, err := os.Stat(m.real)
		if err != nil {
			return nil, fmt.Errorf("unable to read model file: %w", err)
		}
		return []file{{rel: ".", abs: m.real, info: fi}}, nil
	}
	var files []file
	err := filepath.WalkDir(m.real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("unable to list %s: %w", p, err)
		}
		if p == m.real {
			return nil
		}
		f, err := m.visit(p, d, ign, allowSymlinks)
		if err != nil {
			return err // includes fs.SkipDir for ignored directories
		}
		if f != nil {
			files = append(files, *f)
		}
		return nil
	})
	return files, err
}

// visit classifies one walked entry. It returns a file to hash, fs.SkipDir to prune, or an
// error for entries the policy forbids.
func (m *model) visit(p string, d fs.DirEntry, ign ignoreSet, allowSymlinks bool) (*file, error) {
	rel, err := filepath.Rel(m.real, p)
	if err != nil {
		return nil, fmt.Errorf("unable to relativize %s: %w", p, err)
	}
	rel = filepath.ToSlash(rel)
	if !utf8.ValidString(rel) {
		return nil, fmt.Errorf("path %q is not valid UTF-8", rel)
	}
	if ign.match(rel) {
		if d.IsDir() {
			return nil, fs.SkipDir
		}
		return nil, nil
	}
	switch t := d.Type(); {
	case t.IsDir():
		return nil, nil
	case t&fs.ModeSymlink != 0:
		return m.symlink(p, rel, allowSymlinks)
	case t.IsRegular():
		fi, err := d.Info()
		if err != nil {
			return nil, fmt.Errorf("unable to stat %s: %w", rel, err)
		}
		return &file{rel: rel, abs: p, info: fi}, nil
	default:
		return nil, fmt.Errorf("%s is not a regular file, directory or symlink", rel)
	}
}

// symlink applies the symlink policy: forbidden unless allowed; an allowed link must resolve
// inside the model; links to directories are skipped (never descended).
func (m *model) symlink(p, rel string, allow bool) (*file, error) {
	if !allow {
		return nil, fmt.Errorf("%s is a symlink (allow symlinks to hash it)", rel)
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil, fmt.Errorf("unable to resolve symlink %s: %w", rel, err)
	}
	if !within(m.real, target) {
		return nil, fmt.Errorf("symlink %s escapes the model directory (points to %s)", rel, target)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return nil, fmt.Errorf("unable to stat symlink target of %s: %w", rel, err)
	}
	switch {
	case fi.IsDir():
		return nil, nil
	case fi.Mode().IsRegular():
		return &file{rel: rel, abs: target, info: fi}, nil
	}
	return nil, fmt.Errorf("symlink %s points to a special file", rel)
}

// within reports whether p is root or lies beneath it (both cleaned, absolute).
func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}
