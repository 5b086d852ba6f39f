package tensorflow

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/xtest"
)

var update = flag.Bool("update", false, "rewrite testdata/findings.golden")

// fixtures are the parser's test files (internal/format/savedmodel/testdata).
const fixtures = "../../format/savedmodel/testdata"

func parseFile(t *testing.T, path string) *savedmodel.Model {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	kind, ok := savedmodel.Sniff(data, filepath.Base(path))
	if !ok {
		t.Fatalf("%s: not identified", path)
	}
	m, err := savedmodel.ParseAs(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{}, kind)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

func detectFile(t *testing.T, path string) []finding.Finding {
	t.Helper()
	return New().Detect(context.Background(), detect.Target{Path: path, Model: parseFile(t, path)})
}

func summary(fs []finding.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s", f.Rule, f.Severity, f.Evidence))
	}
	return out
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		rules map[string]int // rule ID → findings expected
	}{
		{"benign_tf1.pb", nil},
		{"benign_tf2.pb", nil},
		{"frozen_graph.pb", nil},
		{"model.meta", nil},
		{"keras_metadata.pb", nil},
		{"legacy_keras_savedmodel.pb", nil},
		{"truncated_savedmodel.pb", nil},
		{"pyfunc_library.pb", map[string]int{"AISEC-TF-001": 2}},
		{"file_io.pb", map[string]int{"AISEC-TF-002": 6, "AISEC-TF-003": 1}},
		{"network_custom.pb", map[string]int{"AISEC-TF-003": 2, "AISEC-TF-005": 2}},
		{"depth_bomb.pb", map[string]int{"AISEC-TF-007": 1}},
		// WriteFile and the nested saver-named RestoreV2 (no saver exemption inside a nested
		// graph), PyFunc in the nested library, EagerPyFunc two graphs deep and in a string
		// tensor_content, three resolved DatasetFromGraph ops and one fed at run time.
		{"dataset_from_graph.pb", map[string]int{"AISEC-TF-001": 3, "AISEC-TF-002": 2, "AISEC-TF-009": 1, "AISEC-TF-010": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := map[string]int{}
			fs := detectFile(t, filepath.Join(fixtures, tt.file))
			for _, f := range fs {
				got[f.Rule]++
			}
			if fmt.Sprint(got) != fmt.Sprint(nonNil(tt.rules)) {
				t.Fatalf("findings %v, want %v:\n%s", got, tt.rules, strings.Join(summary(fs), "\n"))
			}
		})
	}
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// TestGolden pins the evidence text of every fixture's findings.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if _, ok := savedmodel.Sniff(data, filepath.Base(f)); !ok {
			continue
		}
		fmt.Fprintf(&b, "== %s\n", filepath.Base(f))
		for _, line := range summary(detectFile(t, f)) {
			fmt.Fprintln(&b, line)
		}
	}
	golden := filepath.Join("testdata", "findings.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if b.String() != string(want) {
		t.Fatalf("findings differ from %s (run go test -update):\n%s", golden, b.String())
	}
}

// TestCorpus checks the ModelAudit samples: the PyFunc SavedModel is critical, the safe one is
// clean.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "corpus", "models", "modelaudit", "samples", "tensorflow")
	tests := []struct {
		path     string
		critical bool
	}{
		{"malicious_pyfunc/saved_model.pb", true},
		{"safe_savedmodel/saved_model.pb", false},
	}
	for _, tt := range tests {
		fs := detectFile(t, filepath.Join(dir, tt.path))
		crit := 0
		for _, f := range fs {
			if f.Severity == finding.Critical {
				crit++
			} else if f.Severity != finding.Low && f.Severity != finding.Info {
				t.Errorf("%s: unexpected %s finding %s", tt.path, f.Severity, f.Evidence)
			}
		}
		if (crit > 0) != tt.critical {
			t.Errorf("%s: critical findings %d, want critical=%v: %v", tt.path, crit, tt.critical, summary(fs))
		}
	}
}

func TestIgnoresOtherModels(t *testing.T) {
	if fs := New().Detect(context.Background(), detect.Target{Model: "not a model"}); fs != nil {
		t.Fatalf("got %v", fs)
	}
	if fs := New().Detect(context.Background(), detect.Target{Model: (*savedmodel.Model)(nil)}); fs != nil {
		t.Fatalf("got %v", fs)
	}
}

func TestRegistry(t *testing.T) {
	ops := strings.Fields(rawOps)
	if len(ops) < 1400 {
		t.Fatalf("only %d raw ops", len(ops))
	}
	if !sort.StringsAreSorted(ops) {
		t.Fatal("raw_ops.txt is not sorted")
	}
	for i := 1; i < len(ops); i++ {
		if ops[i] == ops[i-1] {
			t.Fatalf("duplicate op %s", ops[i])
		}
	}
	for _, op := range []string{"MatMul", "PyFunc", "_Arg", "XlaCallModule", "DisableCopyOnRead"} {
		if !isRegistered(op) {
			t.Errorf("%s not registered", op)
		}
	}
	for _, op := range []string{"Addons>Foo", "MyCustomOp", ""} {
		if isRegistered(op) {
			t.Errorf("%q registered", op)
		}
	}
}

// TestGraphScopes checks the nested-graph scoping the index applies: a nested library
// defines functions only for its own graph, a nested graph has no saver, and
// DeserializeIterator is normal only inside the saver.
func TestGraphScopes(t *testing.T) {
	m := &savedmodel.Model{
		MetaGraphs: []savedmodel.MetaGraph{{}},
		Functions:  []savedmodel.Function{{Name: "inner_fn", Nested: "gd"}},
		Nodes: []savedmodel.Node{
			{Name: "call", Op: "inner_fn", Nested: "gd"}, // defined by its library
			{Name: "outer_call", Op: "inner_fn"},         // not defined for the outer graph
			{Name: "save/DeserializeIterator", Op: "DeserializeIterator", Inputs: []string{"it", "state"}, NumInputs: 2},
			{Name: "restore_it", Op: "DeserializeIterator", Inputs: []string{"it", "state"}, NumInputs: 2},
			{Name: "save/RestoreV2", Op: "RestoreV2", Nested: "gd", Inputs: []string{"p"}, NumInputs: 1},
		},
	}
	got := summary(New().Detect(context.Background(), detect.Target{Model: m}))
	want := []string{
		`AISEC-TF-009 high DeserializeIterator node "restore_it" restores an iterator (and its dataset graph) from a graph aisec could not inspect (computed or fed at run time)`,
		`AISEC-TF-002 critical RestoreV2 node "save/RestoreV2" restores tensors from a path or address computed at run time outside the checkpoint saver in the graph serialized in constant "gd"`,
		`AISEC-TF-005 medium op "inner_fn" (1 nodes, first "outer_call")`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
