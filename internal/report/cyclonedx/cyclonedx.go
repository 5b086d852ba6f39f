// Package cyclonedx writes an AI-BOM as a CycloneDX 1.6 or 1.7 ML-BOM, in JSON or XML, with
// cyclonedx-go. Models become machine-learning-model components with a modelCard, datasets
// become data components, MCP servers and model APIs become services, and the facts CycloneDX
// has no field for become "aisec:" properties. The output is deterministic: the same BOM gives
// the same bytes.
package cyclonedx

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/aisecops/aisec/internal/bom"
)

// Options configure the writer.
type Options struct {
	SpecVersion string // "1.6" (the default when empty) or "1.7"
	XML         bool   // XML instead of JSON
}

// Write renders b as CycloneDX. It encodes the converted BOM directly rather than through
// cyclonedx-go's EncodeVersion, whose gob-based copy drops false booleans (a service's
// "authenticated": false); Convert only sets fields the chosen version has.
func Write(w io.Writer, b *bom.BOM, o Options) error {
	spec, err := specVersion(o.SpecVersion)
	if err != nil {
		return err
	}
	format := cdx.BOMFileFormatJSON
	if o.XML {
		format = cdx.BOMFileFormatXML
	}
	if err := cdx.NewBOMEncoder(w, format).SetPretty(true).Encode(convert(b, spec)); err != nil {
		return fmt.Errorf("unable to write CycloneDX BOM: %w", err)
	}
	return nil
}

// Convert returns b as a CycloneDX 1.6 BOM, the default version.
func Convert(b *bom.BOM) *cdx.BOM { return convert(b, cdx.SpecVersion1_6) }

func specVersion(s string) (cdx.SpecVersion, error) {
	switch s {
	case "", "1.6":
		return cdx.SpecVersion1_6, nil
	case "1.7":
		return cdx.SpecVersion1_7, nil
	default:
		return 0, fmt.Errorf("unsupported CycloneDX spec version %q (want 1.6 or 1.7)", s)
	}
}

// converter carries the BOM and its indexes through one conversion.
type converter struct {
	spec  cdx.SpecVersion
	b     *bom.BOM
	known map[string]*bom.Component // subject, components and services by ref
	from  map[string][]bom.Relationship
	used  map[string]bool // bom-refs taken by nested files, ancestors and vulnerabilities
}

func convert(b *bom.BOM, spec cdx.SpecVersion) *cdx.BOM {
	if b == nil {
		b = &bom.BOM{}
	}
	c := &converter{spec: spec, b: b, known: map[string]*bom.Component{}, from: map[string][]bom.Relationship{}, used: map[string]bool{}}
	if b.Subject.Ref != "" {
		c.known[b.Subject.Ref] = &b.Subject
	}
	comps, svcs := c.unique(b.Components), c.unique(b.Services)
	for _, r := range b.Relationships {
		c.from[r.From] = append(c.from[r.From], r)
	}
	out := &cdx.BOM{
		JSONSchema:   fmt.Sprintf("http://cyclonedx.org/schema/bom-%s.schema.json", spec),
		XMLNS:        fmt.Sprintf("http://cyclonedx.org/schema/bom/%s", spec),
		BOMFormat:    cdx.BOMFormat,
		SpecVersion:  spec,
		SerialNumber: serialNumber(b.Serial),
		Version:      1,
		Metadata:     c.metadata(),
	}
	var components []cdx.Component
	var services []cdx.Service
	for i := range comps {
		if comps[i].Kind == bom.KindService {
			services = append(services, c.service(&comps[i]))
			continue
		}
		components = append(components, c.component(&comps[i]))
	}
	for i := range svcs {
		services = append(services, c.service(&svcs[i]))
	}
	out.Components, out.Services = list(components), list(services)
	out.Dependencies = c.dependencies(comps, svcs)
	out.Vulnerabilities = c.vulnerabilities()
	return out
}

// unique returns cs sorted by Ref (Build already sorts; this keeps the output stable for any
// input) without the components whose ref was already taken, and records their refs as known.
// Every bom-ref must be unique, so a duplicate is dropped rather than emitted twice.
func (c *converter) unique(cs []bom.Component) []bom.Component {
	sorted := slices.Clone(cs)
	slices.SortStableFunc(sorted, func(a, b bom.Component) int { return cmp.Compare(a.Ref, b.Ref) })
	out := sorted[:0]
	for i := range sorted {
		ref := sorted[i].Ref
		if ref != "" && c.known[ref] != nil {
			continue
		}
		out = append(out, sorted[i])
		if ref != "" {
			c.known[ref] = &out[len(out)-1]
		}
	}
	return out
}

// claim returns ref when no component, service or earlier nested object uses it, and ""
// (no bom-ref, which is optional) otherwise.
func (c *converter) claim(ref string) string {
	if ref == "" || c.known[ref] != nil || c.used[ref] {
		return ""
	}
	c.used[ref] = true
	return ref
}

func (c *converter) metadata() *cdx.Metadata {
	b := c.b
	name := b.Tool.Name
	if name == "" {
		name = "aisec"
	}
	md := &cdx.Metadata{
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: name, Version: b.Tool.Version,
		}}},
	}
	if !b.Timestamp.IsZero() {
		md.Timestamp = b.Timestamp.UTC().Format(time.RFC3339)
	}
	if b.Subject.Ref != "" || b.Subject.Name != "" {
		subject := c.component(&b.Subject)
		if b.Subject.Kind == "" {
			subject.Type = cdx.ComponentTypeApplication
		}
		subject.IsExternal = nil // the schema requires false (or absent) for metadata.component
		md.Component = &subject
	}
	var props []cdx.Property
	for _, g := range b.Incomplete {
		props = append(props, cdx.Property{Name: "aisec:incomplete", Value: g.Path + ": " + g.Reason})
	}
	md.Properties = list(props)
	return md
}

// dependencies returns one entry per subject, component and service ref, each listing the
// refs it depends on or uses. trainedOn, descendantOf and contains are expressed by the model
// card, the pedigree and nesting instead.
func (c *converter) dependencies(comps, svcs []bom.Component) *[]cdx.Dependency {
	var refs []string
	if c.b.Subject.Ref != "" {
		refs = append(refs, c.b.Subject.Ref)
	}
	for _, list := range [][]bom.Component{comps, svcs} {
		for _, x := range list {
			if x.Ref != "" {
				refs = append(refs, x.Ref)
			}
		}
	}
	var deps []cdx.Dependency
	seen := map[string]bool{}
	for _, ref := range refs {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		var on []string
		for _, r := range c.from[ref] {
			if (r.Type == bom.RelDependsOn || r.Type == bom.RelUses) && c.known[r.To] != nil && r.To != ref {
				on = append(on, r.To)
			}
		}
		slices.Sort(on)
		deps = append(deps, cdx.Dependency{Ref: ref, Dependencies: list(slices.Compact(on))})
	}
	return list(deps)
}

// related returns the targets of the relationships of type t from ref, in order.
func (c *converter) related(ref string, t bom.RelType) []string {
	var out []string
	for _, r := range c.from[ref] {
		if r.Type == t {
			out = append(out, r.To)
		}
	}
	return out
}
