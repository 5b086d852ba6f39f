package deps

import (
	"fmt"
	"strings"
	"testing"
)

// packageLock5000 builds a realistic v3 package-lock.json with n entries: top-level packages
// with integrity, license, engines and dependency maps, every fifth one nested under another.
func packageLock5000(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"name\": \"big-app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n")
	b.WriteString("    \"\": {\n      \"name\": \"big-app\",\n      \"version\": \"1.0.0\",\n      \"dependencies\": {\n")
	for i := range 50 {
		fmt.Fprintf(&b, "        \"pkg-%d\": \"^1.0.0\",\n", i)
	}
	b.WriteString("        \"openai\": \"^4.52.0\"\n      }\n    },\n")
	for i := range n {
		key := fmt.Sprintf("node_modules/pkg-%d", i)
		if i%5 == 4 {
			key = fmt.Sprintf("node_modules/pkg-%d/node_modules/@scope/nested-%d", i-1, i)
		}
		name := key[strings.LastIndex(key, "node_modules/")+len("node_modules/"):]
		fmt.Fprintf(&b, `    %q: {
      "version": "1.%d.%d",
      "resolved": "https://registry.npmjs.org/%s/-/%s-1.%d.%d.tgz",
      "integrity": "sha512-%s==",
      "dev": %v,
      "license": "MIT",
      "dependencies": {
        "dep-a": "^2.0.0",
        "dep-b": "~3.1.0"
      },
      "engines": {
        "node": ">=18"
      }
    },
`, key, i/100, i%100, name, name, i/100, i%100, strings.Repeat("A", 86), i%3 == 0)
	}
	b.WriteString("    \"node_modules/openai\": {\n      \"version\": \"4.52.0\"\n    }\n  }\n}\n")
	return []byte(b.String())
}

func BenchmarkPackageLock5000(b *testing.B) {
	data := packageLock5000(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := Parse(PackageLock, data)
		if err != nil || len(m.Packages) != 5001 {
			b.Fatalf("%v, %d packages", err, len(m.Packages))
		}
	}
}

func TestPackageLock5000(t *testing.T) {
	m := mustParse(t, PackageLock, string(packageLock5000(5000)))
	if len(m.Packages) != 5001 {
		t.Fatalf("%d packages", len(m.Packages))
	}
	direct := 0
	for _, p := range m.Packages {
		if p.Direct {
			direct++
		}
	}
	if direct != 41 { // pkg-0..pkg-49 at top level, minus the ten nested ones, plus openai
		t.Errorf("%d direct packages", direct)
	}
}

// BenchmarkFixtures parses each testdata fixture.
func BenchmarkFixtures(b *testing.B) {
	for _, rel := range fixtures(b) {
		kind, data := readFixture(b, rel)
		b.Run(rel, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Parse(kind, data)
			}
		})
	}
}
