package probe

import (
	"strings"
	"testing"
	"testing/fstest"
)

const validFile = `family: demo
probes:
  - name: one
    description: d
    tags: [owasp:LLM01, atlas:AML.T0051.000, cwe:CWE-77, custom:x]
    severity: high
    goal: g
    detectors: [trigger, regex:my-rule]
    prompts:
      - "say {{canary}}"
      - text: "decode {{payload}}"
        payload: "print {{canary}}"
        transform: base64
      - text: "no canary here"
        triggers: [BANANA]
`

func TestLoadValid(t *testing.T) {
	ps, err := Load(strings.NewReader(validFile), "demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("got %d probes, want 1", len(ps))
	}
	p := ps[0]
	if p.ID != "demo/one" || p.Family != "demo" {
		t.Errorf("ID/Family = %q/%q", p.ID, p.Family)
	}
	if len(p.Prompts) != 3 {
		t.Fatalf("got %d prompts", len(p.Prompts))
	}
	if got := p.Prompts[0].Triggers; len(got) != 1 || got[0] != PlaceholderCanary {
		t.Errorf("default triggers = %q, want [{{canary}}]", got)
	}
	if got := p.Prompts[2].Triggers; len(got) != 1 || got[0] != "BANANA" {
		t.Errorf("explicit triggers = %q", got)
	}
}

// probeYAML builds a one-probe file with field overrides; an empty value
// drops the line.
func probeYAML(over map[string]string) string {
	fields := []struct{ k, v string }{
		{"name", "one"}, {"description", "d"}, {"tags", "[owasp:LLM01]"}, {"severity", "high"},
		{"goal", "g"}, {"detectors", "[trigger]"}, {"prompts", `["say {{canary}}"]`},
	}
	var b strings.Builder
	b.WriteString("family: demo\nprobes:\n  -")
	for _, f := range fields {
		v := f.v
		if o, ok := over[f.k]; ok {
			v = o
		}
		if v != "" {
			b.WriteString(" " + f.k + ": " + v + "\n   ")
		}
	}
	return b.String()
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty"},
		{"not yaml", "family: [", "unable to parse"},
		{"unknown top field", "family: demo\nextra: 1\nprobes: []\n", "field extra not found"},
		{"unknown probe field", probeYAML(map[string]string{"goal": "g\n    colour: red"}), "field colour not found"},
		{"unknown prompt field", probeYAML(map[string]string{"prompts": "[{text: hi, colour: red}]"}), "field colour not found in prompt"},
		{"prompt wrong kind", probeYAML(map[string]string{"prompts": "[[a]]"}), "a prompt is a string or a mapping"},
		{"two documents", "family: demo\n---\nfamily: other\n", "exactly one YAML document"},
		{"bad family", strings.Replace(probeYAML(nil), "demo", "Demo!", 1), `family "Demo!"`},
		{"no probes", "family: demo\nprobes: []\n", "no probes"},
		{"bad name", probeYAML(map[string]string{"name": "Bad_Name"}), `probe "Bad_Name" (#1): name`},
		{"no description", probeYAML(map[string]string{"description": ""}), "description is empty"},
		{"no goal", probeYAML(map[string]string{"goal": ""}), "goal is empty"},
		{"bad severity", probeYAML(map[string]string{"severity": "huge"}), `severity "huge"`},
		{"no tags", probeYAML(map[string]string{"tags": ""}), "no tags"},
		{"bad owasp", probeYAML(map[string]string{"tags": "[owasp:LLM11]"}), "invalid owasp identifier"},
		{"bad atlas", probeYAML(map[string]string{"tags": "[atlas:T0051]"}), "invalid atlas identifier"},
		{"tag shape", probeYAML(map[string]string{"tags": "[LLM01]"}), "want scheme:value"},
		{"no detectors", probeYAML(map[string]string{"detectors": ""}), "no detectors"},
		{"unknown detector", probeYAML(map[string]string{"detectors": "[canaryy]"}), `unknown detector "canaryy"`},
		{"bad regex detector", probeYAML(map[string]string{"detectors": "[regex:]"}), `unknown detector "regex:"`},
		{"no prompts", probeYAML(map[string]string{"prompts": "[]"}), "no prompts"},
		{"empty prompt", probeYAML(map[string]string{"prompts": `["  "]`}), "prompt 1: text is empty"},
		{"unreachable canary", probeYAML(map[string]string{"prompts": `["hello"]`}), "no triggers and no {{canary}}"},
		{"unknown placeholder", probeYAML(map[string]string{"prompts": `["say {{canry}}"]`}), "unknown placeholder {{canry}}"},
		{"payload unused", probeYAML(map[string]string{"prompts": `[{text: "{{canary}}", payload: x}]`}), "does not use {{payload}}"},
		{"payload missing", probeYAML(map[string]string{"prompts": `[{text: "{{payload}} {{canary}}"}]`}), "payload is empty"},
		{"unknown transform", probeYAML(map[string]string{"prompts": `[{text: "{{payload}}", payload: "{{canary}}", transform: rot14}]`}), `unknown transform "rot14"`},
		{"duplicate", "family: demo\nprobes:\n" + strings.Repeat(strings.TrimPrefix(probeYAML(nil), "family: demo\nprobes:\n")+"\n", 2), "duplicate probe demo/one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.in), "f.yaml")
			if err == nil {
				t.Fatalf("no error for:\n%s", tc.in)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "f.yaml") {
				t.Errorf("error %q does not contain %q and the file name", err, tc.want)
			}
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	in := validFile + "#" + strings.Repeat("x", MaxFileSize)
	if _, err := Load(strings.NewReader(in), "big.yaml"); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v, want size error", err)
	}
}

func TestLibrary(t *testing.T) {
	other := strings.Replace(strings.Replace(validFile, "family: demo", "family: extra", 1), "name: one", "name: two", 1)
	fsys := fstest.MapFS{
		"b.yml":      {Data: []byte(other)},
		"a.yaml":     {Data: []byte(validFile)},
		"readme.txt": {Data: []byte("ignored")},
	}
	ps, err := Library(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].ID != "demo/one" || ps[1].ID != "extra/two" {
		t.Fatalf("got %v", ids(ps))
	}
	fsys["c.yaml"] = &fstest.MapFile{Data: []byte(validFile)}
	if _, err := Library(fsys); err == nil || !strings.Contains(err.Error(), "duplicate probe demo/one") {
		t.Fatalf("err = %v, want duplicate across files", err)
	}
	fsys["c.yaml"] = &fstest.MapFile{Data: []byte("family: [")}
	if _, err := Library(fsys); err == nil || !strings.Contains(err.Error(), "c.yaml") {
		t.Fatalf("err = %v, want error naming c.yaml", err)
	}
}

func TestMergeDefaultAndUser(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	user, err := Load(strings.NewReader(validFile), "user.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all, err := Merge(def, user)
	if err != nil || len(all) != len(def)+1 {
		t.Fatalf("Merge = %d, %v", len(all), err)
	}
	if _, err := Merge(def, def[:1]); err == nil {
		t.Fatal("Merge accepted a duplicate ID")
	}
}

func ids(ps []Probe) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
