package gguf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	ggufmodel "github.com/aisecops/aisec/internal/format/gguf"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtures = "../../format/gguf/testdata"

func detectFile(t *testing.T, name string) []finding.Finding {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ggufmodel.Parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return New().Detect(context.Background(), detect.Target{Path: name, Format: "gguf", Model: f})
}

func TestDetect(t *testing.T) {
	tests := map[string][]string{
		"benign_llama3.gguf":            nil,
		"benign_v1.gguf":                nil,
		"benign_bigendian.gguf":         nil,
		"vocab_only.gguf":               nil,
		"malicious_chat_template.gguf":  nil, // the template detector reports it
		"malicious_named_template.gguf": nil,
		"duplicate_template.gguf":       {"AISEC-GGUF-005"},
		"bad_version.gguf":              {"AISEC-GGUF-005"},
		"broken_kv_count.gguf":          {"AISEC-GGUF-001", "AISEC-GGUF-006"},
		"broken_string_len.gguf":        {"AISEC-GGUF-001"},
		"broken_value_type.gguf":        {"AISEC-GGUF-005"},
		"nested_array.gguf":             {"AISEC-GGUF-005"},
		"broken_alignment.gguf":         {"AISEC-GGUF-002"},
		"broken_tensors.gguf":           {"AISEC-GGUF-002", "AISEC-GGUF-003", "AISEC-GGUF-005", "AISEC-GGUF-007"},
		"broken_vocab.gguf":             {"AISEC-GGUF-004"},
		"broken_token_id.gguf":          {"AISEC-GGUF-007"},
		"trailing_data.gguf":            {"AISEC-GGUF-007"},
		"data_truncated.gguf":           {"AISEC-GGUF-006"},
		"truncated.gguf":                {"AISEC-GGUF-006"},
	}
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*.gguf"))
	if len(paths) != len(tests) {
		t.Fatalf("%d fixtures, %d expectations", len(paths), len(tests))
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, f := range detectFile(t, name) {
				got = append(got, f.Rule)
				if len(f.Evidence) > 260 || f.Offset < 0 {
					t.Errorf("evidence %q at %d", f.Evidence, f.Offset)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("rules %v, want %v", got, want)
			}
		})
	}
}

func TestEveryKindHasARule(t *testing.T) {
	for _, k := range []ggufmodel.AnomalyKind{ggufmodel.BadVersion, ggufmodel.CountTooLarge, ggufmodel.LengthTooLarge,
		ggufmodel.Truncated, ggufmodel.BadValueType, ggufmodel.NestedArray, ggufmodel.LongKey, ggufmodel.BadKey,
		ggufmodel.DuplicateKey, ggufmodel.KeyType, ggufmodel.ArrayMismatch, ggufmodel.ValueOutOfRange,
		ggufmodel.BadTokenID, ggufmodel.BadAlignment, ggufmodel.LongName, ggufmodel.DuplicateTensor,
		ggufmodel.BadDims, ggufmodel.DimsOverflow, ggufmodel.UnknownTensorType, ggufmodel.OffsetOverflow,
		ggufmodel.OutOfBounds, ggufmodel.DataTruncated, ggufmodel.Overlap, ggufmodel.Misaligned, ggufmodel.TrailingData} {
		if ruleFor[k] == nil {
			t.Errorf("anomaly kind %q has no rule", k)
		}
	}
}

func TestIgnoresOtherModels(t *testing.T) {
	if fs := New().Detect(context.Background(), detect.Target{Model: "not a gguf"}); fs != nil {
		t.Fatalf("findings for another model: %v", fs)
	}
	if fs := New().Detect(context.Background(), detect.Target{Model: (*ggufmodel.File)(nil)}); fs != nil {
		t.Fatalf("findings for a nil model: %v", fs)
	}
}

func TestGolden(t *testing.T) {
	var b bytes.Buffer
	paths, _ := filepath.Glob(filepath.Join(fixtures, "*.gguf"))
	for _, p := range paths {
		fmt.Fprintf(&b, "== %s\n", filepath.Base(p))
		for _, f := range detectFile(t, filepath.Base(p)) {
			fmt.Fprintf(&b, "%s\t%s\t%d\t%s\n", f.Rule, f.Severity, f.Offset, f.Evidence)
		}
	}
	golden := filepath.Join("testdata", "findings.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("findings differ from %s (run with -update to accept):\n%s", golden, b.String())
	}
}
