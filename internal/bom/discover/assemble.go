package discover

import (
	"crypto/sha256"
	"fmt"
	"path"
	"path/filepath"
	"sort"

	"github.com/aisecops/aisec/internal/bom"
)

// SubjectRef is the bom-ref of the inventoried target.
const SubjectRef = "subject"

// builder accumulates components and relationships while assembling.
type builder struct {
	b    *bom.BOM
	refs map[string]int // component ref → index in b.Components
	svcs map[string]int // service ref → index in b.Services
	rels map[bom.Relationship]bool
	o    Options
	// byPackage maps a package (pkgKey) to the ref of its library component, so that code usage
	// lands on the declared dependency.
	byPackage map[string]string
	// dirs maps each directory (slash path) to its files, for per-folder grouping.
	dirs map[string][]*file
}

// assemble turns the read files into components and relationships.
func assemble(inv *inventory, o Options) *bom.BOM {
	bd := &builder{
		b:    &bom.BOM{Subject: subject(inv.targets), Incomplete: inv.gaps},
		refs: map[string]int{}, svcs: map[string]int{}, rels: map[bom.Relationship]bool{}, o: o, byPackage: map[string]string{},
		dirs: map[string][]*file{},
	}
	for _, f := range inv.files {
		bd.dirs[path.Dir(f.rel)] = append(bd.dirs[path.Dir(f.rel)], f)
		if f.problem != "" {
			bd.b.Incomplete = append(bd.b.Incomplete, bom.Gap{Path: f.rel, Reason: f.problem})
		}
	}
	bd.models(inv.files)
	bd.datasets(inv.files)
	bd.packages(inv.files)
	bd.usages(inv.files)
	bd.mcpServers(inv.files)
	bd.linkCards()
	for r := range bd.rels {
		bd.b.Relationships = append(bd.b.Relationships, r)
	}
	return bd.b
}

// subject describes what was inventoried: the target folder (or file) by name.
func subject(targets []string) bom.Component {
	name := "aisec-bom"
	if len(targets) == 1 {
		if abs, err := filepath.Abs(targets[0]); err == nil {
			name = filepath.Base(abs)
		}
	}
	return bom.Component{Ref: SubjectRef, Kind: bom.KindApplication, Name: name}
}

// add inserts c, or merges it into the component already holding its ref, and returns the
// stored component.
func (bd *builder) add(c bom.Component) *bom.Component {
	if c.Kind == bom.KindService {
		if i, ok := bd.svcs[c.Ref]; ok {
			mergeInto(&bd.b.Services[i], c)
			return &bd.b.Services[i]
		}
		bd.svcs[c.Ref] = len(bd.b.Services)
		bd.b.Services = append(bd.b.Services, c)
		return &bd.b.Services[len(bd.b.Services)-1]
	}
	if i, ok := bd.refs[c.Ref]; ok {
		mergeInto(&bd.b.Components[i], c)
		return &bd.b.Components[i]
	}
	bd.refs[c.Ref] = len(bd.b.Components)
	bd.b.Components = append(bd.b.Components, c)
	return &bd.b.Components[len(bd.b.Components)-1]
}

// get returns the component or service with ref, or nil.
func (bd *builder) get(ref string) *bom.Component {
	if i, ok := bd.refs[ref]; ok {
		return &bd.b.Components[i]
	}
	if i, ok := bd.svcs[ref]; ok {
		return &bd.b.Services[i]
	}
	return nil
}

// mergeInto adds what other knows to c: occurrences and properties, and fields c lacks.
func mergeInto(c *bom.Component, other bom.Component) {
	c.Occurrences = appendOccurrences(c.Occurrences, other.Occurrences...)
	for _, p := range other.Properties {
		setProperty(c, p.Name, p.Value)
	}
	if c.Version == "" {
		c.Version = other.Version
	}
	if c.Supplier == "" {
		c.Supplier = other.Supplier
	}
	if c.Scope == "" || other.Scope == "required" {
		c.Scope = other.Scope
	}
	if c.Category == "" || c.Category == bom.CatDependency {
		if other.Category != "" {
			c.Category = other.Category
		}
	}
}

// maxOccurrences bounds the evidence kept per component: a library imported in 5,000 files is
// not better documented by 5,000 locations.
const maxOccurrences = 20

func appendOccurrences(list []bom.Occurrence, more ...bom.Occurrence) []bom.Occurrence {
	for _, o := range more {
		if len(list) >= maxOccurrences {
			break
		}
		dup := false
		for _, e := range list {
			if e.Path == o.Path && e.Line == o.Line {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, o)
		}
	}
	return list
}

// setProperty sets a property, replacing an earlier value of the same name.
func setProperty(c *bom.Component, name, value string) {
	if value == "" {
		return
	}
	for i := range c.Properties {
		if c.Properties[i].Name == name {
			c.Properties[i].Value = value
			return
		}
	}
	c.Properties = append(c.Properties, bom.Property{Name: name, Value: value})
}

// relate records one relationship.
func (bd *builder) relate(from string, t bom.RelType, to string) {
	if from != "" && to != "" && from != to {
		bd.rels[bom.Relationship{From: from, Type: t, To: to}] = true
	}
}

func sortRelationships(rs []bom.Relationship) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.To < b.To
	})
}

// serial derives a urn:uuid from the BOM's content, so that the same input gives the same BOM
// (a version-5-style UUID over the sorted refs, versions and hashes).
func serial(b *bom.BOM) string {
	h := sha256.New()
	fmt.Fprintln(h, b.Subject.Name)
	for _, list := range [][]bom.Component{b.Components, b.Services} {
		for _, c := range list {
			fmt.Fprintln(h, c.Ref, c.Version)
			for _, x := range c.Hashes {
				fmt.Fprintln(h, x.Value)
			}
		}
	}
	s := h.Sum(nil)
	s[6] = (s[6] & 0x0f) | 0x50
	s[8] = (s[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// dirOf is the folder of a slash path, "" for files at the top.
func dirOf(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

// baseName is the last element of a slash path, or the subject's name for the root.
func baseName(p string) string {
	if p == "" || p == "." {
		return ""
	}
	return path.Base(p)
}
