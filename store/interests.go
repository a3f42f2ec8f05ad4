package store

import (
	"context"
	"fmt"
	"time"

	"placering/migrations"
	"placering/models"
)

// ErrQuotaUsed means the company has shown all the interest its monthly
// contact quota allows.
var ErrQuotaUsed = fmt.Errorf("contact quota used")

// Interest is an employer's interest in one candidate of an opening.
type Interest struct {
	Match *models.Match // the match to create when the pair has none to mark
	// Limit is the company's contact quota; Since and Until bound the
	// calendar month it counts in.
	Limit        int
	Since, Until time.Time
}

// lockForUpdate is the row-lock suffix of a SELECT: PostgreSQL locks the
// row until the transaction ends; SQLite's transactions take the single
// write lock at their start (BEGIN IMMEDIATE), which serialises the same.
func (s *Store) lockForUpdate() string {
	if s.dialect == migrations.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// ShowInterest records an employer's interest in one candidate, in one
// transaction: it locks the company's row, so that two requests of the
// same company at once are counted one after the other; returns the
// pair's match that already carries an interest (created is false, no
// quota used); else counts the company's interests in the month and fails
// with ErrQuotaUsed at the limit; else marks the pair's open match as
// shown interest in, or creates in.Match. In every case m is the match.
func (s *Store) ShowInterest(ctx context.Context, in Interest) (m models.Match, created bool, err error) {
	err = s.Tx(ctx, func(tx *Store) error {
		var id int64
		res := tx.q(ctx).Raw("SELECT id FROM companies WHERE id = ?"+tx.lockForUpdate(), in.Match.CompanyID).Scan(&id)
		if res.Error != nil {
			return translate(res.Error, "lock company")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("lock company %d: %w", in.Match.CompanyID, ErrNotFound)
		}
		var existing []models.Match
		if err := tx.q(ctx).Where("citizen_id = ? AND opening_id = ?", in.Match.CitizenID, in.Match.OpeningID).
			Order("id DESC").Find(&existing).Error; err != nil {
			return translate(err, "matches of pair")
		}
		for _, e := range existing {
			if e.InterestAt != nil {
				m = e
				return nil // shown before: the same interest again
			}
		}
		var used int64
		if err := tx.q(ctx).Model(&models.Match{}).
			Where("company_id = ? AND interest_at >= ? AND interest_at < ?", in.Match.CompanyID, in.Since, in.Until).
			Count(&used).Error; err != nil {
			return translate(err, "count interests")
		}
		if used >= int64(in.Limit) {
			return ErrQuotaUsed
		}
		for _, e := range existing {
			if e.State == models.MatchRejected {
				continue
			}
			// The pair is on the board already: mark it as wanted by
			// the employer, where it stands.
			upd := map[string]any{"source": models.SourceInterest, "interest_at": in.Match.InterestAt,
				"interest_message": in.Match.InterestMessage, "updated_at": in.Match.UpdatedAt}
			if err := tx.q(ctx).Model(&models.Match{}).Where("id = ?", e.ID).Updates(upd).Error; err != nil {
				return translate(err, "mark interest")
			}
			e.Source, e.InterestAt, e.InterestMessage, e.UpdatedAt = models.SourceInterest, in.Match.InterestAt, in.Match.InterestMessage, in.Match.UpdatedAt
			m, created = e, true
			return nil
		}
		if err := tx.CreateMatch(ctx, in.Match); err != nil {
			return err
		}
		m, created = *in.Match, true
		return nil
	})
	return m, created, err
}

// InterestsOf returns the matches of opening that an employer showed
// interest in, newest interest first.
func (s *Store) InterestsOf(ctx context.Context, opening int64) ([]models.Match, error) {
	var out []models.Match
	err := s.q(ctx).Where("opening_id = ? AND interest_at IS NOT NULL", opening).Order("interest_at DESC, id DESC").Find(&out).Error
	return out, translate(err, "interests")
}

// PauseIfEnoughReferrals pauses an open opening with max_referrals once
// that many of its matches have ever reached kontaktet or beyond (a match
// rejected after that still counts: the employer met or heard of the
// citizen). It locks the opening's row first, so two matches moved at
// once are counted together. paused reports whether this call paused it.
func (s *Store) PauseIfEnoughReferrals(ctx context.Context, openingID int64, at time.Time, by int64) (paused bool, err error) {
	err = s.Tx(ctx, func(tx *Store) error {
		var row struct {
			Status       models.OpeningStatus
			MaxReferrals *int
			ArchivedAt   *time.Time
		}
		res := tx.q(ctx).Raw("SELECT status, max_referrals, archived_at FROM openings WHERE id = ?"+tx.lockForUpdate(), openingID).Scan(&row)
		if res.Error != nil {
			return translate(res.Error, "lock opening")
		}
		if res.RowsAffected == 0 || row.ArchivedAt != nil || row.Status != models.StatusOpen || row.MaxReferrals == nil {
			return nil
		}
		n, err := tx.referrals(ctx, openingID)
		if err != nil || n < int64(*row.MaxReferrals) {
			return err
		}
		upd := tx.q(ctx).Model(&models.Opening{}).Where("id = ? AND status = ?", openingID, models.StatusOpen).
			Updates(map[string]any{"status": models.StatusPaused, "updated_at": at, "updated_by": by})
		if upd.Error != nil {
			return translate(upd.Error, "pause opening")
		}
		paused = upd.RowsAffected > 0
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, openingID))
	})
	return paused, err
}

// referrals counts the matches of an opening that ever reached one of
// models.ReferralStates.
func (s *Store) referrals(ctx context.Context, openingID int64) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.Match{}).
		Where("opening_id = ? AND (state IN ? OR id IN (SELECT match_id FROM match_events WHERE to_state IN ?))",
			openingID, models.ReferralStates, models.ReferralStates).Count(&n).Error
	return n, translate(err, "count referrals")
}

// ReopenOpening sets a paused opening open again; ErrConflict when it is
// not paused.
func (s *Store) ReopenOpening(ctx context.Context, openingID int64, at time.Time, by int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		upd := tx.q(ctx).Model(&models.Opening{}).Where("id = ? AND status = ? AND archived_at IS NULL", openingID, models.StatusPaused).
			Updates(map[string]any{"status": models.StatusOpen, "updated_at": at, "updated_by": by})
		if upd.Error != nil {
			return translate(upd.Error, "reopen opening")
		}
		if upd.RowsAffected == 0 {
			return fmt.Errorf("reopen opening %d: not paused: %w", openingID, ErrConflict)
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, openingID))
	})
}
