package discover

import (
	"context"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/vuln"
)

// linkCards turns the datasets and base models that model cards name into trainedOn and
// descendantOf relationships: to the dataset or model in the BOM when it is there, else to a
// referenced (external) component.
func (bd *builder) linkCards() {
	n := len(bd.b.Components)
	for i := 0; i < n; i++ {
		c := bd.b.Components[i]
		if c.Kind != bom.KindModel || c.External || c.Model == nil {
			continue
		}
		for _, name := range c.Model.Datasets {
			bd.relate(c.Ref, bom.RelTrainedOn, bd.datasetRef(name))
		}
		var ancestors []bom.Component
		for _, base := range c.Model.BaseModels {
			ref := bd.baseModelRef(base)
			bd.relate(c.Ref, bom.RelDescendantOf, ref)
			a := bd.get(ref)
			ancestors = append(ancestors, bom.Component{Ref: a.Ref, Kind: bom.KindModel, Name: a.Name, Group: a.Group, Version: a.Version, PURL: a.PURL})
		}
		bd.b.Components[i].Ancestors = ancestors
	}
}

// datasetRef finds the dataset a card names (by hub id or folder name), or adds a reference.
func (bd *builder) datasetRef(name string) string {
	for _, c := range bd.b.Components {
		if c.Kind == bom.KindDataset && (strings.EqualFold(c.Name, name) || strings.EqualFold(c.Name, lastSegment(name))) {
			return c.Ref
		}
	}
	c := bom.Component{
		Ref: "dataset:hf/" + name, Kind: bom.KindDataset, Name: name, External: true,
		Dataset: &bom.DatasetInfo{Format: "hf-dataset"}, Properties: []bom.Property{{Name: "source", Value: "model-card"}},
	}
	if strings.Count(name, "/") == 1 {
		c.ExternalRefs = []bom.ExternalRef{{Type: "distribution", URL: "https://huggingface.co/datasets/" + name}}
	}
	return bd.add(c).Ref
}

// baseModelRef finds the base model a card names among the models, or adds a reference.
func (bd *builder) baseModelRef(id string) string {
	purl := huggingfacePURL(id, "")
	for _, c := range bd.b.Components {
		if c.Kind != bom.KindModel || c.External {
			continue
		}
		if strings.EqualFold(strings.TrimPrefix(c.Group+"/"+c.Name, "/"), id) || purlBase(c.PURL) == purl {
			return c.Ref
		}
	}
	ns, name := splitHubID(id)
	if name == "" {
		ns, name = "", id
	}
	c := bom.Component{
		Ref: "model:hf/" + id, Kind: bom.KindModel, Name: name, Group: ns, Supplier: ns, PURL: purl, External: true,
		Properties: []bom.Property{{Name: "source", Value: "model-card"}},
	}
	return bd.add(c).Ref
}

// purlBase drops the version of a purl.
func purlBase(p string) string {
	u, err := packageurl.FromString(p)
	if err != nil {
		return p
	}
	u.Version = ""
	return u.ToString()
}

func lastSegment(s string) string {
	if i := strings.LastIndex(s, "/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// osvEcosystem maps purl types to OSV ecosystem names.
var osvEcosystem = map[string]string{
	packageurl.TypePyPi: "PyPI", packageurl.TypeNPM: "npm", packageurl.TypeGolang: "Go", packageurl.TypeMaven: "Maven",
}

// matchVulns queries the advisories for every library with a known version.
func matchVulns(ctx context.Context, b *bom.BOM, m vuln.Matcher) error {
	var qs []vuln.Query
	var refs []string
	for _, c := range b.Components {
		if c.Kind != bom.KindLibrary || c.Version == "" || c.PURL == "" {
			continue
		}
		q, ok := queryOf(c.PURL)
		if !ok {
			continue
		}
		qs, refs = append(qs, q), append(refs, c.Ref)
	}
	if len(qs) == 0 {
		return nil
	}
	res, err := m.Match(ctx, qs)
	if err != nil {
		return err
	}
	for i, advs := range res {
		for _, a := range advs {
			b.Vulnerabilities = append(b.Vulnerabilities, bom.Vulnerability{
				ID: a.ID, Aliases: a.Aliases, Summary: a.Summary, Severity: a.Severity, Affects: refs[i], Fixed: a.Fixed, URL: a.URL,
			})
		}
	}
	return nil
}

// queryOf turns a purl into an advisory query.
func queryOf(p string) (vuln.Query, bool) {
	u, err := packageurl.FromString(p)
	if err != nil {
		return vuln.Query{}, false
	}
	eco, ok := osvEcosystem[u.Type]
	if !ok {
		return vuln.Query{}, false
	}
	name := u.Name
	switch {
	case u.Type == packageurl.TypeMaven && u.Namespace != "":
		name = u.Namespace + ":" + u.Name
	case u.Namespace != "":
		name = u.Namespace + "/" + u.Name
	}
	return vuln.Query{Ecosystem: eco, Name: name, Version: u.Version}, true
}
