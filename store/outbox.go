package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm/clause"

	"placering/migrations"
)

// Index names in the outbox. They match the search package's index names;
// the store does not import search, so it repeats the three words.
const (
	IndexOpenings          = "openings"
	IndexVirksomhedscentre = "virksomhedscentre"
	IndexCompanies         = "companies"
)

// OutboxEntry says that one document of one search index must be brought
// up to date with its row. It names the row, not the new content: the
// worker reads the row as it is when it applies the entry, so applying an
// old entry late can never put stale content in the index.
type OutboxEntry struct {
	ID            int64     `gorm:"primaryKey"`
	IndexName     string    `gorm:"column:index_name"`
	DocID         string    `gorm:"column:doc_id"`
	CreatedAt     time.Time `gorm:"column:created_at"`
	Attempts      int       `gorm:"column:attempts"`
	NextAttemptAt time.Time `gorm:"column:next_attempt_at"`
	LastError     string    `gorm:"column:last_error"`
}

// TableName names the outbox table.
func (OutboxEntry) TableName() string { return "search_outbox" }

// enqueue records that the given rows of index changed. Callers run it in
// the transaction that changed them.
func (s *Store) enqueue(ctx context.Context, index string, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	now := time.Now().UTC()
	entries := make([]OutboxEntry, len(ids))
	for i, id := range ids {
		entries[i] = OutboxEntry{IndexName: index, DocID: strconv.FormatInt(id, 10), CreatedAt: now, NextAttemptAt: now}
	}
	if err := s.q(ctx).CreateInBatches(entries, 500).Error; err != nil {
		return translate(err, "enqueue "+index)
	}
	s.noteEnqueued()
	return nil
}

// enqueueWhere records every row of table matching the condition.
func (s *Store) enqueueWhere(ctx context.Context, index, table, cond string, args ...any) error {
	now := time.Now().UTC()
	sql := "INSERT INTO search_outbox (index_name, doc_id, created_at, next_attempt_at, attempts, last_error) " +
		"SELECT ?, CAST(id AS TEXT), ?, ?, 0, '' FROM " + table + " WHERE " + cond
	if err := s.q(ctx).Exec(sql, append([]any{index, now, now}, args...)...).Error; err != nil {
		return translate(err, "enqueue "+index)
	}
	s.noteEnqueued()
	return nil
}

// EnqueueAll records every row of every index, for a full catch-up after
// the index was lost or its settings changed.
func (s *Store) EnqueueAll(ctx context.Context) error {
	return s.Tx(ctx, func(tx *Store) error {
		for _, t := range [][2]string{{IndexCompanies, "companies"}, {IndexVirksomhedscentre, "virksomhedscentre"}, {IndexOpenings, "openings"}} {
			if err := tx.enqueueWhere(ctx, t[0], t[1], "1 = 1"); err != nil {
				return err
			}
		}
		return nil
	})
}

// EnqueueChangedSince records every row whose search document may have
// changed since the given time: rows updated since then, the openings and
// virksomhedscentre of companies updated since then (they carry the company's
// name), and openings whose matches or placements moved (their free seats).
//
// A reindex uses it to close the window between reading a row and swapping
// the new index in: another replica's worker may have applied a write to
// the old index in that window and deleted its outbox entry.
func (s *Store) EnqueueChangedSince(ctx context.Context, since time.Time) error {
	since = since.UTC()
	companies := "company_id IN (SELECT id FROM companies WHERE updated_at >= ?)"
	return s.Tx(ctx, func(tx *Store) error {
		steps := []struct {
			index, table, cond string
			args               []any
		}{
			{IndexCompanies, "companies", "updated_at >= ?", []any{since}},
			{IndexVirksomhedscentre, "virksomhedscentre", "updated_at >= ? OR " + companies, []any{since, since}},
			{IndexOpenings, "openings", "updated_at >= ? OR " + companies +
				" OR id IN (SELECT opening_id FROM matches WHERE updated_at >= ?)" +
				" OR id IN (SELECT opening_id FROM placements WHERE updated_at >= ? AND opening_id IS NOT NULL)",
				[]any{since, since, since, since}},
		}
		for _, st := range steps {
			if err := tx.enqueueWhere(ctx, st.index, st.table, st.cond, st.args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// ApplyFunc brings the index up to date for a batch of entries, reading
// rows through tx, and returns the entries that failed with their errors.
// Entries not in the map are done and get deleted.
type ApplyFunc func(ctx context.Context, tx *Store, batch []OutboxEntry) map[int64]error

// ProcessOutbox claims up to limit due entries, hands them to apply, and
// deletes the applied ones or schedules a retry with backoff for the
// failed, all in one transaction. It returns how many entries it handled.
//
// Several replicas may run it at once on PostgreSQL: entries are claimed
// with FOR UPDATE SKIP LOCKED, and a transaction-scoped advisory lock per
// document keeps two workers from applying the same document concurrently,
// so the index sees each document's changes in order. SQLite has a single
// writer, which gives the same guarantee.
func (s *Store) ProcessOutbox(ctx context.Context, limit int, apply ApplyFunc) (int, error) {
	handled := 0
	err := s.Tx(ctx, func(tx *Store) error {
		now := time.Now().UTC()
		q := tx.q(ctx).Where("next_attempt_at <= ?", now).Order("id").Limit(limit)
		if s.dialect == migrations.Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		var claimed []OutboxEntry
		if err := q.Find(&claimed).Error; err != nil {
			return translate(err, "claim outbox")
		}
		batch, err := tx.lockDocuments(ctx, claimed)
		if err != nil || len(batch) == 0 {
			return err
		}
		failed := apply(ctx, tx, batch)
		var done []int64
		for _, e := range batch {
			if ferr, bad := failed[e.ID]; bad {
				e.Attempts++
				msg := ferr.Error()
				if len(msg) > 500 {
					msg = msg[:500]
				}
				err := tx.q(ctx).Model(&OutboxEntry{}).Where("id = ?", e.ID).Updates(map[string]any{
					"attempts": e.Attempts, "next_attempt_at": now.Add(Backoff(e.Attempts)), "last_error": msg,
				}).Error
				if err != nil {
					return translate(err, "reschedule outbox entry")
				}
				continue
			}
			done = append(done, e.ID)
		}
		if len(done) > 0 {
			if err := tx.q(ctx).Where("id IN ?", done).Delete(&OutboxEntry{}).Error; err != nil {
				return translate(err, "delete applied outbox entries")
			}
		}
		handled = len(batch)
		return nil
	})
	return handled, err
}

// lockDocuments keeps the entries whose document this transaction could
// lock (PostgreSQL), dropping documents another worker is applying now.
func (s *Store) lockDocuments(ctx context.Context, claimed []OutboxEntry) ([]OutboxEntry, error) {
	if s.dialect != migrations.Postgres {
		return claimed, nil
	}
	locked := map[string]bool{}
	out := claimed[:0:0]
	for _, e := range claimed {
		key := e.IndexName + ":" + e.DocID
		ok, seen := locked[key]
		if !seen {
			if err := s.q(ctx).Raw("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))", key).Scan(&ok).Error; err != nil {
				return nil, translate(err, "lock outbox document")
			}
			locked[key] = ok
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// Backoff is the wait before retry number n (1-based): 0.5 s doubling to a
// minute, so a search outage costs little while it lasts and recovery is
// quick once it ends.
func Backoff(n int) time.Duration {
	d := 500 * time.Millisecond
	for i := 1; i < n && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

// OutboxLag reports how many index updates are waiting and how old the
// oldest is; /readyz shows it.
func (s *Store) OutboxLag(ctx context.Context) (pending int64, oldest time.Duration, err error) {
	var first OutboxEntry
	res := s.q(ctx).Order("id").Limit(1).Find(&first)
	if res.Error != nil {
		return 0, 0, translate(res.Error, "outbox lag")
	}
	if res.RowsAffected == 0 {
		return 0, 0, nil
	}
	if err := s.q(ctx).Model(&OutboxEntry{}).Count(&pending).Error; err != nil {
		return 0, 0, translate(err, "count outbox")
	}
	return pending, time.Since(first.CreatedAt), nil
}

// OutboxMark returns the id of the newest outbox entry (0 when empty). A
// reindex takes it before reading rows; entries after the mark are the
// writes that happened while it ran.
func (s *Store) OutboxMark(ctx context.Context) (int64, error) {
	var id *int64
	err := s.q(ctx).Model(&OutboxEntry{}).Select("MAX(id)").Scan(&id).Error
	if err != nil || id == nil {
		return 0, translate(err, "outbox mark")
	}
	return *id, nil
}

func outboxErr(index string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("outbox %s: %w", index, err)
}
