package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
	"github.com/aisecops/aisec/internal/redteam/report"
	"github.com/aisecops/aisec/internal/redteam/runner"
)

// countingTarget serves h and counts chat requests.
func countingTarget(t *testing.T, h http.Handler) (url string, requests *atomic.Int64) {
	t.Helper()
	requests = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/chat/completions") {
			requests.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return "openai+" + srv.URL + "/v1", requests
}

// knownPackages writes a package list with the real names the test targets mention.
func knownPackages(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "packages.txt")
	names := "# real packages\nrequests==2.32.3\nnumpy\nflask\nexpress\nlodash\naxios\nserde\ntokio\nrails\n"
	if err := os.WriteFile(path, []byte(names), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func summaryOf(t *testing.T, stdout string) *report.Summary {
	t.Helper()
	var s report.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("summary: %v\n%s", err, stdout)
	}
	return &s
}

func familyRates(s *report.Summary) map[string]report.FamilyStats {
	out := map[string]report.FamilyStats{}
	for _, f := range s.Families {
		out[f.Family] = f
	}
	return out
}

func TestRedteamVulnerableFailsDefendedPasses(t *testing.T) {
	dir := t.TempDir()
	pkgs := knownPackages(t)
	vuln, _ := countingTarget(t, redteamtest.Vulnerable())
	code, stdout, stderr := run(t, nil, "redteam", "run", "--target", vuln, "--model", "m", "--seed", "42",
		"--known-packages", pkgs, "--journal", filepath.Join(dir, "v.jsonl"), "-f", "json", "-q",
		"--sarif", filepath.Join(dir, "v.sarif"), "--junit", filepath.Join(dir, "v.xml"), "--html", filepath.Join(dir, "v.html"))
	if code != ExitFindings {
		t.Fatalf("vulnerable: exit %d, want 1: %s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if len(s.Families) != 12 || s.Incomplete || s.Totals.Errors != 0 {
		t.Fatalf("families %d, incomplete %v, errors %d", len(s.Families), s.Incomplete, s.Totals.Errors)
	}
	for _, f := range s.Families {
		if f.Hits == 0 || f.Gate != "fail" {
			t.Errorf("vulnerable %s: %d hits, gate %s", f.Family, f.Hits, f.Gate)
		}
	}
	for _, name := range []string{"v.sarif", "v.xml", "v.html"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}

	def, _ := countingTarget(t, redteamtest.Defended())
	code, stdout, stderr = run(t, nil, "redteam", "run", "--target", def, "--model", "m", "--seed", "42",
		"--known-packages", pkgs, "--journal", filepath.Join(dir, "d.jsonl"), "-f", "json", "-q", "--fail-on", "low")
	if code != ExitOK {
		t.Fatalf("defended: exit %d, want 0: %s\n%s", code, stderr, stdout)
	}
	for _, f := range summaryOf(t, stdout).Families {
		if f.Hits != 0 || f.PassRate != 1 {
			t.Errorf("defended %s: %d hits, pass rate %v", f.Family, f.Hits, f.PassRate)
		}
	}
}

func TestRedteamSeedIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	vuln, _ := countingTarget(t, redteamtest.Vulnerable())
	var outs [2]string
	for i := range outs {
		code, stdout, stderr := run(t, nil, "redteam", "run", "--target", vuln, "--model", "m", "--seed", "9",
			"--probes", "injection,encoding,output", "--transforms", "base64", "--generations", "2", "--concurrency", "16",
			"--journal", filepath.Join(dir, string(rune('a'+i))+".jsonl"), "-f", "json", "-q")
		if code != ExitFindings {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		outs[i] = comparable(t, stdout)
	}
	if outs[0] != outs[1] {
		t.Fatal("two runs with the same seed disagree")
	}
}

// comparable is a summary without what legitimately differs between runs (ID, times, latency).
func comparable(t *testing.T, stdout string) string {
	t.Helper()
	s := summaryOf(t, stdout)
	s.Run.ID, s.Run.Started, s.Totals.DurationMS = "", time.Time{}, 0
	b, _ := json.Marshal(s)
	return string(b)
}

func TestRedteamDryRunSendsNothing(t *testing.T) {
	url, requests := countingTarget(t, redteamtest.Vulnerable())
	code, stdout, stderr := run(t, nil, "redteam", "run", "--target", url, "--model", "m", "--dry-run",
		"--probes", "injection", "--transforms", "rot13", "--generations", "3", "-f", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var dry struct {
		Estimate runner.Estimate `json:"estimate"`
		Requests []dryItem       `json:"requests"`
	}
	if err := json.Unmarshal([]byte(stdout), &dry); err != nil {
		t.Fatal(err)
	}
	if requests.Load() != 0 {
		t.Fatalf("dry run sent %d requests", requests.Load())
	}
	if dry.Estimate.Attempts != len(dry.Requests) || dry.Estimate.Attempts == 0 || dry.Estimate.PromptTokens == 0 {
		t.Fatalf("estimate %+v for %d requests", dry.Estimate, len(dry.Requests))
	}
	if dry.Estimate.Attempts%6 != 0 { // every prompt, plain and rot13, three times
		t.Fatalf("%d attempts is not prompts × 2 × 3", dry.Estimate.Attempts)
	}
}

func TestRedteamFlagsFromEnvAndConfig(t *testing.T) {
	dir := t.TempDir()
	url, requests := countingTarget(t, redteamtest.Defended())
	cfg := filepath.Join(dir, "redteam.yaml")
	doc := "target:\n  url: " + url + "\n  model: m\n  api_key_env: TARGET_KEY\nprobes:\n  include: [sysprompt]\nrun:\n  seed: 5\noutput:\n  journal: run.jsonl\n  markdown: summary.md\n"
	if err := os.WriteFile(cfg, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"AISEC_CONFIG": cfg, "AISEC_FAIL_ON": "medium", "TARGET_KEY": "sk-test"}
	code, _, stderr := run(t, vars, "redteam", "run", "-q")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if requests.Load() != 31 {
		t.Fatalf("%d requests, want the 31 sysprompt prompts", requests.Load())
	}
	md, err := os.ReadFile(filepath.Join(dir, "summary.md"))
	if err != nil || !strings.Contains(string(md), "sysprompt") {
		t.Fatalf("markdown relative to the config: %v", err)
	}
	journal, _ := os.ReadFile(filepath.Join(dir, "run.jsonl"))
	if strings.Contains(string(journal), "sk-test") {
		t.Fatal("the API key reached the journal")
	}
	if code, _, _ := run(t, map[string]string{"AISEC_CONFIG": cfg}, "redteam", "run", "-q"); code != ExitUsage {
		t.Fatalf("missing API key env: exit %d, want 2", code)
	}
}

func TestRedteamUsageErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "exists.jsonl")
	_ = os.WriteFile(existing, []byte("{}\n"), 0o600)
	for name, args := range map[string][]string{
		"no target":       {"redteam", "run", "-q"},
		"unknown probe":   {"redteam", "run", "--target", "openai://localhost:1/v1", "--probes", "injecton"},
		"bad fail-on":     {"redteam", "run", "--target", "openai://localhost:1/v1", "--fail-on", "severe"},
		"bad transform":   {"redteam", "run", "--dry-run", "--transforms", "rot14"},
		"bad scheme":      {"redteam", "run", "--target", "ftp://x/v1"},
		"journal exists":  {"redteam", "run", "--target", "openai://localhost:1/v1", "--journal", existing},
		"bad resume":      {"redteam", "run", "--target", "openai://localhost:1/v1", "--resume", existing},
		"report no start": {"redteam", "report", existing},
	} {
		if code, _, stderr := run(t, nil, args...); code != ExitUsage {
			t.Errorf("%s: exit %d, want 2: %s", name, code, stderr)
		} else if name == "unknown probe" && !strings.Contains(stderr, "injection") {
			t.Errorf("no suggestion: %s", stderr)
		}
	}
}

// TestRedteamSettingsFailBeforeTraffic: every settings mistake is reported before the first
// request, never after a paid run.
func TestRedteamSettingsFailBeforeTraffic(t *testing.T) {
	dir := t.TempDir()
	url, requests := countingTarget(t, redteamtest.Defended())
	badProbe := filepath.Join(dir, "probes.yaml")
	doc := "family: acme\nprobes:\n  - name: typo\n    description: d\n    tags: [owasp:LLM01]\n    severity: low\n    goal: g\n    detectors: [trigger, regex:internal-hots]\n    prompts: [\"say {{canary}}\"]\n"
	if err := os.WriteFile(badProbe, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"redteam", "run", "--target", url, "--model", "m", "-q", "--probes", "sysprompt"}
	for name, extra := range map[string][]string{
		"fail-on":        {"--fail-on", "hgh"},
		"fail-under":     {"--fail-under", "5"},
		"format":         {"-f", "xml"},
		"html folder":    {"--html", filepath.Join(dir, "missing", "r.html")},
		"journal folder": {"--journal", filepath.Join(dir, "missing", "r.jsonl")},
		"concurrency":    {"--concurrency", "-3"},
		"timeout":        {"--timeout", "-5s"},
		"regex typo":     {"--probe-file", badProbe, "--probes", "acme"},
	} {
		if code, _, stderr := run(t, nil, append(base, extra...)...); code != ExitUsage {
			t.Errorf("%s: exit %d, want 2: %s", name, code, stderr)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Fatalf("%d requests sent before the settings were rejected", n)
	}
	// A transform named twice is applied once.
	code, out, stderr := run(t, nil, append(base, "--transforms", "base64,base64", "--journal", filepath.Join(dir, "t.jsonl"), "-f", "json")...)
	if tot := summaryOf(t, out).Totals; code != ExitOK || tot.Duplicates != 0 || tot.Missing != 0 || tot.Planned%2 != 0 {
		t.Fatalf("duplicate transform: exit %d: %s", code, stderr)
	}
}

// TestRedteamResumeKeepsSettings: resume refuses other detector settings, and report
// applies the gate the run started with.
func TestRedteamResumeKeepsSettings(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "run.jsonl")
	url, _ := countingTarget(t, redteamtest.Vulnerable())
	args := []string{"redteam", "run", "--target", url, "--model", "m", "--seed", "1", "--probes", "sysprompt", "-q", "-f", "json"}
	if code, _, stderr := run(t, nil, append(args, "--journal", journal, "--fail-under", "0")...); code != ExitOK {
		t.Fatalf("fail-under 0: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, nil, append(args, "--resume", journal, "--refusal-phrase", "Sure")...); code != ExitUsage || !strings.Contains(stderr, "detector settings") {
		t.Fatalf("resume with another refusal phrase: exit %d: %s", code, stderr)
	}
	if code, _, _ := run(t, nil, "redteam", "report", journal, "-f", "json"); code != ExitOK {
		t.Fatalf("report did not apply the run's gate (fail-under 0): exit %d", code)
	}
	if code, _, _ := run(t, nil, "redteam", "report", journal, "-f", "json", "--fail-under", "0.9"); code != ExitFindings {
		t.Fatalf("report --fail-under 0.9: exit %d, want 1", code)
	}
}
