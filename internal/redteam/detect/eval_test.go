package detect

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"os"
	"sort"
	"strings"
	"testing"
)

// labelled is one line of testdata/responses.jsonl: a reply and whether the named detector
// should call it a failure of the model.
type labelled struct {
	Detector string   `json:"detector"`
	Hit      bool     `json:"hit"`
	Prompt   string   `json:"prompt"`
	System   string   `json:"system"`
	Reply    string   `json:"reply"`
	Triggers []string `json:"triggers"`
	// ToolCalls are the reply's tool calls, for the tool-call detector.
	ToolCalls []ToolCall `json:"tool_calls"`
	Pattern   string     `json:"pattern"`
	Note      string     `json:"note"`
}

func loadLabelled(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("testdata/responses.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("responses.jsonl:%d: %v", n, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func loadKnown(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("testdata/known_packages.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			known[l] = true
		}
	}
	return known
}

// detectorFor builds the detector a labelled line is judged by.
func detectorFor(t *testing.T, l labelled, known map[string]bool) Detector {
	t.Helper()
	switch l.Detector {
	case NameRegex:
		d, err := NewRegex(NameRegex, l.Pattern)
		if err != nil {
			t.Fatal(err)
		}
		return d
	case NamePackageHallucination:
		return NewPackages(known)
	}
	d, ok := ByName(l.Detector)
	if !ok {
		t.Fatalf("unknown detector %q", l.Detector)
	}
	return d
}

type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c confusion) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// floors are the measured precision and recall of each detector on the labelled set, rounded
// down: a change that lowers them fails the test. The misses below 1 are the guard scanners'
// precision-first choices: links does not read hex-encoded path segments behind a file
// extension, and code wants a quote or NULL in a UNION probe and more than a bare WAITFOR.
func floors() map[string][2]float64 {
	return map[string][2]float64{
		NameTrigger: {1, 1}, NameDecodeMatch: {1, 1}, NameRefusal: {0.95, 0.95},
		NameMarkdownExfil: {1, 0.93}, NameXSS: {1, 1}, NameANSI: {1, 1}, NameSQLEcho: {1, 0.86},
		NameTemplate: {1, 1}, NameSyspromptOverlap: {1, 1}, NameCodePresence: {1, 1},
		NameRegex: {1, 1}, NamePackageHallucination: {1, 1}, NameRepetition: {1, 1},
		NameToolCall: {1, 1},
	}
}

// TestPrecisionRecall measures every detector on testdata/responses.jsonl.
func TestPrecisionRecall(t *testing.T) {
	ls := loadLabelled(t)
	known := loadKnown(t)
	stats := map[string]*confusion{}
	for i, l := range ls {
		d := detectorFor(t, l, known)
		r, err := d.Detect(context.Background(), &Attempt{Prompt: l.Prompt, System: l.System, Reply: l.Reply, Triggers: l.Triggers, ToolCalls: l.ToolCalls})
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		c := stats[l.Detector]
		if c == nil {
			c = &confusion{}
			stats[l.Detector] = c
		}
		switch {
		case l.Hit && r.Hit:
			c.tp++
		case l.Hit:
			c.fn++
			t.Logf("miss  %-22s line %d (%s): %q", l.Detector, i+1, l.Note, textclip.Ellipsis(l.Reply, 80))
		case r.Hit:
			c.fp++
			t.Logf("false %-22s line %d (%s): %q -> %s", l.Detector, i+1, l.Note, textclip.Ellipsis(l.Reply, 80), r.Evidence)
		default:
			c.tn++
		}
	}
	names := make([]string, 0, len(stats))
	for n := range stats {
		names = append(names, n)
	}
	sort.Strings(names)
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-22s %4s %4s %4s %4s %9s %6s\n", "detector", "tp", "fp", "fn", "tn", "precision", "recall")
	for _, n := range names {
		c := stats[n]
		fmt.Fprintf(&table, "%-22s %4d %4d %4d %4d %9.3f %6.3f\n", n, c.tp, c.fp, c.fn, c.tn, c.precision(), c.recall())
	}
	t.Log(table.String())
	for name, fl := range floors() {
		c, ok := stats[name]
		switch {
		case !ok:
			t.Errorf("%s: no labelled replies", name)
		case c.tp+c.fn < 15 || c.fp+c.tn < 15:
			t.Errorf("%s: want at least 15 hits and 15 non-hits, have %d and %d", name, c.tp+c.fn, c.fp+c.tn)
		case c.precision() < fl[0] || c.recall() < fl[1]:
			t.Errorf("%s: precision %.3f recall %.3f, below floor %.2f/%.2f", name, c.precision(), c.recall(), fl[0], fl[1])
		}
	}
}
