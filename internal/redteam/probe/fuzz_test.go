package probe

import (
	"bytes"
	"io/fs"
	"testing"
)

// FuzzLoad checks that Load never panics on arbitrary input and that what
// it accepts satisfies the library invariants.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(validFile))
	f.Add([]byte("family: x\nprobes: [{name: a, prompts: [b]}]\n"))
	f.Add([]byte("a: &a [*a, *a, *a]\n"))
	names, _ := fs.Glob(library, "library/*.yaml")
	for _, n := range names {
		data, err := fs.ReadFile(library, n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := Load(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if seen[p.ID] || p.ID != p.Family+"/"+p.Name || len(p.Prompts) == 0 {
				t.Fatalf("invalid probe accepted: %+v", p)
			}
			seen[p.ID] = true
			for _, q := range p.Prompts {
				if _, err := q.Render("C4N"); err != nil {
					t.Fatalf("accepted prompt does not render: %v", err)
				}
			}
		}
	})
}
