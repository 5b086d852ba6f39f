package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	c, err := Parse(strings.NewReader(`
target:
  url: openai://localhost:8000/v1
  model: m
  timeout: 30s
probes: {include: [injection], transforms: [base64]}
run: {generations: 2, seed: 7}
gate: {fail_under: 0.95, fail_on: high}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Target.Timeout != 30*time.Second || *c.Run.Seed != 7 || *c.Gate.FailUnder != 0.95 || c.Probes.Transforms[0] != "base64" {
		t.Fatalf("%+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestParseRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown key":      "target: {urll: x}",
		"negative":         "run: {concurrency: -1}",
		"huge concurrency": "run: {concurrency: 100000}",
		"fail_under range": "gate: {fail_under: 5}",
		"fail_on":          "gate: {fail_on: severe}",
		"unitless timeout": "target: {timeout: 60}",
		"both prompts":     "target: {system_prompt: a, system_prompt_file: b}",
		"judge negative":   "judge: {url: openai://x, max_tokens: -1}",
		"not yaml":         "target: [",
	} {
		if _, err := Parse(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Parse(strings.NewReader(strings.Repeat("#", MaxFileSize+1))); err == nil {
		t.Error("oversized file accepted")
	}
}

func TestValidateNeedsRESTReplyPath(t *testing.T) {
	c, err := Parse(strings.NewReader("target: {url: rest://bot/chat, rest: {body: '{\"q\":\"$INPUT\"}'}}"))
	if err != nil {
		t.Fatalf("the file alone may leave reply_path to the command line: %v", err)
	}
	if err := c.Validate(); err == nil {
		t.Fatal("a rest target without a reply path validated")
	}
}

func TestLoadResolvesPathsFromTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ci", "redteam.yaml")
	_ = os.MkdirAll(filepath.Dir(path), 0o755)
	doc := "target: {system_prompt_file: prompt.txt}\nprobes: {files: [probes/], datasets: [/abs/harm.txt]}\noutput: {journal: out/run.jsonl}\n"
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ci := filepath.Join(dir, "ci")
	if c.Target.SystemPromptFile != filepath.Join(ci, "prompt.txt") || c.Probes.Files[0] != filepath.Join(ci, "probes") ||
		c.Probes.Datasets[0] != "/abs/harm.txt" || c.Output.Journal != filepath.Join(ci, "out", "run.jsonl") {
		t.Fatalf("%+v", c)
	}
}
