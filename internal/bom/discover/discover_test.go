package discover

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/bomtest"
	"github.com/aisecops/aisec/internal/report/cyclonedx"
	"github.com/aisecops/aisec/internal/report/reporttest"
	"github.com/aisecops/aisec/internal/report/spdx"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedTime keeps golden BOMs stable.
var fixedTime = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func build(t *testing.T, repo string, o Options) *bom.BOM {
	t.Helper()
	o.Timestamp, o.Jobs, o.Hash = fixedTime, 2, true
	o.Tool = bom.Tool{Name: "aisec", Version: "test"}
	b, err := Build(context.Background(), []string{filepath.Join("testdata", "repos", repo)}, o)
	if err != nil {
		t.Fatalf("Build(%s): %v", repo, err)
	}
	return b
}

// listing renders what a BOM lists, one line per component and relationship, for review.
func listing(b *bom.BOM) string {
	var w strings.Builder
	fmt.Fprintf(&w, "subject %s %s\n", b.Subject.Name, b.Subject.Version)
	for _, list := range [][]bom.Component{b.Components, b.Services} {
		for _, c := range list {
			fmt.Fprintf(&w, "%s %s name=%q version=%q category=%s", c.Kind, c.Ref, c.Name, c.Version, c.Category)
			if c.External {
				w.WriteString(" external")
			}
			if c.Completeness != nil {
				fmt.Fprintf(&w, " completeness=%d missing=%s", c.Completeness.Score, strings.Join(c.Completeness.Missing, ","))
			}
			w.WriteString("\n")
		}
	}
	for _, r := range b.Relationships {
		fmt.Fprintf(&w, "rel %s %s %s\n", r.From, r.Type, r.To)
	}
	for _, g := range b.Incomplete {
		fmt.Fprintf(&w, "incomplete %s: %s\n", g.Path, g.Reason)
	}
	for _, v := range b.Vulnerabilities {
		fmt.Fprintf(&w, "vuln %s %s %s\n", v.Affects, v.ID, v.Severity)
	}
	return w.String()
}

func TestSampleRepositories(t *testing.T) {
	for _, repo := range []string{"rag-app", "js-agent", "hf-cache", "notebook"} {
		t.Run(repo, func(t *testing.T) {
			b := build(t, repo, Options{})
			reporttest.Golden(t, repo+".inventory", []byte(listing(b)), *update)
			for _, v := range []string{"1.6", "1.7"} {
				var buf bytes.Buffer
				if err := cyclonedx.Write(&buf, b, cyclonedx.Options{SpecVersion: v}); err != nil {
					t.Fatalf("cyclonedx %s: %v", v, err)
				}
				bomtest.ValidateCycloneDX(t, v, buf.Bytes())
				if v == "1.6" {
					reporttest.Golden(t, repo+".cdx", buf.Bytes(), *update)
				}
			}
			var buf bytes.Buffer
			if err := spdx.Write(&buf, b); err != nil {
				t.Fatalf("spdx: %v", err)
			}
			bomtest.ValidateSPDX(t, buf.Bytes())
		})
	}
}

// TestSampleExpectations states the facts each sample repository must yield, independently of
// the golden files, so that an -update cannot silently bless a regression.
func TestSampleExpectations(t *testing.T) {
	cases := []struct {
		repo string
		want []string // lines that must appear in the inventory
		deny []string // substrings that must not appear
	}{
		{"rag-app", []string{
			`library pkg:pypi/openai@1.40.0 name="openai" version="1.40.0" category=llm-client`,
			`library pkg:pypi/chromadb@0.5.0 name="chromadb" version="0.5.0" category=vector-store`,
			`library pkg:pypi/torch@2.2.0 name="torch" version="2.2.0" category=ml-framework`,
			`machine-learning-model model:hosted/gpt-4o name="gpt-4o"`,
			`machine-learning-model model:hosted/claude-3-5-sonnet-20241022`,
			`machine-learning-model model:hf/acme/reranker-mini`,
			`data dataset:data name="data"`,
			`service service:api.openai.com`,
			`rel subject dependsOn pkg:pypi/openai@1.40.0`,
			`rel subject uses model:hosted/gpt-4o`,
		}, []string{"pkg:pypi/fastapi@0.111.0 name=\"fastapi\" version=\"0.111.0\" category=llm"}},
		{"js-agent", []string{
			`library pkg:npm/%40anthropic-ai/sdk@0.27.3`,
			`library pkg:npm/openai@4.52.7`,
			`service mcp:.mcp.json#github`,
			`service mcp:.mcp.json#tickets`,
			`service mcp:.cursor/mcp.json#weather`,
			`machine-learning-model model:hosted/claude-3-5-sonnet-20241022`,
			`rel mcp:.mcp.json#github dependsOn pkg:npm/%40modelcontextprotocol/server-github`,
		}, []string{"ghp_9aZ3"}},
		{"hf-cache", []string{
			`machine-learning-model model:models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a name="tiny-llama" version="4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"`,
			`rel model:models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a trainedOn dataset:datasets--acme--tiny-instruct/snapshots/1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e`,
			`rel model:models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a descendantOf model:hf/meta-llama/Llama-3.2-1B`,
			`rel model:models--acme--tiny-llama-GGUF/snapshots/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b/tiny-llama.Q4_K_M.gguf descendantOf model:models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a`,
		}, []string{"incomplete"}},
		{"notebook", []string{
			`library pkg:pypi/transformers`,
			`library pkg:golang/github.com/sashabaranov/go-openai@v1.28.1`,
			`machine-learning-model model:hosted/gpt-4o-mini`,
			`machine-learning-model model:hf/distilbert-base-uncased-finetuned-sst-2-english`,
		}, []string{"hf_"}},
	}
	for _, c := range cases {
		t.Run(c.repo, func(t *testing.T) {
			inv := listing(build(t, c.repo, Options{}))
			for _, w := range c.want {
				if !strings.Contains(inv, w) {
					t.Errorf("inventory lacks %q\n%s", w, inv)
				}
			}
			for _, d := range c.deny {
				if strings.Contains(inv, d) {
					t.Errorf("inventory holds %q\n%s", d, inv)
				}
			}
		})
	}
}

func TestHubModelDetails(t *testing.T) {
	b := build(t, "hf-cache", Options{})
	var m *bom.Component
	for i := range b.Components {
		if b.Components[i].Name == "tiny-llama" {
			m = &b.Components[i]
		}
	}
	if m == nil {
		t.Fatalf("tiny-llama not found:\n%s", listing(b))
	}
	checks := map[string][2]string{
		"purl":         {m.PURL, "pkg:huggingface/acme/tiny-llama@4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"},
		"format":       {m.Model.Format, "safetensors"},
		"architecture": {m.Model.Architecture, "LlamaForCausalLM"},
		"family":       {m.Model.ArchitectureFamily, "llama"},
		"parameters":   {fmt.Sprint(m.Model.Parameters), "512"},
		"task":         {m.Model.Task, "text-generation"},
		"license":      {strings.Join(m.Licenses, ","), "apache-2.0"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if m.Signature == nil || m.Signature.Method != "key" || !strings.HasPrefix(m.Signature.RootDigest, "sha256:") || m.Signature.Files != 3 {
		t.Errorf("signature = %+v", m.Signature)
	}
}
