package vuln

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzEcosystems = []string{"PyPI", "npm", "Maven", "Go"}

// FuzzCompare checks that every version order is a consistent order on whatever parses:
// reflexive, antisymmetric, and agreeing with the canonical key used for versions[] lookups.
func FuzzCompare(f *testing.F) {
	seeds := [][2]string{
		{"1.0.dev0", "1.0a1"}, {"1!0.1", "2.0"}, {"1.0+local.7", "1.0"}, {"1.0-1", "1.0.post1"},
		{"1.0.0-alpha.1", "1.0.0-alpha.beta"}, {"v1.2.3", "=1.2.3+build"}, {"1-alpha2snapshot", "1.0-SNAPSHOT"},
		{"2.0.0.a", "2.0.a"}, {"1.0.RELEASE", "1-sp"}, {"0.0.0-20191109021931-daa7c04131f5", "v0.1.0"},
		{"", "0"}, {"99999999999999999999999999", "1e5"},
	}
	for i, s := range seeds {
		f.Add(uint8(i), s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, which uint8, a, b string) {
		eco := fuzzEcosystems[int(which)%len(fuzzEcosystems)]
		s := ecosystemScheme(eco)
		va, erra := s.parse(a)
		vb, errb := s.parse(b)
		if erra != nil || errb != nil {
			return
		}
		ab, ba := va.cmp(vb), vb.cmp(va)
		if sign(ab) != -sign(ba) || va.cmp(va) != 0 {
			t.Fatalf("%s: cmp(%q,%q)=%d, cmp(%q,%q)=%d", eco, a, b, ab, b, a, ba)
		}
		if (va.key() == vb.key()) != (ab == 0) {
			t.Fatalf("%s: %q and %q: keys %q %q, cmp %d", eco, a, b, va.key(), vb.key(), ab)
		}
		if fk, ok := s.(fastKeyer); ok {
			if k, ok := fk.fastKey(a); ok && k != va.key() {
				t.Fatalf("%s: fast key %q != key %q of %q", eco, k, va.key(), a)
			}
		}
		if c, err := Compare(eco, a, b); err != nil || c != ab {
			t.Fatalf("%s: Compare disagrees: %d %v", eco, c, err)
		}
	})
}

// FuzzAdvisory parses one advisory document and matches against it: no panic, and what is
// kept is bounded and safe to print.
func FuzzAdvisory(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*", "*.json"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, "1.0")
		}
	}
	f.Add([]byte(`{"id":"X-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"limit":"*"},{"introduced":"0"},{"last_affected":"1.0"}]}]}]}`), "0.9")
	f.Add([]byte(`{"id":"X-2","database_specific":{"severity":null},"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/"}]}`), "")
	f.Fuzz(func(t *testing.T, data []byte, ver string) {
		a, err := parseAdvisory(data)
		if err != nil {
			return
		}
		if !validID(a.id) || utf8.RuneCountInString(a.summary) > maxSummaryRunes || !isURL(a.url) {
			t.Fatalf("unsafe advisory kept: id %q summary %d runes url %q", a.id, utf8.RuneCountInString(a.summary), a.url)
		}
		if strings.ContainsFunc(a.summary, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("control character in summary %q", a.summary)
		}
		b := newBuilder(10)
		if err := b.add(data); err != nil {
			t.Fatal(err)
		}
		db := b.build()
		var qs []Query
		for _, e := range a.affected {
			qs = append(qs, Query{Ecosystem: e.eco, Name: e.name, Version: ver})
			for _, r := range e.ranges {
				for _, ev := range r.events {
					qs = append(qs, Query{Ecosystem: e.eco, Name: e.name, Version: ev.v})
				}
			}
		}
		if _, err := db.Match(context.Background(), qs); err != nil {
			t.Fatal(err)
		}
	})
}
