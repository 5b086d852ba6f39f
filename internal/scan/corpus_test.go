package scan

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/xtest"
)

// corpusExceptions are manifest rows where our expectation differs from the upstream label,
// each with the reason. Everything else must match its label: malicious files get a finding of
// severity high or critical, benign files nothing above low.
var corpusExceptions = map[string]string{
	// The inner pickle is a plain dict: it calls nothing even if a second stage loaded it.
	"modelaudit/samples/pickles/simple_nested.pkl": "benign: inert nested pickle of plain data",
	// Fail closed: an encrypted member cannot be analysed, so the archive is partial with a
	// medium finding even though the member is a text file.
	"picklescan/data/benign_password_protected.zip": "benign, but its encrypted member cannot be read",
}

type corpusRow struct{ path, label, technique string }

func readManifest(t *testing.T, root string) []corpusRow {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) == 3 && parts[0] != "path" {
			rows = append(rows, corpusRow{parts[0], parts[1], parts[2]})
		}
	}
	return rows
}

func TestCorpus(t *testing.T) {
	root := filepath.Join(xtest.SharedDir(t), "corpus", "models")
	rows := readManifest(t, root)
	if len(rows) < 100 {
		t.Fatalf("manifest has only %d rows", len(rows))
	}
	s := New(Options{}, list.Default(list.Options{}))
	for _, row := range rows {
		t.Run(row.path, func(t *testing.T) {
			rep, err := s.Run(context.Background(), []string{filepath.Join(root, row.path)})
			if err != nil {
				t.Fatal(err)
			}
			worst, any := rep.Max()
			high := any && worst >= finding.High
			switch {
			case corpusExceptions[row.path] != "":
				if high {
					t.Errorf("expected no high finding (%s), got %s", corpusExceptions[row.path], summary(rep))
				}
			case row.label == "malicious" && !high:
				t.Errorf("malicious (%s) but worst finding is %s", row.technique, summary(rep))
			case row.label == "benign" && any && worst > finding.Low:
				t.Errorf("benign (%s) but got %s", row.technique, summary(rep))
			}
		})
	}
}

func summary(rep *finding.Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		b.WriteString("\n  " + f.Severity.String() + " " + f.Rule + " " + f.Location() + ": " + f.Evidence)
	}
	for _, f := range rep.Files {
		if f.Status != finding.StatusScanned {
			b.WriteString("\n  file " + f.Path + "!/" + f.Member + " " + string(f.Status) + " " + f.Error)
		}
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return b.String()
}
