package bomtest

import (
	"fmt"

	"github.com/aisecops/aisec/internal/bom"
)

// FromFuzz returns a BOM whose names, versions, URLs, digests, licences, paths, endpoints,
// arguments and tool descriptions all come from four fuzzer strings, for the writers' fuzz
// targets: whatever a scanned file contains, the output must stay valid and safe to print.
// Refs are built from the strings too, so duplicates happen when two inputs are equal.
func FromFuzz(a, b, c, d string) *bom.BOM {
	x := Sample()
	x.Subject.Name, x.Subject.Version = a, b
	model := bom.Component{
		Ref: "model:" + a, Kind: bom.KindModel, Name: a, Group: b, Version: b, Description: d,
		Supplier: c, Author: d, PURL: c, Licenses: []string{a, b},
		Hashes:       []bom.Hash{{Alg: "SHA-256", Value: d}, {Alg: c, Value: d}},
		Path:         b,
		Occurrences:  []bom.Occurrence{{Path: a, Line: len(b), What: d}},
		Properties:   []bom.Property{{Name: a, Value: b}},
		ExternalRefs: []bom.ExternalRef{{Type: a, URL: c, Comment: d, SHA256: d}},
		Files:        []bom.File{{Path: a, SHA256: d, Format: b}, {Path: a, SHA256: c}},
		Ancestors:    []bom.Component{{Name: a, Group: b, Version: c, PURL: d}},
		Model: &bom.ModelInfo{
			Format: a, Task: b, Approach: c, DType: d, Datasets: []string{a, b},
			Metrics: []bom.Metric{{Type: a, Value: b, Dataset: c}}, Inputs: []string{d},
			UseCases: []string{a}, Limitations: []string{b}, Tags: []string{c, c},
		},
		Signature:    &bom.SignatureInfo{Path: c, SHA256: d, RootDigest: a, Signer: b},
		Completeness: &bom.Completeness{Score: len(a) % 101, Missing: []string{b}},
	}
	dataset := bom.Component{
		Ref: "dataset:" + b, Kind: bom.KindDataset, Name: b, Licenses: []string{c},
		Dataset: &bom.DatasetInfo{Format: a, DatasetTypes: []string{b, "text"}, SourceURL: c, Columns: []string{d}},
	}
	lib := bom.Component{Ref: "pkg:" + c, Kind: bom.KindLibrary, Category: bom.CatLLMClient, Name: c, Version: d, Scope: a}
	svc := bom.Component{
		Ref: "service:" + d, Kind: bom.KindService, Category: bom.CatMCPServer, Name: d,
		Service: &bom.ServiceInfo{
			Transport: a, Command: b, Args: []string{c, d}, Endpoints: []string{c, a},
			EnvNames: []string{a}, Tools: []bom.ServiceTool{{Name: a, Description: d}},
			Provider: b, Authenticated: c,
		},
	}
	x.Components = append(x.Components, model, dataset, lib)
	x.Services = append(x.Services, svc)
	x.Relationships = append(x.Relationships,
		bom.Relationship{From: model.Ref, Type: bom.RelTrainedOn, To: dataset.Ref},
		bom.Relationship{From: model.Ref, Type: bom.RelDescendantOf, To: LlamaRef},
		bom.Relationship{From: SubjectRef, Type: bom.RelUses, To: svc.Ref},
		bom.Relationship{From: a, Type: bom.RelType(b), To: c},
	)
	x.Incomplete = append(x.Incomplete, bom.Gap{Path: a, Reason: d})
	x.Vulnerabilities = append(x.Vulnerabilities, bom.Vulnerability{
		ID: a, Aliases: []string{b}, Summary: d, Severity: c, Affects: lib.Ref, Fixed: []string{b}, URL: c,
	})
	return x
}

// Large returns the sample BOM grown to n libraries, each used by the subject, and one model
// of n files, the shape of a large monorepo, for the writers' benchmarks.
func Large(n int) *bom.BOM {
	x := Sample()
	model := bom.Component{Ref: "model:big", Kind: bom.KindModel, Name: "big", Model: &bom.ModelInfo{Format: "safetensors"}}
	for i := range n {
		model.Files = append(model.Files, bom.File{
			Path: fmt.Sprintf("big/shard-%06d.safetensors", i), Size: int64(i), SHA256: shaShard1, Format: "safetensors",
		})
		ref := fmt.Sprintf("pkg:pypi/lib%06d@1.0.%d", i, i)
		x.Components = append(x.Components, bom.Component{
			Ref: ref, Kind: bom.KindLibrary, Category: bom.CatDependency, Name: fmt.Sprintf("lib%06d", i),
			Version: fmt.Sprintf("1.0.%d", i), PURL: ref, Licenses: []string{"MIT"},
			Occurrences: []bom.Occurrence{{Path: "requirements.txt", Line: i + 1, What: "lib"}},
		})
		x.Relationships = append(x.Relationships, bom.Relationship{From: SubjectRef, Type: bom.RelDependsOn, To: ref})
	}
	x.Components = append(x.Components, model)
	sortRels(x.Relationships)
	return x
}
