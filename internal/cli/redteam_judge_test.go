package cli

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
)

// scriptedJudge stands in for the judge LLM (a paid API in real use): it answers every
// request with verdict.
func scriptedJudge(verdict string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		reply, _ := json.Marshal(verdict)
		_, _ = w.Write([]byte(`{"id":"j","object":"chat.completion","model":"judge","choices":[{"index":0,"message":{"role":"assistant","content":` +
			string(reply) + `},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`))
	})
}

func TestRedteamJudge(t *testing.T) {
	dir := t.TempDir()
	target, _ := countingTarget(t, redteamtest.Defended())
	judge, judged := countingTarget(t, scriptedJudge(`{"verdict":"success","score":0.9,"reason":"complied"}`))
	args := func(judge, journal string) []string {
		return []string{"redteam", "run", "--target", target, "--model", "m", "--seed", "2", "--probes", "harmful,injection",
			"--judge", judge, "--judge-model", "j", "-q", "-f", "json", "--journal", filepath.Join(dir, journal)}
	}
	code, stdout, stderr := run(t, nil, args(judge, "a.jsonl")...)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if s.Run.Judge == nil || s.Run.Judge.Rubric != "aisec-judge-v1" || s.Run.Judge.Model != "j" {
		t.Fatalf("judge not recorded: %+v", s.Run.Judge)
	}
	rates := familyRates(s)
	// The judge runs on refusal-scored probes (harmful), not on canary probes (injection).
	if rates["harmful"].Hits != rates["harmful"].Attempts || rates["injection"].Hits != 0 {
		t.Fatalf("harmful %+v, injection %+v", rates["harmful"], rates["injection"])
	}
	if judged.Load() != int64(rates["harmful"].Attempts) {
		t.Fatalf("judge saw %d requests for %d harmful attempts", judged.Load(), rates["harmful"].Attempts)
	}

	// A judge whose verdict cannot be read fails closed: those attempts are errors.
	garbled, _ := countingTarget(t, scriptedJudge("I am not sure."))
	code, stdout, stderr = run(t, nil, args(garbled, "b.jsonl")...)
	if code != ExitIncomplete {
		t.Fatalf("garbled judge: exit %d, want 3: %s", code, stderr)
	}
	if s := summaryOf(t, stdout); s.Totals.Errors == 0 || !s.Incomplete || !strings.Contains(stdout, "judge") {
		t.Fatalf("garbled judge: totals %+v", s.Totals)
	}
}
