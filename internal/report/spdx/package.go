package spdx

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

// FileRef is the ref of a file of a model or dataset, "<component ref>#file:<path>", the same
// convention as the CycloneDX writer's nested file bom-refs.
func FileRef(componentRef, path string) string { return componentRef + "#file:" + path }

// subject emits the inventoried target, the document's root element, and returns its spdxId
// ("" when the BOM has none). A repository is an application; a model directory is a model.
func (w *writer) subject() string {
	s := w.b.Subject
	if s.Ref == "" && s.Name == "" {
		return ""
	}
	s.Ref = cmpOr(s.Ref, "subject")
	if s.Kind == "" {
		s.Kind = bom.KindApplication
	}
	w.comps[s.Ref] = &s
	w.known[s.Ref] = w.id(s.Ref)
	w.component(&s)
	return w.known[s.Ref]
}

// components emits the components and services in ref order, then the stubs for base models
// and datasets that are only named.
func (w *writer) components() {
	all := slices.Concat(w.b.Components, w.b.Services)
	slices.SortStableFunc(all, func(a, b bom.Component) int { return cmp.Compare(a.Ref, b.Ref) })
	for i := range all {
		if all[i].Ref != "" && w.comps[all[i].Ref] == nil {
			w.comps[all[i].Ref] = &all[i]
			w.known[all[i].Ref] = w.id(all[i].Ref)
		}
	}
	for i := range all {
		x := &all[i]
		if x.Ref == "" || w.comps[x.Ref] != x {
			continue // no ref, or a duplicate ref
		}
		w.component(x)
	}
}

func (w *writer) component(x *bom.Component) {
	switch x.Kind {
	case bom.KindModel:
		w.aiPackage(x)
	case bom.KindDataset:
		w.datasetPackage(x)
	case bom.KindFile:
		f := file{element: w.common(x, "software_File", w.id(x.Ref)), FileKind: "file"}
		w.add(&w.pkgs, f.SpdxID, f)
	case bom.KindService:
		w.service(x)
	default:
		p := w.basePackage(x, x.Ref, "software_Package", purpose(x.Kind))
		w.add(&w.pkgs, p.SpdxID, p)
		w.declaredLicense(p.SpdxID, x.Licenses, false)
	}
	w.files(x)
}

// service emits an MCP server or model API as a software_Package: "application" when it is
// launched locally, "other" when remote. Its endpoints are external references; transport,
// command, arguments, environment variable names and tool names go in the comment.
func (w *writer) service(x *bom.Component) {
	p := w.basePackage(x, x.Ref, "software_Package", "other")
	si := x.Service
	if si == nil {
		si = &bom.ServiceInfo{}
	}
	if si.Command != "" {
		p.PrimaryPurpose = "application"
	}
	if si.Provider != "" && p.SuppliedBy == "" {
		p.SuppliedBy = w.agent("Organization", si.Provider)
	}
	for _, e := range nonEmpty(si.Endpoints...) {
		p.ExternalRef = append(p.ExternalRef, externalRef{Type: "ExternalRef", ExternalRefType: "other", Locator: []string{e}, Comment: "endpoint"})
	}
	notes := nonEmpty(string(x.Category), p.Comment)
	if si.Transport != "" {
		notes = append(notes, "transport: "+si.Transport)
	}
	if si.Command != "" {
		notes = append(notes, "command: "+strings.Join(append([]string{si.Command}, si.Args...), " "))
	}
	if len(si.EnvNames) > 0 {
		notes = append(notes, "environment: "+strings.Join(si.EnvNames, ", "))
	}
	if len(si.Tools) > 0 {
		names := make([]string, 0, len(si.Tools))
		for _, t := range si.Tools {
			names = append(names, t.Name)
		}
		notes = append(notes, "tools: "+strings.Join(names, ", "))
	}
	p.Comment = strings.Join(notes, "; ")
	w.add(&w.pkgs, p.SpdxID, p)
}

// purpose maps a component kind to a Software/SoftwarePurpose value.
func purpose(k bom.Kind) string {
	switch k {
	case bom.KindModel:
		return "model"
	case bom.KindDataset:
		return "data"
	case bom.KindApplication:
		return "application"
	case bom.KindFramework:
		return "framework"
	case bom.KindFile:
		return "file"
	default:
		return "library"
	}
}

// common fills the Core/Element properties of a component.
func (w *writer) common(x *bom.Component, typ, id string) element {
	e := w.el(typ, id, cmpOr(x.Name, x.Ref))
	e.Description = x.Description
	e.VerifiedUsing = hashes(x.Hashes)
	e.ExternalRef = externalRefs(x)
	if x.PURL != "" {
		e.ExternalIdentifier = []externalIdentifier{{
			Type: "ExternalIdentifier", ExternalIdentifierType: "packageUrl", Identifier: x.PURL,
		}}
	}
	var notes []string
	if x.External {
		notes = append(notes, "Referenced by name in code or configuration; not present in the inventoried files.")
	}
	if x.Path != "" {
		notes = append(notes, "Location: "+x.Path)
	}
	e.Comment = strings.Join(notes, " ")
	return e
}

// basePackage fills the Software/Package properties shared by every package class.
func (w *writer) basePackage(x *bom.Component, ref, typ, purpose string) pkg {
	p := pkg{element: w.common(x, typ, w.id(ref)), PrimaryPurpose: purpose, PackageVersion: x.Version}
	if x.Supplier != "" {
		p.SuppliedBy = w.agent("Organization", x.Supplier)
	}
	if uri, ok := anyURI(x.PURL); ok {
		p.PackageURL = uri
	}
	for _, r := range x.ExternalRefs {
		uri, ok := anyURI(r.URL)
		switch {
		case !ok:
		case r.Type == "distribution" && p.DownloadLocation == "":
			p.DownloadLocation = uri
		case r.Type == "website" && p.HomePage == "":
			p.HomePage = uri
		}
	}
	if x.Dataset != nil && p.DownloadLocation == "" {
		if uri, ok := anyURI(x.Dataset.SourceURL); ok {
			p.DownloadLocation = uri
		}
	}
	return p
}

// aiPackage emits a model: AI/AIPackage with the properties its external restrictions require
// (suppliedBy, downloadLocation, packageVersion, primaryPurpose), NOASSERTION where unknown.
func (w *writer) aiPackage(x *bom.Component) {
	p := w.basePackage(x, x.Ref, "ai_AIPackage", "model")
	w.requireAIFields(&p, x)
	if m := x.Model; m != nil {
		p.Domain = nonEmpty(m.Task)
		p.TypeOfModel = nonEmpty(m.ArchitectureFamily, m.Architecture)
		p.Hyperparameter = hyperparameters(m)
		for _, mt := range m.Metrics {
			key := cmpOr(mt.Type, "metric")
			if mt.Dataset != "" {
				key += " (" + mt.Dataset + ")"
			}
			p.Metric = append(p.Metric, dictEntry{Type: "DictionaryEntry", Key: key, Value: mt.Value})
		}
		p.InformationAboutApplication = strings.Join(m.UseCases, "\n")
		p.Limitation = strings.Join(m.Limitations, "\n")
		if len(m.Datasets) > 0 {
			p.InformationAboutTraining = "Datasets named in the model card: " + strings.Join(m.Datasets, ", ")
		}
	}
	w.add(&w.pkgs, p.SpdxID, p)
	w.declaredLicense(p.SpdxID, x.Licenses, true)
	w.ancestors(x)
}

// requireAIFields sets the AIPackage external-restriction properties that are still empty.
func (w *writer) requireAIFields(p *pkg, x *bom.Component) {
	if p.SuppliedBy == "" {
		p.SuppliedBy = w.unknownAgent(x)
	}
	p.DownloadLocation = cmpOr(p.DownloadLocation, noAssertion)
	p.PackageVersion = cmpOr(p.PackageVersion, noAssertion)
	p.AutonomyType = "noAssertion"
}

func hyperparameters(m *bom.ModelInfo) []dictEntry {
	var out []dictEntry
	add := func(k, v string) {
		if v != "" && v != "0" {
			out = append(out, dictEntry{Type: "DictionaryEntry", Key: k, Value: v})
		}
	}
	add("parameters", strconv.FormatInt(m.Parameters, 10))
	add("dtype", m.DType)
	add("quantization", m.Quantization)
	add("contextLength", strconv.FormatInt(m.ContextLength, 10))
	add("format", m.Format)
	add("framework", m.Framework)
	return out
}

// datasetPackage emits a dataset: Dataset/DatasetPackage with datasetType (required) and
// exactly one originatedBy.
func (w *writer) datasetPackage(x *bom.Component) {
	p := w.basePackage(x, x.Ref, "dataset_DatasetPackage", "data")
	w.requireDatasetFields(&p, x)
	if d := x.Dataset; d != nil {
		p.DatasetType = datasetTypes(d.DatasetTypes)
		p.DatasetSize = max(d.Size, 0)
	}
	w.add(&w.pkgs, p.SpdxID, p)
	w.declaredLicense(p.SpdxID, x.Licenses, true)
}

func (w *writer) requireDatasetFields(p *pkg, x *bom.Component) {
	switch {
	case x.Supplier != "":
		p.OriginatedBy = []string{w.agent("Organization", x.Supplier)}
	default:
		p.OriginatedBy = []string{w.unknownAgent(x)}
	}
	p.DownloadLocation = cmpOr(p.DownloadLocation, noAssertion)
	p.DatasetType = []string{"noAssertion"}
}

// datasetVocab is Dataset/DatasetType.
var datasetVocab = map[string]bool{
	"audio": true, "categorical": true, "graph": true, "image": true, "noAssertion": true,
	"numeric": true, "other": true, "sensor": true, "structured": true, "syntactic": true,
	"text": true, "timeseries": true, "timestamp": true, "video": true,
}

func datasetTypes(ts []string) []string {
	var out []string
	for _, t := range ts {
		if !datasetVocab[t] {
			t = "other"
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return []string{"noAssertion"}
	}
	return out
}

// unknownAgent returns the agent for an unknown supplier: the author when there is one, else
// the NOASSERTION agent.
func (w *writer) unknownAgent(x *bom.Component) string {
	if x.Author != "" {
		return w.agent("Agent", x.Author)
	}
	return w.agent("Agent", noAssertion)
}

// agent returns the spdxId of the agent with this name, emitting it the first time.
func (w *writer) agent(typ, name string) string {
	key := typ + "\x00" + name
	if id, ok := w.agentIDs[key]; ok {
		return id
	}
	id := w.internalID(typ, name)
	w.agentIDs[key] = id
	w.add(&w.agents, id, w.el(typ, id, name))
	return id
}

// files emits the files of a model or dataset as software_File elements with their SHA-256.
func (w *writer) files(x *bom.Component) {
	for _, f := range x.Files {
		ref := FileRef(x.Ref, f.Path)
		id := w.id(ref)
		e := w.el("software_File", id, f.Path)
		if h, ok := hash("SHA-256", f.SHA256); ok {
			e.VerifiedUsing = []hashValue{h}
		}
		if w.add(&w.pkgs, id, file{element: e, FileKind: "file"}) {
			w.known[ref] = id
		}
	}
}

// anyURI returns s when it can be an xsd:anyURI: it parses as a URL and has no spaces or
// control characters.
func anyURI(s string) (string, bool) {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "", false
	}
	if _, err := url.Parse(s); err != nil {
		return "", false
	}
	return s, true
}

func nonEmpty(vals ...string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
