package vuln

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeBenchDB writes a zip of n generated advisories over n/10 PyPI packages, each with an
// ECOSYSTEM range and a 20-entry versions[] list, the shape osv.dev publishes.
func writeBenchDB(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "all.zip")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i := range n {
		w, err := zw.Create(fmt.Sprintf("GHSA-bench-%06d.json", i))
		if err != nil {
			b.Fatal(err)
		}
		minor := i % 20
		versions := ""
		for p := range 20 {
			versions += fmt.Sprintf(`"1.%d.%d",`, minor, p)
		}
		fmt.Fprintf(w, `{"schema_version":"1.7.0","id":"GHSA-bench-%06d","modified":"2024-01-01T00:00:00Z",`+
			`"aliases":["CVE-2024-%05d"],"summary":"Generated advisory %d","details":"Generated.",`+
			`"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"}],`+
			`"affected":[{"package":{"ecosystem":"PyPI","name":"pkg-%d"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1.%d.0"},{"fixed":"1.%d.20"}]}],"versions":[%s]}],`+
			`"references":[{"type":"ADVISORY","url":"https://example.invalid/%d"}],"database_specific":{"severity":"HIGH"}}`,
			i, i, i, i%(n/10), minor, minor, versions[:len(versions)-1], i)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

func benchQueries(n, pkgs int) []Query {
	qs := make([]Query, n)
	for i := range qs {
		qs[i] = Query{"PyPI", fmt.Sprintf("Pkg_%d", i%pkgs), fmt.Sprintf("1.%d.%d", i%20, i%25)}
	}
	return qs
}

// BenchmarkOpenAndMatch opens a 20,000-advisory zip and matches 1,000 queries.
func BenchmarkOpenAndMatch(b *testing.B) {
	path := writeBenchDB(b, 20000)
	qs := benchQueries(1000, 2000)
	for b.Loop() {
		db, err := OpenDB(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := db.Match(context.Background(), qs)
		if err != nil || db.Loaded() != 20000 {
			b.Fatal(err, db.Loaded())
		}
		_ = res
	}
}

// BenchmarkMatch matches 1,000 queries against an already open 20,000-advisory database.
func BenchmarkMatch(b *testing.B) {
	db, err := OpenDB(writeBenchDB(b, 20000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	qs := benchQueries(1000, 2000)
	for b.Loop() {
		if _, err := db.Match(context.Background(), qs); err != nil {
			b.Fatal(err)
		}
	}
}
