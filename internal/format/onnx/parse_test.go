package onnx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/limits"
)

func opsOf(nodes []Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, fmt.Sprintf("%s:%s@%s", n.Domain, n.OpType, n.Graph))
	}
	return out
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, m *Model)
	}{
		{"benign_add.onnx", func(t *testing.T, m *Model) {
			if m.IRVersion != 8 || m.ProducerName != "aisec-fixtures" || m.DocString != "A tiny benign model." {
				t.Errorf("header: %+v", m)
			}
			if got := opsOf(m.Nodes); !slices.Equal(got, []string{":Add@graph"}) {
				t.Errorf("nodes %v", got)
			}
			if !slices.Equal(m.OpsetImports, []Opset{{"", 13}}) {
				t.Errorf("opsets %v", m.OpsetImports)
			}
		}},
		{"benign_metadata.onnx", func(t *testing.T, m *Model) {
			if len(m.Metadata) != 2 || m.Metadata[0] != (Prop{"author", "aisec", m.Metadata[0].Offset}) || m.Metadata[1].Value != "Apache-2.0" {
				t.Errorf("metadata %+v", m.Metadata)
			}
			if m.Tensors != 3 || len(m.External) != 0 {
				t.Errorf("tensors %d, external %v", m.Tensors, m.External)
			}
		}},
		{"external_benign.onnx", func(t *testing.T, m *Model) {
			if len(m.External) != 2 {
				t.Fatalf("external %+v", m.External)
			}
			e := m.External[1]
			if e.Name != "b" || e.Location != "external_benign.bin" || e.ExtOffset != 16 || e.ExtLength != 16 ||
				e.DataLocation != DataLocationExternal || !slices.Equal(e.Dims, []int64{1, 4}) || e.Where != "graph.initializer" {
				t.Errorf("tensor %+v", e)
			}
		}},
		{"external_traversal.onnx", func(t *testing.T, m *Model) {
			var locs []string
			for _, e := range m.External {
				locs = append(locs, e.Where+"="+e.Location)
			}
			want := []string{"graph/Constant_0.value=../../home/user/.ssh/id_ed25519", "graph.initializer=../../../../etc/passwd"}
			if len(locs) != 8 || !slices.Equal(locs[:2], want) {
				t.Errorf("locations %q", locs)
			}
		}},
		{"external_tricks.onnx", func(t *testing.T, m *Model) {
			if len(m.External) != 6 || m.External[0].Location != "w.bin\x00/../../../etc/passwd" {
				t.Fatalf("external %+v", m.External)
			}
			if bad := m.External[5].BadValues; !slices.Equal(bad, []string{`offset="-8"`, `length="lots"`}) {
				t.Errorf("bad values %q", bad)
			}
		}},
		{"functions.onnx", func(t *testing.T, m *Model) {
			if len(m.Functions) != 1 || m.Functions[0].Name != "Helper" || m.Functions[0].Domain != "local.fn" {
				t.Fatalf("functions %+v", m.Functions)
			}
			if got := opsOf(m.Functions[0].Nodes); !slices.Equal(got, []string{"com.evil:Exec@functions[0]", ":Relu@functions[0]"}) {
				t.Errorf("function body %v", got)
			}
			if got := opsOf(m.Nodes); !slices.Equal(got, []string{"local.fn:Helper@graph"}) {
				t.Errorf("nodes %v", got)
			}
		}},
		{"nested_if.onnx", func(t *testing.T, m *Model) {
			want := []string{":If@graph", ":Identity@graph/If_0.else_branch", ":Loop@graph/If_0.then_branch",
				"com.example.hidden:Hidden@graph/If_0.then_branch/Loop_0.body", ":Identity@graph/If_0.then_branch/Loop_0.body"}
			if got := opsOf(m.Nodes); !slices.Equal(got, want) {
				t.Errorf("nodes %v", got)
			}
			if len(m.Graphs) != 4 || m.Graphs[3].Name != "body" {
				t.Errorf("graphs %+v", m.Graphs)
			}
		}},
		{"python_op.onnx", func(t *testing.T, m *Model) {
			if got := opsOf(m.Nodes); len(got) != 3 || got[0] != "com.microsoft:PythonOp@graph" {
				t.Errorf("nodes %v", got)
			}
			if !hasText(m, "graph/pyop0.func_name", "evil.module.Payload") {
				t.Errorf("texts %+v", m.Texts)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := mustParse(t, fixture(t, tt.file))
			if len(m.Gaps()) != 0 {
				t.Errorf("gaps on a complete fixture: %q", m.Gaps())
			}
			tt.check(t, m)
		})
	}
}

func hasText(m *Model, key, value string) bool {
	return slices.ContainsFunc(m.MetaStrings(), func(s meta.String) bool { return s.Key == key && s.Value == value })
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		b    limits.Budget
		want string
	}{
		{"empty", nil, limits.Budget{}, "empty input"},
		{"not protobuf", []byte{0xff, 0xff, 0xff}, limits.Budget{}, "unable to read ONNX model"},
		{"foreign field", pb{}.varint(99, 1), limits.Budget{}, "no ir_version"},
		{"mistyped first field", pb{}.str(1, "x"), limits.Budget{}, "no ir_version"},
		{"producer only", pb{}.str(2, "x"), limits.Budget{}, "no ir_version"},
		{"too large", model(node("Add", "")), limits.Budget{MaxFileBytes: 4}, "budget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)), tt.b)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Parse(context.Background(), bytes.NewReader(nil), 1<<20, limits.Budget{MaxFileBytes: 1}); !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("MaxFileBytes: %v", err)
	}
}

// TestParseHostile covers inputs a loader would reject or that try to cost the walker.
func TestParseHostile(t *testing.T) {
	deep := pb(node("Deep", "x.deep"))
	for range maxGraphDepth + 5 {
		attr := pb{}.str(attrName, "body").msg(attrG, pb{}.msg(graphNode, deep))
		deep = pb{}.str(nodeOpType, "Loop").msg(nodeAttribute, attr)
	}
	group := pb{}.varint(1, 8)
	group = protowire.AppendTag(group, 30, protowire.StartGroupType)
	group = protowire.AppendTag(group, 31, protowire.StartGroupType)
	group = protowire.AppendTag(group, 31, protowire.EndGroupType)
	group = protowire.AppendTag(group, 30, protowire.EndGroupType)
	group = group.msg(7, pb{}.msg(graphNode, node("AfterGroup", "")))
	huge := pb{}.varint(1, 8)
	huge = protowire.AppendTag(huge, 7, protowire.BytesType)
	huge = protowire.AppendVarint(huge, 1<<62)
	huge = append(huge, pb{}.msg(graphNode, node("Cut", ""))...)
	tests := []struct {
		name    string
		data    []byte
		ops     int
		wantGap string
	}{
		{"nesting beyond the cap", model(pb{}.msg(graphNode, deep)), maxGraphDepth + 1, "nested deeper"},
		{"proto2 groups are skipped", group, 1, ""},
		{"graph length past the end", huge, 1, "cut short"},
		{"mistyped graph field", pb{}.varint(1, 8).varint(7, 5).str(2, "p"), 0, ""},
		{"leading unknown field", append(pb{}.bytes(1000, make([]byte, 5000)), model(pb{}.msg(graphNode, node("Hidden", "x")))...), 1, ""},
		{"unclosed group", append(pb{}.varint(1, 8), protowire.AppendTag(nil, 30, protowire.StartGroupType)...), 0, "not closed"},
		{"garbage after a node", model(pb{}.msg(graphNode, node("Add", "")).str(graphName, "g")).varint(20, 1).bytes(0, nil), 1, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, tt.data)
			if len(m.Nodes) != tt.ops {
				t.Errorf("nodes %d, want %d: %v", len(m.Nodes), tt.ops, opsOf(m.Nodes))
			}
			gaps := strings.Join(m.Gaps(), "; ")
			if tt.wantGap == "" && gaps != "" || !strings.Contains(gaps, tt.wantGap) {
				t.Errorf("gaps %q, want %q", gaps, tt.wantGap)
			}
		})
	}
}

func TestParseNodeCap(t *testing.T) {
	const nodes, kinds = 100, 3
	var g pb
	add := pb{}.msg(graphNode, node("Add", ""))
	for range nodes + 10 {
		g = append(g, add...)
	}
	g = g.msg(graphNode, node("Rare", "x.rare")).msg(graphNode, node("Rarer", "x.rare")).msg(graphNode, node("Rarest", "x.rare"))
	data := model(g)
	m, err := parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{}, recordCaps{nodes: nodes, kinds: kinds})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Nodes) != nodes+2 || m.NodesOmitted != 11 || m.Nodes[nodes].OpType != "Rare" || m.Nodes[nodes+1].OpType != "Rarer" {
		t.Errorf("nodes %d, omitted %d: %v", len(m.Nodes), m.NodesOmitted, opsOf(m.Nodes[nodes:]))
	}
	if gaps := m.Gaps(); len(gaps) != 1 || !strings.Contains(gaps[0], "more than 3 distinct operators; x.rare:Rarest") {
		t.Errorf("gaps %q", gaps)
	}
}

// TestParseTruncated cuts every fixture at every byte: Parse never panics, and what it reads
// from a prefix is never more than, nor different from, what the whole file holds.
func TestParseTruncated(t *testing.T) {
	for _, name := range fixtureNames(t) {
		data := fixture(t, name)
		full := mustParse(t, data)
		for n := range len(data) {
			m, err := parseBytes(t, data[:n])
			if err != nil {
				continue
			}
			checkInvariants(t, m, int64(n))
			if len(m.Nodes) > len(full.Nodes) || len(m.External) > len(full.External) || len(m.Functions) > len(full.Functions) {
				t.Fatalf("%s[:%d]: more than the whole file: %d nodes, %d external", name, n, len(m.Nodes), len(m.External))
			}
			for i, nd := range m.Nodes {
				if nd.OpType != "" && nd.OpType != full.Nodes[i].OpType {
					t.Fatalf("%s[:%d]: node %d is %q, whole file says %q", name, n, i, nd.OpType, full.Nodes[i].OpType)
				}
			}
		}
	}
}

// checkInvariants holds for every parse result: offsets inside the input, bounded output.
func checkInvariants(t *testing.T, m *Model, size int64) {
	t.Helper()
	for _, n := range m.Nodes {
		if n.Offset < 0 || n.Offset > size {
			t.Fatalf("node offset %d outside %d bytes", n.Offset, size)
		}
	}
	for _, e := range m.External {
		if e.Offset < 0 || e.Offset > size || e.RawData > size {
			t.Fatalf("tensor offset %d / raw %d outside %d bytes", e.Offset, e.RawData, size)
		}
	}
	for _, g := range m.Graphs {
		if g.Offset < 0 || g.Offset > size {
			t.Fatalf("graph offset %d outside %d bytes", g.Offset, size)
		}
	}
	if len(m.Gaps()) > maxGaps+1 || len(m.Texts) > maxTexts {
		t.Fatalf("%d gaps, %d texts", len(m.Gaps()), len(m.Texts))
	}
	for _, s := range m.MetaStrings() {
		if s.Offset > size {
			t.Fatalf("meta string %q offset %d outside %d bytes", s.Key, s.Offset, size)
		}
	}
}

func TestParseCancelled(t *testing.T) {
	var g pb
	for range 3 * ctxEvery {
		g = g.msg(graphNode, node("Add", ""))
	}
	data := model(g)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, bytes.NewReader(data), int64(len(data)), limits.Budget{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestParseMatchesOnnx compares the nodes Parse finds with the walk of onnx itself, written
// next to each fixture as <fixture>.ops by gen_fixtures.py.
func TestParseMatchesOnnx(t *testing.T) {
	for _, name := range fixtureNames(t) {
		want := string(fixture(t, strings.TrimSuffix(name, ".onnx")+".ops"))
		m := mustParse(t, fixture(t, name))
		got := opsOf(m.Nodes)
		for _, fn := range m.Functions {
			got = append(got, opsOf(fn.Nodes)...)
		}
		if s := strings.Join(got, "\n") + "\n"; s != want && !(len(got) == 0 && want == "") {
			t.Errorf("%s: nodes differ from onnx's walk:\n--- got\n%s--- want\n%s", name, s, want)
		}
	}
}
