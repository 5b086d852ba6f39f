package discover

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/describe"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/hf"
)

// unit is one model: the files of a model folder (a Hugging Face repository or snapshot, a
// folder with config.json, a model card or a signature), or a lone model file. Each GGUF file
// is its own unit, because quantisations published side by side are different models.
type unit struct {
	key   string // the folder, or the file for lone files
	dir   string // the folder whose card, config and signature describe the unit
	files []*file
	cache *hf.CacheRef
}

// models turns model files into model components.
func (bd *builder) models(files []*file) {
	units := map[string]*unit{}
	var keys []string
	for _, f := range files {
		if f.role != roleModel {
			continue
		}
		key, dir := bd.unitOf(f)
		u := units[key]
		if u == nil {
			u = &unit{key: key, dir: dir, cache: f.cache}
			units[key] = u
			keys = append(keys, key)
		}
		u.files = append(u.files, f)
	}
	sort.Strings(keys)
	for _, k := range keys {
		bd.model(units[k])
	}
}

// unitOf returns the unit key of a model file and the folder that documents it.
func (bd *builder) unitOf(f *file) (key, dir string) {
	dir = dirOf(f.rel)
	if f.cache != nil {
		dir = snapshotRoot(f)
	}
	if f.kind == format.GGUF {
		return f.rel, dir
	}
	if f.cache != nil || bd.documented(dir) {
		return dir, dir
	}
	return f.rel, dir
}

// documented reports a folder that describes its models as one: configuration, card, signature.
func (bd *builder) documented(dir string) bool {
	for _, f := range bd.dirs[dirKey(dir)] {
		switch {
		case f.role == roleHFConfig || f.role == roleAdapter || f.role == roleSignature:
			return true
		case f.role == roleCard && modelCard(f.card):
			return true
		}
	}
	return false
}

// modelCard reports a README whose front matter describes a model. Any folder may have a
// README; only a model card makes its files one model.
func modelCard(c *describe.Card) bool {
	if c == nil || c.IsDataset {
		return false
	}
	return c.License != "" || c.Task != "" || c.Library != "" || c.ModelName != "" ||
		len(c.BaseModels) > 0 || len(c.Datasets) > 0 || len(c.Metrics) > 0
}

// dirKey maps "" (the top) to path.Dir's ".".
func dirKey(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// snapshotRoot is the reported path of the snapshot folder holding a cached file.
func snapshotRoot(f *file) string {
	if f.cache.File == "" {
		return dirOf(f.rel)
	}
	return strings.TrimSuffix(strings.TrimSuffix(f.rel, f.cache.File), "/")
}

// model builds one model component.
func (bd *builder) model(u *unit) {
	c := bom.Component{Ref: "model:" + dirKey(u.key), Kind: bom.KindModel, Path: u.key, Model: &bom.ModelInfo{}}
	bd.applyFolder(&c, u) // the folder's config.json describes the model better than tensor headers
	bd.describeUnitFiles(&c, u)
	if u.cache != nil {
		applyCache(&c, u.cache)
	}
	if c.Name == "" {
		c.Name = unitName(u, bd.b.Subject.Name)
	}
	c.Completeness = describe.Score(&c)
	bd.add(c)
	bd.relate(SubjectRef, bom.RelDependsOn, c.Ref)
}

// unitName names a unit without better metadata: its folder or file name.
func unitName(u *unit, subject string) string {
	if len(u.files) == 1 && u.key == u.files[0].rel {
		return path.Base(u.key)
	}
	if n := baseName(u.key); n != "" {
		return n
	}
	return subject
}

// formatRank orders formats for choosing the one that represents a model: the safe, described
// formats first.
var formatRank = map[format.Kind]int{
	format.Safetensors: 1, format.GGUF: 2, format.ONNX: 3, format.Keras: 4, format.KerasH5: 5, format.HDF5: 5,
	format.TensorFlow: 6, format.TFLite: 7, format.PyTorchZip: 8, format.PyTorchLegacy: 9, format.PyTorchTar: 9,
	format.Pickle: 10, format.Joblib: 10, format.NumPy: 11, format.NumPyZip: 11,
}

// describeUnitFiles lists the files and merges what their headers tell: the representative
// format's parameters add up over its shards.
func (bd *builder) describeUnitFiles(c *bom.Component, u *unit) {
	sort.Slice(u.files, func(i, j int) bool {
		ri, rj := formatRank[u.files[i].kind], formatRank[u.files[j].kind]
		if ri != rj {
			return ri < rj
		}
		return u.files[i].rel < u.files[j].rel
	})
	primary := u.files[0].kind
	var formats []string
	var params int64
	for _, f := range u.files {
		c.Files = append(c.Files, bom.File{Path: f.rel, Size: f.node.Size, SHA256: f.sha256, Format: formatName(f)})
		if !slices.Contains(formats, formatName(f)) {
			formats = append(formats, formatName(f))
		}
		if f.model == nil {
			continue
		}
		if f.kind == primary {
			params += f.model.Parameters
		}
		mergeModelInfo(c.Model, f.model)
		applyFileMeta(c, f.meta)
	}
	c.Model.Format = formatName(u.files[0])
	if c.Model.Parameters == 0 {
		c.Model.Parameters = params
	}
	if len(formats) > 1 {
		setProperty(c, "formats", strings.Join(formats, ", "))
	}
	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].Path < c.Files[j].Path })
	if len(u.files) == 1 && u.files[0].sha256 != "" {
		c.Hashes = []bom.Hash{{Alg: "SHA-256", Value: u.files[0].sha256}}
	}
}

// formatName is the reported format of a model file.
func formatName(f *file) string {
	if f.model != nil && f.model.Format != "" {
		return f.model.Format
	}
	return string(f.kind)
}

// mergeModelInfo fills the empty fields of dst from src (Parameters are summed by the caller).
func mergeModelInfo(dst, src *bom.ModelInfo) {
	fill := func(d *string, s string) {
		if *d == "" {
			*d = s
		}
	}
	fill(&dst.Framework, src.Framework)
	fill(&dst.Task, src.Task)
	fill(&dst.ArchitectureFamily, src.ArchitectureFamily)
	fill(&dst.Architecture, src.Architecture)
	fill(&dst.DType, src.DType)
	fill(&dst.Quantization, src.Quantization)
	fill(&dst.Opset, src.Opset)
	fill(&dst.Producer, src.Producer)
	if dst.ContextLength == 0 {
		dst.ContextLength = src.ContextLength
	}
	if dst.Parameters == 0 {
		dst.Parameters = src.Parameters
	}
}

// applyFileMeta adds what a model file's own metadata (GGUF general.*) says about the model.
func applyFileMeta(c *bom.Component, m *describe.FileMeta) {
	if m == nil {
		return
	}
	if c.Name == "" {
		c.Name = m.Name
	}
	if c.Author == "" {
		c.Author = m.Author
	}
	if c.Description == "" {
		c.Description = m.Description
	}
	if m.License != "" && len(c.Licenses) == 0 {
		c.Licenses = []string{m.License}
	}
	c.Model.BaseModels = appendNew(c.Model.BaseModels, m.BaseModels...)
	c.Model.Datasets = appendNew(c.Model.Datasets, m.Datasets...)
	c.Model.Tags = appendNew(c.Model.Tags, m.Tags...)
	c.Model.Languages = appendNew(c.Model.Languages, m.Languages...)
	if m.URL != "" {
		c.ExternalRefs = append(c.ExternalRefs, bom.ExternalRef{Type: "website", URL: m.URL})
	}
	for _, p := range m.Properties {
		setProperty(c, p.Name, p.Value)
	}
}

// applyFolder adds the folder's config.json, adapter_config.json, model card and signature.
func (bd *builder) applyFolder(c *bom.Component, u *unit) {
	for _, f := range bd.dirs[dirKey(u.dir)] {
		switch {
		case f.role == roleHFConfig && f.model != nil:
			mergeModelInfo(c.Model, f.model)
		case f.role == roleAdapter && f.meta != nil:
			applyFileMeta(c, f.meta)
			setProperty(c, "adapter", "peft")
		case f.role == roleCard && modelCard(f.card):
			applyCard(c, f.card, f.rel)
		case f.role == roleSignature && f.sig != nil:
			applySignature(c, f.sig)
		}
	}
}

// applyCard adds a model card's front matter and sections.
func applyCard(c *bom.Component, card *describe.Card, cardPath string) {
	m := c.Model
	m.CardPath = cardPath
	if lic := cardLicense(card); lic != "" && len(c.Licenses) == 0 {
		c.Licenses = []string{lic}
	}
	if c.Name == "" {
		c.Name = card.ModelName
	}
	if c.Description == "" {
		c.Description = card.Description
	}
	if m.Framework == "" {
		m.Framework = card.Library
	}
	describe.ApplyCard(m, card)
	c.ExternalRefs = append(c.ExternalRefs, bom.ExternalRef{Type: "model-card", URL: cardPath})
}

// cardLicense is the card's license: the named license when the id is "other".
func cardLicense(card *describe.Card) string {
	if strings.EqualFold(card.License, "other") && card.LicenseName != "" {
		return card.LicenseName
	}
	return card.License
}

// applySignature links the model to its model_signing bundle (the writers add the attestation
// reference).
func applySignature(c *bom.Component, s *bom.SignatureInfo) { c.Signature = s }

// applyCache names a model by its hub id and revision: purl pkg:huggingface/<ns>/<name>@<rev>.
func applyCache(c *bom.Component, ref *hf.CacheRef) {
	ns, name, ok := strings.Cut(ref.ModelID, "/")
	if !ok {
		ns, name = "", ref.ModelID
	}
	c.Name, c.Group, c.Version = name, ns, ref.Revision
	if c.Supplier == "" {
		c.Supplier = ns
	}
	c.PURL = huggingfacePURL(ref.ModelID, ref.Revision)
	c.ExternalRefs = append(c.ExternalRefs, bom.ExternalRef{Type: "distribution", URL: "https://huggingface.co/" + ref.ModelID})
}

// huggingfacePURL is pkg:huggingface/<ns>/<name>[@<lowercase revision>].
func huggingfacePURL(id, rev string) string {
	ns, name, ok := strings.Cut(id, "/")
	if !ok {
		ns, name = "", id
	}
	return packageurl.NewPackageURL("huggingface", ns, name, strings.ToLower(rev), nil, "").ToString()
}

// appendNew appends the values not already present (case-insensitively).
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if v != "" && !containsFold(list, v) {
			list = append(list, v)
		}
	}
	return list
}

func containsFold(list []string, v string) bool {
	for _, e := range list {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	return false
}
