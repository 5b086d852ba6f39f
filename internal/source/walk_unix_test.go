//go:build unix

package source

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// tree makes root/ with files, nested dirs, symlinks in and out of the root and a fifo.
func tree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, d := range []string{"b/d", ".git", "empty"} {
		must(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	must(t, os.MkdirAll(outside, 0o755))
	for _, f := range []string{"a.pkl", "b/c.pkl", "b/d/e.bin", "z.txt", ".git/config"} {
		must(t, os.WriteFile(filepath.Join(root, f), []byte("content of "+f), 0o644))
	}
	must(t, os.WriteFile(filepath.Join(outside, "secret"), []byte("outside"), 0o644))
	must(t, os.Symlink("a.pkl", filepath.Join(root, "link-in")))
	must(t, os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "link-out")))
	must(t, os.Symlink("../../outside/secret", filepath.Join(root, "b", "link-up")))
	must(t, os.Symlink("missing", filepath.Join(root, "broken")))
	must(t, os.Symlink("b", filepath.Join(root, "linkdir")))
	must(t, syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644))
	return root, outside
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type walked struct {
	paths []string
	nodes []Node
	skips map[string]string
}

func walk(t *testing.T, roots []string, opts WalkOptions) (walked, error) {
	t.Helper()
	w := walked{skips: map[string]string{}}
	err := Walk(context.Background(), roots, opts, func(n Node) error {
		w.paths = append(w.paths, n.Path)
		w.nodes = append(w.nodes, n)
		return nil
	}, func(p, reason string) { w.skips[p] = reason })
	return w, err
}

func TestWalk(t *testing.T) {
	root, _ := tree(t)
	tests := []struct {
		name  string
		opts  WalkOptions
		paths []string
		skips map[string]string // path -> reason substring
	}{
		{
			name:  "default",
			paths: []string{".git/config", "a.pkl", "b/c.pkl", "b/d/e.bin", "z.txt"},
			skips: map[string]string{"b/link-up": "outside", "broken": "broken", "fifo": "special", "link-in": "not followed", "link-out": "outside", "linkdir": "not followed"},
		},
		{
			name:  "follow symlinks",
			opts:  WalkOptions{FollowSymlinks: true, Exclude: []string{".git"}},
			paths: []string{"a.pkl", "b/c.pkl", "b/d/e.bin", "link-in", "z.txt"},
			skips: map[string]string{".git": "excluded", "b/link-up": "outside", "broken": "broken", "fifo": "special", "link-out": "outside", "linkdir": "directory"},
		},
		{
			name:  "exclude by path and name",
			opts:  WalkOptions{Exclude: []string{"b/d", "*.txt"}},
			paths: []string{".git/config", "a.pkl", "b/c.pkl"},
			skips: map[string]string{"b/d": "excluded", "z.txt": "excluded"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := walk(t, []string{root}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w.paths, tt.paths) {
				t.Errorf("paths %v, want %v", w.paths, tt.paths)
			}
			for p, want := range tt.skips {
				if !strings.Contains(w.skips[p], want) {
					t.Errorf("skip[%s] = %q, want it to mention %q (all: %v)", p, w.skips[p], want, w.skips)
				}
			}
		})
	}
}

// TestWalkFollowedLinkReadsTarget checks a followed link is opened at its resolved target.
func TestWalkFollowedLinkReadsTarget(t *testing.T) {
	root, _ := tree(t)
	w, err := walk(t, []string{root}, WalkOptions{FollowSymlinks: true})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(w.paths, "link-in")
	if i < 0 {
		t.Fatalf("link-in not emitted: %v", w.paths)
	}
	n := w.nodes[i]
	if n.Name != "link-in" || !strings.HasSuffix(n.DiskPath, "a.pkl") || n.Root != root {
		t.Errorf("node %+v", n)
	}
	on, closer, err := OpenFile(n)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	head, _, err := Peek(on, 10)
	if err != nil || string(head) != "content of"[:10] {
		t.Errorf("Peek = %q, %v", head, err)
	}
}

func TestWalkRoots(t *testing.T) {
	root, outside := tree(t)
	file := filepath.Join(root, "a.pkl")
	dirLink := filepath.Join(t.TempDir(), "to-outside")
	must(t, os.Symlink(outside, dirLink))
	w, err := walk(t, []string{file, dirLink}, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.paths, []string{file, "secret"}) {
		t.Errorf("paths %v: a file root keeps its path, a symlinked root is followed", w.paths)
	}
	if _, err := walk(t, []string{root, filepath.Join(root, "nope")}, WalkOptions{}); err == nil {
		t.Error("missing root: no error")
	}
	if _, err := walk(t, []string{root}, WalkOptions{Exclude: []string{"["}}); err == nil {
		t.Error("bad pattern: no error")
	}
}

func TestWalkStops(t *testing.T) {
	root, _ := tree(t)
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{root}, WalkOptions{}, func(Node) error { n++; return stop }, func(string, string) {})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d emits", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{root}, WalkOptions{}, func(Node) error { return nil }, func(string, string) {}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: %v", err)
	}
}

func TestPeekStream(t *testing.T) {
	n := streamNode("s", []byte("0123456789"))
	head, n2, err := Peek(n, 4)
	if err != nil || string(head) != "0123" {
		t.Fatalf("Peek = %q, %v", head, err)
	}
	rc, err := n2.Open()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := io.ReadAll(rc)
	if string(all) != "0123456789" {
		t.Errorf("replayed %q", all)
	}
	if _, err := n2.Open(); err == nil {
		t.Error("second Open of a peeked stream succeeded")
	}
	short, _, err := Peek(streamNode("s", []byte("ab")), 8)
	if err != nil || string(short) != "ab" {
		t.Errorf("short Peek = %q, %v", short, err)
	}
}
