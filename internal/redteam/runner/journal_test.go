package runner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/record"
)

func TestJournalResumeDropsPartialLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	j, err := Create(path, &record.Start{RunID: "r1", Seed: 9, PlanHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a#0#0", "b#0#0"} {
		if err := j.Append(&record.Attempt{ID: id, Status: record.StatusOK}); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(path, &record.Start{}); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("Create over an existing journal: %v", err)
	}
	// A run killed in the middle of a write leaves a partial line.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`{"type":"attempt","id":"c#0#0","sta`)
	_ = f.Close()

	j, start, attempts, err := Resume(path)
	if err != nil {
		t.Fatal(err)
	}
	if start.Seed != 9 || start.RunID != "r1" || len(attempts) != 2 {
		t.Fatalf("start %+v, %d attempts", start, len(attempts))
	}
	if err := j.Append(&record.Attempt{ID: "c#0#0", Status: record.StatusOK}); err != nil {
		t.Fatal(err)
	}
	_ = j.Close()
	f, _ = os.Open(path)
	defer f.Close()
	_, attempts, err = Read(f)
	if err != nil || len(attempts) != 3 || attempts[2].ID != "c#0#0" {
		t.Fatalf("after resume: %v, %+v", err, attempts)
	}
}

func TestReadRejects(t *testing.T) {
	start := `{"type":"start","format":1,"run_id":"r"}` + "\n"
	for name, in := range map[string]string{
		"empty":        "",
		"no start":     `{"type":"attempt","id":"a"}` + "\n",
		"garbage":      start + "not json\n",
		"two starts":   start + start,
		"unknown type": start + `{"type":"eval"}` + "\n",
		"format":       `{"type":"start","format":99}` + "\n",
		"huge":         start + `{"type":"attempt","reply":"` + strings.Repeat("a", MaxRecordBytes) + `"}` + "\n",
	} {
		if _, _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestJournalWriteErrorIsSticky(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	j, err := Create(path, &record.Start{RunID: "r"})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode %v, want 0600", st.Mode().Perm())
	}
	_ = j.f.Close() // the disk "fails"
	first := j.Append(&record.Attempt{ID: "a#0#0"})
	if first == nil {
		t.Fatal("write to a closed file succeeded")
	}
	if err := j.Append(&record.Attempt{ID: "b#0#0"}); err != first {
		t.Fatalf("second write: %v, want the first error again", err)
	}
}

func TestJournalRefusesOversizedRecord(t *testing.T) {
	j, err := Create(filepath.Join(t.TempDir(), "run.jsonl"), &record.Start{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.Append(&record.Attempt{Reply: strings.Repeat("\x01", MaxRecordBytes/5)}); err == nil {
		t.Fatal("a record over MaxRecordBytes was written")
	}
	if err := j.Append(&record.Attempt{Reply: strings.Repeat("<", 1<<20)}); err != nil {
		t.Fatalf("markup is not escaped six-fold any more: %v", err)
	}
}
