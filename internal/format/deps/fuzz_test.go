package deps

import (
	"bytes"
	"reflect"
	"testing"
)

// seedFixtures adds every fixture whose kind is in kinds, with its index in kinds.
func seedFixtures(f *testing.F, kinds []Kind, extra ...string) {
	for _, rel := range fixtures(f) {
		kind, data := readFixture(f, rel)
		for i, k := range kinds {
			if k == kind {
				f.Add(uint8(i), data)
			}
		}
	}
	for _, s := range extra {
		f.Add(uint8(0), []byte(s))
	}
}

// fuzzParse parses with the unguarded parser and checks the invariants every manifest keeps.
func fuzzParse(t *testing.T, kind Kind, data []byte) {
	m, err := parse(kind, data)
	if err != nil {
		if m != nil {
			t.Fatalf("error %v with a manifest", err)
		}
		return
	}
	if m.Kind != kind {
		t.Fatalf("kind %q, want %q", m.Kind, kind)
	}
	if len(m.Packages) > MaxPackages || len(m.Gaps) > MaxGaps+2 || len(m.Includes) > MaxGaps {
		t.Fatalf("budgets exceeded: %d packages, %d gaps, %d includes", len(m.Packages), len(m.Gaps), len(m.Includes))
	}
	lines := bytes.Count(data, []byte{'\n'}) + 1
	seen := map[pkgKey]bool{}
	for _, p := range append(append([]Package(nil), m.Packages...), projectOf(m)...) {
		switch {
		case p.Name == "":
			t.Fatalf("package without a name: %+v", p)
		case p.Ecosystem != PyPI && p.Ecosystem != Npm && p.Ecosystem != Go && p.Ecosystem != Maven:
			t.Fatalf("bad ecosystem: %+v", p)
		case p.Line < 0 || p.Line > lines:
			t.Fatalf("line %d outside 1..%d: %+v", p.Line, lines, p)
		case len(p.Name) > len(data) || len(p.Version) > len(data)+maxPomExpansion:
			t.Fatalf("fields longer than the input: %+v", p)
		}
		_ = p.PURL()
	}
	for _, p := range m.Packages {
		k := pkgKey{p.Ecosystem, NormalizeName(p.Ecosystem, p.Name), p.Version}
		if seen[k] {
			t.Fatalf("duplicate package %+v", p)
		}
		seen[k] = true
	}
	again, err := parse(kind, data)
	if err != nil || !reflect.DeepEqual(m, again) {
		t.Fatalf("second parse differs: %v", err)
	}
}

func projectOf(m *Manifest) []Package {
	if m.Project == nil {
		return nil
	}
	return []Package{*m.Project}
}

func pick(kinds []Kind, i uint8) Kind { return kinds[int(i)%len(kinds)] }

func FuzzRequirements(f *testing.F) {
	kinds := []Kind{Requirements}
	seedFixtures(f, kinds, "a==1 \\\n --hash=x\n-e .[x]\n-rfile\nb @ https://x/b-1.0-py3-none-any.whl ; x\n", "#\\\n\\\n\\")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzTOML(f *testing.F) {
	kinds := []Kind{Pyproject, PoetryLock, UVLock, Pipfile}
	seedFixtures(f, kinds, "a = [[1], {b = 'c'}]\n[x.y]\n'q' = \"\"\"\nz\"\"\"\n", "[[package]]\nname = 'a'\n[package.source]\ntype = 'git'\n")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzJSON(f *testing.F) {
	kinds := []Kind{PackageJSON, PackageLock, PipfileLock, NodeModule}
	seedFixtures(f, kinds, `{"packages":{"":{"dependencies":{"a":"1"}},"node_modules/a":{"version":"1"}}}`, `{"dependencies":{"a":{"dependencies":{"b":{"version":"npm:c@1"}}}}}`)
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzYarn(f *testing.F) {
	kinds := []Kind{YarnLock}
	seedFixtures(f, kinds, "\"a@npm:\":\n  version \"1\"\n", "a@workspace:.:\n  resolution: \"a@workspace:.\"\n")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzPnpm(f *testing.F) {
	kinds := []Kind{PnpmLock}
	seedFixtures(f, kinds, "lockfileVersion: 5.4\npackages:\n  /a/1.0.0_b@1:\n    dev: true\n", "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {version: b@1(c@2)}\n")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzGoMod(f *testing.F) {
	kinds := []Kind{GoMod}
	seedFixtures(f, kinds, "module m\nrequire a.b/c v1.0.0\nreplace a.b/c => ../c\n")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzPom(f *testing.F) {
	kinds := []Kind{PomXML}
	seedFixtures(f, kinds, "<project><properties><a>${a}${a}</a></properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${a}</version></dependency></dependencies></project>")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}

func FuzzMetadata(f *testing.F) {
	kinds := []Kind{DistInfo}
	seedFixtures(f, kinds, "Name: a\nVersion: 1\n\nbody")
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, pick(kinds, k), data) })
}
