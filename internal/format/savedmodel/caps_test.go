package savedmodel

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/limits"
)

func hasGap(m *Model, substr string) bool {
	for _, g := range m.Gaps() {
		if strings.Contains(g, substr) {
			return true
		}
	}
	return false
}

func TestNodeCapKeepsEveryOp(t *testing.T) {
	data := readFixture(t, "benign_tf1.pb")
	c := defaultCaps()
	c.maxNodes = 2
	m := parseBytes(t, data, KindSavedModel, c)
	full := parseBytes(t, data, KindSavedModel, defaultCaps())
	ops := map[string]bool{}
	for _, n := range m.Nodes {
		ops[n.Op] = true
	}
	for _, n := range full.Nodes {
		if !ops[n.Op] {
			t.Errorf("op %s lost past the node cap", n.Op)
		}
	}
	if m.NodesOmitted == 0 || int(m.NodesOmitted)+len(m.Nodes) != len(full.Nodes) || !hasGap(m, "more than 2 nodes") {
		t.Fatalf("omitted %d, kept %d of %d, gaps %v", m.NodesOmitted, len(m.Nodes), len(full.Nodes), m.Gaps())
	}
}

func TestCaps(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		kind  Kind
		set   func(*caps)
		check func(*Model) bool
	}{
		{"string budget", "benign_tf2.pb", KindSavedModel, func(c *caps) { c.maxRetained = 200 },
			func(m *Model) bool { return hasGap(m, "bytes of names and strings") }},
		{"nesting", "benign_tf2.pb", KindSavedModel, func(c *caps) { c.maxDepth = 4 },
			func(m *Model) bool { return hasGap(m, "nested deeper than 4") && len(m.Anomalies) > 0 }},
		{"small message", "benign_tf2.pb", KindSavedModel, func(c *caps) { c.maxSmallMsg = 8 },
			func(m *Model) bool { return hasGap(m, "over the 8-byte cap") }},
		{"attr string", "file_io.pb", KindSavedModel, func(c *caps) { c.maxAttrString = 4 },
			func(m *Model) bool {
				return anyAttr(m, func(a Attr) bool { return a.Truncated && len(a.Strings[0]) == 4 })
			}},
		{"inputs", "benign_tf1.pb", KindSavedModel, func(c *caps) { c.maxInputs = 1 },
			func(m *Model) bool {
				return anyNode(m, func(n Node) bool { return n.NumInputs > 1 && len(n.Inputs) == 1 })
			}},
		{"gaps", "truncated_savedmodel.pb", KindSavedModel, func(c *caps) { c.maxGaps = 0 },
			func(m *Model) bool { return len(m.Gaps()) == 1 && m.Gaps()[0] == "more gaps were not recorded" }},
		{"texts", "file_io.pb", KindSavedModel, func(c *caps) { c.maxTexts = 1 },
			func(m *Model) bool { return len(m.MetaStrings()) == 1 }},
		{"graph nesting", "dataset_from_graph.pb", KindSavedModel, func(c *caps) { c.maxGraphNesting = 1 },
			func(m *Model) bool {
				return hasGap(m, "nested more than 1 graphs deep") && !anyNode(m, func(n Node) bool { return strings.Contains(n.Nested, NestSep) })
			}},
		{"graph count", "dataset_from_graph.pb", KindSavedModel, func(c *caps) { c.maxGraphs = 1 },
			func(m *Model) bool {
				return hasGap(m, "more than 1 serialized GraphDefs") && anyNode(m, func(n Node) bool { return n.Op == "WriteFile" })
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := defaultCaps()
			tt.set(&c)
			m := parseBytes(t, readFixture(t, tt.file), tt.kind, c)
			if !tt.check(m) {
				t.Fatalf("check failed: gaps %v anomalies %v", m.Gaps(), m.Anomalies)
			}
		})
	}
}

func anyNode(m *Model, f func(Node) bool) bool {
	for _, n := range m.Nodes {
		if f(n) {
			return true
		}
	}
	return false
}

func anyAttr(m *Model, f func(Attr) bool) bool {
	return anyNode(m, func(n Node) bool {
		for _, a := range n.Attrs {
			if f(a) {
				return true
			}
		}
		return false
	})
}

func TestFileBudget(t *testing.T) {
	data := readFixture(t, "benign_tf1.pb")
	m, err := ParseAs(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{MaxFileBytes: 400}, KindSavedModel)
	if err != nil || !hasGap(m, "only the first 400") || len(m.Nodes) == 0 {
		t.Fatalf("%v %v", err, m.Gaps())
	}
}

func TestDepthBomb(t *testing.T) {
	m := parseBytes(t, readFixture(t, "depth_bomb.pb"), KindSavedModel, defaultCaps())
	if len(m.Anomalies) != 1 || m.Anomalies[0].Kind != AnomalyNesting || len(m.Nodes) != 1 || m.Nodes[0].Op != "PartitionedCall" {
		t.Fatalf("anomalies %v nodes %v", m.Anomalies, m.Nodes)
	}
}

// virtualGraph is a GraphDef whose first node is a Const carrying payload bytes of
// tensor_content that are never stored: ReadAt synthesises zeros for them. A PyFunc node
// follows the weights.
type virtualGraph struct {
	head, tail []byte
	payload    int64
	read       int64 // bytes handed out by ReadAt
}

func newVirtualGraph(payload int64) *virtualGraph {
	tensor := protowire.AppendTag(nil, 1, protowire.VarintType)
	tensor = protowire.AppendVarint(tensor, 1)
	tensor = protowire.AppendTag(tensor, 4, protowire.BytesType)
	tensor = protowire.AppendVarint(tensor, uint64(payload))
	attrValue := protowire.AppendTag(nil, 8, protowire.BytesType)
	attrValue = protowire.AppendVarint(attrValue, uint64(int64(len(tensor))+payload))
	entry := protowire.AppendTag(nil, 1, protowire.BytesType)
	entry = protowire.AppendString(entry, "value")
	entry = protowire.AppendTag(entry, 2, protowire.BytesType)
	entry = protowire.AppendVarint(entry, uint64(int64(len(attrValue)+len(tensor))+payload))
	node := protowire.AppendTag(nil, 1, protowire.BytesType)
	node = protowire.AppendString(node, "weights")
	node = protowire.AppendTag(node, 2, protowire.BytesType)
	node = protowire.AppendString(node, "Const")
	node = protowire.AppendTag(node, 5, protowire.BytesType)
	node = protowire.AppendVarint(node, uint64(int64(len(entry)+len(attrValue)+len(tensor))+payload))
	head := protowire.AppendTag(nil, 1, protowire.BytesType)
	head = protowire.AppendVarint(head, uint64(int64(len(node)+len(entry)+len(attrValue)+len(tensor))+payload))
	head = append(append(append(append(head, node...), entry...), attrValue...), tensor...)
	var evil []byte
	evil = protowire.AppendTag(evil, 1, protowire.BytesType)
	evil = protowire.AppendString(evil, "evil")
	evil = protowire.AppendTag(evil, 2, protowire.BytesType)
	evil = protowire.AppendString(evil, "PyFunc")
	tail := protowire.AppendTag(nil, 1, protowire.BytesType)
	tail = protowire.AppendBytes(tail, evil)
	return &virtualGraph{head: head, tail: tail, payload: payload}
}

func (v *virtualGraph) size() int64 { return int64(len(v.head)) + v.payload + int64(len(v.tail)) }

func (v *virtualGraph) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) && off+int64(n) < v.size() {
		o := off + int64(n)
		switch {
		case o < int64(len(v.head)):
			p[n] = v.head[o]
		case o < int64(len(v.head))+v.payload:
			p[n] = 0
		default:
			p[n] = v.tail[o-int64(len(v.head))-v.payload]
		}
		n++
	}
	v.read += int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// TestWeightsAreSkipped walks a 1 GiB frozen graph and checks that only its structure is read.
func TestWeightsAreSkipped(t *testing.T) {
	v := newVirtualGraph(1 << 30)
	m, err := ParseAs(context.Background(), v, v.size(), limits.Budget{}, KindGraphDef)
	if err != nil || len(m.Gaps()) != 0 {
		t.Fatalf("%v %v", err, m.Gaps())
	}
	if len(m.Nodes) != 2 || m.Nodes[1].Op != "PyFunc" || m.Nodes[0].Attrs[0].Tensor.ContentBytes != 1<<30 {
		t.Fatalf("nodes %+v", m.Nodes)
	}
	if v.read > 1<<20 {
		t.Fatalf("read %d bytes of a %d-byte graph", v.read, v.size())
	}
}

// TestNestedGraphs reads GraphDefs serialized into string constants, two levels deep, with
// the nesting recorded on nodes and functions and the graph bytes not kept as strings.
func TestNestedGraphs(t *testing.T) {
	m := parseBytes(t, readFixture(t, "dataset_from_graph.pb"), KindSavedModel, defaultCaps())
	want := map[string]string{"ds": "", "WriteFile": "gd", "inner_ds": "gd", "PyFunc": "gd", "cb": "gd" + NestSep + "gd2"}
	for _, n := range m.Nodes {
		if nested, ok := want[n.Name]; ok {
			if n.Nested != nested {
				t.Errorf("node %s nested %q, want %q", n.Name, n.Nested, nested)
			}
			delete(want, n.Name)
		}
		for _, a := range n.Attrs {
			if a.Tensor != nil && (n.Name == "gd" || n.Name == "gd2") && (a.Tensor.Graphs != 1 || len(a.Tensor.Strings) != 0) {
				t.Errorf("constant %s: tensor %+v", n.Name, a.Tensor)
			}
			if a.Tensor != nil && n.Name == "vocab" && (a.Tensor.Graphs != 0 || len(a.Tensor.Strings) != 3) {
				t.Errorf("vocab: tensor %+v", a.Tensor)
			}
		}
	}
	if len(want) != 0 || len(m.Functions) != 1 || m.Functions[0].Nested != "gd" || len(m.Gaps()) != 0 {
		t.Fatalf("missing %v, functions %+v, gaps %v", want, m.Functions, m.Gaps())
	}
}

// TestGraphBudget: a nested graph's nodes count against the same node cap.
func TestGraphBudget(t *testing.T) {
	c := defaultCaps()
	c.maxNodes = 3
	m := parseBytes(t, readFixture(t, "dataset_from_graph.pb"), KindSavedModel, c)
	if m.NodesOmitted == 0 || !anyNode(m, func(n Node) bool { return n.Op == "EagerPyFunc" }) {
		t.Fatalf("omitted %d nodes %+v", m.NodesOmitted, m.Nodes)
	}
}

// TestPaddedNestedGraph: unknown fields TensorFlow skips do not hide a serialized graph from
// the sniffer, however long.
func TestPaddedNestedGraph(t *testing.T) {
	bytesField := func(b []byte, num protowire.Number, v []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
	}
	node := func(name, op string) []byte {
		return bytesField(bytesField(nil, 1, []byte(name)), 2, []byte(op))
	}
	inner := bytesField(nil, 15, bytes.Repeat([]byte("A"), 3*SniffLen))
	inner = bytesField(inner, 1, node("x", "Placeholder"))
	inner = bytesField(inner, 1, node("evil", "PyFunc"))
	tensor := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 7)
	tensor = bytesField(tensor, 8, inner)
	entry := bytesField(bytesField(nil, 1, []byte("value")), 2, bytesField(nil, 8, tensor))
	outer := bytesField(nil, 1, bytesField(node("gd", "Const"), 5, entry))
	outer = bytesField(outer, 1, node("ds", "DatasetFromGraph"))
	m := parseBytes(t, outer, KindGraphDef, defaultCaps())
	if !anyNode(m, func(n Node) bool { return n.Op == "PyFunc" && n.Nested == "gd" }) {
		t.Fatalf("nested PyFunc not read: %+v gaps %v", m.Nodes, m.Gaps())
	}
}
