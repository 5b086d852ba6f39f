package xtest

import (
	"net"
	"net/url"
	"os"
	"testing"
	"time"
)

// PostgresURL returns the PostgreSQL URL for integration tests (AISEC_TEST_POSTGRES_URL, default
// the local server's database "test"). When nothing listens there the test is skipped loudly, or
// fails when AISEC_REQUIRE_SERVICES=1 (as in CI).
func PostgresURL(t testing.TB) string {
	t.Helper()
	return serviceURL(t, "AISEC_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
}

// RedisURL returns the Redis URL for integration tests (AISEC_TEST_REDIS_URL, default the local
// server), with the same skip/require policy as PostgresURL.
func RedisURL(t testing.TB) string {
	t.Helper()
	return serviceURL(t, "AISEC_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
}

func serviceURL(t testing.TB, variable, fallback string) string {
	t.Helper()
	raw := os.Getenv(variable)
	if raw == "" {
		raw = fallback
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s=%q: %v", variable, raw, err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
	if err != nil {
		if os.Getenv("AISEC_REQUIRE_SERVICES") == "1" {
			t.Fatalf("%s (%s) is unreachable and AISEC_REQUIRE_SERVICES=1: %v", variable, u.Host, err)
		}
		t.Skipf("SKIPPING: %s (%s) is unreachable: %v", variable, u.Host, err)
	}
	_ = conn.Close()
	return raw
}
