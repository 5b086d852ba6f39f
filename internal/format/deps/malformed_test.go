package deps

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format/structured"
)

func TestMalformedErrors(t *testing.T) {
	deepJSON := strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)
	deepTOML := "a = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)
	deepXML := "<project>" + strings.Repeat("<a>", 10_000) + strings.Repeat("</a>", 10_000) + "</project>"
	deepYAML := "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)
	tests := []struct {
		kind Kind
		text string
		want string // substring of the error
	}{
		{Pyproject, "[project]\nname = \"x\"\ndependencies = [\"a\",", "unable to parse pyproject.toml: line 3"},
		{PoetryLock, "[[package]]\nname = \"a\nversion = \"1\"\n", "unable to parse poetry.lock: line 2"},
		{UVLock, "version = 1\n[[package]\n", "unable to parse uv.lock: line 2"},
		{Pipfile, "[packages]\nrequests = \n", "unable to parse Pipfile: line 2"},
		{Pyproject, deepTOML, "nesting deeper than"},
		{PackageJSON, `{"name": "x", "dependencies": {"a": "1"`, "unable to parse package.json: line 1"},
		{PackageJSON, `["not", "an", "object"]`, "not a JSON object"},
		{PackageJSON, `{"a": 1} {"b": 2}`, "unexpected data"},
		{PackageJSON, deepJSON, "nesting deeper than"},
		{PackageLock, "{\n\"packages\": {\n\"node_modules/a\": {\"version\": \"1\"}\n", "unable to parse package-lock.json: line"},
		{PackageLock, "", "unable to parse package-lock.json"},
		{PipfileLock, `{"default": {"a": {"version": "==1"}`, "unable to parse Pipfile.lock"},
		{NodeModule, `{"name": `, "unable to parse package.json"},
		{PnpmLock, "lockfileVersion: '9.0'\npackages:\n  a@1: {resolution: {integrity: x}\n", "unable to parse pnpm-lock.yaml"},
		{PnpmLock, deepYAML, "unable to parse pnpm-lock.yaml"},
		{GoMod, "module m\nrequire (\n  a v1\n", "unable to parse go.mod: line"},
		{PomXML, "<project><dependencies><dependency>", "unable to parse pom.xml: line"},
		{PomXML, deepXML, "nesting deeper than"},
		{DistInfo, "Summary: no name\n", "unable to parse package metadata: no Name header"},
		{"cargo-lock", "", "unknown manifest kind"},
	}
	for _, tt := range tests {
		_, err := parse(tt.kind, []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %.40q: err = %v, want %q", tt.kind, tt.text, err, tt.want)
		}
	}
}

func TestTooLarge(t *testing.T) {
	data := make([]byte, MaxManifestBytes+1)
	for _, k := range []Kind{Requirements, PackageLock, PnpmLock} {
		if _, err := Parse(k, data); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v", k, err)
		}
	}
}

func TestPackageBudget(t *testing.T) {
	var b strings.Builder
	for i := range MaxPackages + 5 {
		fmt.Fprintf(&b, "p%d==1\n", i)
	}
	m := mustParse(t, Requirements, b.String())
	if len(m.Packages) != MaxPackages || len(m.Gaps) != 1 || !strings.HasPrefix(m.Gaps[0], "5 more packages") {
		t.Fatalf("packages %d, gaps %q", len(m.Packages), m.Gaps)
	}
}

func TestGapBudget(t *testing.T) {
	m := mustParse(t, Requirements, strings.Repeat("not a requirement\n", MaxGaps+10))
	if len(m.Gaps) != MaxGaps+1 || !strings.HasPrefix(m.Gaps[MaxGaps], "10 more") {
		t.Fatalf("gaps %d, last %q", len(m.Gaps), m.Gaps[len(m.Gaps)-1])
	}
}

func TestHugeLines(t *testing.T) {
	long := strings.Repeat("a", MaxLineBytes+10)
	for _, tt := range []struct {
		kind Kind
		text string
		want string
	}{
		{YarnLock, "a@^1:\n  version \"1.0.0\"\n" + long + "\nb@^1:\n  version \"2.0.0\"\n", "a@1.0.0|b@2.0.0"},
		{DistInfo, "Name: x\n" + long + "\nVersion: 1\n", "x@1"},
		{Requirements, long + "\\\nfoo\n", ""},
	} {
		m := mustParse(t, tt.kind, tt.text)
		if got := strings.Join(briefs(m), "|"); got != tt.want || len(m.Gaps) != 1 {
			t.Errorf("%s: %q, gaps %q", tt.kind, got, m.Gaps)
		}
	}
}

// TestTruncationsNeverPanic parses every prefix of every fixture (at a stride) with the
// unguarded parser: any panic fails the test.
func TestTruncationsNeverPanic(t *testing.T) {
	for _, rel := range fixtures(t) {
		kind, data := readFixture(t, rel)
		stride := max(1, len(data)/300)
		for n := 0; n <= len(data); n += stride {
			_, _ = parse(kind, data[:n])
		}
	}
}

// TestKindsOnForeignInput feeds every fixture to every parser.
func TestKindsOnForeignInput(t *testing.T) {
	kinds := []Kind{Requirements, Pyproject, PoetryLock, UVLock, PipfileLock, Pipfile, PackageJSON, PackageLock,
		YarnLock, PnpmLock, GoMod, PomXML, DistInfo, NodeModule}
	for _, rel := range fixtures(t) {
		_, data := readFixture(t, rel)
		for _, k := range kinds {
			_, _ = parse(k, data)
		}
	}
}

func TestNestingScanners(t *testing.T) {
	for _, tt := range []struct {
		json string
		want int
	}{
		{`{"a\\": [1]}`, 2}, {`{"a\"[[": 1}`, 1}, {`"[[["`, 0}, {`[[`, 2}, {`"unterminated [[`, 0}, {`{"\\\\\"[": [[]]}`, 3},
	} {
		if got := jsonDepth([]byte(tt.json)); got != tt.want {
			t.Errorf("jsonDepth(%s) = %d, want %d", tt.json, got, tt.want)
		}
	}
	for _, tt := range []struct {
		toml string
		want int
	}{
		{"a = [[1]]\n", 2}, {"a = \"[[[\"\n", 0}, {"a = '''\n[[[\n'''\n", 0}, {"# [[[\n[t]\n", 1},
		{"a = \"\"\"\n\\\"\"\" [[\n\"\"\"\n", 0}, {"a = {b = [{c = 1}]}\n", 3},
	} {
		if got := structured.TOMLDepth([]byte(tt.toml)); got != tt.want {
			t.Errorf("TOMLDepth(%q) = %d, want %d", tt.toml, got, tt.want)
		}
	}
}
