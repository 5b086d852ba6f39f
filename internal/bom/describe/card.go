package describe

import (
	"bytes"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// Bounds of card parsing.
const (
	// MaxCardBytes is the part of a README that is read; longer cards are cut there.
	MaxCardBytes   = 4 << 20
	maxDescription = 500 // bytes of Card.Description
	maxItemLen     = 300 // bytes of one use case, limitation or user entry
	maxItems       = 10  // entries kept per use-case, limitation and user list
	maxModelIndex  = 64  // model-index entries read
	maxResults     = 1024
	maxMetrics     = 256
)

// Card is what a Hugging Face model or dataset card (README.md) declares: its YAML front
// matter and a few markdown sections.
type Card struct {
	License     string   // the first license; "other" comes with LicenseName
	Licenses    []string // every license listed, when the card lists several
	LicenseName string   // license_name, for license: other
	LicenseLink string   // license_link
	BaseModels  []string
	// BaseModelRelation is base_model_relation: adapter, merge, quantized or finetune.
	BaseModelRelation string
	Datasets          []string
	Metrics           []bom.Metric
	Task              string // pipeline_tag, else the first model-index task type
	Languages, Tags   []string
	Library           string // library_name
	ModelName         string // model-index[0].name
	PrettyName        string // pretty_name (dataset cards)
	// Description is the first prose paragraph after the front matter and the first heading,
	// at most 500 bytes.
	Description string
	// UseCases, Limitations and Users come from the markdown sections named in sectionFields,
	// paragraph or bullet each, at most 10 entries of at most 300 bytes.
	UseCases, Limitations, Users []string
	// IsDataset is set for a dataset card: task_categories, size_categories,
	// configs[].data_files, dataset_info, annotations_creators, source_datasets…
	IsDataset bool
	// TaskCategories are the dataset card's task_categories.
	TaskCategories []string
	// DatasetTypes are SPDX datasetType values derived from task_categories and modality
	// tags, sorted; "noAssertion" is never set here.
	DatasetTypes []string
	SizeCategory string // size_categories[0], e.g. "10K<n<100K"
	SourceURL    string // "Repository:" / "Homepage:" of the card's summary list
	Authors      []string
	EvalResults  int // model-index results
	// Problems say what could not be read (malformed front matter); the markdown-derived
	// fields are still filled.
	Problems []string
}

// datasetKeys are front-matter keys only dataset cards use.
var datasetKeys = []string{"task_categories", "size_categories", "dataset_info", "annotations_creators", "source_datasets",
	"language_creators", "multilinguality", "task_ids", "paperswithcode_id"}

// ParseCard reads a model or dataset card. The YAML front matter between leading `---` lines
// (a UTF-8 byte order mark and CRLF line ends are tolerated) is parsed under the bounds of
// internal/format/structured; base_model, datasets, language and license may be a string or a
// list; model-index results become Metrics (Dataset = dataset.name, else dataset.type; values
// without trailing zeros). Absent or malformed front matter gives a Card with the
// markdown-derived fields only, never an error: the error result is reserved and always nil.
func ParseCard(data []byte) (*Card, error) {
	if len(data) > MaxCardBytes {
		data = data[:MaxCardBytes]
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	front, body, ok := splitFrontMatter(text)
	c := &Card{}
	if ok {
		c.frontMatter(front)
	}
	c.markdown(body)
	return c, nil
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>". Without a closing line the whole text
// is the body.
func splitFrontMatter(text string) (front, body string, ok bool) {
	first, rest, found := strings.Cut(text, "\n")
	if !found || strings.TrimRight(first, " \t") != "---" {
		return "", text, false
	}
	for off := 0; off <= len(rest); {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			end := min(off+len(line)+1, len(rest))
			return rest[:off], rest[end:], true
		}
		if off+len(line) >= len(rest) {
			break
		}
		off += len(line) + 1
	}
	return "", text, false
}

func (c *Card) frontMatter(front string) {
	if strings.TrimSpace(front) == "" {
		return
	}
	doc, err := structured.Parse([]byte(front), limits.Default())
	if err != nil {
		c.Problems = append(c.Problems, "front matter is not readable YAML: "+clip(err.Error(), maxValueLen))
		return
	}
	if gaps := doc.Gaps(); len(gaps) > 0 {
		c.Problems = append(c.Problems, gaps...)
	}
	m := doc.Map()
	if m == nil {
		c.Problems = append(c.Problems, "front matter is not a YAML mapping")
		return
	}
	c.modelFields(m)
	c.datasetFields(m)
	c.modelIndex(listOf(m["model-index"]))
	if c.Task == "" {
		c.Task = firstTask(listOf(m["model-index"]))
	}
}

func (c *Card) modelFields(m map[string]any) {
	c.Licenses = strs(m["license"])
	if len(c.Licenses) > 0 {
		c.License = c.Licenses[0]
	}
	c.LicenseName = str(m["license_name"])
	c.LicenseLink = str(m["license_link"])
	c.BaseModels = strs(m["base_model"])
	c.BaseModelRelation = str(m["base_model_relation"])
	c.Datasets = strs(m["datasets"])
	c.Task = str(m["pipeline_tag"])
	c.Languages = strs(m["language"])
	if len(c.Languages) == 0 {
		c.Languages = strs(m["languages"])
	}
	c.Tags = strs(m["tags"])
	c.Library = str(m["library_name"])
	c.PrettyName = str(m["pretty_name"])
	c.Authors = appendUnique(c.Authors, strs(m["author"])...)
	c.Authors = appendUnique(c.Authors, strs(m["authors"])...)
}

func (c *Card) datasetFields(m map[string]any) {
	for _, k := range datasetKeys {
		if m[k] != nil {
			c.IsDataset = true
		}
	}
	for _, cfg := range listOf(m["configs"]) {
		if mapOf(cfg)["data_files"] != nil {
			c.IsDataset = true
		}
	}
	c.TaskCategories = strs(m["task_categories"])
	if s := strs(m["size_categories"]); len(s) > 0 {
		c.SizeCategory = s[0]
	}
	c.DatasetTypes = DatasetTypes(c.TaskCategories, c.Tags)
}

// modelIndex reads model-index[].results[].{task.type, dataset.name/type, metrics[]}.
func (c *Card) modelIndex(entries []any) {
	for i, e := range entries {
		if i >= maxModelIndex {
			return
		}
		em := mapOf(e)
		if i == 0 {
			c.ModelName = str(em["name"])
		}
		for j, r := range listOf(em["results"]) {
			if j >= maxResults {
				break
			}
			rm := mapOf(r)
			if rm == nil {
				continue
			}
			c.EvalResults++
			ds := mapOf(rm["dataset"])
			dataset := firstNonEmpty(str(ds["name"]), str(ds["type"]))
			for _, mt := range listOf(rm["metrics"]) {
				c.addMetric(mapOf(mt), dataset)
			}
		}
	}
}

func (c *Card) addMetric(mt map[string]any, dataset string) {
	if mt == nil || len(c.Metrics) >= maxMetrics {
		return
	}
	typ := firstNonEmpty(str(mt["type"]), str(mt["name"]))
	val := str(mt["value"])
	if typ == "" || val == "" {
		return
	}
	c.Metrics = append(c.Metrics, bom.Metric{Type: typ, Value: val, Dataset: dataset})
}

// firstTask is the first model-index result's task.type.
func firstTask(entries []any) string {
	for _, e := range entries {
		for _, r := range listOf(mapOf(e)["results"]) {
			if t := str(mapOf(mapOf(r)["task"])["type"]); t != "" {
				return t
			}
		}
	}
	return ""
}

// ApplyCard copies a model card into info, filling fields that are still empty (lists are
// merged): Task, Languages, Tags, Datasets, BaseModels, Metrics, UseCases, Limitations and
// Users. License, name, description and authors belong to the component and are left to the
// caller.
func ApplyCard(info *bom.ModelInfo, c *Card) {
	if info == nil || c == nil {
		return
	}
	fill(&info.Task, c.Task)
	info.Languages = appendUnique(info.Languages, c.Languages...)
	info.Tags = appendUnique(info.Tags, c.Tags...)
	info.Datasets = appendUnique(info.Datasets, c.Datasets...)
	info.BaseModels = appendUnique(info.BaseModels, c.BaseModels...)
	if len(info.Metrics) == 0 {
		info.Metrics = append(info.Metrics, c.Metrics...)
	}
	info.UseCases = appendUnique(info.UseCases, c.UseCases...)
	info.Limitations = appendUnique(info.Limitations, c.Limitations...)
	info.Users = appendUnique(info.Users, c.Users...)
}
