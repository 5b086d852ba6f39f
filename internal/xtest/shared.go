// Package xtest holds helpers shared by tests: locating ../shared data and the policy for
// when it is missing.
package xtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SharedDir returns the absolute path of the shared data folder (../shared beside the
// repository), or the value of AISEC_SHARED_DIR. When it is absent the test is skipped with a
// loud message, or fails when AISEC_REQUIRE_SHARED=1 (as in CI).
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("AISEC_SHARED_DIR")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if os.Getenv("AISEC_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared data folder %s is missing and AISEC_REQUIRE_SHARED=1", dir)
		}
		t.Skipf("SKIPPING: shared data folder %s is missing (set AISEC_SHARED_DIR or place ../shared beside the repo)", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
