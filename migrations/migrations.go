// Package migrations holds the versioned database schema, one folder of SQL
// files per dialect, embedded in the binary and applied on start.
//
// A change to the schema is a new numbered file in BOTH folders, saying the
// same thing in each dialect. Files are never edited once released.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Dialect names a supported SQL dialect.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Up applies every migration not yet applied and returns the schema version.
//
// On PostgreSQL a session-level advisory lock makes concurrent starts of
// several replicas safe: one migrates, the others wait and then find nothing
// to do. SQLite is single-process by nature and needs no lock.
func Up(ctx context.Context, db *sql.DB, d Dialect) (int64, error) {
	p, err := provider(db, d)
	if err != nil {
		return 0, err
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate %s: %w", d, err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// Latest returns the highest migration version shipped for the dialect.
func Latest(d Dialect) (int64, error) {
	p, err := provider(nil, d)
	if err != nil {
		return 0, err
	}
	srcs := p.ListSources()
	if len(srcs) == 0 {
		return 0, nil
	}
	return srcs[len(srcs)-1].Version, nil
}

func provider(db *sql.DB, d Dialect) (*goose.Provider, error) {
	sub, err := fs.Sub(files, string(d))
	if err != nil {
		return nil, fmt.Errorf("migrations for %s: %w", d, err)
	}
	var (
		dialect goose.Dialect
		opts    []goose.ProviderOption
	)
	switch d {
	case Postgres:
		dialect = goose.DialectPostgres
		if db != nil {
			locker, err := lock.NewPostgresSessionLocker()
			if err != nil {
				return nil, fmt.Errorf("migration lock: %w", err)
			}
			opts = append(opts, goose.WithSessionLocker(locker))
		}
	case SQLite:
		dialect = goose.DialectSQLite3
	default:
		return nil, fmt.Errorf("unknown dialect %q", d)
	}
	if db == nil {
		// Listing sources needs no connection; goose still wants a handle.
		db = &sql.DB{}
	}
	p, err := goose.NewProvider(dialect, db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migration provider %s: %w", d, err)
	}
	return p, nil
}
