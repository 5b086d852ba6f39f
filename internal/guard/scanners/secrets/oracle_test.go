package secrets

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"testing"

	gitleaks "github.com/zricethezav/gitleaks/v8/detect"
)

// oracle runs gitleaks' own detector, restricted to the rules the scanner runs.
type oracle struct {
	d     *gitleaks.Detector
	rules map[string]bool
}

func newOracle(t testing.TB, sc *Scanner) *oracle {
	t.Helper()
	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	o := &oracle{d: gitleaks.NewDetector(cfg), rules: map[string]bool{}}
	for _, r := range sc.rules {
		o.rules[r.id] = true
	}
	return o
}

func (o *oracle) find(s string) []string {
	var out []string
	for _, f := range o.d.DetectString(s) {
		if o.rules[f.RuleID] {
			out = append(out, f.RuleID+" "+f.Secret)
		}
	}
	slices.Sort(out)
	return out
}

func ours(t testing.TB, sc *Scanner, s string) []string {
	t.Helper()
	fs, err := sc.Find(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Kind+" "+s[f.Start:f.End])
	}
	slices.Sort(out)
	return out
}

// contexts embeds a sample the way credentials show up in prompts.
var contexts = []string{
	"%s",
	"Here is my config, why does it fail? %s thanks",
	"```\nsettings:\n  value: %s\n```",
	"export VAR=\"%s\"\n",
}

// TestMatchesGitleaks generates strings from every rule's regex and checks that the scanner
// reports exactly what gitleaks' detector reports on the same text.
func TestMatchesGitleaks(t *testing.T) {
	sc := newTestScanner(t)
	o := newOracle(t, sc)
	rng := rand.New(rand.NewPCG(1, 2))
	total, diff := 0, 0
	for _, r := range sc.rules {
		tree, err := syntax.Parse(o.d.Config.Rules[r.id].Regex.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 16; i++ {
			s := fmt.Sprintf(contexts[i%len(contexts)], sample(rng, tree))
			want, got := o.find(s), ours(t, sc, s)
			total++
			if !slices.Equal(want, got) {
				diff++
				t.Logf("%s: %q\n  gitleaks %q\n  ours     %q", r.id, s, want, got)
			}
		}
	}
	// Several secrets in one text, between prose: windows merge and hits interleave.
	trees := make([]*syntax.Regexp, len(sc.rules))
	for i, r := range sc.rules {
		trees[i], _ = syntax.Parse(o.d.Config.Rules[r.id].Regex.String(), syntax.Perl)
	}
	for i := 0; i < 300; i++ {
		s := proseParagraph[:rng.IntN(200)]
		for j := 0; j < 5; j++ {
			s += fmt.Sprintf(contexts[rng.IntN(len(contexts))], sample(rng, trees[rng.IntN(len(trees))]))
			s += proseParagraph[:rng.IntN(120)]
		}
		want, got := o.find(s), ours(t, sc, s)
		total++
		if !slices.Equal(want, got) {
			diff++
			t.Logf("mixed: %q\n  gitleaks %q\n  ours     %q", s, want, got)
		}
	}
	for _, s := range append(benign, prose4KiB(), codeText()) {
		total++
		if want, got := o.find(s), ours(t, sc, s); !slices.Equal(want, got) {
			diff++
			t.Logf("benign: %q\n  gitleaks %q\n  ours     %q", s, want, got)
		}
	}
	t.Logf("%d/%d texts differ", diff, total)
	if diff*100 > total {
		t.Errorf("%d/%d texts differ from gitleaks", diff, total)
	}
}

func newTestScanner(t testing.TB) *Scanner {
	t.Helper()
	sc, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}
