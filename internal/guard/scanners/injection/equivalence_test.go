package injection

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
	"github.com/aisecops/aisec/internal/xtest"
)

var update = flag.Bool("update", false, "rewrite testdata/equivalence.golden from the current code")

const equivalenceGolden = "testdata/equivalence.golden"

// TestScanEquivalence pins what the scanner, the classifier and the normaliser compute on
// every text of the shared data sets and of the classifier's traindata: performance work
// must not change a single detection. Each text is one golden line: a hash of the text, a
// hash of its canonical result (normalised text, every piece of evidence with its weight,
// the findings) and the classifier score in millionths. Regenerate with -update only when a
// change of results is intended.
func TestScanEquivalence(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	model := classifier.Default()
	want := readEquivalenceGolden(t)
	got := map[string][]string{}
	sources := equivalenceSources(t)
	for _, src := range sources {
		got[src.name] = equivalenceLines(t, s, model, src.path)
	}
	if *update {
		writeEquivalenceGolden(t, got)
		return
	}
	for _, src := range sources {
		w, ok := want[src.name]
		if !ok {
			t.Errorf("%s: not in %s (run with -update to add it)", src.name, equivalenceGolden)
			continue
		}
		g := got[src.name]
		if len(g) != len(w) {
			t.Errorf("%s: %d texts, golden has %d", src.name, len(g), len(w))
			continue
		}
		bad := 0
		for i := range g {
			if g[i] != w[i] {
				if bad < 5 {
					t.Errorf("%s line %d: got %q, want %q", src.name, i+1, g[i], w[i])
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d texts differ", src.name, bad, len(g))
		}
	}
}

type equivalenceSource struct{ name, path string }

// equivalenceSources lists traindata always and the shared sets when present; their absence
// is reported loudly but does not hide the traindata comparison.
func equivalenceSources(t *testing.T) []equivalenceSource {
	var out []equivalenceSource
	train, err := filepath.Glob(filepath.Join("..", "..", "classifier", "traindata", "*.jsonl"))
	if err != nil || len(train) == 0 {
		t.Fatalf("no classifier traindata found: %v", err)
	}
	for _, p := range train {
		out = append(out, equivalenceSource{"traindata/" + filepath.Base(p), p})
	}
	t.Run("shared", func(t *testing.T) {
		shared, _ := filepath.Glob(filepath.Join(xtest.SharedDir(t), "datasets", "guard", "*.jsonl"))
		if len(shared) == 0 {
			t.Skip("SKIPPING: no shared data sets; only traindata is compared")
		}
		for _, p := range shared {
			out = append(out, equivalenceSource{"shared/" + filepath.Base(p), p})
		}
	})
	return out
}

// equivalenceLines computes the golden lines of one JSONL file.
func equivalenceLines(t *testing.T, s *Scanner, model *classifier.Model, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, equivalenceLine(t, s, model, r.Text))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func equivalenceLine(t *testing.T, s *Scanner, model *classifier.Model, text string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "norm %s\n", textnorm.Normalize(text))
	res, _, err := s.scanText(context.Background(), text, s.maxBytes, &scratch{})
	if err != nil {
		t.Fatal(err)
	}
	ev := append([]evidence(nil), res.ev...)
	sort.SliceStable(ev, func(a, b int) bool { return ev[a].kind < ev[b].kind })
	for _, e := range ev {
		fmt.Fprintf(&b, "ev %s %d %d %d %q\n", e.kind, micro(e.weight), e.start, e.end, e.excerpt)
	}
	fmt.Fprintf(&b, "clf %d\n", micro(res.clf))
	fs, err := s.Scan(context.Background(), &scanners.Request{Direction: scanners.Input,
		Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		fmt.Fprintf(&b, "finding %s %s %d %d %d %q\n", f.Rule, f.Kind, micro(f.Score), f.Start, f.End, f.Excerpt)
	}
	th := sha256.Sum256([]byte(text))
	rh := sha256.Sum256([]byte(b.String()))
	return fmt.Sprintf("%s %s %d %d", hex.EncodeToString(th[:4]), hex.EncodeToString(rh[:6]), len(fs), micro(model.Score(text)))
}

// micro rounds a score to millionths.
func micro(x float64) int64 { return int64(math.Round(x * 1e6)) }

// readEquivalenceGolden parses "# source" headers followed by that source's lines.
func readEquivalenceGolden(t *testing.T) map[string][]string {
	out := map[string][]string{}
	data, err := os.ReadFile(equivalenceGolden)
	if err != nil {
		if *update {
			return out
		}
		t.Fatalf("unable to read the golden file (generate it with -update from known-good code): %v", err)
	}
	cur := ""
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "# "); ok {
			cur = name
			out[cur] = []string{}
			continue
		}
		out[cur] = append(out[cur], line)
	}
	return out
}

func writeEquivalenceGolden(t *testing.T, got map[string][]string) {
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "# %s\n", n)
		for _, l := range got[n] {
			b.WriteString(l + "\n")
		}
	}
	if err := os.MkdirAll(filepath.Dir(equivalenceGolden), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(equivalenceGolden, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d sources)", equivalenceGolden, len(names))
}
