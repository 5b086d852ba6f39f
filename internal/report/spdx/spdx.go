// Package spdx writes an AI-BOM as an SPDX 3.0.1 JSON-LD document with the Core, Software,
// SimpleLicensing, AI and Dataset profiles: models become ai_AIPackage elements, datasets
// dataset_DatasetPackage, libraries, the subject and services software_Package, model and
// dataset files software_File. It uses its own structs, not an SPDX library.
//
// Choices where the data is unknown (documented here, checked by bomtest.ValidateSPDX):
//   - software_downloadLocation and software_packageVersion, required on AI and dataset
//     packages, are "NOASSERTION", the SPDX convention for an unknown string value;
//   - suppliedBy (AI packages) and originatedBy (datasets, exactly one) point to the supplier's
//     Organization, else the author's Agent, else an Agent named "NOASSERTION": both
//     properties range over Agent, so the NoAssertionElement individual is not allowed;
//   - releaseTime and builtTime, which the AI and Dataset external property restrictions
//     require, are omitted when unknown: xsd:dateTimeStamp has no NOASSERTION value and aisec
//     does not invent dates;
//   - each AI and dataset package has exactly one hasDeclaredLicense and one
//     hasConcludedLicense relationship (profile conformance); the concluded licence is
//     expandedlicensing_NoAssertionLicense (aisec does not conclude licences), and so is the
//     declared one when no licence was found;
//   - services (MCP servers, model APIs) are software_Package elements with primary purpose
//     "application" when launched locally and "other" when remote.
package spdx

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/bom"
)

// Context is the JSON-LD context of SPDX 3.0.1.
const Context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"

const (
	creationInfoID   = "_:creationinfo"
	noAssertion      = "NOASSERTION"
	noAssertionLicID = "expandedlicensing_NoAssertionLicense"
)

// Write renders b as SPDX 3.0.1 JSON-LD, indented. The graph is written one element at a time
// so that a BOM of a large repository is never held twice in memory as JSON.
func Write(w io.Writer, b *bom.BOM) error {
	if b == nil {
		b = &bom.BOM{}
	}
	graph := newWriter(b).build()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"@context\": \"%s\",\n  \"@graph\": [", Context)
	for i, e := range graph {
		if i > 0 {
			bw.WriteByte(',')
		}
		out, err := json.MarshalIndent(e, "    ", "  ")
		if err != nil {
			return fmt.Errorf("unable to write SPDX document: %w", err)
		}
		bw.WriteString("\n    ")
		bw.Write(out)
	}
	bw.WriteString("\n  ]\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("unable to write SPDX document: %w", err)
	}
	return nil
}

// writer assembles the graph of one document, in sections so that the output order is
// fixed: tool elements, packages and files, agents, licences, relationships.
type writer struct {
	b                             *bom.BOM
	ns                            string
	head, pkgs, agents, lics, rel section
	seen                          map[string]bool           // spdxIds emitted
	agentIDs                      map[string]string         // agent name → spdxId
	licIDs                        map[string]string         // licence expression → spdxId
	known                         map[string]string         // bom ref → spdxId
	comps                         map[string]*bom.Component // bom ref → component
}

// section is a run of elements and their spdxIds.
type section struct {
	els []any
	ids []string
}

func newWriter(b *bom.BOM) *writer {
	return &writer{
		b: b, ns: namespace(b), seen: map[string]bool{}, agentIDs: map[string]string{},
		licIDs: map[string]string{}, known: map[string]string{}, comps: map[string]*bom.Component{},
	}
}

// namespace returns the document namespace, "https://spdx.org/spdxdocs/aisec-<uuid>", derived
// from the serial so that it is stable for the same input.
func namespace(b *bom.BOM) string {
	id, ok := strings.CutPrefix(b.Serial, "urn:uuid:")
	if !ok || id == "" || !isSafeID(id) {
		sum := sha256.Sum256([]byte(b.Serial + "\x00" + b.Subject.Ref + "\x00" + b.Subject.Name))
		id = hex.EncodeToString(sum[:16])
	}
	return "https://spdx.org/spdxdocs/aisec-" + id
}

func isSafeID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// id returns the spdxId of a bom ref: the namespace, "#" and the ref with every character that
// may not appear in an IRI fragment percent-encoded (so distinct refs give distinct IDs).
func (w *writer) id(ref string) string { return w.ns + "#" + escapeFragment(ref) }

// internalID returns the spdxId of an element aisec adds (document, agents, licences,
// relationships); refs never start with "SPDXRef-".
func (w *writer) internalID(kind, name string) string {
	return w.ns + "#SPDXRef-" + kind + "-" + escapeFragment(name)
}

func escapeFragment(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// add appends an element to a section unless its spdxId was already emitted.
func (w *writer) add(s *section, id string, e any) bool {
	if w.seen[id] {
		return false
	}
	w.seen[id] = true
	s.els = append(s.els, e)
	s.ids = append(s.ids, id)
	return true
}

func (w *writer) el(typ, id, name string) element {
	return element{Type: typ, SpdxID: id, CreationInfo: creationInfoID, Name: name}
}

// build returns the graph: the creation info, the SpdxDocument, then the elements.
func (w *writer) build() []any {
	agentID := w.internalID("Agent", "aisec")
	toolName := cmpOr(w.b.Tool.Name, "aisec")
	toolID := w.internalID("Tool", toolName)
	ci := creationInfo{
		Type: "CreationInfo", ID: creationInfoID, SpecVersion: "3.0.1",
		Created: timestamp(w.b), CreatedBy: []string{agentID}, CreatedUsing: []string{toolID},
	}
	w.add(&w.head, agentID, w.el("SoftwareAgent", agentID, "aisec"))
	w.add(&w.head, toolID, w.el("Tool", toolID, strings.TrimSpace(toolName+" "+w.b.Tool.Version)))
	dataLicense := w.license("CC0-1.0")
	rootID := w.subject()
	w.components()
	w.relationships()

	docID := w.internalID("Document", "aisec")
	d := document{
		element:            w.el("SpdxDocument", docID, "AI-BOM of "+cmpOr(w.b.Subject.Name, w.b.Subject.Ref, "unnamed target")),
		DataLicense:        dataLicense,
		ProfileConformance: []string{"core", "software", "simpleLicensing", "ai", "dataset"},
	}
	if rootID != "" {
		d.RootElement = []string{rootID}
	}
	graph := []any{ci, nil}
	for _, s := range []*section{&w.head, &w.pkgs, &w.agents, &w.lics, &w.rel} {
		graph = append(graph, s.els...)
		d.Element = append(d.Element, s.ids...)
	}
	graph[1] = d
	return graph
}

// timestamp formats the BOM time as an xsd:dateTimeStamp the model accepts: UTC, whole
// seconds, "Z". A zero time (never set by Build) becomes the Unix epoch.
func timestamp(b *bom.BOM) string {
	t := b.Timestamp
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
