// Package store keeps the service's data in a relational database through
// gorm: SQLite (pure Go, no cgo) by default, PostgreSQL in production. The
// same code serves both; only Open and the migration files know the dialect.
//
// The store checks nothing about who may do what: that is the app layer's
// job. It does translate database errors into ErrNotFound and ErrConflict so
// callers never look at driver errors.
package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"placering/migrations"
)

// ErrNotFound means no live row has that id (or it belongs elsewhere).
var ErrNotFound = errors.New("not found")

// ErrConflict means the write would break a uniqueness rule, such as a
// second live company with the same CVR number.
var ErrConflict = errors.New("conflict")

// Store is the database. Its methods are safe for concurrent use.
type Store struct {
	db      *gorm.DB
	dialect migrations.Dialect
	// outboxReady gets a value (without blocking) after a transaction that
	// added outbox entries commits, so this process's worker applies them
	// at once instead of at its next poll. Shared by the stores of Tx.
	outboxReady chan struct{}
	// enqueued is set inside a Tx when it adds outbox entries.
	enqueued *bool
}

// Config says where the database is. An empty DatabaseURL means SQLite in
// DataDir (created if missing).
type Config struct {
	DatabaseURL string // postgres://user:pass@host:5432/db?sslmode=disable
	DataDir     string // for SQLite; default "./data"
	// SQLitePath overrides the SQLite file (":memory:" is not supported:
	// each pooled connection would see its own empty database).
	SQLitePath string
}

// Open connects, applies pending migrations and returns the store.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	gcfg := &gorm.Config{
		// Query logging would print personal data; errors surface as values.
		Logger:         logger.Discard,
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC().Round(time.Microsecond) },
	}
	var (
		dialector gorm.Dialector
		dialect   migrations.Dialect
	)
	switch {
	case strings.HasPrefix(cfg.DatabaseURL, "postgres://"), strings.HasPrefix(cfg.DatabaseURL, "postgresql://"):
		dsn, err := withPostgresTimeouts(cfg.DatabaseURL)
		if err != nil {
			return nil, err
		}
		dialector, dialect = postgres.Open(dsn), migrations.Postgres
	case cfg.DatabaseURL != "":
		return nil, fmt.Errorf("DATABASE_URL must start with postgres://")
	default:
		path := cfg.SQLitePath
		if path == "" {
			dir := cfg.DataDir
			if dir == "" {
				dir = "data"
			}
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("create data dir: %w", err)
			}
			path = filepath.Join(dir, "placering.db")
		}
		// WAL lets readers run beside the single writer; secure_delete overwrites
		// freed pages, so erased personal data leaves the file; busy_timeout makes
		// a writer wait for the lock instead of failing at once, but not
		// longer than a request may take.
		dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(" +
			fmt.Sprint(SQLiteBusyTimeout.Milliseconds()) + ")&_pragma=synchronous(NORMAL)&_pragma=secure_delete(1)&_txlock=immediate"
		dialector, dialect = sqlite.Open(dsn), migrations.SQLite
		if err := registerSQLiteFuncs(); err != nil {
			return nil, fmt.Errorf("register sqlite functions: %w", err)
		}
	}
	db, err := gorm.Open(dialector, gcfg)
	if err != nil {
		err = fmt.Errorf("open %s database: %w", dialect, err)
		if u := unavailable(err, "open database"); u != nil {
			return nil, u
		}
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database handle: %w", err)
	}
	if dialect == migrations.SQLite {
		sqlDB.SetMaxOpenConns(8)
	} else {
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if _, err := migrations.Up(ctx, sqlDB, dialect); err != nil {
		sqlDB.Close()
		if u := unavailable(err, "migrate"); u != nil {
			return nil, u
		}
		return nil, err
	}
	return &Store{db: db, dialect: dialect, outboxReady: make(chan struct{}, 1)}, nil
}

// Dialect reports which database is behind the store.
func (s *Store) Dialect() migrations.Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("database handle: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		err = fmt.Errorf("ping %s: %w", s.dialect, err)
		if u := unavailable(err, "ping"); u != nil {
			return u
		}
		return err
	}
	return nil
}

// Close releases the connections.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Tx runs fn in one transaction: every write in fn lands, or none does.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	enqueued := false
	err := s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		flag := &enqueued
		if s.enqueued != nil { // nested: the outermost commit signals
			flag = s.enqueued
		}
		return fn(&Store{db: db, dialect: s.dialect, outboxReady: s.outboxReady, enqueued: flag})
	})
	if err == nil && enqueued {
		s.signalOutbox()
	}
	if u := unavailable(err, "transaction"); u != nil {
		// Whatever fn returned, the transaction did not commit: the
		// database went away or the deadline passed.
		return u
	}
	return err
}

// OutboxReady delivers a value after a write that added outbox entries
// has committed in this process. Writes of other replicas do not signal;
// their own workers see them, and every worker also polls.
func (s *Store) OutboxReady() <-chan struct{} { return s.outboxReady }

func (s *Store) signalOutbox() {
	select {
	case s.outboxReady <- struct{}{}:
	default: // a signal is already pending; one is enough
	}
}

// noteEnqueued records that outbox entries were added: at commit if in a
// transaction, else now.
func (s *Store) noteEnqueued() {
	if s.enqueued != nil {
		*s.enqueued = true
		return
	}
	s.signalOutbox()
}

func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// translate maps driver errors onto the store's sentinel errors:
// ErrNotFound, ErrConflict, and ErrUnavailable for a database that cannot
// be reached or did not answer in time.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case isUnavailable(err):
		return unavailable(err, what)
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey), strings.Contains(err.Error(), "UNIQUE constraint failed"):
		return fmt.Errorf("%s: %w", what, ErrConflict)
	case errors.Is(err, gorm.ErrForeignKeyViolated), strings.Contains(err.Error(), "FOREIGN KEY constraint failed"):
		return fmt.Errorf("%s: referenced row missing: %w", what, ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}
