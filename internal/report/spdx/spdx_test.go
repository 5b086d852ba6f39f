package spdx_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/bomtest"
	"github.com/aisecops/aisec/internal/report/reporttest"
	"github.com/aisecops/aisec/internal/report/spdx"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, b *bom.BOM) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := spdx.Write(&buf, b); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	reporttest.Golden(t, "sample.spdx.json", render(t, bomtest.Sample()), *update)
}

func TestDeterministic(t *testing.T) {
	if !bytes.Equal(render(t, bomtest.Sample()), render(t, bomtest.Sample())) {
		t.Fatal("two renders of the same BOM differ")
	}
}

func TestRequiredFields(t *testing.T) {
	for name, b := range map[string]*bom.BOM{
		"sample": bomtest.Sample(), "minimal": bomtest.Minimal(), "empty": {}, "nil": nil,
		"model directory": modelSubject(),
	} {
		t.Run(name, func(t *testing.T) { bomtest.ValidateSPDX(t, render(t, b)) })
	}
}

// modelSubject is the BOM of `aisec bom` run on a model directory: the subject is the model.
func modelSubject() *bom.BOM {
	b := bomtest.Minimal()
	b.Subject = b.Components[0]
	b.Components = b.Components[1:]
	return b
}

// graph decodes the sample's @graph.
func graph(t *testing.T, doc []byte) []map[string]any {
	t.Helper()
	var d struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	return d.Graph
}

func TestMapping(t *testing.T) {
	types := map[string][]string{}
	rels := map[string]int{}
	for _, n := range graph(t, render(t, bomtest.Sample())) {
		typ, _ := n["type"].(string)
		name, _ := n["name"].(string)
		types[typ] = append(types[typ], name)
		if typ == "Relationship" {
			rels[n["relationshipType"].(string)]++
		}
	}
	for typ, want := range map[string][]string{
		"ai_AIPackage":           {"gpt-4o", "Llama-3.1-8B-Instruct", "Llama-3.1-8B", "llama-3.1-8b-instruct-q4_k_m", "reranker"},
		"dataset_DatasetPackage": {"faq.csv", "squad", "HuggingFaceH4/ultrachat_200k"},
		"software_Package":       {"rag-app", "sdk", "langchain", "openai", "torch", "filesystem", "remote-search", "OpenAI API"},
	} {
		if !slices.Equal(types[typ], want) {
			t.Errorf("%s elements = %q, want %q", typ, types[typ], want)
		}
	}
	if n := len(types["software_File"]); n != 6 {
		t.Errorf("%d software_File elements, want 6", n)
	}
	for _, rt := range []string{"dependsOn", "trainedOn", "descendantOf", "contains", "hasDeclaredLicense", "hasConcludedLicense"} {
		if rels[rt] == 0 {
			t.Errorf("no %s relationship", rt)
		}
	}
	// 12 dependsOn/uses edges from the subject; the explicit contains edge and the derived one
	// for the same file are emitted once (6 files).
	if rels["dependsOn"] != 12 || rels["contains"] != 6 {
		t.Errorf("dependsOn = %d, contains = %d; want 12 and 6", rels["dependsOn"], rels["contains"])
	}
}

func TestSpdxIDs(t *testing.T) {
	ids := map[string]bool{}
	for _, n := range graph(t, render(t, bomtest.Sample())) {
		id, ok := n["spdxId"].(string)
		if !ok {
			continue
		}
		if ids[id] {
			t.Errorf("spdxId %s is used twice", id)
		}
		ids[id] = true
		if !strings.HasPrefix(id, "https://spdx.org/spdxdocs/aisec-6f1c2a3e-5b7d-4e8f-9a0b-1c2d3e4f5a6b#") {
			t.Errorf("spdxId %s is not in the document namespace", id)
		}
	}
	// Refs that differ only in characters that need escaping stay distinct.
	b := bomtest.Minimal()
	b.Components = []bom.Component{
		{Ref: "pkg:npm/%40scope/a", Kind: bom.KindLibrary, Name: "a"},
		{Ref: "pkg:npm/@scope/a", Kind: bom.KindLibrary, Name: "a"},
		{Ref: "pkg:pypi/a b", Kind: bom.KindLibrary, Name: "a b"},
	}
	bomtest.ValidateSPDX(t, render(t, b))
}

// TestValidatorRejects makes sure the required-field validator is not vacuous.
func TestValidatorRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func([]map[string]any) []map[string]any
		want string
	}{
		"missing datasetType": {func(g []map[string]any) []map[string]any {
			delete(find(g, "dataset_DatasetPackage"), "dataset_datasetType")
			return g
		}, "dataset_datasetType has 0 value(s)"},
		"missing suppliedBy": {func(g []map[string]any) []map[string]any {
			delete(find(g, "ai_AIPackage"), "suppliedBy")
			return g
		}, "suppliedBy has 0 value(s)"},
		"dangling relationship": {func(g []map[string]any) []map[string]any {
			find(g, "Relationship")["to"] = []any{"https://example.com/nowhere"}
			return g
		}, "does not resolve"},
		"unknown property": {func(g []map[string]any) []map[string]any {
			find(g, "software_Package")["ai_domain"] = []any{"x"}
			return g
		}, `property "ai_domain" is not defined for software_Package`},
		"duplicate spdxId": {func(g []map[string]any) []map[string]any {
			dup := map[string]any{}
			for k, v := range find(g, "Tool") {
				dup[k] = v
			}
			return append(g, dup)
		}, "is not unique"},
		"fractional seconds": {func(g []map[string]any) []map[string]any {
			find(g, "CreationInfo")["created"] = "2026-01-15T10:30:00.5Z"
			return g
		}, "is not a dateTimeStamp"},
		"two declared licences": {func(g []map[string]any) []map[string]any {
			for _, n := range g {
				if n["relationshipType"] == "hasDeclaredLicense" {
					dup := map[string]any{}
					for k, v := range n {
						dup[k] = v
					}
					dup["spdxId"] = "https://example.com/dup"
					return append(g, dup)
				}
			}
			return g
		}, "requires exactly 1"},
	} {
		t.Run(name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(render(t, bomtest.Sample()), &d); err != nil {
				t.Fatal(err)
			}
			var g []map[string]any
			for _, n := range d["@graph"].([]any) {
				g = append(g, n.(map[string]any))
			}
			d["@graph"] = tc.edit(g)
			doc, _ := json.Marshal(d)
			errs := strings.Join(bomtest.CheckSPDX(doc), "\n")
			if !strings.Contains(errs, tc.want) {
				t.Errorf("validator errors do not mention %q:\n%s", tc.want, errs)
			}
		})
	}
}

func find(g []map[string]any, typ string) map[string]any {
	for _, n := range g {
		if n["type"] == typ {
			return n
		}
	}
	return map[string]any{}
}

func TestLicenseIDsAreOnTheSPDXList(t *testing.T) {
	path := filepath.Join(bomtest.CycloneDXSchemaDir(t), "spdx.schema.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s struct{ Enum []string }
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{
		"0bsd", "afl-3.0", "agpl-3.0", "apache-2.0", "artistic-2.0", "bsd-2-clause", "bsd-3-clause",
		"bsd-3-clause-clear", "bsl-1.0", "cc-by-3.0", "cc-by-4.0", "cc-by-nc-3.0", "cc-by-nc-4.0",
		"cc-by-nc-nd-4.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0", "cc-by-nd-4.0", "cc-by-sa-3.0",
		"cc-by-sa-4.0", "cc0-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "cdla-sharing-1.0",
		"ecl-2.0", "epl-2.0", "gpl-2.0", "gpl-3.0", "isc", "lgpl-2.1", "lgpl-3.0", "mit", "mpl-2.0",
		"odbl-1.0", "odc-by-1.0", "openmdw-1.0", "osl-3.0", "pddl-1.0", "python-2.0", "unlicense",
		"wtfpl", "zlib", "MIT", "Apache-2.0",
	} {
		id, ok := spdx.LicenseID(in)
		if !ok || !slices.Contains(s.Enum, id) {
			t.Errorf("LicenseID(%q) = %q, %v; want an ID on the SPDX license list", in, id, ok)
		}
	}
	for _, name := range []string{"llama3.1", "llama2", "gemma", "openrail", "creativeml-openrail-m", "bigscience-openrail-m", "other", ""} {
		if id, ok := spdx.LicenseID(name); ok {
			t.Errorf("LicenseID(%q) = %q, want no SPDX ID", name, id)
		}
	}
}

func TestLicenseExpressions(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"mit"}, "MIT"},
		{[]string{"MIT OR apache-2.0"}, "MIT OR Apache-2.0"},
		{[]string{"llama3.1"}, "LicenseRef-llama3.1"},
		{[]string{"Apache-2.0", "MIT OR ISC"}, "Apache-2.0 AND (MIT OR ISC)"},
		{[]string{"Custom licence (see LICENSE)"}, "LicenseRef-Custom-licence--see-LICENSE-"},
	} {
		b := bomtest.Minimal()
		b.Components = []bom.Component{{Ref: "pkg:pypi/x", Kind: bom.KindLibrary, Name: "x", Licenses: tc.in}}
		var got []string
		for _, n := range graph(t, render(t, b)) {
			if n["type"] == "simplelicensing_LicenseExpression" {
				got = append(got, n["simplelicensing_licenseExpression"].(string))
			}
		}
		if !slices.Contains(got, tc.want) {
			t.Errorf("licences %q gave expressions %q, want %q among them", tc.in, got, tc.want)
		}
	}
}

// FuzzWrite checks that whatever strings a scanned repository contributes, the document keeps
// every required field, unique spdxIds and resolving references.
func FuzzWrite(f *testing.F) {
	f.Add("llama", "1.0", "https://huggingface.co/x", strings.Repeat("ab", 32))
	f.Add("a b", "a b", "not a url", "SHA-256")
	f.Add("", "", "", "")
	f.Add("x\x00\x1b[31m", "\xff\xfe", "http://[::1", "<>&\"'")
	f.Add("dup", "dup", "dup", "dup")
	f.Add("MIT OR (", "apache-2.0 AND", "SPDXRef-Document-aisec", "base-model:x")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		for _, msg := range bomtest.CheckSPDX(render(t, bomtest.FromFuzz(a, b, c, d))) {
			t.Errorf("%s", msg)
		}
	})
}

// BenchmarkWrite writes a BOM of 50,000 libraries and a model of 50,000 files.
func BenchmarkWrite(b *testing.B) {
	in := bomtest.Large(50000)
	for b.Loop() {
		if err := spdx.Write(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
