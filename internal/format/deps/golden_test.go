package deps

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const goldenFile = "testdata/golden.json"

// pkgView is a package as the golden file records it, with its purl.
type pkgView struct {
	Package
	PURL string
}

// manifestView is one fixture's result in the golden file.
type manifestView struct {
	Kind     Kind      `json:",omitempty"`
	Error    string    `json:",omitempty"`
	Project  *pkgView  `json:",omitempty"`
	Packages []pkgView `json:",omitempty"`
	Includes []string  `json:",omitempty"`
	Gaps     []string  `json:",omitempty"`
}

func viewOf(m *Manifest, err error) manifestView {
	if err != nil {
		return manifestView{Error: err.Error()}
	}
	v := manifestView{Kind: m.Kind, Includes: m.Includes, Gaps: m.Gaps}
	if m.Project != nil {
		v.Project = &pkgView{*m.Project, m.Project.PURL()}
	}
	for _, p := range m.Packages {
		v.Packages = append(v.Packages, pkgView{p, p.PURL()})
	}
	return v
}

// fixtures lists the manifest fixtures under testdata by slash path relative to it.
func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "fuzz" || d.Name() == "malformed") {
			return filepath.SkipDir
		}
		if d.IsDir() || path == filepath.FromSlash(goldenFile) {
			return nil
		}
		rel, _ := filepath.Rel("testdata", path)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readFixture(t testing.TB, rel string) (Kind, []byte) {
	t.Helper()
	kind, ok := KindOf(rel)
	if !ok {
		t.Fatalf("fixture %s is not recognised by KindOf", rel)
	}
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return kind, data
}

// TestGolden parses every fixture and compares the manifests with testdata/golden.json.
func TestGolden(t *testing.T) {
	got := map[string]manifestView{}
	for _, rel := range fixtures(t) {
		kind, data := readFixture(t, rel)
		got[rel] = viewOf(Parse(kind, data))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(goldenFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(buf.String()) {
		var w map[string]json.RawMessage
		_ = json.Unmarshal(want, &w)
		for rel, v := range got {
			var mine, theirs bytes.Buffer
			enc := json.NewEncoder(&mine)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(v)
			_ = json.Compact(&theirs, w[rel])
			if strings.TrimSpace(mine.String()) != theirs.String() {
				t.Errorf("%s differs from %s; got:\n%s", rel, goldenFile, mine.String())
			}
		}
		if len(w) != len(got) {
			t.Errorf("golden has %d fixtures, found %d (run with -update)", len(w), len(got))
		}
	}
}
