package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"placering/models"
)

var placementSorts = sortsOf(models.PlacementSorts)

// seatTaking are the statuses in which a placement holds a seat.
var seatTaking = []string{string(models.PlacementPlanned), string(models.PlacementActive)}

// ListPlacements returns one page of placements and the total count.
func (s *Store) ListPlacements(ctx context.Context, f models.PlacementFilter) ([]models.Placement, int64, error) {
	q := live(s.q(ctx).Model(&models.Placement{}), f.IncludeArchived)
	for _, c := range []struct {
		col string
		v   int64
	}{{"jobcentre_id", f.JobcentreID}, {"citizen_id", f.CitizenID}, {"company_id", f.CompanyID}, {"opening_id", f.OpeningID}} {
		if c.v != 0 {
			q = q.Where(c.col+" = ?", c.v)
		}
	}
	if f.ConsultantID != 0 || f.LiveCitizens {
		cs := s.q(ctx).Model(&models.Citizen{}).Select("id")
		if f.ConsultantID != 0 {
			cs = cs.Where("consultant_id = ?", f.ConsultantID)
		}
		if f.LiveCitizens {
			cs = cs.Where("archived_at IS NULL")
		}
		q = q.Where("citizen_id IN (?)", cs)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if len(f.Kinds) > 0 {
		q = q.Where("kind IN ?", f.Kinds)
	}
	if !f.ActiveOn.IsZero() {
		q = q.Where("status IN ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)", seatTaking, f.ActiveOn, f.ActiveOn)
	}
	return list[models.Placement](q, f.Page, placementSorts, "-start_date", "placements")
}

// GetPlacement returns a placement by id.
func (s *Store) GetPlacement(ctx context.Context, id int64) (models.Placement, error) {
	return get[models.Placement](ctx, s, id, "placement")
}

// PlacementsByID returns the placements with the given ids.
func (s *Store) PlacementsByID(ctx context.Context, ids []int64) ([]models.Placement, error) {
	return byIDs[models.Placement](ctx, s, ids, "placements")
}

// CreatePlacement inserts a placement, made directly or by a match moving
// to startet (TransitionMatch), and is the only way the service creates
// one. A planned or active placement at an opening takes one of its seats,
// claimed under a lock on the opening's row (claimSeat), so it fails with
// ErrNoSeat when they are all taken and with ErrNotFound when the opening
// is archived. The opening's free seats change, so its search document is
// brought up to date too.
func (s *Store) CreatePlacement(ctx context.Context, p *models.Placement) error {
	return s.Tx(ctx, func(tx *Store) error {
		if p.OpeningID != nil && !p.Status.Final() {
			if err := tx.claimSeat(ctx, *p.OpeningID); err != nil {
				return err
			}
		}
		if err := create(ctx, tx, p, "placement"); err != nil {
			return err
		}
		if p.OpeningID == nil {
			return nil
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, *p.OpeningID))
	})
}

// UpdatePlacement writes p's writable columns. before is the row as the
// caller read it: the write fails with ErrConflict when someone changed the
// status in between (two consultants ending one placement), and a move to
// another opening takes a seat there. The openings whose free seats change
// get their search documents refreshed.
func (s *Store) UpdatePlacement(ctx context.Context, p *models.Placement, before models.Placement) error {
	holds := func(x models.Placement) bool { return x.OpeningID != nil && !x.Status.Final() }
	sameOpening := before.OpeningID != nil && p.OpeningID != nil && *before.OpeningID == *p.OpeningID
	return s.Tx(ctx, func(tx *Store) error {
		if holds(*p) && !(holds(before) && sameOpening) {
			if err := tx.claimSeat(ctx, *p.OpeningID); err != nil {
				return err
			}
		}
		res := tx.q(ctx).Model(p).Where("archived_at IS NULL AND status = ?", before.Status).Select("*").
			Omit("id", "jobcentre_id", "citizen_id", "match_id", "created_at", "created_by", "archived_at").Updates(p)
		if res.Error != nil {
			return translate(res.Error, "update placement")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("update placement %d: status changed since read: %w", p.ID, ErrConflict)
		}
		var openings []int64
		for _, x := range []models.Placement{before, *p} {
			if x.OpeningID != nil && (holds(before) != holds(*p) || !sameOpening) {
				openings = append(openings, *x.OpeningID)
			}
		}
		if len(openings) == 0 {
			return nil
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, models.UniqueIDs(openings)...))
	})
}

// ImportPlacements loads history: it inserts many placements in batches
// with no seat check and no search update, for the demo and migrations
// only. The service creates placements with CreatePlacement.
func (s *Store) ImportPlacements(ctx context.Context, ps []models.Placement) error {
	if len(ps) == 0 {
		return nil
	}
	return translate(s.q(ctx).CreateInBatches(ps, 500).Error, "import placements")
}

// PlacementsOfJobcentre returns the live placements of a jobcentre (of
// every jobcentre when jc is 0), or of the given citizens when citizenIDs
// is not nil, in id order.
func (s *Store) PlacementsOfJobcentre(ctx context.Context, jc int64, citizenIDs []int64) ([]models.Placement, error) {
	return s.placementsOfJobcentre(ctx, jc, citizenIDs, models.ISOWeek{})
}

// PlacementsOfJobcentreInWeek is PlacementsOfJobcentre narrowed in the
// database to placements that may cover week w (the caller confirms with
// Placement.Covers): a jobcentre's hours sheet reads the few hundred
// placements of one week, not the thousands of two years.
func (s *Store) PlacementsOfJobcentreInWeek(ctx context.Context, jc int64, citizenIDs []int64, w models.ISOWeek) ([]models.Placement, error) {
	return s.placementsOfJobcentre(ctx, jc, citizenIDs, w)
}

func (s *Store) placementsOfJobcentre(ctx context.Context, jc int64, citizenIDs []int64, w models.ISOWeek) ([]models.Placement, error) {
	var out []models.Placement
	q := s.q(ctx).Where("archived_at IS NULL")
	if !w.IsZero() {
		q = q.Where("start_date IS NOT NULL AND start_date <= ? AND (end_date IS NULL OR end_date >= ? OR ended_on >= ?)",
			w.Sunday(), w.Monday(), w.Monday())
	}
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	if citizenIDs != nil {
		if len(citizenIDs) == 0 {
			return out, nil
		}
		if len(citizenIDs) <= maxInList {
			q = q.Where("citizen_id IN ?", models.UniqueIDs(citizenIDs))
		}
		// Longer lists: read the jobcentre's and let the caller pick.
	}
	err := q.Order("id").Find(&out).Error
	return out, translate(err, "placements of jobcentre")
}

// EachPlacementForProgression calls fn with each live placement of a
// jobcentre (of the given citizens when citizenIDs is not nil), with the
// columns progression reads: not the mentors, evaluation or note. Like
// EachHoursForProgression it scans by hand, for the alert list's sake.
func (s *Store) EachPlacementForProgression(ctx context.Context, jc int64, citizenIDs []int64, fn func(models.Placement)) error {
	where, args := []string{"archived_at IS NULL"}, []any{}
	if jc != 0 {
		where, args = append(where, "jobcentre_id = ?"), append(args, jc)
	}
	if citizenIDs != nil {
		if len(citizenIDs) == 0 {
			return nil
		}
		if len(citizenIDs) <= maxInList {
			where, args = append(where, "citizen_id IN ?"), append(args, models.UniqueIDs(citizenIDs))
		}
	}
	rows, err := s.q(ctx).Raw("SELECT id, jobcentre_id, citizen_id, company_id, opening_id, kind, start_date, end_date, ended_on, status, outcome, plan, target_hours"+
		" FROM placements WHERE "+strings.Join(where, " AND ")+" ORDER BY id", args...).Rows()
	if err != nil {
		return translate(err, "placements for progression")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			p                     models.Placement
			opening               sql.NullInt64
			kind, status, outcome string
		)
		if err := rows.Scan(&p.ID, &p.JobcentreID, &p.CitizenID, &p.CompanyID, &opening, &kind, &p.StartDate, &p.EndDate, &p.EndedOn,
			&status, &outcome, &p.Plan, &p.TargetHours); err != nil {
			return fmt.Errorf("scan placement: %w", err)
		}
		if opening.Valid {
			p.OpeningID = &opening.Int64
		}
		p.Kind, p.Status, p.Outcome = models.Kind(kind), models.PlacementStatus(status), models.Outcome(outcome)
		fn(p)
	}
	return translate(rows.Err(), "placements for progression")
}
