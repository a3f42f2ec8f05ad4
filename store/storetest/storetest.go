// Package storetest gives tests a fresh, migrated store on every backend
// that is available: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
//
// When REQUIRE_BACKENDS (or CI) is set, a missing PostgreSQL fails the test
// instead of skipping it, so CI can never go green by testing less.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for schema set-up

	"placering/store"
)

// Backend names a database a test can run against.
type Backend string

const (
	SQLite   Backend = "sqlite"
	Postgres Backend = "postgres"
)

// Backends lists every backend, in the order tests run them.
var Backends = []Backend{SQLite, Postgres}

// Required reports whether a missing server must fail rather than skip.
func Required() bool { return os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" }

// Config returns a store configuration for a fresh, empty database on b,
// skipping (or failing, see Required) when b is not available. The database
// is removed when the test ends.
func Config(t testing.TB, b Backend) store.Config {
	t.Helper()
	switch b {
	case SQLite:
		return store.Config{SQLitePath: filepath.Join(t.TempDir(), "test.db")}
	case Postgres:
		return store.Config{DatabaseURL: postgresSchema(t)}
	}
	t.Fatalf("unknown backend %q", b)
	return store.Config{}
}

// Open returns a fresh, migrated store on b.
func Open(t testing.TB, b Backend) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), Config(t, b))
	if err != nil {
		t.Fatalf("open %s store: %v", b, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresSchema creates a schema of its own for the test, so that tests
// can run in parallel against one server, and returns a URL that uses it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		msg := "postgres suite skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
		if Required() {
			t.Fatal(msg + " (required: REQUIRE_BACKENDS/CI is set)")
		}
		t.Skip(msg)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres at TEST_DATABASE_URL not usable: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
