package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"placering/migrations"
	"placering/models"
)

// MatchingSettings are a jobcentre's matching weights and rule parameters
// as JSON; the app decodes them into the matching package's types.
type MatchingSettings struct {
	JobcentreID int64  `gorm:"primaryKey;autoIncrement:false"`
	Weights     string `gorm:"column:weights"`
	RuleParams  string `gorm:"column:rule_params"`
	// StalledAfterDays is how long an open match may stay in one state
	// before the board flags it as stalled.
	StalledAfterDays int       `gorm:"column:stalled_after_days"`
	UpdatedAt        time.Time `gorm:"column:updated_at"`
	UpdatedBy        *int64    `gorm:"column:updated_by"`
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

var matchSorts = sortsOf(models.MatchSorts)

// ListMatches returns one page of match records and the total.
func (s *Store) ListMatches(ctx context.Context, f models.MatchFilter) ([]models.Match, int64, error) {
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
	if f.StalledBefore != nil {
		q = q.Where("state NOT IN ?", []string{string(models.MatchStarted), string(models.MatchRejected)})
		cond, args := "1 = 0", []any{}
		for jc, before := range f.StalledBefore {
			cond += " OR (jobcentre_id = ? AND state_changed_at < ?)"
			args = append(args, jc, before.UTC())
		}
		q = q.Where("("+cond+")", args...)
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
	if err := s.q(ctx).Where("match_id IN ?", models.UniqueIDs(ids)).Order("id").Find(&evs).Error; err != nil {
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
	// moving to startet); its MatchID is filled in. It takes one of its
	// opening's seats: the whole transition fails with ErrNoSeat when the
	// seats are all taken, and with ErrNotFound when the opening is archived.
	Placement *models.Placement
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
		t.Placement.MatchID = &id
		return tx.CreatePlacement(ctx, t.Placement)
	})
}

// claimSeat checks that the opening is live and has a free seat, holding
// a lock on the opening's row (PostgreSQL) so that two consultants
// starting the last seat at once cannot both succeed: the second waits
// for the first to commit and then counts its placement. SQLite's single
// writer (transactions begin IMMEDIATE) gives the same. The seat count is
// read under the lock, so a concurrent edit of the seats counts too.
func (s *Store) claimSeat(ctx context.Context, openingID int64) error {
	lock := ""
	if s.dialect == migrations.Postgres {
		lock = " FOR UPDATE"
	}
	var row struct {
		Seats      int
		ArchivedAt *time.Time
	}
	res := s.q(ctx).Raw("SELECT seats, archived_at FROM openings WHERE id = ?"+lock, openingID).Scan(&row)
	if res.Error != nil {
		return translate(res.Error, "lock opening")
	}
	if res.RowsAffected == 0 || row.ArchivedAt != nil {
		return fmt.Errorf("claim seat: opening %d: %w", openingID, ErrNotFound)
	}
	taken, err := s.SeatsTaken(ctx, []int64{openingID})
	if err != nil {
		return err
	}
	if taken[openingID] >= row.Seats {
		return fmt.Errorf("opening %d: %w", openingID, ErrNoSeat)
	}
	return nil
}

// SeatsTaken counts the planned and active placements of each opening
// (of every opening when openingIDs is nil).
func (s *Store) SeatsTaken(ctx context.Context, openingIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	count := func(ids []int64) error {
		q := s.q(ctx).Model(&models.Placement{}).
			Where("status IN ? AND archived_at IS NULL AND opening_id IS NOT NULL", []string{string(models.PlacementPlanned), string(models.PlacementActive)})
		if ids != nil {
			q = q.Where("opening_id IN ?", ids)
		}
		var rows []struct {
			OpeningID int64
			N         int
		}
		if err := q.Select("opening_id, COUNT(*) AS n").Group("opening_id").Scan(&rows).Error; err != nil {
			return translate(err, "seats taken")
		}
		for _, r := range rows {
			out[r.OpeningID] = r.N
		}
		return nil
	}
	if openingIDs == nil {
		return out, count(nil)
	}
	return out, inChunks(openingIDs, count)
}

// maxInList bounds the ids bound into one IN (…) list: SQLite allows
// 32,766 parameters per statement and PostgreSQL 65,535, and a jobcentre
// may have more citizens than either.
const maxInList = 5000

// inChunks calls fn with the distinct ids in slices of at most maxInList.
func inChunks(ids []int64, fn func([]int64) error) error {
	ids = models.UniqueIDs(ids)
	for len(ids) > 0 {
		n := min(len(ids), maxInList)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
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

// PastPlacement is one earlier or current placement of a citizen, with
// the branch it was in, as much as matching's history factor needs.
type PastPlacement struct {
	ID        int64
	CitizenID int64
	CompanyID int64
	Kind      models.Kind
	Status    models.PlacementStatus
	EndDate   models.Date
	// Branch is the opening's branch, or the company's when the placement
	// has no opening.
	Branch string
	// HoursRising says the last week recorded had more hours worked than
	// the first: the citizen progressed there.
	HoursRising bool `gorm:"-"`
}

// PlacementHistory returns the live placements of the given citizens with
// their branches, by citizen.
func (s *Store) PlacementHistory(ctx context.Context, citizenIDs []int64) (map[int64][]PastPlacement, error) {
	out := map[int64][]PastPlacement{}
	err := inChunks(citizenIDs, func(ids []int64) error {
		var rows []PastPlacement
		err := s.q(ctx).Table("placements AS p").
			Select("p.id, p.citizen_id, p.company_id, p.kind, p.status, p.end_date, COALESCE(NULLIF(o.branch, ''), c.branch, '') AS branch").
			Joins("LEFT JOIN openings o ON o.id = p.opening_id").
			Joins("LEFT JOIN companies c ON c.id = p.company_id").
			Where("p.archived_at IS NULL AND p.citizen_id IN ?", ids).
			Order("p.id").Scan(&rows).Error
		if err != nil {
			return translate(err, "placement history")
		}
		rising, err := s.placementsWithRisingHours(ctx, ids)
		if err != nil {
			return err
		}
		for _, r := range rows {
			r.HoursRising = rising[r.ID]
			out[r.CitizenID] = append(out[r.CitizenID], r)
		}
		return nil
	})
	return out, err
}

// placementsWithRisingHours returns the placements of the given citizens
// whose last recorded week had more hours worked than the first. Two index
// look-ups per placement (placement_id, week_start), whatever the number of
// weeks, so it stays cheap for a whole jobcentre.
func (s *Store) placementsWithRisingHours(ctx context.Context, citizenIDs []int64) (map[int64]bool, error) {
	var rows []struct {
		PlacementID int64
		First, Last float64
	}
	err := s.q(ctx).Raw(`SELECT h.placement_id,
		(SELECT f.worked FROM placement_hours f WHERE f.placement_id = h.placement_id ORDER BY f.week_start ASC LIMIT 1) AS first,
		(SELECT l.worked FROM placement_hours l WHERE l.placement_id = h.placement_id ORDER BY l.week_start DESC LIMIT 1) AS last
		FROM placement_hours h WHERE h.citizen_id IN ? GROUP BY h.placement_id`, citizenIDs).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "hours of past placements")
	}
	out := make(map[int64]bool, len(rows))
	for _, r := range rows {
		if r.Last > r.First {
			out[r.PlacementID] = true
		}
	}
	return out, nil
}

// PlacementsOfCitizens returns the live placements of the given citizens.
func (s *Store) PlacementsOfCitizens(ctx context.Context, ids []int64) (map[int64][]models.Placement, error) {
	out := map[int64][]models.Placement{}
	err := inChunks(ids, func(ids []int64) error {
		var ps []models.Placement
		if err := s.q(ctx).Where("citizen_id IN ? AND archived_at IS NULL", ids).Order("id").Find(&ps).Error; err != nil {
			return translate(err, "placements of citizens")
		}
		for _, p := range ps {
			out[p.CitizenID] = append(out[p.CitizenID], p)
		}
		return nil
	})
	return out, err
}

// MatchingOpening is an opening as matching reads it: the columns the
// rules, the score and a ranked list need, with the company's name. It
// leaves out the long texts, so that a whole marketplace loads quickly.
type MatchingOpening struct {
	ID              int64
	JobcentreID     int64
	CompanyID       int64
	CompanyName     string
	Kind            models.Kind
	Title           string
	Branch          string
	Town            string
	Lat             float64
	Lon             float64
	HoursMin        float64
	HoursMax        float64
	Seats           int
	StartDate       models.Date
	DanishLevel     models.DanishLevel
	DriversLicence  bool
	MentorAvailable bool
	Status          models.OpeningStatus
	UpdatedAt       time.Time
	ArchivedAt      *time.Time
}

// Live reports whether the opening is live and open, so matching may
// propose it.
func (o MatchingOpening) Live() bool { return o.ArchivedAt == nil && o.Status == models.StatusOpen }

// OpeningsForMatching returns every live, open opening when changedSince
// is zero; otherwise every opening changed since then, live or not, so a
// cache can apply the changes (an archived or closed opening leaves it).
func (s *Store) OpeningsForMatching(ctx context.Context, changedSince time.Time) ([]MatchingOpening, error) {
	q := s.q(ctx).Table("openings AS o").
		Select("o.id, o.jobcentre_id, o.company_id, c.name AS company_name, o.kind, o.title, o.branch, o.town, o.lat, o.lon, " +
			"o.hours_min, o.hours_max, o.seats, o.start_date, o.danish_level, o.drivers_licence, o.mentor_available, o.status, " +
			"o.updated_at, o.archived_at").
		Joins("JOIN companies c ON c.id = o.company_id")
	if changedSince.IsZero() {
		q = q.Where("o.archived_at IS NULL AND o.status = ?", models.StatusOpen)
	} else {
		q = q.Where("o.updated_at > ?", changedSince.UTC())
	}
	var out []MatchingOpening
	err := q.Order("o.id").Scan(&out).Error
	return out, translate(err, "openings for matching")
}

// ActiveVirksomhedscentre returns the live virksomhedscentre of a
// jobcentre (0: of every jobcentre) that are valid on a day. An virksomhedscenter
// is the jobcentre's own: it places that jobcentre's citizens.
func (s *Store) ActiveVirksomhedscentre(ctx context.Context, jc int64, on models.Date) ([]models.Virksomhedscenter, error) {
	var out []models.Virksomhedscenter
	q := s.q(ctx).Where("archived_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)", on, on)
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	err := q.Find(&out).Error
	return out, translate(err, "active virksomhedscentre")
}

// CitizenSelection picks the live citizens a matching call looks at.
type CitizenSelection struct {
	JobcentreID int64 // 0: every jobcentre (administrators only)
	// IDs, when not nil, keeps only these citizens.
	IDs          []int64
	TargetGroups []string
	ConsultantID int64
	// ConsentKind, when set, keeps only citizens who consented to be shown
	// to employers for this kind of opening (the general consent_share
	// alone is not enough).
	ConsentKind models.Kind
}

// CitizensForMatching returns the live citizens the selection picks, in
// id order.
func (s *Store) CitizensForMatching(ctx context.Context, sel CitizenSelection) ([]models.Citizen, error) {
	out := []models.Citizen{}
	base := func() *gorm.DB {
		q := s.q(ctx).Where("archived_at IS NULL")
		if sel.JobcentreID != 0 {
			q = q.Where("jobcentre_id = ?", sel.JobcentreID)
		}
		if len(sel.TargetGroups) > 0 {
			q = q.Where("target_group IN ?", sel.TargetGroups)
		}
		if sel.ConsultantID != 0 {
			q = q.Where("consultant_id = ?", sel.ConsultantID)
		}
		if sel.ConsentKind != "" {
			q = q.Where("id IN (?)", s.q(ctx).Model(&models.CitizenConsent{}).Select("citizen_id").Where("kind = ?", sel.ConsentKind))
		}
		return q.Order("id")
	}
	if sel.IDs == nil {
		err := base().Find(&out).Error
		return out, translate(err, "citizens for matching")
	}
	err := inChunks(sel.IDs, func(ids []int64) error {
		var part []models.Citizen
		if err := base().Where("id IN ?", ids).Find(&part).Error; err != nil {
			return translate(err, "citizens for matching")
		}
		out = append(out, part...)
		return nil
	})
	return out, err
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
