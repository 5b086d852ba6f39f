package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
)

// childArgsVar makes the test binary act as the aisec command, so a test can run a real
// process and kill it.
const childArgsVar = "AISECTEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsVar); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			os.Exit(ExitUsage)
		}
		os.Exit(Run(context.Background(), a, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// journalLines counts complete lines in the journal.
func journalLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 8<<20)
	for sc.Scan() {
		n++
	}
	return n
}

// TestRedteamResumeAfterKill kills a real run with SIGKILL midway, resumes it, and checks
// that no finished attempt is sent again and that the report equals an uninterrupted run's.
func TestRedteamResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond) // long enough to kill the run midway
		redteamtest.Vulnerable().ServeHTTP(w, r)
	})
	url, requests := countingTarget(t, slow)
	journal := filepath.Join(dir, "killed.jsonl")
	common := []string{"redteam", "run", "--target", url, "--model", "m", "--seed", "3", "--generations", "2",
		"--probes", "injection,encoding,sysprompt,output", "--concurrency", "4", "-q", "-f", "json"}

	args, _ := json.Marshal(append(append([]string{}, common...), "--journal", journal))
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childArgsVar+"="+string(args))
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for journalLines(journal) < 41 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	_ = child.Process.Kill()
	_ = child.Wait()
	time.Sleep(50 * time.Millisecond) // let the server count requests that arrived before the kill
	done := journalLines(journal) - 1 // the start record
	if done < 40 {
		t.Fatalf("only %d attempts before the kill", done)
	}
	sentBefore := requests.Load()

	code, resumed, stderr := run(t, nil, append(common, "--resume", journal)...)
	if code != ExitFindings {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	s := summaryOf(t, resumed)
	planned := s.Totals.Planned
	if done >= planned {
		t.Fatalf("the run finished before the kill (%d of %d)", done, planned)
	}
	if sent := requests.Load() - sentBefore; sent != int64(planned-done) {
		t.Fatalf("resume sent %d requests, want %d (planned %d, finished %d)", sent, planned-done, planned, done)
	}
	if s.Totals.Attempts != planned || s.Totals.Duplicates != 0 || s.Incomplete {
		t.Fatalf("resumed totals %+v", s.Totals)
	}

	code, whole, stderr := run(t, nil, append(common, "--journal", filepath.Join(dir, "whole.jsonl"))...)
	if code != ExitFindings {
		t.Fatalf("whole: exit %d: %s", code, stderr)
	}
	if comparable(t, resumed) != comparable(t, whole) {
		t.Fatal("the resumed run's report differs from an uninterrupted run's")
	}
	// The rebuilt report of the resumed journal is the same again.
	code, rebuilt, _ := run(t, nil, "redteam", "report", journal, "-f", "json")
	if code != ExitFindings || comparable(t, rebuilt) != comparable(t, resumed) {
		t.Fatalf("redteam report: exit %d or a different summary", code)
	}
	if strings.Count(readFile(t, journal), `"type":"start"`) != 1 {
		t.Fatal("the resumed journal has more than one start record")
	}
}

// TestRedteamRequestBudget stops a run at --max-requests and finishes it with --resume.
func TestRedteamRequestBudget(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "budget.jsonl")
	url, requests := countingTarget(t, redteamtest.Defended())
	args := []string{"redteam", "run", "--target", url, "--model", "m", "--seed", "1", "--probes", "injection", "-q", "-f", "json"}
	code, _, stderr := run(t, nil, append(args, "--journal", journal, "--max-requests", "5")...)
	if code != ExitIncomplete || requests.Load() != 5 || !strings.Contains(stderr, "--resume") {
		t.Fatalf("capped run: exit %d, %d requests: %s", code, requests.Load(), stderr)
	}
	code, out, stderr := run(t, nil, append(args, "--resume", journal)...)
	if code != ExitOK || summaryOf(t, out).Totals.Attempts != int(requests.Load()) {
		t.Fatalf("resumed: exit %d, %d requests: %s", code, requests.Load(), stderr)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
