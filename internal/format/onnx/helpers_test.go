package onnx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/limits"
)

// pb builds protobuf bytes field by field for hand-made test inputs.
type pb []byte

func (p pb) varint(num protowire.Number, v uint64) pb {
	return protowire.AppendVarint(protowire.AppendTag(p, num, protowire.VarintType), v)
}

func (p pb) bytes(num protowire.Number, v []byte) pb {
	return protowire.AppendBytes(protowire.AppendTag(p, num, protowire.BytesType), v)
}

func (p pb) str(num protowire.Number, s string) pb { return p.bytes(num, []byte(s)) }

func (p pb) msg(num protowire.Number, m pb) pb { return p.bytes(num, m) }

// node returns a NodeProto with the given op_type and domain.
func node(op, domain string) pb { return pb{}.str(nodeOpType, op).str(nodeDomain, domain) }

// model wraps graph content into a ModelProto with ir_version 8 and opset 13.
func model(graph pb) pb {
	return pb{}.varint(1, 8).str(2, "test").msg(7, graph).msg(8, pb{}.str(1, "").varint(2, 13))
}

func parseBytes(t testing.TB, b []byte) (*Model, error) {
	t.Helper()
	return Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{})
}

func mustParse(t testing.TB, b []byte) *Model {
	t.Helper()
	m, err := parseBytes(t, b)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fixtureNames(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.onnx"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}
