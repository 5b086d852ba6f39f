package scan

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/report/reporttest"
	"github.com/aisecops/aisec/internal/vuln"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSampleRepositories scans the AI-BOM sample repositories (application code, notebooks,
// .env, MCP configs, manifests with the OSV fixture) and pins every finding as path, rule and
// evidence: each expected problem is found, and nothing else is.
func TestSampleRepositories(t *testing.T) {
	m, err := vuln.Open(filepath.Join("..", "vuln", "testdata", "osv"), vuln.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, repo := range []string{"rag-app", "js-agent", "hf-cache", "notebook"} {
		t.Run(repo, func(t *testing.T) {
			root := filepath.Join("..", "bom", "discover", "testdata", "repos", repo)
			rep, err := New(Options{Vulns: m}, list.Default(list.Options{})).Run(context.Background(), []string{root})
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, f := range rep.Findings {
				lines = append(lines, fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule, f.Path, f.Evidence))
			}
			for _, f := range rep.Files {
				if f.Status != "scanned" && f.Status != "skipped" {
					lines = append(lines, fmt.Sprintf("file %s %s: %s", f.Status, f.Path, f.Error))
				}
			}
			sort.Strings(lines)
			reporttest.Golden(t, "repo-"+repo, []byte(strings.Join(lines, "\n")+"\n"), *update)
		})
	}
}
