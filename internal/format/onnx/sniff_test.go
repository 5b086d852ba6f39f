package onnx

import (
	"testing"
)

// savedModel builds the leading bytes of a TensorFlow SavedModel: saved_model_schema_version
// (field 1) = 1, then meta_graphs (field 2), a MetaGraphDef starting with meta_info_def
// (field 1) whose meta_graph_version (field 1) and tags (field 4) are strings.
func savedModel() []byte {
	info := pb{}.str(1, "v2.15.0").str(4, "serve").str(5, "2.15.0").str(6, "keras")
	graphDef := pb{}.msg(1, pb{}.str(1, "x").str(2, "Placeholder"))
	meta := pb{}.msg(1, info).msg(2, graphDef)
	return pb{}.varint(1, 1).msg(2, meta)
}

func TestLooks(t *testing.T) {
	tf := savedModel()
	reordered := pb{}.msg(8, pb{}.str(1, "").varint(2, 13)).str(2, "tool").msg(7, pb{}.msg(graphNode, node("Add", ""))).varint(1, 9)
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"tensorflow SavedModel", tf, false},
		{"SavedModel cut after the meta graph tag", tf[:6], false},
		{"SavedModel cut after its version", tf[:2], false},
		{"ir_version and graph", model(pb{}.msg(graphNode, node("Add", ""))), true},
		{"fields in another order", reordered, true},
		{"cut inside producer_name", pb{}.varint(1, 7).str(2, "pytorch")[:6], true},
		{"ir_version alone", pb{}.varint(1, 7), false},
		{"ir_version 0", pb{}.varint(1, 0).str(2, "x"), false},
		{"ir_version 99", pb{}.varint(1, 99).str(2, "x"), false},
		{"control characters in producer_name", pb{}.varint(1, 7).str(2, "a\x01b"), false},
		{"graph with a foreign first field", pb{}.varint(1, 7).msg(7, pb{}.varint(3, 1)), false},
		{"unknown field alone", pb{}.varint(1, 7).varint(99, 1), false},
		{"leading unknown fields", append(pb{}.varint(99, 1).str(100, "junk"), model(nil)...), true},
		{"too many unknown fields", append(pb{}.varint(99, 1).varint(99, 1).varint(99, 1).varint(99, 1).varint(99, 1), model(nil)...), false},
		{"tensorflow GraphDef", pb{}.msg(1, pb{}.str(1, "x").str(2, "Placeholder")).msg(1, pb{}.str(1, "y").str(2, "Const")), false},
		{"mistyped field", pb{}.varint(1, 7).varint(7, 1), false},
		{"two fields without anchor", pb{}.str(2, "a").str(3, "b").str(4, "c"), false},
		{"text", []byte("hello world, this is text"), false},
		{"zeros", make([]byte, 64), false},
		{"pickle", []byte("\x80\x04\x95\x10\x00\x00\x00"), false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Looks(tt.head); got != tt.want {
				t.Errorf("Looks(% x) = %v, want %v", tt.head[:min(len(tt.head), 16)], got, tt.want)
			}
		})
	}
	for _, name := range fixtureNames(t) {
		if data := fixture(t, name); !Looks(data) || !Looks(data[:min(len(data), 24)]) {
			t.Errorf("Looks(%s) = false", name)
		}
	}
}
