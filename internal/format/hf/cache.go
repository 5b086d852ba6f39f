// Package hf holds pure helpers for the Hugging Face repository layout: the local hub cache
// (models--org--name/snapshots/<rev>/...), pickle weights that have a safetensors twin, and the
// auto_map references through which trust_remote_code imports Python shipped with a model. It
// never touches the file system: callers hand it names.
package hf

import (
	"strings"
)

// RepoType is the kind of hub repository a cache folder belongs to.
type RepoType string

// Repository kinds, as huggingface_hub names them.
const (
	Model   RepoType = "model"
	Dataset RepoType = "dataset"
	Space   RepoType = "space"
)

// Cache areas inside one repository folder.
const (
	AreaSnapshots = "snapshots" // snapshots/<commit>/<file>: the files as the repo had them
	AreaBlobs     = "blobs"     // blobs/<etag>: content the snapshots link to
	AreaRefs      = "refs"      // refs/<branch>: a file holding the commit a branch points at
	AreaNoExist   = ".no_exist" // .no_exist/<commit>/<file>: files known to be absent
)

// CacheRef locates a path inside the hub cache.
type CacheRef struct {
	Type    RepoType
	ModelID string // "org/name", or "name" for repositories without an owner (gpt2)
	// Revision is the snapshot folder name: the commit hash the files were downloaded at.
	// Empty outside snapshots/ and .no_exist/.
	Revision string
	// Area is one of the Area* constants, or "" for the repository folder itself.
	Area string
	// File is the path inside the repository under snapshots/<rev>/ ("" for the snapshot
	// folder itself), the blob name under blobs/, or the branch name under refs/.
	File string
	// Root is the repository cache folder, e.g. "/home/u/.cache/huggingface/hub/models--org--name".
	Root string
}

// String names the repository and revision the way findings cite them: "org/name@rev",
// prefixed with "datasets/" or "spaces/" for those kinds, without "@" when no revision is known.
func (r CacheRef) String() string {
	s := r.ModelID
	switch r.Type {
	case Dataset:
		s = "datasets/" + s
	case Space:
		s = "spaces/" + s
	}
	if r.Revision != "" {
		s += "@" + r.Revision
	}
	return s
}

// cachePrefixes maps the folder prefix huggingface_hub writes to the repository kind.
var cachePrefixes = []struct {
	prefix string
	kind   RepoType
}{{"models--", Model}, {"datasets--", Dataset}, {"spaces--", Space}}

// ParseCachePath recognises a path (file or folder, "/" or "\" separated) inside the hub cache:
// …/models--org--name[/snapshots/<rev>[/<file>] | /blobs/<etag> | /refs/<branch>]. The first
// component that names a repository folder and is followed by a cache area (or ends the path)
// wins, so a file inside a snapshot that merely looks like a repository folder does not. Lock folders (.locks/models--…) and names
// huggingface_hub could not have written (empty parts, more than one "--" separator) are not
// recognised.
func ParseCachePath(p string) (CacheRef, bool) {
	parts := strings.Split(strings.ReplaceAll(p, "\\", "/"), "/")
	for i := range parts {
		kind, id, ok := repoFolder(parts[i])
		if !ok || (i+1 < len(parts) && !isArea(parts[i+1]) && parts[i+1] != "") {
			continue
		}
		if i > 0 && parts[i-1] == ".locks" {
			return CacheRef{}, false
		}
		ref := CacheRef{Type: kind, ModelID: id, Root: strings.Join(parts[:i+1], "/")}
		if !ref.area(parts[i+1:]) {
			return CacheRef{}, false
		}
		return ref, true
	}
	return CacheRef{}, false
}

// area fills the fields that come from the components below the repository folder.
func (r *CacheRef) area(rest []string) bool {
	rest = trimEmpty(rest)
	if len(rest) == 0 {
		return true
	}
	r.Area = rest[0]
	switch rest[0] {
	case AreaSnapshots, AreaNoExist:
		if len(rest) == 1 {
			return true
		}
		r.Revision = rest[1]
		r.File = strings.Join(rest[2:], "/")
		return r.Revision != "" && !hasDotDot(rest[2:])
	case AreaBlobs, AreaRefs:
		r.File = strings.Join(rest[1:], "/")
		return !hasDotDot(rest[1:])
	}
	return false
}

// repoFolder decodes "models--org--name" (huggingface_hub replaces "/" by "--"; repository
// names may not contain "--" themselves).
func repoFolder(name string) (RepoType, string, bool) {
	for _, c := range cachePrefixes {
		rest, ok := strings.CutPrefix(name, c.prefix)
		if !ok {
			continue
		}
		parts := strings.Split(rest, "--")
		for _, s := range parts {
			if s == "" || s == "." || s == ".." {
				return "", "", false
			}
		}
		switch len(parts) {
		case 1:
			return c.kind, parts[0], true
		case 2:
			return c.kind, parts[0] + "/" + parts[1], true
		}
		return "", "", false
	}
	return "", "", false
}

// trimEmpty drops empty components (doubled or trailing slashes) and "." ones.
func trimEmpty(parts []string) []string {
	out := parts[:0:0]
	for _, s := range parts {
		if s != "" && s != "." {
			out = append(out, s)
		}
	}
	return out
}

func isArea(s string) bool {
	return s == AreaSnapshots || s == AreaBlobs || s == AreaRefs || s == AreaNoExist
}

func hasDotDot(parts []string) bool {
	for _, s := range parts {
		if s == ".." {
			return true
		}
	}
	return false
}
