package savedmodel

import (
	"math/rand"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

func TestSniffFixtures(t *testing.T) {
	tests := []struct {
		file string
		want Kind
	}{
		{"benign_tf1.pb", KindSavedModel},
		{"benign_tf2.pb", KindSavedModel},
		{"pyfunc_library.pb", KindSavedModel},
		{"file_io.pb", KindSavedModel},
		{"network_custom.pb", KindSavedModel},
		{"tables_assets.pb", KindSavedModel},
		{"legacy_keras_savedmodel.pb", KindSavedModel},
		{"depth_bomb.pb", KindSavedModel},
		{"truncated_savedmodel.pb", KindSavedModel},
		{"frozen_graph.pb", KindGraphDef},
		{"truncated_graph.pb", KindGraphDef},
		{"model.meta", KindMetaGraph},
		{"keras_metadata.pb", KindKerasMetadata},
	}
	for _, tt := range tests {
		data := readFixture(t, tt.file)
		for _, name := range []string{"", tt.file, "renamed.bin"} {
			if got, ok := Sniff(data, name); !ok || got != tt.want {
				t.Errorf("Sniff(%s, %q) = %q %v, want %q", tt.file, name, got, ok, tt.want)
			}
		}
		// Heads cut anywhere past the first names still identify the file.
		for n := 64; n < len(data); n += 7 {
			if got, ok := Sniff(data[:n], ""); !ok || got != tt.want {
				t.Errorf("Sniff(%s[:%d]) = %q %v, want %q", tt.file, n, got, ok, tt.want)
				break
			}
		}
	}
}

// onnxModel builds the start of an ONNX ModelProto: ir_version, producer fields, a graph with
// one node, opset_import.
func onnxModel(ir uint64) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, ir)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, "pytorch")
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendString(b, "2.1.0")
	var node []byte
	node = protowire.AppendTag(node, 1, protowire.BytesType)
	node = protowire.AppendString(node, "x")
	node = protowire.AppendTag(node, 2, protowire.BytesType)
	node = protowire.AppendString(node, "y")
	node = protowire.AppendTag(node, 4, protowire.BytesType)
	node = protowire.AppendString(node, "Relu")
	var graph []byte
	graph = protowire.AppendTag(graph, 1, protowire.BytesType)
	graph = protowire.AppendBytes(graph, node)
	b = protowire.AppendTag(b, 7, protowire.BytesType)
	b = protowire.AppendBytes(b, graph)
	b = protowire.AppendTag(b, 8, protowire.BytesType)
	b = protowire.AppendBytes(b, []byte{0x10, 0x11})
	return b
}

func TestSniffRejects(t *testing.T) {
	rejects := map[string][]byte{
		"onnx fixture":   readFixture(t, "onnx_model.onnx"),
		"empty":          nil,
		"zeros":          make([]byte, 512),
		"zip":            []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"),
		"pickle":         []byte("\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x08builtins"),
		"gguf":           []byte("GGUF\x03\x00\x00\x00\x00\x00\x00\x00"),
		"hdf5":           []byte("\x89HDF\r\n\x1a\n\x00\x00\x00\x00"),
		"tflite":         []byte("\x1c\x00\x00\x00TFL3\x00\x00\x12\x00"),
		"json":           []byte(`{"architectures": ["BertModel"], "hidden_size": 768}`),
		"safetensors":    []byte("\x40\x00\x00\x00\x00\x00\x00\x00{\"__metadata__\":{\"format\":\"pt\"}}"),
		"empty nodes":    {0x0a, 0x00, 0x0a, 0x00},
		"one short name": {0x0a, 0x03, 0x0a, 0x01, 'x'},
	}
	for ir := uint64(1); ir <= 12; ir++ {
		rejects["onnx ir "+string(rune('0'+ir%10))+string(rune('a'+ir))] = onnxModel(ir)
	}
	for name, data := range rejects {
		for _, hint := range []string{"", "saved_model.pb", "model.pb", "x.meta", "keras_metadata.pb"} {
			if k, ok := Sniff(data, hint); ok {
				t.Errorf("Sniff(%s, %q) claimed %q", name, hint, k)
			}
		}
	}
}

func TestSniffRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	buf := make([]byte, 1024)
	for i := 0; i < 20000; i++ {
		n := 1 + rng.Intn(len(buf))
		rng.Read(buf[:n])
		if k, ok := Sniff(buf[:n], "saved_model.pb"); ok {
			t.Fatalf("random input %x claimed as %q", buf[:min(n, 64)], k)
		}
	}
}

func TestSniffTieBreak(t *testing.T) {
	// A NodeDef-shaped message that is both a GraphDef (node) and a MetaGraphDef-compatible
	// prefix would be ambiguous; the names decide among kinds that all fit.
	data := readFixture(t, "frozen_graph.pb")
	if k, _ := Sniff(data, "model.pb"); k != KindGraphDef {
		t.Fatalf("got %q", k)
	}
	if nameHint(`C:\models\saved_model.pb`) != KindSavedModel || nameHint("a/b/model.ckpt.meta") != KindMetaGraph ||
		nameHint("KERAS_METADATA.PB") != KindKerasMetadata || nameHint("x.onnx") != "" {
		t.Fatal("nameHint")
	}
}

// TestPaddedSavedModel: TensorFlow skips unknown fields, so a SavedModel may start with
// padding longer than SniffLen. Sniff cannot see the graph (and must not claim it), but ParseAs
// — chosen through KindForName — reads it whole.
func TestPaddedSavedModel(t *testing.T) {
	data := protowire.AppendTag(nil, 1000, protowire.BytesType)
	data = protowire.AppendBytes(data, make([]byte, 2*SniffLen))
	data = append(data, readFixture(t, "pyfunc_library.pb")...)
	if k, ok := Sniff(data, "saved_model.pb"); ok {
		t.Fatalf("Sniff claimed padded input as %q", k)
	}
	kind, ok := KindForName("export/1/saved_model.pb")
	if !ok || kind != KindSavedModel {
		t.Fatalf("KindForName = %q %v", kind, ok)
	}
	m := parseBytes(t, data, kind, defaultCaps())
	if len(m.Gaps()) != 0 || !anyNode(m, func(n Node) bool { return n.Op == "PyFunc" }) {
		t.Fatalf("gaps %v, nodes %v", m.Gaps(), m.Nodes)
	}
	// Unknown groups are skipped too.
	grouped := protowire.AppendTag(nil, 900, protowire.StartGroupType)
	grouped = protowire.AppendTag(grouped, 1, protowire.VarintType)
	grouped = protowire.AppendVarint(grouped, 7)
	grouped = protowire.AppendTag(grouped, 900, protowire.EndGroupType)
	grouped = append(grouped, readFixture(t, "pyfunc_library.pb")...)
	if k, ok := Sniff(grouped, ""); !ok || k != KindSavedModel {
		t.Fatalf("Sniff(grouped) = %q %v", k, ok)
	}
}
