package source

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/aisecops/aisec/internal/pathglob"
)

// WalkOptions controls Walk.
type WalkOptions struct {
	// FollowSymlinks follows symbolic links to regular files that resolve inside the root they
	// were found under. Links leaving their root are never followed.
	FollowSymlinks bool
	// Exclude holds path.Match patterns matched against each walked path relative to its root
	// (slash-separated) and against its base name; a matching directory is not descended into.
	Exclude []string
}

// Walk emits every regular file under the roots, in root order and then sorted by name. A root
// may be a file (emitted with Path as given; a symlink given as a root is followed, the user
// named it) or a directory (files emitted with Path relative to it). Everything not emitted is
// reported through skip with a reason: special files, unreadable directories, excluded paths
// (reason starting "excluded"), symlinks not followed or leaving their root. A root that cannot
// be accessed is an error returned before anything is emitted. Walk is sequential and cheap
// (no file is opened); the caller parallelises. An error from emit stops the walk.
func Walk(ctx context.Context, roots []string, opts WalkOptions, emit func(Node) error, skip func(path, reason string)) error {
	for _, p := range opts.Exclude {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("unable to use exclude pattern %q: %w", p, err)
		}
	}
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			return fmt.Errorf("unable to access %q: %w", root, err)
		}
	}
	w := &walker{ctx: ctx, opts: opts, emit: emit, skip: skip}
	for _, root := range roots {
		if err := w.root(root); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	ctx  context.Context
	opts WalkOptions
	emit func(Node) error
	skip func(path, reason string)
}

func (w *walker) root(root string) error {
	info, err := os.Stat(root)
	if err != nil {
		w.skip(root, fmt.Sprintf("unable to access: %v", err))
		return nil
	}
	switch {
	case info.Mode().IsRegular():
		return w.emit(fileNode(root, root, root, info))
	case info.IsDir():
		real, err := filepath.EvalSymlinks(root)
		if err != nil {
			w.skip(root, fmt.Sprintf("unable to resolve: %v", err))
			return nil
		}
		return w.dir(root, real, "")
	}
	w.skip(root, fmt.Sprintf("special file (%s) is not analysed", info.Mode().Type()))
	return nil
}

// dir walks root/rel; real is the resolved root that followed symlinks must stay inside.
func (w *walker) dir(root, real, rel string) error {
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		w.skip(displayPath(root, rel), fmt.Sprintf("unable to read directory: %v", err))
		return nil
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return fmt.Errorf("unable to walk %q: %w", root, err)
		}
		relPath := path.Join(rel, e.Name())
		if p, ok := w.excluded(relPath, e.Name()); ok {
			w.skip(relPath, fmt.Sprintf("excluded by pattern %q", p))
			continue
		}
		full := filepath.Join(root, filepath.FromSlash(relPath))
		switch t := e.Type(); {
		case t.IsDir() && w.opts.FollowSymlinks && hfBlobsDir(full):
			w.skip(relPath, "Hugging Face cache blobs are scanned through the snapshots/ links that name them")
		case t.IsDir():
			err = w.dir(root, real, relPath)
		case t&fs.ModeSymlink != 0:
			err = w.symlink(root, real, relPath, full)
		case t.IsRegular():
			err = w.regular(root, relPath, full, e)
		default:
			w.skip(relPath, fmt.Sprintf("special file (%s) is not analysed", t))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) regular(root, rel, full string, e fs.DirEntry) error {
	info, err := e.Info()
	if err != nil {
		w.skip(rel, fmt.Sprintf("unable to stat: %v", err))
		return nil
	}
	return w.emit(fileNode(rel, full, root, info))
}

// symlink follows a link only to a regular file inside the root, and only when asked to.
// Directory links are not followed: if they stay inside the root their contents are walked
// under their real path anyway, and following them could loop.
func (w *walker) symlink(root, real, rel, full string) error {
	target, err := filepath.EvalSymlinks(full)
	if err != nil {
		w.skip(rel, fmt.Sprintf("broken symlink: %v", err))
		return nil
	}
	if !within(real, target) && !HFBlobLink(full, target) {
		w.skip(rel, fmt.Sprintf("symlink points outside the scan root (to %s) and is not followed", target))
		return nil
	}
	if !w.opts.FollowSymlinks {
		w.skip(rel, "symlink not followed (following symlinks is off)")
		return nil
	}
	info, err := os.Stat(target)
	switch {
	case err != nil:
		w.skip(rel, fmt.Sprintf("unable to stat symlink target: %v", err))
	case info.IsDir():
		w.skip(rel, "symlink to a directory inside the root: its contents are walked under their real path")
	case info.Mode().IsRegular():
		n := fileNode(rel, target, root, info)
		n.WalkPath = full // the link's own path: a hub snapshot names the model, its blob does not
		return w.emit(n)
	default:
		w.skip(rel, fmt.Sprintf("symlink to a special file (%s) is not analysed", info.Mode().Type()))
	}
	return nil
}

// hfBlobsDir recognises models--org--name/blobs (also datasets--, spaces--) next to a
// snapshots/ folder: its files are reached through the snapshot links, under names that say
// what they are and with the revision in the path, so walking blobs/ too would scan each twice.
func hfBlobsDir(dir string) bool {
	if filepath.Base(dir) != "blobs" {
		return false
	}
	repo := filepath.Dir(dir)
	base := filepath.Base(repo)
	if !strings.HasPrefix(base, "models--") && !strings.HasPrefix(base, "datasets--") && !strings.HasPrefix(base, "spaces--") {
		return false
	}
	info, err := os.Stat(filepath.Join(repo, "snapshots"))
	return err == nil && info.IsDir()
}

// HFBlobLink accepts the Hugging Face cache layout, where every file of
// models--org--name/snapshots/<rev>/ is a link to models--org--name/blobs/<sha>: scanning a
// snapshot folder must scan the blobs it names, and nothing else outside it.
func HFBlobLink(link, target string) bool {
	dir := filepath.Dir(link)
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if filepath.Base(filepath.Dir(d)) == "snapshots" {
			repo, err := filepath.EvalSymlinks(filepath.Dir(filepath.Dir(d)))
			return err == nil && within(filepath.Join(repo, "blobs"), target)
		}
	}
	return false
}

// excluded returns the first pattern matching the relative path or base name.
func (w *walker) excluded(rel, name string) (string, bool) {
	for _, p := range w.opts.Exclude {
		if pathglob.Match(p, rel) || pathglob.Match(p, name) {
			return p, true
		}
	}
	return "", false
}

// within reports whether target is root or below it (both resolved).
func within(root, target string) bool {
	rel, err := filepath.Rel(root, target)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func displayPath(root, rel string) string {
	if rel == "" {
		return root
	}
	return rel
}

// fileNode builds the node of a file on disk; disk is the path opened.
func fileNode(display, disk, root string, info fs.FileInfo) Node {
	return Node{
		Path:     display,
		Name:     filepath.Base(display),
		Size:     info.Size(),
		Mode:     info.Mode(),
		DiskPath: disk,
		WalkPath: disk,
		Root:     root,
		Open:     func() (io.ReadCloser, error) { return os.Open(disk) },
	}
}
