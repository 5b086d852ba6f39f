package probe

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
)

// wantFamilies is the set of families the embedded library must ship.
var wantFamilies = []string{
	"agency", "divergence", "encoding", "harmful", "indirect", "injection", "jailbreak",
	"leakage", "malware", "output", "packages", "sysprompt",
}

func TestDefaultLibrary(t *testing.T) {
	ps, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := Families(ps)
	slices.Sort(got)
	if !slices.Equal(got, wantFamilies) {
		t.Errorf("families = %v, want %v", got, wantFamilies)
	}
	total := 0
	for _, p := range ps {
		total += len(p.Prompts)
		if !slices.ContainsFunc(p.Tags, func(t string) bool { return strings.HasPrefix(t, "owasp:LLM") }) {
			t.Errorf("%s: no OWASP LLM tag", p.ID)
		}
	}
	if total < 300 || total > 500 {
		t.Errorf("library has %d prompts, want 300-500", total)
	}
}

// TestDefaultRenders fills every prompt and checks that no placeholder
// survives and that canary triggers resolve to the canary.
func TestDefaultRenders(t *testing.T) {
	ps, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const canary = "AISECQ7K2M9"
	for _, p := range ps {
		for i, q := range p.Prompts {
			r, err := q.Render(canary)
			if err != nil {
				t.Fatalf("%s #%d: %v", p.ID, i+1, err)
			}
			if strings.Contains(r.Text+r.System, "{{canary}}") || strings.Contains(r.Text, "{{payload}}") {
				t.Errorf("%s #%d: placeholder left: %q", p.ID, i+1, r.Text)
			}
			for _, tr := range q.Triggers {
				if tr == PlaceholderCanary && !slices.Contains(r.Triggers, canary) {
					t.Errorf("%s #%d: canary trigger not filled: %q", p.ID, i+1, r.Triggers)
				}
			}
		}
	}
}

// TestEncodingProbesCarryCanary checks that a decodable encoding probe
// really hides the canary: absent in clear, present after decoding.
func TestEncodingProbesCarryCanary(t *testing.T) {
	ps, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sel, err := Select(ps, []string{"encoding/base64"}, nil, nil)
	if err != nil || len(sel) != 1 {
		t.Fatalf("Select = %v, %v", sel, err)
	}
	const canary = "AISECQ7K2M9"
	for _, q := range sel[0].Prompts {
		r, err := q.Render(canary)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Text, canary) {
			t.Errorf("canary in clear: %q", r.Text)
		}
		enc := strings.Fields(r.Text)
		raw, err := base64.StdEncoding.DecodeString(enc[len(enc)-1])
		if err != nil || !strings.Contains(string(raw), canary) {
			t.Errorf("decoded %q (%v) lacks the canary", raw, err)
		}
	}
}
