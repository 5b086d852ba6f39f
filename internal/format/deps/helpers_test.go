package deps

import (
	"fmt"
	"strings"
	"testing"
)

func mustParse(t *testing.T, kind Kind, text string) *Manifest {
	t.Helper()
	m, err := Parse(kind, []byte(text))
	if err != nil {
		t.Fatalf("Parse(%s): %v", kind, err)
	}
	return m
}

// brief renders a package compactly: name@version, then flags and fields that are set.
func brief(p Package) string {
	var b strings.Builder
	b.WriteString(p.Name)
	if p.Version != "" {
		b.WriteString("@" + p.Version)
	}
	if p.Constraint != "" {
		fmt.Fprintf(&b, " c=%s", p.Constraint)
	}
	if p.Direct {
		b.WriteString(" direct")
	}
	if p.Dev {
		b.WriteString(" dev")
	}
	if p.Source != "" {
		fmt.Fprintf(&b, " src=%s", p.Source)
	}
	return b.String()
}

func briefs(m *Manifest) []string {
	out := make([]string, 0, len(m.Packages))
	for _, p := range m.Packages {
		out = append(out, brief(p))
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func checkBriefs(t *testing.T, m *Manifest, want []string) {
	t.Helper()
	if got := briefs(m); !equalStrings(got, want) {
		t.Errorf("packages:\n got  %q\n want %q", got, want)
	}
}
