package tflite

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/tflite"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtures live with the parser; see internal/format/tflite/testdata/README.md.
const fixtures = "../../format/tflite/testdata"

func parseFixture(t *testing.T, name string) *tflite.Model {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := tflite.Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{})
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

// TestGolden compares the findings for every fixture with testdata/<fixture>.golden
// (go test -update rewrites them).
func TestGolden(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(fixtures, "*.tflite"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			got := render(New().Detect(context.Background(), detect.Target{Path: name, Format: "tflite", Model: parseFixture(t, name)}))
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".tflite")+".golden")
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

func TestSeverities(t *testing.T) {
	tests := map[string]finding.Severity{
		"benign_builtin.tflite": -1, "custom_op.tflite": finding.Medium,
		"flex_benign.tflite": finding.Low, "flex_dangerous.tflite": finding.Critical,
		"flex_agree.tflite": finding.Low, "flex_mismatch_pyfunc.tflite": finding.Critical,
		"flex_mismatch_write.tflite": finding.High, "flex_nodedef_mismatch.tflite": finding.Critical,
		"custom_nul.tflite": finding.Critical, "flex_undecodable.tflite": finding.Medium,
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

func TestJudge(t *testing.T) {
	tests := []struct {
		code tflite.OperatorCode
		rule string
	}{
		{tflite.OperatorCode{Builtin: 3}, ""},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "TFLite_Detection_PostProcess"}, ""},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "Mine"}, RuleCustomOp.ID},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "PyFunc"}, RulePythonOp.ID},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "FlexPrintV2"}, RuleFlexIO.ID},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "FlexAddV2"}, RuleFlexOp.ID},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "ReadFile"}, RuleCustomOp.ID},
		{tflite.OperatorCode{Builtin: tflite.BuiltinCustom}, RuleMalformed.ID},
		{tflite.OperatorCode{Builtin: 3, CustomCode: "FlexPyFunc"}, ""}, // builtins ignore custom_code
	}
	for _, tt := range tests {
		f, ok := judge(tt.code)
		if ok != (tt.rule != "") || ok && f.Rule != tt.rule {
			t.Errorf("judge(%+v) = %v %q, want %q", tt.code, ok, f.Rule, tt.rule)
		}
	}
}

func TestJudgeFlexOps(t *testing.T) {
	code := tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: "FlexIdentity", Uses: 1}
	tests := []struct {
		name  string
		ops   []tflite.FlexOp
		rules []string
	}{
		{"agree", []tflite.FlexOp{{Name: "Identity", NodeDefOp: "Identity", Uses: 1}}, []string{RuleFlexOp.ID}},
		{"no NodeDef", []tflite.FlexOp{{Name: "Identity", Uses: 1}}, []string{RuleFlexOp.ID}},
		{"name runs ReadFile", []tflite.FlexOp{{Name: "ReadFile", NodeDefOp: "ReadFile", Uses: 1}},
			[]string{RuleFlexIO.ID, RuleFlexMismatch.ID}},
		{"benign but different", []tflite.FlexOp{{Name: "AddV2", NodeDefOp: "AddV2", Uses: 1}},
			[]string{RuleFlexOp.ID, RuleFlexMismatch.ID}},
		{"undecodable NodeDef, PyFunc name", []tflite.FlexOp{{Name: "PyFunc", Undecodable: "NodeDef: x", Uses: 1}},
			[]string{RulePythonOp.ID, RuleFlexMismatch.ID, RuleFlexUndecodable.ID}},
		{"undecodable", []tflite.FlexOp{{Undecodable: "custom_options: x", Uses: 1}},
			[]string{RuleFlexOp.ID, RuleFlexUndecodable.ID}},
		{"worst of two set-ups", []tflite.FlexOp{{Name: "WriteFile", NodeDefOp: "WriteFile", Uses: 1},
			{Name: "EagerPyFunc", NodeDefOp: "EagerPyFunc", Uses: 1}},
			[]string{RulePythonOp.ID, RuleFlexMismatch.ID, RuleFlexMismatch.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := judgeCode(code, tt.ops)
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule)
			}
			if !slices.Equal(got, tt.rules) {
				t.Errorf("rules %q, want %q\n%s", got, tt.rules, render(fs))
			}
		})
	}
}

func TestDisguised(t *testing.T) {
	for name, want := range map[string]bool{
		"FlexAddV2": false, "Mine": false, "FlexPyFunc\x00x": true, "\x00FlexPyFunc": true, "Op\x1b[0m": true,
		"Op\xff": true, "Op\u0085": true, "Opé": false,
	} {
		_, got := disguised(tflite.OperatorCode{Builtin: tflite.BuiltinCustom, CustomCode: name})
		if got != want {
			t.Errorf("disguised(%q) = %v", name, got)
		}
	}
}

func TestStructure(t *testing.T) {
	m := &tflite.Model{Identifier: "XXXX", BadOpcodeRefs: 2}
	fs := New().Detect(context.Background(), detect.Target{Model: m})
	if len(fs) != 2 || fs[0].Rule != RuleMalformed.ID || fs[1].Rule != RuleMalformed.ID {
		t.Errorf("%s", render(fs))
	}
	for _, other := range []any{nil, (*tflite.Model)(nil), "x"} {
		if fs := New().Detect(context.Background(), detect.Target{Model: other}); fs != nil {
			t.Errorf("Detect(%T) = %v", other, fs)
		}
	}
}
