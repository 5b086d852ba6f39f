package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
	"github.com/aisecops/aisec/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the CLI with a fake environment and returns exit code, stdout and stderr.
func run(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }, isTerminal: func(io.Writer) bool { return false }}
	code := e.run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// fixtureDir writes a benign and a malicious pickle into a temp directory.
func fixtureDir(t *testing.T) (dir, benign, evil string) {
	t.Helper()
	dir = t.TempDir()
	benign = filepath.Join(dir, "benign.pkl")
	evil = filepath.Join(dir, "weights.bin")
	data := pickletest.New().Proto(2).EmptyDict().Unicode("lr").Int(3).SetItem().Stop().Bytes()
	if err := os.WriteFile(benign, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(evil, pickletest.Payload("os", "system", "echo aisec-test"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, benign, evil
}

func TestExitCodes(t *testing.T) {
	dir, benign, evil := fixtureDir(t)
	truncated := filepath.Join(t.TempDir(), "cut.zip")
	if err := os.WriteFile(truncated, []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want int
	}{
		{"clean file", nil, []string{"scan", benign}, ExitOK},
		{"malicious file", nil, []string{"scan", evil}, ExitFindings},
		{"directory", nil, []string{"scan", dir}, ExitFindings},
		{"fail-on none", nil, []string{"scan", "--fail-on", "none", evil}, ExitOK},
		{"env fail-on", map[string]string{"AISEC_FAIL_ON": "none"}, []string{"scan", evil}, ExitOK},
		{"flag beats env", map[string]string{"AISEC_FAIL_ON": "none"}, []string{"scan", "--fail-on", "critical", evil}, ExitFindings},
		{"incomplete", nil, []string{"scan", truncated}, ExitIncomplete},
		{"missing path", nil, []string{"scan", filepath.Join(dir, "nope")}, ExitUsage},
		{"no args", nil, []string{"scan"}, ExitUsage},
		{"bad flag", nil, []string{"scan", "--bogus", dir}, ExitUsage},
		{"bad format", nil, []string{"scan", "-f", "pdf", dir}, ExitUsage},
		{"bad fail-on", nil, []string{"scan", "--fail-on", "severe", dir}, ExitUsage},
		{"bad env", map[string]string{"AISEC_JOBS": "many"}, []string{"scan", dir}, ExitUsage},
		{"version", nil, []string{"version"}, ExitOK},
		{"rules", nil, []string{"rules"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.vars, tt.args...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.want, stderr)
			}
		})
	}
}

func TestJSONReportValidates(t *testing.T) {
	dir, _, evil := fixtureDir(t)
	raw, err := os.ReadFile(evil)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(raw)
	w.Close()
	// A member of a compressed stream has no known size (-1): the schema must accept it.
	if err := os.WriteFile(filepath.Join(dir, "packed.pkl.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, nil, "scan", "-f", "json", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if err := schema.ValidateScanV1([]byte(out)); err != nil {
		t.Fatalf("report does not validate: %v\n%s", err, out)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Schema != finding.SchemaV1 || rep.Summary.Findings.Critical == 0 || rep.Summary.Files != 4 {
		t.Fatalf("unexpected report: %+v", rep.Summary)
	}
}

func TestConfigSuppression(t *testing.T) {
	dir, _, _ := fixtureDir(t)
	cfg := "suppressions:\n  - rule: AISEC-PKL-001\n    path: \"*.bin\"\n    reason: test fixture\n"
	if err := os.WriteFile(filepath.Join(dir, ".aisec.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, nil, "scan", "-f", "json", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, want 0 once suppressed: %s\n%s", code, stderr, out)
	}
	if !strings.Contains(out, `"reason": "test fixture"`) {
		t.Fatalf("suppressed finding not kept in the report:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, ".aisec.yaml"), []byte("suppressions: [{rule: X}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run(t, nil, "scan", dir); code != ExitUsage {
		t.Fatalf("invalid config: exit %d, want %d", code, ExitUsage)
	}
}

func TestOutputFile(t *testing.T) {
	dir, _, _ := fixtureDir(t)
	out := filepath.Join(t.TempDir(), "report.sarif")
	if code, _, stderr := run(t, nil, "scan", "-o", out, dir); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte(`"version": "2.1.0"`)) {
		t.Fatalf("expected a SARIF file chosen by extension, got %v %.200s", err, b)
	}
}

// TestRulesDoc keeps docs/rules.md in sync with the rule definitions (make docs rewrites it).
func TestRulesDoc(t *testing.T) {
	var b bytes.Buffer
	if err := writeRulesMarkdown(&b, allRules()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, b.Bytes()) {
		t.Fatalf("docs/rules.md is out of date: run make docs (%v)", err)
	}
}

// A path glob in .aisec.yaml is relative to the file's directory, however the target is named.
func TestSuppressionRelativeToConfig(t *testing.T) {
	dir, _, evil := fixtureDir(t)
	cfg := "suppressions:\n  - path: \"./weights.bin\"\n    reason: fixture\n"
	if err := os.WriteFile(filepath.Join(dir, ".aisec.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{evil, dir} {
		if code, out, _ := run(t, nil, "scan", "-f", "json", target); code != ExitOK {
			t.Errorf("scan %s: exit %d, want 0 with the finding suppressed:\n%s", target, code, out)
		}
	}
}
