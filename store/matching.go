package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"placering/migrations"
	"placering/models"
)

// MatchingSettings are a jobcentre's matching weights and rule parameters
// as JSON; the app decodes them into the matching package's types.
type MatchingSettings struct {
	JobcentreID int64     `gorm:"primaryKey;autoIncrement:false"`
	Weights     string    `gorm:"column:weights"`
	RuleParams  string    `gorm:"column:rule_params"`
	UpdatedAt   time.Time `gorm:"column:updated_at"`
	UpdatedBy   *int64    `gorm:"column:updated_by"`
}

// TableName names the settings table.
func (MatchingSettings) TableName() string { return "matching_settings" }

// GetMatchingSettings returns a jobcentre's settings, or ErrNotFound when
// it uses the defaults.
func (s *Store) GetMatchingSettings(ctx context.Context, jc int64) (MatchingSettings, error) {
	var m MatchingSettings
	err := s.q(ctx).Where("jobcentre_id = ?", jc).First(&m).Error
	return m, translate(err, "matching settings")
}

// SaveMatchingSettings writes a jobcentre's settings.
func (s *Store) SaveMatchingSettings(ctx context.Context, m *MatchingSettings) error {
	m.UpdatedAt = time.Now().UTC()
	return translate(s.q(ctx).Save(m).Error, "save matching settings")
}

// MatchFilter selects match records.
type MatchFilter struct {
	Page
	JobcentreID  int64
	CitizenID    int64
	OpeningID    int64
	CompanyID    int64
	ConsultantID int64
	States       []string
	Kinds        []string // the opening's kind
	Branches     []string // the opening's branch
	// StalledBefore keeps open matches whose state has not changed since.
	StalledBefore time.Time
}

var matchSorts = sorts{"id": "id", "score": "score", "state_changed_at": "state_changed_at", "created_at": "created_at"}

// ListMatches returns one page of match records and the total.
func (s *Store) ListMatches(ctx context.Context, f MatchFilter) ([]models.Match, int64, error) {
	q := s.q(ctx).Model(&models.Match{})
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.CitizenID != 0 {
		q = q.Where("citizen_id = ?", f.CitizenID)
	}
	if f.OpeningID != 0 {
		q = q.Where("opening_id = ?", f.OpeningID)
	}
	if f.CompanyID != 0 {
		q = q.Where("company_id = ?", f.CompanyID)
	}
	if f.ConsultantID != 0 {
		q = q.Where("consultant_id = ?", f.ConsultantID)
	}
	if len(f.States) > 0 {
		q = q.Where("state IN ?", f.States)
	}
	if len(f.Kinds) > 0 || len(f.Branches) > 0 {
		sub := s.q(ctx).Model(&models.Opening{}).Select("id")
		if len(f.Kinds) > 0 {
			sub = sub.Where("kind IN ?", f.Kinds)
		}
		if len(f.Branches) > 0 {
			sub = sub.Where("branch IN ?", f.Branches)
		}
		q = q.Where("opening_id IN (?)", sub)
	}
	if !f.StalledBefore.IsZero() {
		q = q.Where("state NOT IN ? AND state_changed_at < ?", []string{string(models.MatchStarted), string(models.MatchRejected)}, f.StalledBefore)
	}
	return list[models.Match](q, f.Page, matchSorts, "-state_changed_at", "matches")
}

// GetMatch returns a match record by id.
func (s *Store) GetMatch(ctx context.Context, id int64) (models.Match, error) {
	return get[models.Match](ctx, s, id, "match")
}

// MatchHistory returns the events of the given matches, oldest first.
func (s *Store) MatchHistory(ctx context.Context, ids []int64) (map[int64][]models.MatchEvent, error) {
	out := map[int64][]models.MatchEvent{}
	if len(ids) == 0 {
		return out, nil
	}
	var evs []models.MatchEvent
	if err := s.q(ctx).Where("match_id IN ?", uniq(ids)).Order("id").Find(&evs).Error; err != nil {
		return nil, translate(err, "match history")
	}
	for _, e := range evs {
		out[e.MatchID] = append(out[e.MatchID], e)
	}
	return out, nil
}

// CreateMatch inserts a proposal with its first event. A second open match
// for the same citizen and opening is ErrConflict.
func (s *Store) CreateMatch(ctx context.Context, m *models.Match) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := create(ctx, tx, m, "match"); err != nil {
			return err
		}
		ev := models.MatchEvent{MatchID: m.ID, ToState: m.State, Note: m.Note, At: m.StateChangedAt, UserID: deref(m.CreatedBy)}
		return create(ctx, tx, &ev, "match event")
	})
}

// Transition is one change of a match's state.
type Transition struct {
	From, To models.MatchState
	Reason   string
	Note     string
	By       int64
	At       time.Time
	// Placement, when set, is created in the same transaction (a match
	// moving to startet); its MatchID is filled in. SeatsOf is its
	// opening: the placement is refused with ErrNoSeat when the opening's
	// seats are all taken.
	Placement *models.Placement
	SeatsOf   *models.Opening
}

// ErrNoSeat means every seat of the opening is taken.
var ErrNoSeat = errors.New("no free seat")

// TransitionMatch moves a match from t.From to t.To and records the event.
// It fails with ErrConflict when the match is no longer in t.From (someone
// else moved it first), so two consultants cannot both move one card.
func (s *Store) TransitionMatch(ctx context.Context, id int64, t Transition) error {
	return s.Tx(ctx, func(tx *Store) error {
		upd := map[string]any{"state": t.To, "state_changed_at": t.At, "updated_at": t.At, "updated_by": t.By}
		if t.To == models.MatchRejected {
			upd["rejection_reason"] = t.Reason
		}
		if t.Note != "" {
			upd["note"] = t.Note
		}
		res := tx.q(ctx).Model(&models.Match{}).Where("id = ? AND state = ?", id, t.From).Updates(upd)
		if res.Error != nil {
			return translate(res.Error, "move match")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("move match %d: not in state %s: %w", id, t.From, ErrConflict)
		}
		ev := models.MatchEvent{MatchID: id, FromState: t.From, ToState: t.To, Reason: t.Reason, Note: t.Note, At: t.At, UserID: t.By}
		if err := create(ctx, tx, &ev, "match event"); err != nil {
			return err
		}
		if t.Placement == nil {
			return nil
		}
		if t.SeatsOf != nil {
			if err := tx.claimSeat(ctx, *t.SeatsOf); err != nil {
				return err
			}
		}
		t.Placement.MatchID = &id
		return tx.CreatePlacement(ctx, t.Placement)
	})
}

// CreatePlacement inserts a placement. Its opening's free seats change, so
// the opening's search document is brought up to date too.
func (s *Store) CreatePlacement(ctx context.Context, p *models.Placement) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := create(ctx, tx, p, "placement"); err != nil {
			return err
		}
		if p.OpeningID == nil {
			return nil
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, *p.OpeningID))
	})
}

// claimSeat checks that the opening has a free seat, holding a lock on the
// opening's row (PostgreSQL) so that two consultants starting the last seat
// at once cannot both succeed. SQLite's single writer gives the same.
func (s *Store) claimSeat(ctx context.Context, o models.Opening) error {
	if s.dialect == migrations.Postgres {
		if err := s.q(ctx).Exec("SELECT id FROM openings WHERE id = ? FOR UPDATE", o.ID).Error; err != nil {
			return translate(err, "lock opening")
		}
	}
	taken, err := s.SeatsTaken(ctx, []int64{o.ID})
	if err != nil {
		return err
	}
	if taken[o.ID] >= o.Seats {
		return fmt.Errorf("opening %d: %w", o.ID, ErrNoSeat)
	}
	return nil
}

// SeatsTaken counts the planned and active placements of each opening.
func (s *Store) SeatsTaken(ctx context.Context, openingIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	q := s.q(ctx).Model(&models.Placement{}).
		Where("status IN ? AND archived_at IS NULL AND opening_id IS NOT NULL", []string{string(models.PlacementPlanned), string(models.PlacementActive)})
	if openingIDs != nil {
		if len(openingIDs) == 0 {
			return out, nil
		}
		q = q.Where("opening_id IN ?", uniq(openingIDs))
	}
	var rows []struct {
		OpeningID int64
		N         int
	}
	if err := q.Select("opening_id, COUNT(*) AS n").Group("opening_id").Scan(&rows).Error; err != nil {
		return nil, translate(err, "seats taken")
	}
	for _, r := range rows {
		out[r.OpeningID] = r.N
	}
	return out, nil
}

// RecentProposalsByCompany counts the matches proposed per company since a
// time, for spreading proposals over employers.
func (s *Store) RecentProposalsByCompany(ctx context.Context, since time.Time) (map[int64]int, error) {
	var rows []struct {
		CompanyID int64
		N         int
	}
	err := s.q(ctx).Model(&models.Match{}).Select("company_id, COUNT(*) AS n").
		Where("created_at >= ?", since).Group("company_id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "recent proposals")
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.CompanyID] = r.N
	}
	return out, nil
}

// PlacementsOfCitizens returns the placements of the given citizens.
func (s *Store) PlacementsOfCitizens(ctx context.Context, ids []int64) (map[int64][]models.Placement, error) {
	out := map[int64][]models.Placement{}
	if len(ids) == 0 {
		return out, nil
	}
	var ps []models.Placement
	if err := s.q(ctx).Where("citizen_id IN ? AND archived_at IS NULL", uniq(ids)).Find(&ps).Error; err != nil {
		return nil, translate(err, "placements of citizens")
	}
	for _, p := range ps {
		out[p.CitizenID] = append(out[p.CitizenID], p)
	}
	return out, nil
}

// OpenOpenings returns every live opening with status open, for matching.
func (s *Store) OpenOpenings(ctx context.Context) ([]models.Opening, error) {
	var out []models.Opening
	err := s.q(ctx).Where("archived_at IS NULL AND status = ?", models.StatusOpen).Find(&out).Error
	return out, translate(err, "open openings")
}

// ActiveAgreements returns the agreements valid on a day.
func (s *Store) ActiveAgreements(ctx context.Context, on models.Date) ([]models.Virksomhedscenter, error) {
	var out []models.Virksomhedscenter
	err := s.q(ctx).Where("archived_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)", on, on).Find(&out).Error
	return out, translate(err, "active agreements")
}

// CitizensForMatching returns the live citizens of a jobcentre (or the
// given ids within it, when ids is not nil).
func (s *Store) CitizensForMatching(ctx context.Context, jc int64, ids []int64) ([]models.Citizen, error) {
	var out []models.Citizen
	q := s.q(ctx).Where("archived_at IS NULL")
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	if ids != nil {
		if len(ids) == 0 {
			return out, nil
		}
		q = q.Where("id IN ?", uniq(ids))
	}
	err := q.Find(&out).Error
	return out, translate(err, "citizens for matching")
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
