package onnx

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtures live with the parser; see internal/format/onnx/testdata/README.md.
const fixtures = "../../format/onnx/testdata"

func parseFixture(t *testing.T, name string) *onnx.Model {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := onnx.Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func render(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%-8s %s @%d %s\n", f.Severity, f.Rule, f.Offset, f.Evidence)
	}
	return b.String()
}

// TestGolden runs the detector over every fixture and compares the findings with
// testdata/<fixture>.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(fixtures, "*.onnx"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			fs := New().Detect(context.Background(), detect.Target{Path: "models/" + name, Format: "onnx", Model: parseFixture(t, name)})
			got := render(fs)
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".onnx")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

// TestSeverities pins the verdict per fixture: benign models stay at or below low.
func TestSeverities(t *testing.T) {
	tests := map[string]finding.Severity{
		"benign_add.onnx": -1, "benign_conv.onnx": -1, "benign_metadata.onnx": -1, "external_benign.onnx": -1,
		"external_traversal.onnx": finding.Critical, "external_tricks.onnx": finding.Critical,
		"custom_domain.onnx": finding.Medium, "python_op.onnx": finding.Critical, "functions.onnx": finding.Medium,
		"nested_if.onnx": finding.Medium, "torch_if_loop.onnx": -1, "torch_external.onnx": -1,
	}
	for name, want := range tests {
		fs := New().Detect(context.Background(), detect.Target{Path: name, Model: parseFixture(t, name)})
		got := finding.Severity(-1)
		for _, f := range fs {
			got = max(got, f.Severity)
		}
		if got != want {
			t.Errorf("%s: highest severity %v, want %v\n%s", name, got, want, render(fs))
		}
	}
}

func TestIgnoresOtherModels(t *testing.T) {
	for _, m := range []any{nil, (*onnx.Model)(nil), "text", 3} {
		if fs := New().Detect(context.Background(), detect.Target{Model: m}); fs != nil {
			t.Errorf("Detect(%T) = %v", m, fs)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		loc  string
		want verdict
	}{
		{"weights.bin", inside},
		{"./data/weights.bin", inside},
		{"data/../weights.bin", inside},
		{"model.onnx_data", inside},
		{"~/weights.bin", inside},
		{"ab:c", inside}, // an NTFS stream of a file in the directory
		{"../weights.bin", escapes},
		{"data/../../weights.bin", escapes},
		{`..\weights.bin`, escapes},
		{`data\..\..\x`, escapes},
		{"/etc/passwd", escapes},
		{`\windows\win.ini`, escapes},
		{`C:\Windows\win.ini`, escapes},
		{"C:weights.bin", escapes},
		{`\\host\share\w.bin`, escapes},
		{"//host/share/w.bin", escapes},
		{`\\.\PhysicalDrive0`, escapes},
		{`\\?\C:\x`, escapes},
		{"w.bin\x00/../../../etc/passwd", escapes},
		{"w.bin\x00", ambiguous},
		{"w\nbin", ambiguous},
		{"https://example.com/w.bin", ambiguous},
		{"file:///etc/passwd", ambiguous},
		{"CON", ambiguous},
		{"data/nul.bin", ambiguous},
	}
	for _, tt := range tests {
		if got, why := classify(tt.loc); got != tt.want {
			t.Errorf("classify(%q) = %v (%s), want %v", tt.loc, got, why, tt.want)
		}
	}
}

func TestSelfReference(t *testing.T) {
	m := &onnx.Model{External: []onnx.Tensor{{Name: "w", Where: "graph.initializer", Location: "./Model.onnx", HasLocation: true,
		ExtOffset: -1, ExtLength: -1, Entries: []onnx.Prop{{Key: "location", Value: "./Model.onnx"}}}}}
	for _, target := range []detect.Target{
		{Path: "dir/Model.onnx", Model: m},
		{Path: "repo.zip", Member: "a.tar!/x/Model.onnx", Model: m},
	} {
		fs := New().Detect(context.Background(), target)
		if len(fs) != 1 || fs[0].Rule != RuleExternalAnomaly.ID {
			t.Errorf("%+v: %s", target, render(fs))
		}
	}
}

func TestFindingCap(t *testing.T) {
	m := &onnx.Model{}
	for i := range maxPerRule + 7 {
		m.Nodes = append(m.Nodes, onnx.Node{OpType: "PyFunc", Graph: "graph", Offset: int64(i)})
	}
	fs := New().Detect(context.Background(), detect.Target{Model: m})
	if len(fs) != maxPerRule+1 || !strings.Contains(fs[maxPerRule].Evidence, "7 more") {
		t.Errorf("%d findings, last %q", len(fs), fs[len(fs)-1].Evidence)
	}
}
