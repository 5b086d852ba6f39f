package manifest

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Change is a resource present on both sides with a different algorithm or digest.
// Want and Got are "algorithm:hexdigest".
type Change struct {
	Name, Want, Got string
}

// Diff lists how an actual manifest differs from a signed one; each list is sorted by name.
type Diff struct {
	Missing []string // signed but not found
	Extra   []string // found but not signed
	Changed []Change
}

// OK reports whether the manifests match.
func (d Diff) OK() bool {
	return len(d.Missing) == 0 && len(d.Extra) == 0 && len(d.Changed) == 0
}

// String summarizes the differences for error messages.
func (d Diff) String() string {
	var parts []string
	for _, n := range d.Missing {
		parts = append(parts, "missing "+n)
	}
	for _, n := range d.Extra {
		parts = append(parts, "unsigned "+n)
	}
	for _, c := range d.Changed {
		parts = append(parts, fmt.Sprintf("changed %s (signed %s, got %s)", c.Name, c.Want, c.Got))
	}
	return strings.Join(parts, "; ")
}

// Compare matches signed and actual by name, comparing (algorithm, digest).
func Compare(signed, actual *Manifest) Diff {
	want := indexEntries(signed)
	got := indexEntries(actual)
	var d Diff
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			d.Missing = append(d.Missing, name)
		case entryString(w) != entryString(g):
			d.Changed = append(d.Changed, Change{Name: name, Want: entryString(w), Got: entryString(g)})
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			d.Extra = append(d.Extra, name)
		}
	}
	sort.Strings(d.Missing)
	sort.Strings(d.Extra)
	sort.Slice(d.Changed, func(i, j int) bool { return d.Changed[i].Name < d.Changed[j].Name })
	return d
}

func indexEntries(m *Manifest) map[string]Entry {
	out := make(map[string]Entry, len(m.Entries))
	for _, e := range m.Entries {
		out[e.Name] = e
	}
	return out
}

func entryString(e Entry) string {
	return e.Algorithm + ":" + hex.EncodeToString(e.Digest)
}

// Rehash hashes the model for comparison with signed. Without onlyListed it is Build. With
// onlyListed (--ignore-unsigned-files) only the files named in signed are hashed: names are
// validated again (no absolute paths, no ".."), symlink policy and containment apply, and
// files that are absent are simply left out (Compare reports them missing).
func Rehash(ctx context.Context, modelPath string, signed *Manifest, o Options, onlyListed bool) (*Manifest, error) {
	if !onlyListed {
		return Build(ctx, modelPath, o)
	}
	o, err := o.normalized()
	if err != nil {
		return nil, err
	}
	m, err := openModel(modelPath, o.AllowSymlinks)
	if err != nil {
		return nil, err
	}
	ign := buildIgnores(m.root, o)
	files, err := m.listed(signed, ign, o)
	if err != nil {
		return nil, err
	}
	return hashFiles(ctx, m, files, ign, o)
}

// listed resolves the distinct file paths named by signed entries.
func (m *model) listed(signed *Manifest, ign ignoreSet, o Options) ([]file, error) {
	seen := map[string]bool{}
	var files []file
	for _, e := range signed.Entries {
		rel := e.Name
		if signed.Serialization.Method == MethodShards {
			p, _, _, err := SplitShard(e.Name)
			if err != nil {
				return nil, err
			}
			rel = p
		}
		if seen[rel] {
			continue
		}
		seen[rel] = true
		f, err := m.lookup(rel, ign, o.AllowSymlinks)
		if err != nil {
			return nil, err
		}
		if f != nil {
			files = append(files, *f)
		}
	}
	return files, nil
}

// lookup finds one listed file. It returns nil for absent or ignored files and for entries
// that do not fit the model kind ("." vs a directory).
func (m *model) lookup(rel string, ign ignoreSet, allowSymlinks bool) (*file, error) {
	if err := checkRelPath(rel); err != nil {
		return nil, err
	}
	if m.isFile != (rel == ".") {
		return nil, nil
	}
	files, err := m.enumerateOne(rel, ign, allowSymlinks)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	return &files[0], nil
}

// enumerateOne applies enumerate's policy to a single relative path.
func (m *model) enumerateOne(rel string, ign ignoreSet, allowSymlinks bool) ([]file, error) {
	if m.isFile {
		return m.enumerate(ign, allowSymlinks)
	}
	if ign.match(rel) {
		return nil, nil
	}
	if err := m.checkParents(rel); err != nil {
		return nil, err
	}
	p := filepath.Join(m.real, filepath.FromSlash(rel))
	li, err := os.Lstat(p)
	if err != nil {
		return nil, nil // absent (or unreadable): Compare reports it missing
	}
	f, err := m.visit(p, dirEntry{li}, ign, allowSymlinks)
	if err != nil || f == nil {
		return nil, err
	}
	return []file{*f}, nil
}

// checkParents rejects listed paths whose parent directories are symlinks: enumeration never
// descends into symlinked directories, so such files cannot belong to the model.
func (m *model) checkParents(rel string) error {
	parts := strings.Split(rel, "/")
	cur := m.real
	for _, part := range parts[:len(parts)-1] {
		cur = filepath.Join(cur, part)
		li, err := os.Lstat(cur)
		if err != nil {
			return nil // missing: reported by Compare
		}
		if li.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s lies under symlinked directory %s", rel, part)
		}
	}
	return nil
}

// dirEntry adapts an os.FileInfo from Lstat to fs.DirEntry.
type dirEntry struct{ os.FileInfo }

func (d dirEntry) Type() os.FileMode          { return d.Mode().Type() }
func (d dirEntry) Info() (os.FileInfo, error) { return d.FileInfo, nil }
