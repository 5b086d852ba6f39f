package testgen

import (
	"bytes"
	"strings"
	"testing"
)

func TestCasesWellFormed(t *testing.T) {
	cs := Cases()
	if len(cs) < 90 {
		t.Fatalf("Cases() returned %d cases, want at least 90", len(cs))
	}
	seen := map[string]bool{}
	var malicious, benign int
	for _, c := range cs {
		switch {
		case c.Name == "" || strings.ContainsAny(c.Name, `/\`):
			t.Errorf("case %q: name must be a plain file name", c.Name)
		case seen[c.Name]:
			t.Errorf("case %q: duplicate name", c.Name)
		case len(c.Data) == 0:
			t.Errorf("case %q: empty data", c.Name)
		case c.Technique == "" || c.Format == "":
			t.Errorf("case %q: technique and format are required", c.Name)
		case c.Broken && !c.Malicious:
			t.Errorf("case %q: broken fixtures exist to hide payloads, so must be malicious", c.Name)
		}
		seen[c.Name] = true
		if c.Malicious {
			malicious++
		} else {
			benign++
		}
	}
	if benign < 8 || malicious < 80 {
		t.Errorf("got %d malicious and %d benign cases, want >= 80 and >= 8", malicious, benign)
	}
}

func TestCasesDeterministic(t *testing.T) {
	a, b := Cases(), Cases()
	if len(a) != len(b) {
		t.Fatalf("case counts differ: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("case %q: bytes differ between two calls", a[i].Name)
		}
	}
}

// TestCasesHarmless guards the promise that fixtures only ever echo a marker.
func TestCasesHarmless(t *testing.T) {
	forbidden := []string{"rm -", "rm /", "curl ", "wget ", "/bin/sh", "bash -", "nc -", "mkfs", "dd if=", "chmod ", ":(){"}
	for _, c := range Cases() {
		for _, f := range forbidden {
			if bytes.Contains(c.Data, []byte(f)) {
				t.Errorf("case %q contains %q: fixtures must stay harmless", c.Name, f)
			}
		}
	}
}

func TestCasesCoverBriefTechniques(t *testing.T) {
	byName := map[string]Case{}
	for _, c := range Cases() {
		byName[c.Name] = c
	}
	// Markers that must appear in the named fixture's bytes.
	tests := []struct{ name, marker string }{
		{"os_system_global_p0.pkl", "cos\nsystem\n"},
		{"os_system_stack_global_p4.pkl", "\x8c\x02os\x94\x8c\x06system\x94\x93"},
		{"memo_alias_decoy.pkl", "LongStorage"},
		{"asyncio_unix_events_start.pkl", "_UnixSubprocessTransport._start"},
		{"pip_main.pkl", "cpip\nmain\n"},
		{"pkgutil_resolve_name.pkl", "cpkgutil\nresolve_name\n"},
		{"ext1_opcode.pkl", "\x82\x01"},
		{"torch_legacy_eval_magic.pt", "cbuiltins\neval\n"},
		{"torchscript_code_payload.pt", "os.system(\"" + Cmd + "\")"},
		{"npy_object_payload.npy", "'descr': '|O'"},
		{"zip_path_traversal.zip", "../../evil.pkl"},
	}
	for _, tt := range tests {
		c, ok := byName[tt.name]
		if !ok {
			t.Errorf("missing case %q", tt.name)
			continue
		}
		if !bytes.Contains(c.Data, []byte(tt.marker)) {
			t.Errorf("case %q lacks %q", tt.name, tt.marker)
		}
	}
}

func TestLong1Bytes(t *testing.T) {
	tests := []struct {
		n    int64
		want []byte
	}{
		{0, []byte{0}},
		{1, []byte{1}},
		{127, []byte{0x7f}},
		{128, []byte{0x80, 0}},
		{255, []byte{0xff, 0}},
		{-1, []byte{0xff}},
		{-128, []byte{0x80}},
		{-129, []byte{0x7f, 0xff}},
		{1 << 40, []byte{0, 0, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		if got := long1Bytes(tt.n); !bytes.Equal(got, tt.want) {
			t.Errorf("long1Bytes(%d) = % x, want % x", tt.n, got, tt.want)
		}
	}
}
