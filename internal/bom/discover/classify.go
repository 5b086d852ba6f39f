package discover

import (
	"context"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/describe"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/code"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/format/hf"
	"github.com/aisecops/aisec/internal/format/mcp"
	"github.com/aisecops/aisec/internal/source"
)

// role is what a file is to the BOM.
type role uint8

const (
	roleNone      role = iota
	roleSniff          // decided by content when read
	roleModel          // a model artifact
	roleDataset        // a dataset file
	roleCode           // source code in a language we read
	roleNotebook       // a Jupyter notebook
	roleManifest       // a dependency manifest, lockfile or installed-package record
	roleMCP            // an MCP client configuration or server manifest
	roleCard           // README.md: a model or dataset card when it has front matter
	roleHFConfig       // config.json of a transformers/diffusers model
	roleAdapter        // adapter_config.json of a PEFT adapter
	roleSignature      // model.sig: an OpenSSF model_signing bundle
	roleImage          // an image, counted for image-folder datasets
)

// file is one walked file and, once read, what it told us.
type file struct {
	node  source.Node
	rel   string // slash path as reported
	role  role
	cache *hf.CacheRef // set for files inside a Hugging Face cache snapshot

	kind     format.Kind // roleModel
	lang     code.Lang   // roleCode
	depsKind deps.Kind   // roleManifest
	dataset  string      // roleDataset: the dataset format

	// Facts, filled by read.
	sha256   string
	model    *bom.ModelInfo
	meta     *describe.FileMeta
	card     *describe.Card
	manifest *deps.Manifest
	usages   []code.Usage
	mcp      *mcp.Config
	sig      *bom.SignatureInfo
	records  int64
	columns  []string
	problem  string // why the file could not be fully analysed, "" when it was
}

// vendoredDirs hold installed third-party packages: only their package records are read, so that
// a container root filesystem or a checked-in virtualenv lists what is installed without every
// source file of every dependency being analysed as the project's own code.
var vendoredDirs = []string{"node_modules", "site-packages", "dist-packages", ".venv", "venv", "vendor", "bower_components"}

// classifyAll gives every file its role by name; content decides later for the rest (roleSniff).
func classifyAll(ctx context.Context, files []*file, o Options) []*file {
	out := files[:0]
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		if ref, ok := hf.ParseCachePath(walkedPath(f.node)); ok && ref.Revision != "" {
			f.cache = &ref
		}
		f.role = classify(f)
		if f.role != roleNone {
			out = append(out, f)
		}
	}
	return out
}

// classify decides a file's role from its path.
func classify(f *file) role {
	p := f.rel
	base := strings.ToLower(path.Base(p))
	if vendored(p) {
		if k, ok := deps.KindOf(p); ok && (k == deps.NodeModule || k == deps.DistInfo) {
			f.depsKind = k
			return roleManifest
		}
		return roleNone
	}
	if k, ok := deps.KindOf(p); ok {
		f.depsKind = k
		return roleManifest
	}
	switch {
	case base == "model.sig":
		return roleSignature
	case mcp.IsConfigPath(p):
		return roleMCP
	case strings.HasSuffix(base, ".ipynb"):
		return roleNotebook
	case base == "readme.md" || base == "readme.markdown":
		return roleCard
	case base == "config.json" || base == "model_index.json":
		return roleHFConfig
	case base == "adapter_config.json":
		return roleAdapter
	case imageExts[path.Ext(base)]:
		return roleImage
	}
	if lang, ok := code.LangOf(base); ok && !generated(base) {
		f.lang = lang
		return roleCode
	}
	if boringExts[path.Ext(base)] {
		return roleNone
	}
	return roleSniff
}

// vendored reports paths inside installed-package folders.
func vendored(p string) bool {
	for _, seg := range strings.Split(path.Dir(p), "/") {
		for _, v := range vendoredDirs {
			if seg == v {
				return true
			}
		}
	}
	return false
}

// generated reports bundled or declaration-only sources that say nothing about usage.
func generated(base string) bool {
	return strings.HasSuffix(base, ".min.js") || strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".bundle.js")
}

var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true, ".tif": true, ".tiff": true}

// boringExts are documentation, styles and build files that hold no AI asset we can describe;
// skipping them keeps a 50,000-file repository from being opened file by file.
var boringExts = map[string]bool{
	".md": true, ".rst": true, ".html": true, ".htm": true, ".css": true, ".scss": true, ".less": true, ".svg": true,
	".ico": true, ".xml": true, ".ini": true, ".cfg": true, ".sh": true, ".bash": true, ".ps1": true, ".bat": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".hpp": true, ".rs": true, ".rb": true, ".php": true,
	".cs": true, ".kt": true, ".swift": true, ".scala": true, ".lua": true, ".sql": true, ".log": true,
	".gitignore": true, ".gitattributes": true, ".dockerignore": true, ".editorconfig": true, ".lock": true,
	".mod": true, ".sum": true, ".map": true, ".woff": true, ".woff2": true, ".ttf": true, ".eot": true, ".pdf": true,
	".vue": true, ".svelte": true, ".pyc": true, ".pyi": true, ".yaml": true, ".yml": true, ".toml": true, ".env": true,
}

// walkedPath is where the walk found a file, before links were resolved: Hugging Face cache
// snapshots are links into blobs/, and only the link's path names the model and revision.
func walkedPath(n source.Node) string {
	if n.WalkPath != "" {
		return n.WalkPath
	}
	return n.Path
}
