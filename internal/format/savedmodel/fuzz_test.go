package savedmodel

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// fuzzCaps are small enough that fuzzed inputs reach every cap.
func fuzzCaps() caps {
	c := defaultCaps()
	c.maxNodes = 64
	c.maxRetained = 64 << 10
	c.maxSmallMsg = 16 << 10
	c.maxTexts = 32
	c.maxDepth = 40
	c.maxGraphs = 8
	c.maxGraphNesting = 2
	return c
}

func addFixtureSeeds(f *testing.F) {
	for _, path := range fixtureFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParse parses arbitrary bytes as every kind and checks the model's bounds.
func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	c := fuzzCaps()
	f.Fuzz(func(t *testing.T, data []byte) {
		size := int64(len(data))
		for _, kind := range []Kind{KindSavedModel, KindMetaGraph, KindGraphDef, KindKerasMetadata} {
			m, err := parse(context.Background(), bytes.NewReader(data), size, limits.Budget{}, kind, c)
			if err != nil {
				t.Fatalf("%s: in-memory input returned an error: %v", kind, err)
			}
			checkModel(t, m, size, c)
		}
	})
}

func checkModel(t *testing.T, m *Model, size int64, c caps) {
	t.Helper()
	if len(m.Gaps()) > c.maxGaps+1 || len(m.Anomalies) > c.maxGaps || len(m.MetaStrings()) > c.maxTexts {
		t.Fatalf("%d gaps, %d anomalies, %d texts over their caps", len(m.Gaps()), len(m.Anomalies), len(m.MetaStrings()))
	}
	if len(m.Nodes) > c.maxNodes+1<<16 || m.NodesOmitted < 0 {
		t.Fatalf("%d nodes, %d omitted", len(m.Nodes), m.NodesOmitted)
	}
	for _, n := range m.Nodes {
		if n.Offset < 0 || n.Offset >= size || len(n.Inputs) > c.maxInputs || n.NumInputs < len(n.Inputs) ||
			len(n.Name) > c.maxName || len(n.Op) > c.maxName || n.MetaGraph < 0 || n.MetaGraph >= max(len(m.MetaGraphs), 1) {
			t.Fatalf("node out of bounds: %+v (size %d, %d meta graphs)", n, size, len(m.MetaGraphs))
		}
		if n.Nested != "" && len(strings.Split(n.Nested, NestSep)) > c.maxGraphNesting {
			t.Fatalf("node %q nested %q, deeper than %d graphs", n.Name, n.Nested, c.maxGraphNesting)
		}
		if n.Function == pendingFunction {
			t.Fatalf("node %q left without its function", n.Name)
		}
		for _, a := range n.Attrs {
			if len(a.Strings) > c.maxListStrings+1 || len(a.Funcs) > c.maxListStrings {
				t.Fatalf("attr %q holds %d strings, %d funcs", a.Key, len(a.Strings), len(a.Funcs))
			}
			for _, s := range a.Strings {
				if len(s) > c.maxAttrString {
					t.Fatalf("attr string of %d bytes", len(s))
				}
			}
			if a.Tensor != nil && (len(a.Tensor.Strings) > c.maxTensorStrs || a.Tensor.ContentBytes > size ||
				a.Tensor.Graphs < 0 || a.Tensor.Graphs > c.maxGraphs) {
				t.Fatalf("tensor %+v", a.Tensor)
			}
		}
	}
	for _, a := range m.Anomalies {
		if a.Offset < 0 || a.Offset > size {
			t.Fatalf("anomaly offset %d", a.Offset)
		}
	}
	for _, k := range m.KerasObjects {
		if k.Offset < 0 || k.Offset >= size || int64(len(k.Metadata)) > size {
			t.Fatalf("keras object %+v", k)
		}
	}
	for _, s := range m.MetaStrings() {
		if s.Offset < -1 || s.Offset > size || int64(len(s.Value)) > size {
			t.Fatalf("meta string %+v", s)
		}
	}
}

// FuzzSniff checks that Sniff looks only at SniffLen bytes, that names never change whether
// input is claimed, and that claimed input parses without error.
func FuzzSniff(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		kind, ok := Sniff(data, "")
		for _, name := range []string{"saved_model.pb", "model.ckpt.meta", "frozen.pb", "keras_metadata.pb"} {
			if _, ok2 := Sniff(data, name); ok2 != ok {
				t.Fatalf("name %q changed acceptance from %v", name, ok)
			}
		}
		if len(data) > SniffLen {
			if k2, ok2 := Sniff(data[:SniffLen], ""); k2 != kind || ok2 != ok {
				t.Fatalf("Sniff looked past SniffLen")
			}
		}
		if !ok {
			return
		}
		switch kind {
		case KindSavedModel, KindMetaGraph, KindGraphDef, KindKerasMetadata:
		default:
			t.Fatalf("unknown kind %q", kind)
		}
		if _, err := parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{}, kind, fuzzCaps()); err != nil {
			t.Fatalf("claimed input fails to parse: %v", err)
		}
	})
}
