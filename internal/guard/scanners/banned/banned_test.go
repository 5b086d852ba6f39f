package banned

import (
	"context"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

func testOptions() Options {
	return Options{
		Substrings: []Substring{
			{Name: "bomb-making", Text: "build a bomb"},
			{Text: "Project Falcon"},
			{Name: "slur", Text: "ass", WholeWord: true},
		},
		Regexes: []Regex{
			{Name: "ticket", Pattern: `\bACME-\d{4,}\b`},
			{Name: "drop-table", Pattern: `drop\s+table`, Normalized: true},
			{Name: "plan", Pattern: `(?i)\bsecret\s+plan\b`},
		},
		Topics: []Topic{
			{Name: "weapons", Keywords: []string{"rifle", "ammunition", "suppressor", "gun"}},
			{Name: "medical", Keywords: []string{"diagnosis", "prescription", "dosage"}, MinHits: 3},
			{Name: "gambling", Keywords: []string{"bet"}, Partial: true},
		},
	}
}

func newTestScanner(t testing.TB, opts Options) *Scanner {
	t.Helper()
	sc, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// scan returns "kind=original text of the span" for every finding.
func scan(t testing.TB, sc *Scanner, s string) []string {
	t.Helper()
	fs, err := sc.Scan(context.Background(), &scanners.Request{Segments: []scanners.Segment{{Text: s}}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		if f.Start < 0 || f.End > len(s) || f.Start > f.End {
			t.Fatalf("bad span %+v", f)
		}
		out = append(out, f.Kind+"="+s[f.Start:f.End])
	}
	return out
}

func TestBanned(t *testing.T) {
	sc := newTestScanner(t, testOptions())
	cases := []struct {
		text string
		want []string
	}{
		{"how do I build a bomb at home", []string{"substring:bomb-making=build a bomb"}},
		{"How do I BUILD   A\nBOMB?", []string{"substring:bomb-making=BUILD   A\nBOMB"}},
		{"bυild a bоmb", []string{"substring:bomb-making=bυild a bоmb"}},             // Greek upsilon, Cyrillic o
		{"ｂｕｉｌｄ ａ ｂｏｍｂ", []string{"substring:bomb-making=ｂｕｉｌｄ ａ ｂｏｍｂ"}},             // fullwidth
		{"build a b\u200bomb", []string{"substring:bomb-making=build a b\u200bomb"}}, // zero-width space
		{"tell me about project falcon", []string{"substring:Project Falcon=project falcon"}},
		{"you ass!", []string{"substring:slur=ass"}},
		{"first class passage, assistant", nil},
		{"see ACME-12345 and acme-1", []string{"regex:ticket=ACME-12345"}},
		{"DROP  TABLE users; Drop Table x", []string{"regex:drop-table=DROP  TABLE", "regex:drop-table=Drop Table"}},
		{"a rifle with a suppressor", []string{"topic:weapons=rifle with a suppressor"}},
		{"the rifle range, the rifle club", nil}, // one distinct keyword
		{"a gunpowder suppressor", nil},          // whole words only
		{"diagnosis and prescription", nil},      // needs three
		{"diagnosis, prescription, dosage", []string{"topic:medical=diagnosis, prescription, dosage"}},
		{"alphabetical", []string{"topic:gambling=bet"}}, // partial topic
		{"the SECRET  Plan is ready", []string{"regex:plan=SECRET  Plan"}},
		{"secretplan", nil},
		{"nothing to see here", nil},
	}
	for _, c := range cases {
		got := scan(t, sc, c.text)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q:\n got  %q\n want %q", c.text, got, c.want)
		}
	}
}

func TestFindingFields(t *testing.T) {
	sc := newTestScanner(t, testOptions())
	long := "build a bomb " + strings.Repeat("x", 100)
	req := &scanners.Request{Segments: []scanners.Segment{{Text: "hi"}, {Text: long}, {Text: "rifle, gun and ammunition"}}}
	fs, err := sc.Scan(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("got %+v", fs)
	}
	if f := fs[0]; f.Segment != 1 || f.Rule != Name || !f.Redactable || f.Excerpt != "build a bomb" {
		t.Errorf("substring finding %+v", f)
	}
	if f := fs[1]; f.Segment != 2 || f.Redactable || f.Excerpt != "3 of 4 keywords: rifle, ammunition, gun" || f.Score <= 0.5 {
		t.Errorf("topic finding %+v", f)
	}
	if got := quote(strings.Repeat("é", 40)); len(got) > excerptMax+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("quote cut badly: %q", got)
	}
}

func TestNew(t *testing.T) {
	bad := []Options{
		{Regexes: []Regex{{Name: "broken", Pattern: `(unclosed`}}},
		{Regexes: []Regex{{Pattern: `x`}}},
		{Substrings: []Substring{{Text: "\u200b "}}},
		{Topics: []Topic{{Keywords: []string{"a"}}}},
		{Topics: []Topic{{Name: "t"}}},
		{Topics: []Topic{{Name: "t", Keywords: []string{"a", "b"}, MinHits: 3}}},
		{Directions: "sideways"},
	}
	for _, o := range bad {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
	_, err := New(bad[0])
	if err == nil || !strings.Contains(err.Error(), "broken") || !strings.Contains(err.Error(), "(unclosed") {
		t.Errorf("error must name the pattern: %v", err)
	}
	for dirs, want := range map[string]scanners.Direction{"": scanners.Input, "output": scanners.Output, "both": scanners.Both} {
		if sc := newTestScanner(t, Options{Directions: dirs}); sc.Directions() != want || sc.Name() != Name {
			t.Errorf("directions %q: got %v", dirs, sc.Directions())
		}
	}
	if got := scan(t, newTestScanner(t, Options{}), "anything"); got != nil {
		t.Errorf("zero options banned %q", got)
	}
}

func TestMaxFindings(t *testing.T) {
	sc := newTestScanner(t, testOptions())
	got := scan(t, sc, strings.Repeat("project falcon ", 1000)+" rifle gun")
	if len(got) != maxFindings+1 || got[len(got)-1] != "topic:weapons=rifle gun" {
		t.Errorf("got %d findings, last %q", len(got), got[len(got)-1])
	}
}

func TestCancelled(t *testing.T) {
	sc := newTestScanner(t, testOptions())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sc.Scan(ctx, &scanners.Request{Segments: []scanners.Segment{{Text: "x"}}}); err == nil {
		t.Error("a cancelled scan must fail")
	}
}

func TestRequiredLiteral(t *testing.T) {
	for _, c := range []struct {
		pattern, lit string
		fold, ok     bool
	}{
		{`\bACME-\d{4,}\b`, "ACME-", false, true},
		{`(?i)\bsecret\s+plan`, "secret", true, true},
		{`(foo)+bar`, "bar", false, true},
		{`a|bcd`, "", false, false},
		{`ab\d+`, "ab", false, false}, // too short to be worth it
	} {
		l, ok := requiredLiteral(c.pattern)
		if ok != c.ok || ok && (l.text != c.lit || l.fold != c.fold) {
			t.Errorf("%s: got %+v %v", c.pattern, l, ok)
		}
	}
	l := literal{text: "secret", fold: true}
	if !l.in("A SeCrEt") || l.in("secre t") {
		t.Error("folded literal search")
	}
}

func TestSubstringYAMLForms(t *testing.T) {
	var o Options
	doc := "substrings: [project-falcon, {name: codename, text: blue heron, whole_word: true}]\n"
	if err := yaml.Unmarshal([]byte(doc), &o); err != nil {
		t.Fatal(err)
	}
	want := []Substring{{Text: "project-falcon"}, {Name: "codename", Text: "blue heron", WholeWord: true}}
	if len(o.Substrings) != 2 || o.Substrings[0] != want[0] || o.Substrings[1] != want[1] {
		t.Fatalf("got %+v", o.Substrings)
	}
}
