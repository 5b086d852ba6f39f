package discover

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/describe"
	"github.com/aisecops/aisec/internal/format/hf"
)

// datasetTypes maps file formats to SPDX dataset types when no card says better.
var datasetTypes = map[string]string{
	"csv": "structured", "tsv": "structured", "parquet": "structured", "arrow": "structured",
	"jsonl": "text", "json": "text", "txt": "text", "tfrecord": "other", "image-folder": "image", "hdf5": "numeric",
}

// datasets groups dataset files by folder (one dataset per folder, or per hub snapshot), adds
// image folders and the folders a dataset card describes.
func (bd *builder) datasets(files []*file) {
	groups := map[string][]*file{}
	for _, f := range files {
		if f.role != roleDataset {
			continue
		}
		key := dirOf(f.rel)
		if f.cache != nil {
			key = snapshotRoot(f)
		}
		groups[key] = append(groups[key], f)
	}
	for _, dir := range bd.imageFolders(files) {
		groups[dir] = append(groups[dir], nil) // marker: an image folder
	}
	for _, f := range files {
		if f.role == roleCard && f.card != nil && f.card.IsDataset {
			if _, ok := groups[dirOf(f.rel)]; !ok {
				groups[dirOf(f.rel)] = nil
			}
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		bd.dataset(k, groups[k])
	}
}

// dataset builds the component of one dataset folder.
func (bd *builder) dataset(dir string, files []*file) {
	c := bom.Component{Ref: "dataset:" + dirKey(dir), Kind: bom.KindDataset, Path: dir, Dataset: &bom.DatasetInfo{}}
	d := c.Dataset
	var formats []string
	for _, f := range files {
		if f == nil {
			formats = appendNew(formats, "image-folder")
			continue
		}
		formats = appendNew(formats, f.dataset)
		d.Size += f.node.Size
		d.FileCount++
		d.Records += f.records
		if len(d.Columns) == 0 {
			d.Columns = f.columns
		}
		c.Files = append(c.Files, bom.File{Path: f.rel, Size: f.node.Size, SHA256: f.sha256, Format: f.dataset})
		if f.cache != nil && f.cache.Type == hf.Dataset {
			c.Name, c.Version = f.cache.ModelID, f.cache.Revision
		}
	}
	sort.Strings(formats)
	d.Format = strings.Join(formats, ", ")
	for _, ft := range formats {
		if t, ok := datasetTypes[ft]; ok {
			d.DatasetTypes = appendNew(d.DatasetTypes, t)
		}
	}
	bd.applyDatasetCard(&c, dir)
	if c.Name == "" {
		c.Name = baseName(dir)
		if c.Name == "" {
			c.Name = bd.b.Subject.Name
		}
	}
	if len(files) == 1 && files[0] != nil && files[0].sha256 != "" {
		c.Hashes = []bom.Hash{{Alg: "SHA-256", Value: files[0].sha256}}
	}
	if d.Records > 0 {
		setProperty(&c, "records", strconv.FormatInt(d.Records, 10))
	}
	bd.add(c)
	bd.relate(SubjectRef, bom.RelDependsOn, c.Ref)
}

// applyDatasetCard adds what a dataset card in the folder says.
func (bd *builder) applyDatasetCard(c *bom.Component, dir string) {
	for _, f := range bd.dirs[dirKey(dir)] {
		if f.role != roleCard || f.card == nil || !f.card.IsDataset {
			continue
		}
		card := f.card
		d := c.Dataset
		d.CardPath = f.rel
		if card.ModelName != "" {
			c.Name = card.ModelName
		}
		if lic := cardLicense(card); lic != "" {
			c.Licenses = []string{lic}
		}
		c.Description = card.Description
		d.DatasetTypes = appendNew(card.DatasetTypes, d.DatasetTypes...)
		d.Tags = appendNew(d.Tags, card.Tags...)
		d.SourceURL = card.SourceURL
		if card.SizeCategory != "" {
			setProperty(c, "size-category", card.SizeCategory)
		}
		c.ExternalRefs = append(c.ExternalRefs, bom.ExternalRef{Type: "documentation", URL: f.rel, Comment: "dataset card"})
	}
}

// maxImageLevels bounds how far up an image folder may extend (root/split/class/image).
const maxImageLevels = 3

// imageFolders finds the top-most folders whose files are images (class subfolders included).
func (bd *builder) imageFolders(files []*file) []string {
	under := func(dir string) []string {
		var out []string
		prefix := dir + "/"
		for _, f := range files {
			if dir == "" || strings.HasPrefix(f.rel, prefix) {
				out = append(out, strings.TrimPrefix(f.rel, prefix))
			}
		}
		return out
	}
	seen := map[string]bool{}
	var roots []string
	for dir, fs := range bd.dirs {
		if !hasImage(fs) {
			continue
		}
		best := ""
		cur := dir
		for range maxImageLevels {
			if ok, _ := describe.ImageFolder(under(trimDot(cur))); !ok {
				break
			}
			best = trimDot(cur)
			if cur == "." {
				break
			}
			cur = path.Dir(cur)
		}
		if best != "" && !seen[best] {
			seen[best] = true
			roots = append(roots, best)
		}
	}
	return topMost(roots)
}

func hasImage(fs []*file) bool {
	for _, f := range fs {
		if f.role == roleImage {
			return true
		}
	}
	return false
}

func trimDot(dir string) string {
	if dir == "." {
		return ""
	}
	return dir
}

// topMost drops folders that lie inside another listed folder.
func topMost(dirs []string) []string {
	sort.Strings(dirs)
	var out []string
	for _, d := range dirs {
		inside := false
		for _, o := range out {
			if o == "" || strings.HasPrefix(d, o+"/") {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, d)
		}
	}
	return out
}
