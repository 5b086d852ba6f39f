package bomtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// spdxContext is the JSON-LD context every SPDX 3.0.1 document must name.
const spdxContext = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"

// dateTimeStamp is the lexical form SPDX 3.0.1 allows for its dates (UTC, whole seconds).
var dateTimeStamp = regexp.MustCompile(`^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// ValidateSPDX checks an SPDX 3.0.1 JSON-LD document against the classes in spdxClasses (see
// spdxmodel.go for the model files they come from): every node has a known, concrete class;
// required properties are present (including the AI and Dataset external property
// restrictions, except the dates in unknowableDates); cardinalities and value types hold; no
// property is unknown to its class; every spdxId is unique; every reference (relationship ends,
// agents, licences, creation info) resolves to an element of the right class; every AI and
// dataset package has exactly one declared and one concluded licence relationship (profile
// conformance); and the SpdxDocument lists every element.
func ValidateSPDX(t testing.TB, doc []byte) {
	t.Helper()
	for _, e := range CheckSPDX(doc) {
		t.Errorf("SPDX: %s", e)
	}
}

// CheckSPDX returns what ValidateSPDX would report, sorted; nil when the document is valid.
func CheckSPDX(doc []byte) []string {
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return []string{"document is not a JSON object: " + err.Error()}
	}
	c := &spdxCheck{types: map[string]string{}, blanks: map[string]bool{}}
	if root["@context"] != spdxContext {
		c.errorf("@context is %v, want %s", root["@context"], spdxContext)
	}
	graph, ok := root["@graph"].([]any)
	if !ok {
		c.errorf("@graph is missing or not an array")
	}
	nodes := c.index(graph)
	for _, n := range nodes {
		c.object(n.where, n.typ, n.obj)
	}
	c.resolve()
	c.conformance(nodes)
	sort.Strings(c.errs)
	return slices.Compact(c.errs)
}

type spdxCheck struct {
	errs   []string
	types  map[string]string // spdxId → class
	blanks map[string]bool   // CreationInfo @ids
	refs   []pendingRef
}

type pendingRef struct{ where, id, refTo string }

type node struct {
	where, typ, id string
	obj            map[string]any
}

func (c *spdxCheck) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// index records the spdxId and class of every element and the @id of every creation info.
func (c *spdxCheck) index(graph []any) []node {
	var nodes []node
	for i, item := range graph {
		where := fmt.Sprintf("@graph[%d]", i)
		obj, ok := item.(map[string]any)
		if !ok {
			c.errorf("%s is not an object", where)
			continue
		}
		typ, _ := obj["type"].(string)
		if _, ok := spdxClasses[typ]; !ok {
			c.errorf("%s has unknown or missing type %q", where, typ)
			continue
		}
		n := node{where: where + " (" + typ + ")", typ: typ, obj: obj}
		switch {
		case isA(typ, "Element"):
			n.id, _ = obj["spdxId"].(string)
			u, err := url.Parse(n.id)
			if err != nil || !u.IsAbs() {
				c.errorf("%s: spdxId %q is not an absolute IRI", n.where, n.id)
			} else if _, dup := c.types[n.id]; dup {
				c.errorf("%s: spdxId %q is not unique", n.where, n.id)
			}
			c.types[n.id] = typ
			n.where += " " + n.id
		case typ == "CreationInfo":
			id, _ := obj["@id"].(string)
			if !strings.HasPrefix(id, "_:") || c.blanks[id] {
				c.errorf("%s: @id %q is not a unique blank node", n.where, id)
			}
			c.blanks[id] = true
		default:
			c.errorf("%s: a %s cannot stand in the graph", where, typ)
			continue
		}
		nodes = append(nodes, n)
	}
	return nodes
}

// chain returns the class and its ancestors, most specific first.
func chain(typ string) []class {
	var out []class
	for t := typ; t != ""; t = spdxClasses[t].parent {
		out = append(out, spdxClasses[t])
	}
	return out
}

func isA(typ, target string) bool {
	for t := typ; t != ""; t = spdxClasses[t].parent {
		if t == target {
			return true
		}
	}
	return false
}

// object checks the properties of one node or embedded object of class typ.
func (c *spdxCheck) object(where, typ string, obj map[string]any) {
	if spdxClasses[typ].abstract {
		c.errorf("%s: %s is abstract", where, typ)
	}
	props, restrict := map[string]prop{}, map[string]int{}
	for _, cl := range chain(typ) {
		for k, p := range cl.props {
			props[k] = p
		}
		for k, n := range cl.restrict {
			restrict[k] = max(restrict[k], n)
		}
	}
	for _, key := range sortedKeys(obj) {
		if key == "type" || key == "spdxId" || key == "@id" {
			continue
		}
		p, ok := props[key]
		if !ok {
			c.errorf("%s: property %q is not defined for %s", where, key, typ)
			continue
		}
		c.value(where+"."+key, p, obj[key])
	}
	for key, p := range props {
		lo := max(p.min, restrict[key])
		if restrict[key] > p.min && unknowableDates[key] {
			lo = p.min
		}
		if n := count(obj[key]); n < lo {
			c.errorf("%s: %s has %d value(s), %s requires at least %d", where, key, n, typ, lo)
		}
	}
}

func count(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case []any:
		return len(x)
	default:
		return 1
	}
}

// value checks the shape and the items of one property value.
func (c *spdxCheck) value(where string, p prop, v any) {
	items, isArray := v.([]any)
	switch {
	case p.max == 1 && isArray:
		c.errorf("%s: must be a single value, not an array", where)
		return
	case p.max != 1 && !isArray:
		c.errorf("%s: must be an array", where)
		return
	case !isArray:
		items = []any{v}
	}
	if p.max > 1 && len(items) > p.max {
		c.errorf("%s: %d values, at most %d allowed", where, len(items), p.max)
	}
	for i, item := range items {
		w := where
		if isArray {
			w = fmt.Sprintf("%s[%d]", where, i)
		}
		c.item(w, p, item)
	}
}

func (c *spdxCheck) item(where string, p prop, v any) {
	if p.kind == kObject {
		obj, ok := v.(map[string]any)
		typ, _ := obj["type"].(string)
		if !ok || !isA(typ, p.object) {
			c.errorf("%s: want an embedded %s, got %v", where, p.object, v)
			return
		}
		c.object(where, typ, obj)
		return
	}
	if p.kind == kInt {
		n, ok := v.(json.Number)
		if i, err := n.Int64(); !ok || err != nil || i < 0 {
			c.errorf("%s: %v is not a non-negative integer", where, v)
		}
		return
	}
	s, ok := v.(string)
	if !ok || s == "" {
		c.errorf("%s: want a non-empty string, got %v", where, v)
		return
	}
	switch p.kind {
	case kDateTime:
		if !dateTimeStamp.MatchString(s) {
			c.errorf("%s: %q is not a dateTimeStamp (YYYY-MM-DDThh:mm:ssZ)", where, s)
		}
	case kURI:
		if _, err := url.Parse(s); err != nil || strings.ContainsAny(s, " \t\r\n") {
			c.errorf("%s: %q is not an anyURI", where, s)
		}
	case kVocab:
		if !slices.Contains(p.vocab, s) {
			c.errorf("%s: %q is not a value of its vocabulary", where, s)
		}
	case kRef:
		c.refs = append(c.refs, pendingRef{where: where, id: s, refTo: p.refTo})
	case kBlank:
		c.refs = append(c.refs, pendingRef{where: where, id: s, refTo: "CreationInfo"})
	}
}

// resolve checks that every reference names an element (or named individual) of the expected
// class, or a creation info.
func (c *spdxCheck) resolve() {
	for _, r := range c.refs {
		c.resolveOne(r)
	}
}

func (c *spdxCheck) resolveOne(r pendingRef) {
	if r.refTo == "CreationInfo" {
		if !c.blanks[r.id] {
			c.errorf("%s: %q is not a CreationInfo in the graph", r.where, r.id)
		}
		return
	}
	typ, ok := c.types[r.id]
	if !ok {
		typ, ok = individuals[r.id]
	}
	switch {
	case !ok:
		c.errorf("%s: %q does not resolve to an element in the graph", r.where, r.id)
	case !isA(typ, r.refTo):
		c.errorf("%s: %q is a %s, want a %s", r.where, r.id, typ, r.refTo)
	}
}

// conformance checks the AI and Dataset profile rules and that the document lists every
// element.
func (c *spdxCheck) conformance(nodes []node) {
	licences := map[string]map[string]int{} // from → relationship type → count
	listed := map[string]bool{}
	for _, n := range nodes {
		switch {
		case n.typ == "Relationship":
			rt, _ := n.obj["relationshipType"].(string)
			if rt != "hasDeclaredLicense" && rt != "hasConcludedLicense" {
				continue
			}
			from, _ := n.obj["from"].(string)
			if licences[from] == nil {
				licences[from] = map[string]int{}
			}
			licences[from][rt]++
			for _, to := range stringsOf(n.obj["to"]) {
				c.resolveOne(pendingRef{where: n.where + ".to", id: to, refTo: "simplelicensing_AnyLicenseInfo"})
			}
		case n.typ == "SpdxDocument":
			for _, id := range stringsOf(n.obj["element"]) {
				listed[id] = true
			}
		}
	}
	for _, n := range nodes {
		if isA(n.typ, "ai_AIPackage") || isA(n.typ, "dataset_DatasetPackage") {
			for _, rt := range []string{"hasDeclaredLicense", "hasConcludedLicense"} {
				if got := licences[n.id][rt]; got != 1 {
					c.errorf("%s: has %d %s relationship(s), its profile requires exactly 1", n.where, got, rt)
				}
			}
		}
		if n.id != "" && n.typ != "SpdxDocument" && !listed[n.id] {
			c.errorf("%s: not listed in the SpdxDocument's element", n.where)
		}
	}
}

func stringsOf(v any) []string {
	var out []string
	for _, item := range anySlice(v) {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func anySlice(v any) []any {
	if arr, ok := v.([]any); ok {
		return arr
	}
	return []any{v}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
