package template

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
	"github.com/aisecops/aisec/internal/format/gguf"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

func detectDoc(t testing.TB, doc *meta.Doc) []finding.Finding {
	t.Helper()
	return New().Detect(context.Background(), detect.Target{Path: "x", Format: doc.Format, Model: doc})
}

func templateDoc(t testing.TB, path string) *meta.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return &meta.Doc{Format: "jinja", Strings: []meta.String{{Key: "", Value: string(data), Offset: 0}}}
}

func maxSeverity(fs []finding.Finding) finding.Severity {
	s := finding.Info
	for _, f := range fs {
		s = max(s, f.Severity)
	}
	return s
}

func rulesOf(fs []finding.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestBenignTemplates: published chat templates (Llama 2/3/3.1/3.2, ChatML, Mistral v1/v3/
// tekken, Mixtral, Gemma 1-3, Phi-3, Qwen2/2.5/3, DeepSeek V3, Command-R) raise nothing.
func TestBenignTemplates(t *testing.T) {
	paths, _ := filepath.Glob("testdata/benign/*.jinja")
	if len(paths) < 15 {
		t.Fatalf("only %d benign templates", len(paths))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			if fs := detectDoc(t, templateDoc(t, p)); len(fs) > 0 {
				t.Errorf("findings on a real chat template: %+v", fs)
			}
		})
	}
}

func TestMaliciousTemplates(t *testing.T) {
	want := map[string][]string{
		"cve_2024_34359.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002"},
		"cycler_popen.jinja":       {"AISEC-TPL-001", "AISEC-TPL-002"},
		"lipsum_globals.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002"},
		"namespace_init.jinja":     {"AISEC-TPL-001"},
		"self_context.jinja":       {"AISEC-TPL-001", "AISEC-TPL-002"},
		"attr_filter.jinja":        {"AISEC-TPL-001"},
		"attr_dynamic.jinja":       {"AISEC-TPL-004"},
		"hex_escape.jinja":         {"AISEC-TPL-001", "AISEC-TPL-004"},
		"named_escape.jinja":       {"AISEC-TPL-003", "AISEC-TPL-004"},
		"concat.jinja":             {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"join_reverse.jinja":       {"AISEC-TPL-001", "AISEC-TPL-004"},
		"format_chr.jinja":         {"AISEC-TPL-001", "AISEC-TPL-004"},
		"dict_join.jinja":          {"AISEC-TPL-001", "AISEC-TPL-004"},
		"builtins_eval.jinja":      {"AISEC-TPL-001", "AISEC-TPL-002"},
		"include.jinja":            {"AISEC-TPL-005"},
		"lexer_broken.jinja":       {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-007"},
		"lexer_differential.jinja": {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-007"},
		"deep_nesting.jinja":       {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-006"},
		// Names bound by loops, macros, with and namespaces, and keys computed at render time.
		"loop_unpack.jinja":    {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"loop_nested.jinja":    {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"loop_string.jinja":    {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"macro_defaults.jinja": {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"macro_args.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"call_block.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"with_scope.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"join_parts.jinja":     {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"namespace_loop.jinja": {"AISEC-TPL-001", "AISEC-TPL-002", "AISEC-TPL-004"},
		"computed_key.jinja":   {"AISEC-TPL-001", "AISEC-TPL-004"},
		"alias.jinja":          {"AISEC-TPL-001", "AISEC-TPL-002"},
	}
	paths, _ := filepath.Glob("testdata/malicious/*.jinja")
	if len(paths) != len(want) {
		t.Fatalf("%d malicious fixtures, %d expectations", len(paths), len(want))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			fs := detectDoc(t, templateDoc(t, p))
			if got := rulesOf(fs); !slices.Equal(got, want[filepath.Base(p)]) {
				t.Errorf("rules %v, want %v\n%s", got, want[filepath.Base(p)], dump(fs))
			}
		})
	}
}

func dump(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\n", f.Rule, f.Severity, f.Offset, f.Evidence)
	}
	return b.String()
}

// TestGolden records the findings on every template fixture and on the GGUF fixtures'
// metadata (run with -update after an intended change).
func TestGolden(t *testing.T) {
	var b bytes.Buffer
	paths, _ := filepath.Glob("testdata/*/*.jinja")
	for _, p := range paths {
		fmt.Fprintf(&b, "== %s\n%s", filepath.ToSlash(p), dump(detectDoc(t, templateDoc(t, p))))
	}
	ggufs, _ := filepath.Glob("../../format/gguf/testdata/*.gguf")
	for _, p := range ggufs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := gguf.Parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		doc := &meta.Doc{Format: "gguf", Strings: f.MetaStrings()}
		fmt.Fprintf(&b, "== gguf/%s\n%s", filepath.Base(p), dump(detectDoc(t, doc)))
	}
	golden := filepath.Join("testdata", "findings.golden")
	if *update {
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
