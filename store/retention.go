package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"

	"placering/migrations"
	"placering/models"
)

// RetentionSettings are a jobcentre's retention periods: how long an
// archived citizen is kept before the erasure, and how long audit rows are
// kept. A jobcentre without a row uses the service's defaults.
type RetentionSettings struct {
	JobcentreID          int64     `gorm:"primaryKey;autoIncrement:false"`
	ArchivedCitizenYears int       `gorm:"column:archived_citizen_years"`
	AuditYears           int       `gorm:"column:audit_years"`
	UpdatedAt            time.Time `gorm:"column:updated_at"`
	UpdatedBy            *int64    `gorm:"column:updated_by"`
}

// TableName names the retention settings table.
func (RetentionSettings) TableName() string { return "retention_settings" }

// GetRetentionSettings returns a jobcentre's periods, or ErrNotFound when
// it uses the defaults.
func (s *Store) GetRetentionSettings(ctx context.Context, jc int64) (RetentionSettings, error) {
	var r RetentionSettings
	err := s.q(ctx).Where("jobcentre_id = ?", jc).First(&r).Error
	return r, translate(err, "retention settings")
}

// SaveRetentionSettings writes a jobcentre's periods.
func (s *Store) SaveRetentionSettings(ctx context.Context, r *RetentionSettings) error {
	r.UpdatedAt = time.Now().UTC()
	return translate(s.q(ctx).Save(r).Error, "save retention settings")
}

// CitizensArchivedBefore returns the ids of a jobcentre's citizens archived
// before the cutoff and not yet erased, oldest first.
func (s *Store) CitizensArchivedBefore(ctx context.Context, jc int64, cutoff time.Time) ([]int64, error) {
	var ids []int64
	err := s.q(ctx).Model(&models.Citizen{}).
		Where("jobcentre_id = ? AND archived_at IS NOT NULL AND archived_at < ? AND erased_at IS NULL", jc, cutoff.UTC()).
		Order("archived_at, id").Pluck("id", &ids).Error
	return ids, translate(err, "citizens due for erasure")
}

// auditOf narrows the audit log to one jobcentre's rows (jc 0: rows with
// no jobcentre, such as administrators' and employers').
func (s *Store) auditOf(ctx context.Context, jc int64, before time.Time) *gorm.DB {
	q := s.q(ctx).Model(&models.AuditEntry{}).Where("at < ?", before.UTC())
	if jc == 0 {
		return q.Where("jobcentre_id IS NULL")
	}
	return q.Where("jobcentre_id = ?", jc)
}

// CountAuditBefore counts a jobcentre's audit rows older than before
// (jc 0: the rows with no jobcentre).
func (s *Store) CountAuditBefore(ctx context.Context, jc int64, before time.Time) (int64, error) {
	var n int64
	err := s.auditOf(ctx, jc, before).Count(&n).Error
	return n, translate(err, "count old audit rows")
}

// DeleteAuditBefore deletes a jobcentre's audit rows older than before
// (jc 0: the rows with no jobcentre) and returns how many went.
func (s *Store) DeleteAuditBefore(ctx context.Context, jc int64, before time.Time) (int64, error) {
	res := s.auditOf(ctx, jc, before).Delete(&models.AuditEntry{})
	return res.RowsAffected, translate(res.Error, "delete old audit rows")
}

// CountExpiredTokens counts API tokens that expired before now.
func (s *Store) CountExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := s.q(ctx).Table("api_tokens").Where("expires_at < ?", now.UTC()).Count(&n).Error
	return n, translate(err, "count expired tokens")
}

// DeleteExpiredTokens deletes API tokens that expired before now and
// returns how many went.
func (s *Store) DeleteExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	res := s.q(ctx).Exec("DELETE FROM api_tokens WHERE expires_at < ?", now.UTC())
	return res.RowsAffected, translate(res.Error, "delete expired tokens")
}

// ErrLocked is returned by WithLock when another process (or, on
// SQLite, another goroutine) holds the lock.
var ErrLocked = errors.New("store: lock held elsewhere")

// localLocks are the in-process locks WithLock takes on SQLite, where
// only one process uses the database.
var localLocks sync.Map // name → *sync.Mutex

// WithLock runs fn while holding the named lock, or returns ErrLocked at
// once when someone else holds it. On PostgreSQL it is a session advisory
// lock (keyed by the name and the schema), so only one replica runs fn; on
// SQLite an in-process mutex.
func (s *Store) WithLock(ctx context.Context, name string, fn func() error) error {
	if s.dialect != migrations.Postgres {
		m, _ := localLocks.LoadOrStore(s.lockKey(name), &sync.Mutex{})
		mu := m.(*sync.Mutex)
		if !mu.TryLock() {
			return ErrLocked
		}
		defer mu.Unlock()
		return fn()
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("database handle: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return translate(err, "lock connection")
	}
	defer conn.Close()
	key := "placering." + name
	var ok bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(hashtext($1 || '.' || current_schema()))", key).Scan(&ok); err != nil {
		return translate(err, "advisory lock")
	}
	if !ok {
		return ErrLocked
	}
	defer func() {
		// Unlock even when ctx has ended; closing the connection would
		// release it too, but it goes back to the pool.
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(uctx, "SELECT pg_advisory_unlock(hashtext($1 || '.' || current_schema()))", key); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // discards the connection, and the lock with it
		}
	}()
	return fn()
}

// lockKey names an in-process lock per database.
func (s *Store) lockKey(name string) string {
	sqlDB, _ := s.db.DB()
	return fmt.Sprintf("%p.%s", sqlDB, name)
}
