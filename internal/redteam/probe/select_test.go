package probe

import (
	"slices"
	"strings"
	"testing"
)

func fixture() []Probe {
	mk := func(id string, tags ...string) Probe {
		fam, name, _ := strings.Cut(id, "/")
		return Probe{ID: id, Family: fam, Name: name, Tags: tags}
	}
	return []Probe{
		mk("injection/ignore-previous", "owasp:LLM01", "atlas:AML.T0051.000"),
		mk("injection/task-hijack", "owasp:LLM01", "atlas:AML.T0051.000"),
		mk("indirect/email", "owasp:LLM01", "atlas:AML.T0051.001"),
		mk("sysprompt/direct-request", "owasp:LLM07", "atlas:AML.T0056"),
		mk("leakage/api-key", "owasp:LLM02", "atlas:AML.T0057"),
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name                   string
		include, exclude, tags []string
		want                   []string
	}{
		{"all", nil, nil, nil, ids(fixture())},
		{"family", []string{"injection"}, nil, nil, []string{"injection/ignore-previous", "injection/task-hijack"}},
		{"probe and family", []string{"leakage/api-key", "indirect"}, nil, nil, []string{"indirect/email", "leakage/api-key"}},
		{"exclude probe", []string{"injection"}, []string{"injection/task-hijack"}, nil, []string{"injection/ignore-previous"}},
		{"exclude family", nil, []string{"injection", "indirect"}, nil, []string{"sysprompt/direct-request", "leakage/api-key"}},
		{"tag case-insensitive", nil, nil, []string{"owasp:llm07"}, []string{"sysprompt/direct-request"}},
		{"tag parent technique", nil, nil, []string{"atlas:AML.T0051"}, []string{"injection/ignore-previous", "injection/task-hijack", "indirect/email"}},
		{"tags or", []string{"injection", "leakage"}, nil, []string{"owasp:LLM02", "atlas:AML.T0051.000"}, []string{"injection/ignore-previous", "injection/task-hijack", "leakage/api-key"}},
		{"empty result", []string{"injection"}, []string{"injection"}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Select(fixture(), tc.include, tc.exclude, tc.tags)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("got %v, want %v", ids(got), tc.want)
			}
		})
	}
}

func TestSelectErrors(t *testing.T) {
	tests := []struct {
		name                   string
		include, exclude, tags []string
		want                   string
	}{
		{"typo family", []string{"injecton"}, nil, nil, `unknown probe or family "injecton"; did you mean: injection`},
		{"typo probe", []string{"injection/ignore-previos"}, nil, nil, "did you mean: injection/ignore-previous"},
		{"unknown exclude", nil, []string{"sysprompts"}, nil, "unable to exclude probes: unknown probe or family \"sysprompts\"; did you mean: sysprompt"},
		{"no suggestion", []string{"zzzzzzzz"}, nil, nil, `unknown probe or family "zzzzzzzz"`},
		{"unknown tag", nil, nil, []string{"owasp:LLM08"}, `no probe has tag "owasp:LLM08"; did you mean: owasp:LLM01`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Select(fixture(), tc.include, tc.exclude, tc.tags)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestShuffleDeterministic(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a := slices.Clone(def)
	b := slices.Clone(def)
	slices.Reverse(b) // load order must not matter
	Shuffle(a, 42)
	Shuffle(b, 42)
	if !slices.Equal(ids(a), ids(b)) {
		t.Fatal("same seed gave different orders")
	}
	c := slices.Clone(def)
	Shuffle(c, 43)
	if slices.Equal(ids(a), ids(c)) {
		t.Fatal("different seeds gave the same order")
	}
	sorted := slices.Sorted(slices.Values(ids(a)))
	if slices.Equal(ids(a), sorted) {
		t.Fatal("Shuffle did not shuffle")
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"abc", "abc", 2, 0},
		{"a", "abcdef", 2, 3},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
