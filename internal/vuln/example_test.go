package vuln_test

import (
	"context"
	"fmt"

	"github.com/aisecops/aisec/internal/vuln"
)

// Open an offline OSV database (a directory, an osv.dev all.zip, or an API base URL such as
// https://api.osv.dev) and match pinned dependencies.
func ExampleOpen() {
	m, err := vuln.Open("testdata/osv", vuln.Options{})
	if err != nil {
		panic(err)
	}
	res, err := m.Match(context.Background(), []vuln.Query{
		{Ecosystem: "PyPI", Name: "torch", Version: "2.5.1"},
		{Ecosystem: "PyPI", Name: "torch", Version: "2.6.0"},
	})
	if err != nil {
		panic(err)
	}
	for _, a := range res[0] {
		fmt.Println(a.ID, a.Aliases, a.Severity, "fixed in", a.Fixed)
	}
	fmt.Println(len(res[1]), "advisories for torch 2.6.0")
	// Output:
	// GHSA-53q9-r3pm-6pq6 [CVE-2025-32434] critical fixed in [2.6.0]
	// 0 advisories for torch 2.6.0
}

func ExampleCompare() {
	for _, p := range [][3]string{{"PyPI", "1.0.dev0", "1.0a1"}, {"npm", "1.0.0-rc.1", "1.0.0"}, {"Maven", "1.0-SNAPSHOT", "1.0"}} {
		c, _ := vuln.Compare(p[0], p[1], p[2])
		fmt.Println(p[0], p[1], "vs", p[2], "=", c)
	}
	// Output:
	// PyPI 1.0.dev0 vs 1.0a1 = -1
	// npm 1.0.0-rc.1 vs 1.0.0 = -1
	// Maven 1.0-SNAPSHOT vs 1.0 = -1
}
