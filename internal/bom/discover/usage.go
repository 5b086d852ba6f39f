package discover

import (
	"net/url"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/code"
	"github.com/aisecops/aisec/internal/format/deps"
)

// usages adds what code and notebooks use: AI libraries (attached to the declared dependency,
// or listed as undeclared), hosted models by name, and AI API endpoints.
func (bd *builder) usages(files []*file) {
	for _, f := range files {
		for _, u := range f.usages {
			occ := bom.Occurrence{Path: f.rel, Line: u.Line, What: u.Evidence}
			switch u.Kind {
			case "model":
				bd.hostedModel(u, occ)
			case "endpoint":
				bd.endpoint(u, occ)
			default:
				bd.libraryUse(u, occ)
			}
		}
	}
}

// libraryUse attaches a usage to its package's component. A package used in code but declared
// in no manifest is listed too, marked declared=false: AI use nobody declared ("shadow AI").
func (bd *builder) libraryUse(u code.Usage, occ bom.Occurrence) string {
	if u.Package == "" {
		return ""
	}
	eco := deps.Ecosystem(u.Ecosystem)
	if ref, ok := bd.byPackage[pkgKey(eco, u.Package)]; ok {
		c := bd.get(ref)
		c.Occurrences = appendOccurrences(c.Occurrences, occ)
		if c.Category == bom.CatDependency || c.Category == "" {
			c.Category = bom.Category(u.Category)
		}
		return ref
	}
	purl := deps.Package{Ecosystem: eco, Name: u.Package}.PURL()
	c := bom.Component{
		Ref: purl, Kind: bom.KindLibrary, Category: bom.Category(u.Category), Name: u.Package, PURL: purl,
		Supplier: u.Provider, Occurrences: []bom.Occurrence{occ},
		Properties: []bom.Property{{Name: "declared", Value: "false"}},
	}
	stored := bd.add(c)
	bd.byPackage[pkgKey(eco, u.Package)] = stored.Ref
	bd.relate(SubjectRef, bom.RelDependsOn, stored.Ref)
	return stored.Ref
}

// hostedModel lists a model named in code: a Hugging Face id (org/name) or a hosted model.
func (bd *builder) hostedModel(u code.Usage, occ bom.Occurrence) {
	c := bom.Component{
		Kind: bom.KindModel, Name: u.Name, Supplier: u.Provider, External: true,
		Occurrences: []bom.Occurrence{occ}, Properties: []bom.Property{{Name: "source", Value: "code-reference"}},
	}
	if isHubID(u) {
		c.Ref, c.PURL = "model:hf/"+u.Name, huggingfacePURL(u.Name, "")
		if strings.Contains(u.Name, "/") {
			c.Group, c.Name = splitHubID(u.Name)
		}
	} else {
		c.Ref = "model:hosted/" + u.Name
	}
	stored := bd.add(c)
	bd.relate(SubjectRef, bom.RelUses, stored.Ref)
	if lib := bd.libraryUse(u, occ); lib != "" {
		bd.relate(lib, bom.RelUses, stored.Ref)
	}
}

// isHubID reports a Hugging Face model id ("org/name").
func isHubID(u code.Usage) bool {
	if u.Provider == "Hugging Face" {
		return strings.Count(u.Name, "/") <= 1
	}
	return strings.Count(u.Name, "/") == 1 && !strings.Contains(u.Name, ":")
}

func splitHubID(id string) (ns, name string) {
	ns, name, _ = strings.Cut(id, "/")
	return ns, name
}

// endpoint lists an AI API endpoint as a service, one per host.
func (bd *builder) endpoint(u code.Usage, occ bom.Occurrence) {
	host := u.Name
	if p, err := url.Parse(u.Name); err == nil && p.Host != "" {
		host = p.Host
		p.User, p.RawQuery, p.Fragment = nil, "", ""
		u.Name = p.String()
	}
	c := bom.Component{
		Ref: "service:" + host, Kind: bom.KindService, Category: bom.CatModelAPI, Name: host, Supplier: u.Provider,
		Occurrences: []bom.Occurrence{occ},
		Service:     &bom.ServiceInfo{Provider: u.Provider, Endpoints: []string{u.Name}},
	}
	stored := bd.add(c)
	if stored.Service != nil {
		stored.Service.Endpoints = appendNew(stored.Service.Endpoints, u.Name)
	}
	bd.relate(SubjectRef, bom.RelDependsOn, stored.Ref)
}
