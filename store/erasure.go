package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"placering/migrations"
	"placering/models"
)

// EraseCitizen irreversibly anonymises a citizen (GDPR art. 17): name,
// contact details, the CPR number (ciphertext, hash and masked form),
// birth date, arrival date, coordinates and goal title on the row, and
// every free-text note about them (placements and their evaluations, the
// companies' references (deleted),
// weeks of hours and all their revisions, matches and their events,
// alert acknowledgements). What reports count stays: the row itself
// (target group, dates of the group, consultant), placements, hours and
// matches. The row is archived and marked erased, and is never shown
// again. Audit rows hold ids only and are kept.
//
// On SQLite the writes run on one connection with secure_delete on, so
// overwritten values are zeroed in the pages rather than left in free
// space, and a TRUNCATE checkpoint afterwards moves the pages into the
// database file and empties the write-ahead log: the erased values are in
// neither file. (PostgreSQL's old row versions go with VACUUM, which
// autovacuum runs.)
func (s *Store) EraseCitizen(ctx context.Context, id int64, by int64, at time.Time) error {
	if s.dialect != migrations.SQLite || s.enqueued != nil {
		return s.Tx(ctx, func(tx *Store) error { return tx.eraseCitizen(ctx, id, by, at) })
	}
	err := s.db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("PRAGMA secure_delete = ON").Error; err != nil {
			return fmt.Errorf("secure_delete: %w", err)
		}
		err := conn.Transaction(func(db *gorm.DB) error {
			return (&Store{db: db, dialect: s.dialect, outboxReady: s.outboxReady}).eraseCitizen(ctx, id, by, at)
		})
		if err != nil {
			return err
		}
		return checkpoint(conn)
	})
	return err
}

// checkpoint copies the write-ahead log into the database file and
// truncates the log. A reader still on an old snapshot makes SQLite
// report the checkpoint busy; it is retried briefly.
func checkpoint(db *gorm.DB) error {
	for i := 0; ; i++ {
		var busy, logFrames, done int
		if err := db.Raw("PRAGMA wal_checkpoint(TRUNCATE)").Row().Scan(&busy, &logFrames, &done); err != nil {
			return fmt.Errorf("wal checkpoint: %w", err)
		}
		if busy == 0 || i == 50 {
			if busy != 0 {
				return fmt.Errorf("wal checkpoint: still busy after retries")
			}
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *Store) eraseCitizen(ctx context.Context, id int64, by int64, at time.Time) error {
	at = at.UTC()
	var c models.Citizen
	if err := s.q(ctx).Where("id = ? AND erased_at IS NULL", id).First(&c).Error; err != nil {
		return translate(err, "erase citizen")
	}
	archivedAt := at
	if c.ArchivedAt != nil {
		archivedAt = *c.ArchivedAt
	}
	// The hash must stay unique among a jobcentre's rows without being
	// the person's: a marker with the id is.
	res := s.q(ctx).Model(&models.Citizen{}).Where("id = ?", id).Updates(map[string]any{
		"name": "", "email": "", "phone": "", "cpr_masked": "", "cpr_cipher": "",
		"cpr_hash": "slettet:" + strconv.FormatInt(id, 10), "birth_date": nil, "arrival_date": nil,
		"lat": 0, "lon": 0, "goal_title": "", "consent_share": false,
		"erased_at": at, "archived_at": archivedAt, "updated_at": at, "updated_by": by,
	})
	if res.Error != nil {
		return translate(res.Error, "erase citizen")
	}
	if err := s.q(ctx).Where("citizen_id = ?", id).Delete(&models.CitizenConsent{}).Error; err != nil {
		return translate(err, "erase consents")
	}
	placements := s.q(ctx).Model(&models.Placement{}).Select("id").Where("citizen_id = ?", id)
	steps := []struct {
		what string
		q    *gorm.DB
		set  map[string]any
	}{
		{"placements", s.q(ctx).Model(&models.Placement{}).Where("citizen_id = ?", id), map[string]any{"note": "", "evaluation": nil}},
		{"hours", s.q(ctx).Model(&models.WeeklyHours{}).Where("citizen_id = ?", id), map[string]any{"note": "", "internal_note": ""}},
		{"hour revisions", s.q(ctx).Model(&models.HourRevision{}).Where("placement_id IN (?)", placements), map[string]any{"note": "", "internal_note": ""}},
		{"matches", s.q(ctx).Table("matches").Where("citizen_id = ?", id), map[string]any{"note": ""}},
		{"match events", s.q(ctx).Table("match_events").Where("match_id IN (?)", s.q(ctx).Table("matches").Select("id").Where("citizen_id = ?", id)), map[string]any{"note": ""}},
		{"alert acknowledgements", s.q(ctx).Table("alert_acks").Where("citizen_id = ?", id), map[string]any{"note": ""}},
		{"hour confirmations", s.q(ctx).Model(&models.HourConfirmation{}).Where("placement_id IN (?)", placements), map[string]any{"comment": ""}},
	}
	for _, st := range steps {
		if err := st.q.Updates(st.set).Error; err != nil {
			return translate(err, "erase "+st.what)
		}
	}
	// The company's reference is about the person: it goes whole.
	if err := s.q(ctx).Where("placement_id IN (?)", placements).Delete(&models.PlacementReference{}).Error; err != nil {
		return translate(err, "erase references")
	}
	return nil
}
