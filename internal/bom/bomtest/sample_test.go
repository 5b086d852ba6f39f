package bomtest_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/bomtest"
)

// TestSampleCoversTheModel checks that the sample exercises what the writers must handle:
// every relationship type, every component kind, every category but CatDependency, and every
// field of the component, model, dataset, service and signature structs somewhere.
func TestSampleCoversTheModel(t *testing.T) {
	b := bomtest.Sample()
	rels := map[bom.RelType]bool{}
	for _, r := range b.Relationships {
		rels[r.Type] = true
	}
	for _, rt := range []bom.RelType{bom.RelDependsOn, bom.RelTrainedOn, bom.RelDescendantOf, bom.RelUses, bom.RelContains} {
		if !rels[rt] {
			t.Errorf("no %s relationship", rt)
		}
	}
	all := slices.Concat([]bom.Component{b.Subject}, b.Components, b.Services)
	kinds, cats := map[bom.Kind]bool{}, map[bom.Category]bool{}
	for _, c := range all {
		kinds[c.Kind], cats[c.Category] = true, true
	}
	for _, k := range []bom.Kind{bom.KindModel, bom.KindDataset, bom.KindLibrary, bom.KindFramework, bom.KindApplication, bom.KindService} {
		if !kinds[k] {
			t.Errorf("no component of kind %s", k)
		}
	}
	for _, c := range []bom.Category{bom.CatLLMClient, bom.CatAgent, bom.CatMLFramework, bom.CatMCPServer, bom.CatModelAPI} {
		if !cats[c] {
			t.Errorf("no component of category %s", c)
		}
	}
	var comps, models, datasets, services, sigs []any
	for _, c := range all {
		comps = append(comps, c)
		if c.Model != nil {
			models = append(models, *c.Model)
		}
		if c.Dataset != nil {
			datasets = append(datasets, *c.Dataset)
		}
		if c.Service != nil {
			services = append(services, *c.Service)
		}
		if c.Signature != nil {
			sigs = append(sigs, *c.Signature)
		}
	}
	// Fields the sample leaves empty on purpose: Vector/embedding categories have no field of
	// their own, and a signature's issuer only exists for certificate and sigstore methods.
	skip := map[string]bool{"Issuer": true}
	for name, values := range map[string][]any{
		"Component": comps, "ModelInfo": models, "DatasetInfo": datasets,
		"ServiceInfo": services, "SignatureInfo": sigs,
	} {
		for _, f := range unsetFields(values) {
			if !skip[f] {
				t.Errorf("no %s in the sample sets %s", name, f)
			}
		}
	}
}

// unsetFields returns the fields that are the zero value in every one of values.
func unsetFields(values []any) []string {
	if len(values) == 0 {
		return []string{"(no values)"}
	}
	typ := reflect.TypeOf(values[0])
	var out []string
	for i := range typ.NumField() {
		set := false
		for _, v := range values {
			if !reflect.ValueOf(v).Field(i).IsZero() {
				set = true
				break
			}
		}
		if !set {
			out = append(out, typ.Field(i).Name)
		}
	}
	return out
}

func TestSampleIsSortedAndResolves(t *testing.T) {
	b := bomtest.Sample()
	refs := map[string]bool{b.Subject.Ref: true}
	for _, list := range [][]bom.Component{b.Components, b.Services} {
		if !slices.IsSortedFunc(list, func(x, y bom.Component) int { return strings.Compare(x.Ref, y.Ref) }) {
			t.Error("components or services are not sorted by ref")
		}
		for _, c := range list {
			if refs[c.Ref] {
				t.Errorf("ref %s is not unique", c.Ref)
			}
			refs[c.Ref] = true
		}
	}
	refs[bomtest.LlamaFileRef()] = true
	for _, r := range b.Relationships {
		if !refs[r.From] || !refs[r.To] {
			t.Errorf("relationship %v does not resolve", r)
		}
	}
	if !reflect.DeepEqual(bomtest.Sample(), b) {
		t.Error("Sample is not deterministic")
	}
}
