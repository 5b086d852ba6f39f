package cli

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
)

// guardE2EConfig is the guard configuration of the demo in docs/redteam.md.
const guardE2EConfig = `rules:
  code: {mode: block}
extraction:
  enabled: false
`

// TestRedteamBehindGuard is the demo of why aisec has both commands: the vulnerable target
// fails these families on its own and passes them behind `aisec guard serve` with its
// default rules.
func TestRedteamBehindGuard(t *testing.T) {
	upstream := httptest.NewServer(redteamtest.Vulnerable())
	t.Cleanup(upstream.Close)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "guard.yaml")
	// A support bot has no use for code in its answers, so code is blocked rather than logged;
	// extraction tracking is off because a red-team run looks exactly like the extraction it
	// throttles, and would pass for that reason instead of the content rules.
	writeConfig(t, cfg, upstream.URL, guardE2EConfig)
	vars := map[string]string{"TEAM_A_KEY": "key-a"}
	g := startGuard(t, vars, "--config", cfg, "--db", "sqlite://"+filepath.Join(dir, "audit.db"))

	families := "injection,indirect,encoding,sysprompt,leakage,output"
	common := []string{"redteam", "run", "--model", "m", "--seed", "11", "--probes", families, "-q", "-f", "json"}
	code, alone, stderr := run(t, vars, append(common, "--target", "openai+"+upstream.URL+"/v1",
		"--journal", filepath.Join(dir, "alone.jsonl"))...)
	if code != ExitFindings {
		t.Fatalf("alone: exit %d: %s", code, stderr)
	}
	code, guarded, stderr := run(t, vars, append(common, "--target", "openai+"+g.url+"/v1", "--api-key-env", "TEAM_A_KEY",
		"--journal", filepath.Join(dir, "guarded.jsonl"))...)
	before, after := familyRates(summaryOf(t, alone)), familyRates(summaryOf(t, guarded))
	for _, f := range summaryOf(t, guarded).Families {
		t.Logf("%-10s alone %.2f (%d/%d hits)  guarded %.2f (%d/%d hits, %d blocked)", f.Family,
			before[f.Family].PassRate, before[f.Family].Hits, before[f.Family].Attempts,
			f.PassRate, f.Hits, f.Attempts, f.Blocked)
	}
	if code != ExitOK {
		t.Fatalf("guarded: exit %d, want 0: %s", code, stderr)
	}
	// diff says the guarded run improved on the bare one, and the reverse regressed.
	aloneJ, guardedJ := filepath.Join(dir, "alone.jsonl"), filepath.Join(dir, "guarded.jsonl")
	if code, _, stderr := run(t, nil, "redteam", "diff", aloneJ, guardedJ); code != ExitOK {
		t.Errorf("diff alone→guarded: exit %d: %s", code, stderr)
	}
	if code, out, _ := run(t, nil, "redteam", "diff", guardedJ, aloneJ); code != ExitFindings || !strings.Contains(out, "REGRESSED") {
		t.Errorf("diff guarded→alone: exit %d:\n%s", code, out)
	}
	for fam, b := range before {
		if b.PassRate >= 0.9 || after[fam].PassRate < 0.9 {
			t.Errorf("%s: pass rate alone %.2f, behind the guard %.2f", fam, b.PassRate, after[fam].PassRate)
		}
	}
}
