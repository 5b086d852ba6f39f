package savedmodel

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

const textGraph = `node { name: "c" op: "Const" }
node { name: "w" op: "WriteFile" input: "c" input: "c" }
`

func TestParseText(t *testing.T) {
	tests := []struct {
		name, file, text string
		wantOps          []string
		wantErr          bool
	}{
		{"graph", "graph.pbtxt", textGraph, []string{"Const", "WriteFile"}, false},
		{"saved model", "saved_model.pbtxt", "saved_model_schema_version: 1\nmeta_graphs { graph_def { " +
			strings.ReplaceAll(textGraph, "\n", " ") + "} }", []string{"Const", "WriteFile"}, false},
		{"unknown fields are ignored", "graph.pbtxt", "versions { producer: 1 }\nfuture_field: 3\n" + textGraph,
			[]string{"Const", "WriteFile"}, false},
		{"too deep", "graph.pbtxt", strings.Repeat("node { ", 200), nil, true},
		{"not a protobuf", "graph.pbtxt", "{{ this is not text format", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, ok := TextKindForName(tt.file, []byte(tt.text))
			if !ok {
				t.Fatalf("%s not recognised", tt.file)
			}
			m, err := ParseText(context.Background(), []byte(tt.text), kind, limits.Budget{})
			if tt.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %d nodes", len(m.Nodes))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ops []string
			for _, n := range m.Nodes {
				ops = append(ops, n.Op)
			}
			if strings.Join(ops, ",") != strings.Join(tt.wantOps, ",") {
				t.Fatalf("ops %v, want %v", ops, tt.wantOps)
			}
		})
	}
}

func TestTextDepthIgnoresQuotedBraces(t *testing.T) {
	if d := textDepth([]byte(`node { name: "{{{{" } # {{{{` + "\n")); d != 1 {
		t.Fatalf("depth %d, want 1", d)
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte(textGraph))
	f.Add([]byte("saved_model_schema_version: 1 meta_graphs { graph_def { node { op: 'PyFunc' } } }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []Kind{KindSavedModel, KindMetaGraph, KindGraphDef} {
			m, err := ParseText(context.Background(), data, kind, limits.Budget{})
			if err != nil {
				if m != nil {
					t.Fatal("model returned with an error")
				}
				if errors.Is(err, context.Canceled) {
					t.Fatal(err)
				}
				continue
			}
			if len(m.Nodes) > len(data) {
				t.Fatalf("%d nodes from %d bytes", len(m.Nodes), len(data))
			}
		}
	})
}
