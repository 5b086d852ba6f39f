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

// guardFloors are the pass rates the vulnerable target must reach behind the guard, per
// family (measured numbers are in docs/redteam.md). Families absent here must still improve.
func guardFloors() map[string]float64 {
	return map[string]float64{"sysprompt": 0.9, "leakage": 0.9, "output": 0.9, "encoding": 0.9, "injection": 0.9, "indirect": 0.9}
}

// guardFixed are probes the target fails alone and that pass entirely behind the guard.
func guardFixed() []string {
	return []string{"injection/ignore-previous", "injection/fake-system-message", "encoding/base64", "indirect/web-page",
		"sysprompt/direct-request", "sysprompt/planted-canary", "leakage/api-key", "output/markdown-image-exfil", "output/xss"}
}

// TestRedteamBehindGuard is the demo of why aisec has both commands: the vulnerable target
// fails every probe on its own, and behind `aisec guard serve` the probes the guard's rules
// cover pass.
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
	aloneJ, guardedJ := filepath.Join(dir, "alone.jsonl"), filepath.Join(dir, "guarded.jsonl")
	code, alone, stderr := run(t, vars, append(common, "--target", "openai+"+upstream.URL+"/v1", "--journal", aloneJ)...)
	if code != ExitFindings {
		t.Fatalf("alone: exit %d: %s", code, stderr)
	}
	_, guarded, stderr := run(t, vars, append(common, "--target", "openai+"+g.url+"/v1", "--api-key-env", "TEAM_A_KEY",
		"--journal", guardedJ)...)
	sa, sg := summaryOf(t, alone), summaryOf(t, guarded)
	if sg.Incomplete {
		t.Fatalf("guarded run incomplete: %+v\n%s", sg.Totals, stderr)
	}
	before := familyRates(sa)
	for _, f := range sg.Families {
		b := before[f.Family]
		t.Logf("%-10s alone %.2f (%d/%d hits)  guarded %.2f (%d/%d hits, %d blocked)", f.Family,
			b.PassRate, b.Hits, b.Attempts, f.PassRate, f.Hits, f.Attempts, f.Blocked)
		if b.PassRate != 0 || f.PassRate <= b.PassRate || f.PassRate < guardFloors()[f.Family] {
			t.Errorf("%s: pass rate alone %.2f, behind the guard %.2f (floor %.2f)", f.Family, b.PassRate, f.PassRate, guardFloors()[f.Family])
		}
	}
	rates := map[string]float64{}
	for _, p := range sg.Probes {
		rates[p.ID] = p.PassRate
	}
	for _, id := range guardFixed() {
		if rates[id] != 1 {
			t.Errorf("%s: pass rate %.2f behind the guard, want 1", id, rates[id])
		}
	}
	// diff says the guarded run improved on the bare one, and the reverse regressed.
	if code, _, stderr := run(t, nil, "redteam", "diff", aloneJ, guardedJ); code != ExitOK {
		t.Errorf("diff alone→guarded: exit %d: %s", code, stderr)
	}
	if code, out, _ := run(t, nil, "redteam", "diff", guardedJ, aloneJ); code != ExitFindings || !strings.Contains(out, "REGRESSED") {
		t.Errorf("diff guarded→alone: exit %d:\n%s", code, out)
	}
}
