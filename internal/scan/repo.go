package scan

import (
	"context"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/hf"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/source"
)

// repoDir is one directory of scanned files, seen as a (possibly Hugging Face) model repository.
type repoDir struct {
	dir     string // as reported (relative to the scan root, like file paths)
	abs     string // on disk, for the hub cache layout and config.json
	files   []string
	configs []string // disk paths of config.json files to read auto_map from
}

// autoMapFiles are the configurations transformers reads auto_map from.
var autoMapFiles = map[string]bool{"config.json": true, "tokenizer_config.json": true,
	"processor_config.json": true, "preprocessor_config.json": true, "feature_extractor_config.json": true}

// repositories groups top-level files by directory. Only the files of the walk count: members
// of archives are not repository files.
func repositories(nodes []source.Node) []*repoDir {
	byDir := map[string]*repoDir{}
	var order []string
	for _, n := range nodes {
		dir := path.Dir(filepath.ToSlash(n.Path))
		r := byDir[dir]
		if r == nil {
			r = &repoDir{dir: dir, abs: filepath.Dir(absPath(n))}
			byDir[dir] = r
			order = append(order, dir)
		}
		r.files = append(r.files, path.Base(filepath.ToSlash(n.Path)))
		if autoMapFiles[path.Base(n.Path)] && n.DiskPath != "" {
			r.configs = append(r.configs, n.DiskPath)
		}
	}
	sort.Strings(order)
	out := make([]*repoDir, 0, len(order))
	for _, d := range order {
		sort.Strings(byDir[d].files)
		out = append(out, byDir[d])
	}
	return out
}

// modelDirs lists the folders that hold a model (weights, a graph or config.json) or that lie in
// a hub cache snapshot: Python there is model code.
func modelDirs(repos []*repoDir) map[string]bool {
	out := map[string]bool{}
	for _, r := range repos {
		if hf.HasModelFiles(r.files) || len(hf.Twins(r.files)) > 0 || r.cacheRef() != nil {
			out[r.dir] = true
		}
	}
	return out
}

// absPath is where a walked node sits on disk, before symlinks are resolved: a hub cache's
// snapshots/<revision>/ path names the model, its blobs/ target does not.
func absPath(n source.Node) string {
	p := n.WalkPath
	if p == "" {
		p = n.Path
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// repoFindings runs the repository checks on each directory that holds model files, once per
// file they can concern (shipped Python, pickle weights with a twin), so that each finding is
// reported at the file's path.
func (s *Scanner) repoFindings(ctx context.Context, repos []*repoDir) []finding.Finding {
	var out []finding.Finding
	for _, r := range repos {
		twins := hf.Twins(r.files)
		if !hf.HasModelFiles(r.files) && len(twins) == 0 {
			continue
		}
		repo := hf.Repo{Dir: r.dir, Files: r.files, Ref: r.cacheRef(), AutoMap: r.autoMap(s)}
		concerned := repo.PythonFiles()
		for _, t := range twins {
			concerned = append(concerned, t.Pickle)
		}
		for _, file := range concerned {
			one := repo
			one.File = file
			p := path.Join(r.dir, file)
			for _, d := range s.detectors {
				for _, f := range d.Detect(ctx, detect.Target{Path: p, Format: "hf-repo", Model: &one}) {
					f.Path = p
					f.Fingerprint = f.ComputeFingerprint()
					out = append(out, f)
				}
			}
		}
	}
	return out
}

func (r *repoDir) cacheRef() *hf.CacheRef {
	ref, ok := hf.ParseCachePath(filepath.ToSlash(filepath.Join(r.abs, "x")))
	if !ok {
		return nil
	}
	return &ref
}

// autoMap reads the auto_map entries of the directory's configurations, so that findings on
// its Python files can say which class imports them.
func (r *repoDir) autoMap(s *Scanner) []hf.AutoRef {
	var out []hf.AutoRef
	for _, p := range r.configs {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, maxTextBytes))
		f.Close()
		if err != nil {
			continue
		}
		if doc, err := structured.Parse(data, s.opts.Budget); err == nil {
			out = append(out, hf.AutoRefs(doc.Root)...)
		}
	}
	return out
}

// modelRefs names the hub model of every file and finding whose path is in a hub cache.
func modelRefs(rep *finding.Report, abs map[string]string) {
	refs := map[string]*finding.ModelRef{}
	lookup := func(p string) *finding.ModelRef {
		if r, ok := refs[p]; ok {
			return r
		}
		var ref *finding.ModelRef
		if a, ok := abs[p]; ok {
			if c, ok := hf.ParseCachePath(filepath.ToSlash(a)); ok {
				ref = &finding.ModelRef{ID: c.ModelID, Revision: c.Revision, Type: string(c.Type)}
			}
		}
		refs[p] = ref
		return ref
	}
	for i := range rep.Files {
		rep.Files[i].Model = lookup(rep.Files[i].Path)
	}
	for i := range rep.Findings {
		rep.Findings[i].Model = lookup(rep.Findings[i].Path)
	}
}

// diskPaths maps reported paths (files and repository directories) to where they are on disk.
func diskPaths(nodes []source.Node, repos []*repoDir) map[string]string {
	out := make(map[string]string, len(nodes)+len(repos))
	for _, n := range nodes {
		out[n.Path] = absPath(n)
	}
	for _, r := range repos {
		for _, f := range r.files {
			if _, ok := out[path.Join(r.dir, f)]; !ok {
				out[path.Join(r.dir, f)] = filepath.Join(r.abs, f)
			}
		}
	}
	return out
}
