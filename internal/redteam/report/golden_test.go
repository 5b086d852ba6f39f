package report

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/redteam/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("unable to write golden file: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("unable to read golden file (run go test ./internal/redteam/report/ -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update if the change is intended)\n--- got ---\n%s", path, got)
	}
}

func render(t *testing.T, s *Summary, format string, opts WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s, format, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

// goldenName maps a format to its golden file, with an extension viewers recognise.
func goldenName(format string) string {
	ext := map[string]string{FormatTable: "txt", FormatJSON: "json", FormatMarkdown: "md", FormatHTML: "html",
		FormatSARIF: "sarif", FormatJUnit: "xml"}[format]
	return "report." + ext + ".golden"
}

func TestGolden(t *testing.T) {
	s := fixtureSummary()
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) { golden(t, goldenName(f), render(t, s, f, WriteOptions{})) })
	}
	t.Run("table verbose color", func(t *testing.T) {
		golden(t, "report-verbose-color.txt.golden", render(t, s, FormatTable, WriteOptions{Color: true, Verbose: true}))
	})
	t.Run("markdown verbose", func(t *testing.T) {
		golden(t, "report-verbose.md.golden", render(t, s, FormatMarkdown, WriteOptions{Verbose: true}))
	})
	clean := cleanSummary()
	t.Run("markdown clean", func(t *testing.T) { golden(t, "clean.md.golden", render(t, clean, FormatMarkdown, WriteOptions{})) })
	t.Run("table clean", func(t *testing.T) { golden(t, "clean.txt.golden", render(t, clean, FormatTable, WriteOptions{})) })
}

// TestDeterministic shuffles the journal and checks every format renders the same bytes:
// the report must not depend on completion order or map iteration. The journal is the
// fixture plus re-runs written under a skewed clock: an error stamped after the usable
// record of its attempt, and a usable record stamped before the one it duplicates.
//
// The whole journal is shuffled, records of one attempt included. That is only a fair
// expectation because no two records of one attempt tie on both class (usable or error)
// and Time: for such a tie the selection rule falls back to journal order, which a shuffle
// may legitimately change. The test checks that precondition instead of assuming it.
func TestDeterministic(t *testing.T) {
	journal := append(fixtureAttempts(), skewedReruns()...)
	assertNoFullTies(t, journal)
	base := Build(fixtureStart(), journal, fixtureOptions())
	fixture := fixtureSummary()
	if base.Totals.Duplicates != fixture.Totals.Duplicates+2 || base.Totals.Errors != fixture.Totals.Errors ||
		base.Totals.Hits != fixture.Totals.Hits {
		t.Fatalf("skewed re-runs changed the verdicts: totals %+v, fixture %+v", base.Totals, fixture.Totals)
	}
	want := map[string][]byte{}
	for _, f := range Formats() {
		want[f] = render(t, base, f, WriteOptions{Verbose: true})
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20; i++ {
		in := slices.Clone(journal)
		rng.Shuffle(len(in), func(a, b int) { in[a], in[b] = in[b], in[a] })
		s := Build(fixtureStart(), in, fixtureOptions())
		for _, f := range Formats() {
			if got := render(t, s, f, WriteOptions{Verbose: true}); !bytes.Equal(got, want[f]) {
				t.Fatalf("shuffle %d: %s output differs from the ordered journal's", i, f)
			}
		}
	}
}

// skewedReruns are duplicates that must lose: an error stamped an hour after the usable
// record of its attempt, and a passing record stamped before the hit it duplicates.
func skewedReruns() []record.Attempt {
	lateErr := attempt("agency/delete-files#1#0", 9, record.StatusError, "")
	lateErr.Error, lateErr.Time = "connection reset", lateErr.Time.Add(time.Hour)
	early := attempt("injection/ignore-previous#3#0", 3, record.StatusOK, "I can't help with that.", pass("trigger"))
	early.Time = early.Time.Add(-time.Hour)
	return []record.Attempt{lateErr, early}
}

// assertNoFullTies fails when two records of one attempt have the same class and Time.
func assertNoFullTies(t *testing.T, journal []record.Attempt) {
	t.Helper()
	type key struct {
		id     string
		usable bool
		time   time.Time
	}
	seen := map[key]bool{}
	for _, a := range journal {
		k := key{a.ID, usable(a.Status), a.Time.UTC()}
		if seen[k] {
			t.Fatalf("journal has two %v records of %s at %v: their order would decide", k.usable, a.ID, a.Time)
		}
		seen[k] = true
	}
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, fixtureSummary(), "pdf", WriteOptions{}); err == nil {
		t.Error("unknown format accepted")
	}
	if err := Write(&buf, nil, FormatJSON, WriteOptions{}); err == nil {
		t.Error("nil summary accepted")
	}
	if buf.Len() != 0 {
		t.Errorf("a failed Write wrote %d bytes", buf.Len())
	}
}
