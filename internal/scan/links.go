package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/source"
)

// externalLinks checks the external-data files of a top-level ONNX model on disk: a location
// that stays inside the model's directory on paper can still lead out of it through a
// symbolic link (a cloned repository can carry one), and the loaders follow it. Locations that
// escape lexically are the detector's; this only looks at links.
func (c *collector) externalLinks(ctx context.Context, n source.Node, m *onnx.Model) {
	if n.Depth != 0 || len(m.External) == 0 {
		return
	}
	dir := filepath.Dir(absPath(n))
	root, err := filepath.Abs(n.Root)
	if err != nil {
		return
	}
	if n.Path == n.Root {
		root = filepath.Dir(root) // a model file given alone: its directory is the scope
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	seen := map[string]bool{}
	for _, t := range m.External {
		loc := filepath.FromSlash(strings.ReplaceAll(t.Location, "\\", "/"))
		if !t.HasLocation || loc == "" || filepath.IsAbs(loc) || seen[loc] {
			continue
		}
		seen[loc] = true
		p := filepath.Join(dir, loc)
		if target, ok := linkOutside(p, root); ok && !source.HFBlobLink(p, target) {
			c.detect(ctx, n, "onnx", &onnx.ExternalLink{Tensor: t.Name, Location: t.Location, Target: target})
		}
	}
}

// linkOutside resolves p and reports where it leads when that is outside root and p (or a
// directory on the way) is a symbolic link.
func linkOutside(p, root string) (string, bool) {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", false // missing: onnx.load fails, nothing is read
	}
	if rel, err := filepath.Rel(root, target); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(os.PathSeparator)) {
		return "", false
	}
	return target, true
}
