package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/aisecops/aisec/internal/xtest"
)

// backend makes fresh, empty databases of one kind for the shared behaviour tests.
type backend struct {
	name string
	// newURL returns the URL of a new empty database that is removed when the test ends.
	newURL func(t testing.TB) string
}

// backends lists every back end; each behaviour test runs against all of them.
func backends() []backend {
	return []backend{
		{name: "sqlite", newURL: func(t testing.TB) string {
			return "sqlite://" + filepath.Join(t.TempDir(), "audit.db")
		}},
		{name: "postgres", newURL: newPostgresSchema},
	}
}

// forEachBackend runs fn as a subtest per back end.
func forEachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	t.Helper()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { fn(t, b) })
	}
}

// openFresh opens a store on a new database and closes it at cleanup.
func openFresh(t testing.TB, b backend) (Store, string) {
	t.Helper()
	u := b.newURL(t)
	s, err := Open(context.Background(), u)
	if err != nil {
		t.Fatalf("Open(%s): %v", redactURL(u), err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, u
}

// newPostgresSchema creates a schema of its own for one test and returns the test server's URL
// with search_path pointing at it, so tests never see each other's tables.
func newPostgresSchema(t testing.TB) string {
	t.Helper()
	base := xtest.PostgresURL(t)
	cfg, err := pgx.ParseConfig(base)
	if err != nil {
		t.Fatalf("parse %s: %v", redactURL(base), err)
	}
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { _ = db.Close() })
	var raw [6]byte
	_, _ = rand.Read(raw[:])
	schema := "aisec_test_" + hex.EncodeToString(raw[:])
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
