package tflite

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseBytes(b []byte, budget limits.Budget) (*Model, error) {
	return Parse(context.Background(), bytes.NewReader(b), int64(len(b)), budget)
}

func mustParse(t testing.TB, b []byte) *Model {
	t.Helper()
	m, err := parseBytes(b, limits.Budget{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func codes(m *Model) []string {
	var out []string
	for _, c := range m.OperatorCodes {
		out = append(out, fmt.Sprintf("%d:%s×%d", c.Builtin, c.CustomCode, c.Uses))
	}
	return out
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file  string
		codes []string
		check func(t *testing.T, m *Model)
	}{
		{"benign_builtin.tflite", []string{"0:×2", "3:×1", "150:×1"}, func(t *testing.T, m *Model) {
			if m.Version != 3 || m.Description != "aisec fixture" || m.Buffers != 4 || m.Identifier != Identifier {
				t.Errorf("header %+v", m)
			}
			if len(m.Subgraphs) != 1 || m.Subgraphs[0] != (Subgraph{"main", 4, 2, m.Subgraphs[0].Offset}) {
				t.Errorf("subgraphs %+v", m.Subgraphs)
			}
			if len(m.Metadata) != 2 || m.Metadata[0].Name != "min_runtime_version" || m.Metadata[0].Size != 16 {
				t.Errorf("metadata %+v", m.Metadata)
			}
			want := []string{"description=aisec fixture", "metadata.name=min_runtime_version", "metadata.name=TFLITE_METADATA",
				"metadata.min_runtime_version=1.5.0", "metadata.TFLITE_METADATA=Image classifier by aisec"}
			var got []string
			for _, s := range m.MetaStrings() {
				got = append(got, s.Key+"="+s.Value)
			}
			if !slices.Equal(got, want) {
				t.Errorf("meta strings %q", got)
			}
			if !slices.Equal(m.Signatures, []Signature{{"serving_default", 0}}) {
				t.Errorf("signatures %+v", m.Signatures)
			}
		}},
		{"custom_op.tflite", []string{"0:×1", "32:MyCustomOp×2", "32:TFLite_Detection_PostProcess×1", "32:UnusedOp×0"}, nil},
		{"flex_benign.tflite", []string{"0:×1", "32:FlexAddV2×1", "32:FlexRFFT×1"}, nil},
		{"flex_dangerous.tflite", []string{"32:FlexReadFile×1", "32:FlexWriteFile×1", "32:FlexPyFunc×1", "32:FlexEagerPyFunc×1", "32:FlexMatchingFiles×1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := fixture(t, tt.file)
			if !Looks(data) {
				t.Error("Looks = false")
			}
			m := mustParse(t, data)
			if len(m.Gaps()) != 0 || m.BadOpcodeRefs != 0 {
				t.Errorf("gaps %q, bad refs %d", m.Gaps(), m.BadOpcodeRefs)
			}
			if got := codes(m); !slices.Equal(got, tt.codes) {
				t.Errorf("codes %q, want %q", got, tt.codes)
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"\x1c\x00\x00\x00TFL3", true},
		{"\x04\x00\x00\x00TFL3", false}, // root inside the header
		{"\x1c\x00\x00\x00TFL2", false},
		{"\x1c\x00\x00\x00TFL", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Looks([]byte(tt.head)); got != tt.want {
			t.Errorf("Looks(%q) = %v", tt.head, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		b    limits.Budget
		want string
	}{
		{"too small", []byte("\x08\x00\x00"), limits.Budget{}, "too small"},
		{"root past the end", []byte("\xff\x00\x00\x00TFL3"), limits.Budget{}, "root table"},
		{"vtable outside", []byte("\x08\x00\x00\x00TFL3\x00\x00\x00\x80"), limits.Budget{}, "root table"},
		{"too large", fixture(t, "benign_builtin.tflite"), limits.Budget{MaxFileBytes: 100}, "budget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseBytes(tt.data, tt.b)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParseHostile corrupts single fields of a fixture: each costs only a gap.
func TestParseHostile(t *testing.T) {
	base := fixture(t, "custom_op.tflite")
	m := mustParse(t, base)
	opcodes := vectorAt(t, base, m, modelOpcodes)
	tests := []struct {
		name    string
		patch   func(b []byte)
		wantGap string
	}{
		{"huge operator_codes length", func(b []byte) { binary.LittleEndian.PutUint32(b[opcodes:], 0xffffffff) }, "does not fit"},
		{"operator code offset past the end", func(b []byte) { binary.LittleEndian.PutUint32(b[opcodes+4:], 0x7fffffff) }, "operator code 0"},
		{"opcode_index out of range", func(b []byte) { binary.LittleEndian.PutUint32(b[firstOpcodeIndex(t, b):], 99) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := slices.Clone(base)
			tt.patch(b)
			m := mustParse(t, b)
			if gaps := strings.Join(m.Gaps(), "; "); !strings.Contains(gaps, tt.wantGap) || tt.wantGap == "" && gaps != "" {
				t.Errorf("gaps %q, want %q", gaps, tt.wantGap)
			}
			if tt.wantGap == "" && m.BadOpcodeRefs != 1 {
				t.Errorf("bad opcode refs %d", m.BadOpcodeRefs)
			}
		})
	}
}

// firstOpcodeIndex returns the position of opcode_index in the first operator of subgraph 0.
func firstOpcodeIndex(t *testing.T, b []byte) int {
	t.Helper()
	f := newReader(bytes.NewReader(b), int64(len(b)))
	root, _ := f.ref(0)
	rt, _ := f.table(root)
	sgs, _, _, _ := f.vector(rt, modelSubgraphs, 4)
	sg, _ := f.elemTable(sgs, 0)
	ops, _, _, _ := f.vector(sg, subgraphOperators, 4)
	op, _ := f.elemTable(ops, 0)
	pos, ok, err := f.field(op, operatorOpcode, 4)
	if err != nil || !ok {
		t.Fatalf("opcode_index: %v", err)
	}
	return int(pos)
}

// vectorAt returns the position of the length word of the root's vector field i.
func vectorAt(t *testing.T, b []byte, _ *Model, i int) int {
	t.Helper()
	f := newReader(bytes.NewReader(b), int64(len(b)))
	root, _ := f.ref(0)
	tb, err := f.table(root)
	if err != nil {
		t.Fatal(err)
	}
	start, _, ok, err := f.vector(tb, i, 4)
	if err != nil || !ok {
		t.Fatal(err)
	}
	return int(start - 4)
}

// TestParseTruncated cuts every fixture at every byte: Parse never panics and never reports
// more than the whole file holds.
func TestParseTruncated(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.tflite"))
	for _, path := range names {
		data := fixture(t, filepath.Base(path))
		full := mustParse(t, data)
		for n := range len(data) {
			m, err := parseBytes(data[:n], limits.Budget{})
			if err != nil {
				continue
			}
			checkInvariants(t, m, int64(n))
			if len(m.OperatorCodes) > len(full.OperatorCodes) {
				t.Fatalf("%s[:%d]: %d codes", path, n, len(m.OperatorCodes))
			}
			// A cut that only removes parts aisec never reads (tensor shapes) is invisible;
			// anything else must show as a gap.
			if len(m.Gaps()) == 0 && !slices.Equal(codes(m), codes(full)) {
				t.Fatalf("%s[:%d]: codes %q differ from %q without a gap", path, n, codes(m), codes(full))
			}
		}
	}
}

func checkInvariants(t *testing.T, m *Model, size int64) {
	t.Helper()
	ops := 0
	for _, s := range m.Subgraphs {
		if s.Offset < 0 || s.Offset >= size || int64(s.Operators) > size/4 {
			t.Fatalf("subgraph %+v outside %d bytes", s, size)
		}
		ops += s.Operators
	}
	uses := m.BadOpcodeRefs
	for _, c := range m.OperatorCodes {
		if c.Offset < 0 || c.Offset >= size || c.Uses < 0 || len(c.CustomCode) > maxName {
			t.Fatalf("operator code %+v outside %d bytes", c, size)
		}
		uses += c.Uses
	}
	if uses > ops || uses > maxOperators {
		t.Fatalf("%d uses for %d operators", uses, ops)
	}
	for _, s := range m.MetaStrings() {
		if s.Offset >= size {
			t.Fatalf("text %q at %d outside %d bytes", s.Key, s.Offset, size)
		}
	}
	if len(m.FlexOps) > maxFlexOps {
		t.Fatalf("%d flex ops", len(m.FlexOps))
	}
	flexUses := 0
	for _, op := range m.FlexOps {
		if op.Opcode < 0 || op.Opcode >= len(m.OperatorCodes) || !m.OperatorCodes[op.Opcode].IsFlex() ||
			op.Offset < 0 || op.Offset >= size || op.Uses < 1 || len(op.Name) > maxName || len(op.NodeDefOp) > maxName {
			t.Fatalf("flex op %+v outside %d bytes", op, size)
		}
		if strings.IndexByte(op.Name, 0) >= 0 || strings.IndexByte(op.NodeDefOp, 0) >= 0 {
			t.Fatalf("flex op %+v: names not cut at NUL", op)
		}
		flexUses += op.Uses
	}
	if flexUses > uses {
		t.Fatalf("%d flex op uses for %d uses", flexUses, uses)
	}
	if len(m.Gaps()) > maxGaps+1 || len(m.Texts) > maxTexts {
		t.Fatalf("%d gaps, %d texts", len(m.Gaps()), len(m.Texts))
	}
}

func TestParseCancelled(t *testing.T) {
	data := fixture(t, "benign_builtin.tflite")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// The fixture is too small to reach a context check: Parse finishes or reports the cancellation.
	if _, err := Parse(ctx, bytes.NewReader(data), int64(len(data)), limits.Budget{}); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}
