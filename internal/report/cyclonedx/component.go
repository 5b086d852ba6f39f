package cyclonedx

import (
	"encoding/json"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/report/spdx"
)

// FileRef is the bom-ref of a file of a model or dataset, "<component ref>#file:<path>". A
// contains relationship that points at a file uses the same convention.
func FileRef(componentRef, path string) string { return componentRef + "#file:" + path }

func (c *converter) component(x *bom.Component) cdx.Component {
	out := cdx.Component{
		BOMRef:      x.Ref,
		Type:        componentType(x.Kind),
		Group:       x.Group,
		Name:        x.Name,
		Version:     truncate(x.Version, 1024),
		Description: x.Description,
		Scope:       scope(x.Scope),
		PackageURL:  x.PURL,
		Hashes:      hashes(x.Hashes),
		Licenses:    licenses(x.Licenses),
		Evidence:    evidence(x.Occurrences),
		Components:  c.files(x),
		Pedigree:    c.pedigree(x),
	}
	if x.Supplier != "" {
		out.Supplier = &cdx.OrganizationalEntity{Name: x.Supplier}
	}
	if x.Author != "" {
		out.Authors = &[]cdx.OrganizationalContact{{Name: x.Author}}
	}
	if x.Model != nil {
		out.ModelCard = c.modelCard(x)
		out.Tags = list(x.Model.Tags)
	}
	if x.Dataset != nil {
		out.Data = data(x)
		out.Tags = list(x.Dataset.Tags)
	}
	if x.External && c.spec >= cdx.SpecVersion1_7 {
		out.IsExternal = ptr(true)
	}
	out.ExternalReferences = externalRefs(x)
	out.Properties = list(c.properties(x))
	return out
}

func componentType(k bom.Kind) cdx.ComponentType {
	switch k {
	case bom.KindModel, bom.KindDataset, bom.KindLibrary, bom.KindFramework, bom.KindApplication, bom.KindFile:
		return cdx.ComponentType(k)
	default:
		return cdx.ComponentTypeLibrary
	}
}

func scope(s string) cdx.Scope {
	switch s {
	case "required", "optional", "excluded":
		return cdx.Scope(s)
	default:
		return ""
	}
}

func hashes(hs []bom.Hash) *[]cdx.Hash {
	var out []cdx.Hash
	for _, h := range hs {
		if v, ok := hash(h.Alg, h.Value); ok {
			out = append(out, v)
		}
	}
	return list(out)
}

// licenses maps SPDX IDs on the allowlist to {license:{id}} and everything else to
// {license:{name}}, since the schema only accepts listed IDs in "id".
func licenses(ls []string) *cdx.Licenses {
	var out cdx.Licenses
	for _, l := range ls {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if id, ok := spdx.LicenseID(l); ok {
			out = append(out, cdx.LicenseChoice{License: &cdx.License{ID: id}})
			continue
		}
		out = append(out, cdx.LicenseChoice{License: &cdx.License{Name: l}})
	}
	if len(out) == 0 {
		return nil
	}
	return &out
}

// evidence records where the component was seen: location, line and the matched text.
func evidence(occ []bom.Occurrence) *cdx.Evidence {
	var out []cdx.EvidenceOccurrence
	for _, o := range occ {
		if o.Path == "" {
			continue
		}
		e := cdx.EvidenceOccurrence{Location: o.Path, AdditionalContext: truncate(o.What, maxContext)}
		if o.Line > 0 {
			e.Line = ptr(o.Line)
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil
	}
	return &cdx.Evidence{Occurrences: &out}
}

// files nests the files of a model or dataset as components of type file, since CycloneDX has
// no multi-file field for them.
func (c *converter) files(x *bom.Component) *[]cdx.Component {
	var out []cdx.Component
	for _, f := range x.Files {
		ref := c.claim(FileRef(x.Ref, f.Path))
		if ref == "" {
			continue // a file listed twice
		}
		fc := cdx.Component{
			BOMRef: ref, Type: cdx.ComponentTypeFile, Name: f.Path,
			Hashes: sha256Hashes(f.SHA256),
		}
		var props []cdx.Property
		if f.Format != "" {
			props = append(props, prop("format", f.Format))
		}
		if f.Size > 0 {
			props = append(props, prop("size", strconv.FormatInt(f.Size, 10)))
		}
		fc.Properties = list(props)
		out = append(out, fc)
	}
	return list(out)
}

// pedigree lists the base models: the minimal ancestors Build recorded, then the targets of
// descendantOf relationships that are not among them.
func (c *converter) pedigree(x *bom.Component) *cdx.Pedigree {
	var out []cdx.Component
	add := func(a *bom.Component) {
		typ := cdx.ComponentTypeMachineLearningModel
		if x.Kind != bom.KindModel {
			typ = componentType(x.Kind)
		}
		out = append(out, cdx.Component{
			BOMRef: c.claim(x.Ref + "#base-" + strconv.Itoa(len(out)+1)), Type: typ,
			Group: a.Group, Name: a.Name, Version: truncate(a.Version, 1024), PackageURL: a.PURL,
		})
	}
	for i := range x.Ancestors {
		add(&x.Ancestors[i])
	}
	for _, to := range c.related(x.Ref, bom.RelDescendantOf) {
		if t := c.known[to]; t != nil && !hasAncestor(x.Ancestors, t) {
			add(t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &cdx.Pedigree{Ancestors: &out}
}

func hasAncestor(as []bom.Component, t *bom.Component) bool {
	for _, a := range as {
		if a.PURL != "" && a.PURL == t.PURL || a.Name == t.Name && a.Group == t.Group {
			return true
		}
	}
	return false
}

// externalRefs returns the component's references, with URLs checked, plus the OpenSSF
// model_signing bundle as an attestation.
func externalRefs(x *bom.Component) *[]cdx.ExternalReference {
	var out []cdx.ExternalReference
	for _, r := range x.ExternalRefs {
		u, ok := iri(r.URL)
		if !ok {
			continue
		}
		typ := cdx.ExternalReferenceType(r.Type)
		if !validRefTypes[typ] {
			typ = cdx.ERTypeOther
		}
		out = append(out, cdx.ExternalReference{URL: u, Type: typ, Comment: r.Comment, Hashes: sha256Hashes(r.SHA256)})
	}
	if s := x.Signature; s != nil && s.Path != "" {
		out = append(out, cdx.ExternalReference{
			URL:     pathRef(s.Path),
			Type:    cdx.ERTypeAttestation,
			Comment: "OpenSSF model_signing bundle (not verified by aisec bom); verify with: " + s.VerifyCommand(x.Path),
			Hashes:  sha256Hashes(s.SHA256),
		})
	}
	return list(out)
}

// validRefTypes are the external reference types CycloneDX 1.6 defines (1.7 adds more; the
// 1.6 set keeps every output valid for both versions).
var validRefTypes = map[cdx.ExternalReferenceType]bool{
	"vcs": true, "issue-tracker": true, "website": true, "advisories": true, "bom": true,
	"mailing-list": true, "social": true, "chat": true, "documentation": true, "support": true,
	"source-distribution": true, "distribution": true, "distribution-intake": true, "license": true,
	"build-meta": true, "build-system": true, "release-notes": true, "security-contact": true,
	"model-card": true, "log": true, "configuration": true, "evidence": true, "formulation": true,
	"attestation": true, "threat-model": true, "adversary-model": true, "risk-assessment": true,
	"vulnerability-assertion": true, "exploitability-statement": true, "pentest-report": true,
	"static-analysis-report": true, "dynamic-analysis-report": true, "runtime-analysis-report": true,
	"component-analysis-report": true, "maturity-report": true, "certification-report": true,
	"codified-infrastructure": true, "quality-metrics": true, "poam": true,
	"electronic-signature": true, "digital-signature": true, "rfc-9116": true, "other": true,
}

func prop(name, value string) cdx.Property { return cdx.Property{Name: "aisec:" + name, Value: value} }

// jsonList encodes a list whose items may contain commas or spaces (arguments, column names).
func jsonList(items []string) string {
	b, err := json.Marshal(items)
	if err != nil {
		return ""
	}
	return string(b)
}
