package cyclonedx

import (
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/aisecops/aisec/internal/bom"
)

// approaches are the values modelParameters.approach.type accepts.
var approaches = map[string]bool{
	"supervised": true, "unsupervised": true, "reinforcement-learning": true,
	"semi-supervised": true, "self-supervised": true,
}

// modelCard maps what was derived about a model to the CycloneDX model card. It returns nil
// when nothing is known.
func (c *converter) modelCard(x *bom.Component) *cdx.MLModelCard {
	m := x.Model
	mc := &cdx.MLModelCard{}
	mp := &cdx.MLModelParameters{
		Task: m.Task, ArchitectureFamily: m.ArchitectureFamily, ModelArchitecture: m.Architecture,
		Datasets: c.modelDatasets(x),
		Inputs:   formats(m.Inputs),
		Outputs:  formats(m.Outputs),
	}
	if approaches[m.Approach] {
		mp.Approach = &cdx.MLModelParametersApproach{Type: cdx.MLModelParametersApproachType(m.Approach)}
	}
	if *mp != (cdx.MLModelParameters{}) {
		mc.ModelParameters = mp
	}
	var metrics []cdx.MLPerformanceMetric
	for _, mt := range m.Metrics {
		metrics = append(metrics, cdx.MLPerformanceMetric{Type: mt.Type, Value: mt.Value, Slice: mt.Dataset})
	}
	if len(metrics) > 0 {
		mc.QuantitativeAnalysis = &cdx.MLQuantitativeAnalysis{PerformanceMetrics: &metrics}
	}
	if len(m.UseCases)+len(m.Limitations)+len(m.Users) > 0 {
		mc.Considerations = &cdx.MLModelCardConsiderations{
			Users: list(m.Users), UseCases: list(m.UseCases), TechnicalLimitations: list(m.Limitations),
		}
	}
	if *mc == (cdx.MLModelCard{}) {
		return nil
	}
	return mc
}

// modelDatasets references the dataset components the model was trained on (trainedOn
// relationships), then names from the model card that match none of them as inline datasets.
func (c *converter) modelDatasets(x *bom.Component) *[]cdx.MLDatasetChoice {
	var out []cdx.MLDatasetChoice
	var targets []*bom.Component
	for _, to := range c.related(x.Ref, bom.RelTrainedOn) {
		if t := c.known[to]; t != nil {
			out = append(out, cdx.MLDatasetChoice{Ref: to})
			targets = append(targets, t)
		}
	}
	for _, name := range x.Model.Datasets {
		if name == "" || matchesAny(name, targets) {
			continue
		}
		out = append(out, cdx.MLDatasetChoice{ComponentData: &cdx.ComponentData{
			Type: cdx.ComponentDataTypeDataset, Name: name,
		}})
	}
	return list(out)
}

// matchesAny reports whether a dataset name from a model card ("rajpurkar/squad" or "squad")
// names one of the components.
func matchesAny(name string, cs []*bom.Component) bool {
	for _, t := range cs {
		if strings.EqualFold(name, t.Name) || t.Group != "" && strings.EqualFold(name, t.Group+"/"+t.Name) {
			return true
		}
	}
	return false
}

func formats(fs []string) *[]cdx.MLInputOutputParameters {
	var out []cdx.MLInputOutputParameters
	for _, f := range fs {
		out = append(out, cdx.MLInputOutputParameters{Format: f})
	}
	return list(out)
}

// data describes a dataset component: CycloneDX has one data entry per component, of type
// dataset, with where it can be retrieved.
func data(x *bom.Component) *[]cdx.ComponentData {
	d := cdx.ComponentData{Type: cdx.ComponentDataTypeDataset, Name: x.Name, Description: x.Description}
	if u, ok := iri(x.Dataset.SourceURL); ok {
		d.Contents = &cdx.ComponentDataContents{URL: u}
	}
	return &[]cdx.ComponentData{d}
}

// properties returns the "aisec:" facts CycloneDX has no field for, in a fixed order: category,
// model or dataset facts, completeness, signature, location, then the component's own.
func (c *converter) properties(x *bom.Component) []cdx.Property {
	var out []cdx.Property
	add := func(name, value string) {
		if value != "" {
			out = append(out, prop(name, value))
		}
	}
	add("category", string(x.Category))
	if m := x.Model; m != nil {
		modelProps(add, m)
	}
	if d := x.Dataset; d != nil {
		datasetProps(add, d)
	}
	if cp := x.Completeness; cp != nil {
		add("completeness-score", strconv.Itoa(cp.Score))
		add("completeness-missing", strings.Join(cp.Missing, ","))
	}
	if s := x.Signature; s != nil {
		add("oms:root-digest", s.RootDigest)
		add("oms:signer", s.Signer)
		add("oms:issuer", s.Issuer)
		add("oms:method", s.Method)
		add("oms:signature-path", s.Path)
		if s.Files > 0 {
			add("oms:files", strconv.Itoa(s.Files))
		}
	}
	add("path", x.Path)
	if x.External {
		add("external", "true")
	}
	for _, to := range c.related(x.Ref, bom.RelDescendantOf) {
		add("descendantOf", to)
	}
	for _, p := range x.Properties {
		if p.Name != "" {
			out = append(out, prop(p.Name, p.Value))
		}
	}
	return out
}

func modelProps(add func(string, string), m *bom.ModelInfo) {
	add("format", m.Format)
	add("framework", m.Framework)
	if m.Parameters > 0 {
		add("parameters", strconv.FormatInt(m.Parameters, 10))
	}
	add("dtype", m.DType)
	add("quantization", m.Quantization)
	if m.ContextLength > 0 {
		add("context-length", strconv.FormatInt(m.ContextLength, 10))
	}
	add("opset", m.Opset)
	add("producer", m.Producer)
	add("languages", strings.Join(m.Languages, ","))
	add("model-card", m.CardPath)
}

func datasetProps(add func(string, string), d *bom.DatasetInfo) {
	add("format", d.Format)
	add("dataset-types", strings.Join(d.DatasetTypes, ","))
	if d.Records > 0 {
		add("records", strconv.FormatInt(d.Records, 10))
	}
	if len(d.Columns) > 0 {
		add("columns", jsonList(d.Columns))
	}
	if d.Size > 0 {
		add("size", strconv.FormatInt(d.Size, 10))
	}
	if d.FileCount > 0 {
		add("file-count", strconv.Itoa(d.FileCount))
	}
	add("dataset-card", d.CardPath)
	add("source-url", d.SourceURL)
}
