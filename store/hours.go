package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"placering/models"
)

// HourEntry is one week of one placement to save.
type HourEntry struct {
	Placement models.Placement
	Week      models.ISOWeek
	Values    models.HourValues
	Source    models.HourSource
	Note      string
	// InternalNote is the jobcentre's own note; nil keeps the week's
	// current one (an employer's save never sees or clears it).
	InternalNote *string
	By           int64
	At           time.Time
	// ExpectedRevision, when set, is the revision the client saw (0: none
	// yet); the save is refused if the week has moved on since.
	ExpectedRevision *int
}

// HourSaved is the outcome of one entry: the week's current row, and
// whether the save changed it (saving the same figures again adds no
// revision).
type HourSaved struct {
	Hours   models.WeeklyHours
	Changed bool
}

// StaleRevisionError says which entries (by index) expected a revision the
// week no longer has, and which revision it has now.
type StaleRevisionError struct {
	Items   []int
	Current []int
}

func (e *StaleRevisionError) Error() string {
	parts := make([]string, len(e.Items))
	for i := range e.Items {
		parts[i] = fmt.Sprintf("item %d is at revision %d", e.Items[i], e.Current[i])
	}
	return "stale hours revision: " + strings.Join(parts, ", ")
}

// Unwrap makes a stale revision a conflict.
func (e *StaleRevisionError) Unwrap() error { return ErrConflict }

// MissingRevisionError says which entries would change a saved week
// without naming the revision they read (entry index), and each week's
// current revision. Nothing is saved.
type MissingRevisionError struct {
	Items   []int
	Current []int
}

// Unwrap makes it a conflict for callers that only know conflicts.
func (e *MissingRevisionError) Unwrap() error { return ErrConflict }

func (e *MissingRevisionError) Error() string {
	return fmt.Sprintf("save hours: %d entries change a saved week without its revision", len(e.Items))
}

type weekKey struct {
	placement int64
	week      models.ISOWeek
}

// SaveHours saves weeks of hours in one transaction: every entry lands, or
// none does. Each changed week gets a new revision appended and its
// current row replaced by it; an unchanged week is left alone. A planned
// placement that gets worked hours is marked active, since it has
// evidently started. Two writers who both read the same revision cannot
// both append the next (the revisions' unique key): the second fails with
// ErrConflict and writes nothing.
func (s *Store) SaveHours(ctx context.Context, entries []HourEntry) ([]HourSaved, error) {
	out := make([]HourSaved, len(entries))
	if len(entries) == 0 {
		return out, nil
	}
	err := s.Tx(ctx, func(tx *Store) error {
		cur, err := tx.currentHours(ctx, entries)
		if err != nil {
			return err
		}
		var (
			stale    StaleRevisionError
			unread   MissingRevisionError
			rows     []models.WeeklyHours
			revs     []models.HourRevision
			rowIndex []int
			started  []int64
			seen     = map[weekKey]bool{}
		)
		for i, e := range entries {
			k := weekKey{e.Placement.ID, e.Week}
			if seen[k] {
				return fmt.Errorf("save hours: placement %d week %s twice in one save", k.placement, k.week)
			}
			seen[k] = true
			c, exists := cur[k]
			if e.ExpectedRevision != nil && *e.ExpectedRevision != c.Revision {
				stale.Items, stale.Current = append(stale.Items, i), append(stale.Current, c.Revision)
				continue
			}
			internal := c.InternalNote
			if e.InternalNote != nil {
				internal = *e.InternalNote
			}
			if exists && c.HourValues.Same(e.Values) && c.Note == e.Note && c.InternalNote == internal {
				out[i] = HourSaved{Hours: c}
				continue
			}
			if exists && e.ExpectedRevision == nil {
				// Changing a saved week needs the revision the client read,
				// or a concurrent change would be overwritten unseen.
				unread.Items, unread.Current = append(unread.Items, i), append(unread.Current, c.Revision)
				continue
			}
			stampOf := models.HourStamp{Revision: c.Revision + 1, Source: e.Source, EnteredBy: e.By, EnteredAt: e.At.UTC(), Note: e.Note, InternalNote: internal}
			rows = append(rows, models.WeeklyHours{PlacementID: e.Placement.ID, JobcentreID: e.Placement.JobcentreID, CitizenID: e.Placement.CitizenID,
				Week: e.Week, WeekStart: e.Week.Monday(), HourValues: e.Values, HourStamp: stampOf})
			revs = append(revs, models.HourRevision{PlacementID: e.Placement.ID, Week: e.Week, WeekStart: e.Week.Monday(), HourValues: e.Values, HourStamp: stampOf})
			rowIndex = append(rowIndex, i)
			if e.Placement.Status == models.PlacementPlanned && e.Values.Worked > 0 {
				started = append(started, e.Placement.ID)
			}
		}
		if len(stale.Items) > 0 {
			return &stale
		}
		if len(unread.Items) > 0 {
			return &unread
		}
		if len(rows) == 0 {
			return nil
		}
		if err := tx.q(ctx).CreateInBatches(revs, 500).Error; err != nil {
			return translate(err, "append hour revisions")
		}
		upsert := clause.OnConflict{
			Columns: []clause.Column{{Name: "placement_id"}, {Name: "week_start"}},
			DoUpdates: clause.AssignmentColumns([]string{"planned", "worked", "absent", "absence_reason", "ordinary",
				"revision", "source", "entered_by", "entered_at", "note", "internal_note"}),
		}
		if err := tx.q(ctx).Clauses(upsert).CreateInBatches(rows, 500).Error; err != nil {
			return translate(err, "save current hours")
		}
		for j, i := range rowIndex {
			out[i] = HourSaved{Hours: rows[j], Changed: true}
			out[i].Hours.ID = 0 // read back below: RETURNING of an upsert differs by driver
		}
		if len(started) > 0 {
			err := tx.q(ctx).Model(&models.Placement{}).Where("id IN ? AND status = ?", models.UniqueIDs(started), models.PlacementPlanned).
				Updates(map[string]any{"status": models.PlacementActive, "updated_at": entries[0].At.UTC(), "updated_by": entries[0].By}).Error
			if err != nil {
				return translate(err, "activate placements")
			}
		}
		return nil
	})
	if err != nil {
		var stale *StaleRevisionError
		if errors.As(err, &stale) {
			return nil, stale
		}
		var unread *MissingRevisionError
		if errors.As(err, &unread) {
			return nil, unread
		}
		return nil, err
	}
	// Rows are never deleted, so a week's id read after the commit is the
	// id of the row this save wrote.
	return out, s.fillHourIDs(ctx, out)
}

// currentHours reads the current rows of the entries' weeks.
func (s *Store) currentHours(ctx context.Context, entries []HourEntry) (map[weekKey]models.WeeklyHours, error) {
	pids := make([]int64, 0, len(entries))
	weeks := make([]models.Date, 0, len(entries))
	seenWeek := map[models.ISOWeek]bool{}
	for _, e := range entries {
		pids = append(pids, e.Placement.ID)
		if !seenWeek[e.Week] {
			seenWeek[e.Week] = true
			weeks = append(weeks, e.Week.Monday())
		}
	}
	var rows []models.WeeklyHours
	err := s.q(ctx).Where("placement_id IN ? AND week_start IN ?", models.UniqueIDs(pids), weeks).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "read current hours")
	}
	out := make(map[weekKey]models.WeeklyHours, len(rows))
	for _, r := range rows {
		out[weekKey{r.PlacementID, r.Week}] = r
	}
	return out, nil
}

func (s *Store) fillHourIDs(ctx context.Context, saved []HourSaved) error {
	var missing []HourEntry
	for _, h := range saved {
		if h.Hours.ID == 0 {
			missing = append(missing, HourEntry{Placement: models.Placement{ID: h.Hours.PlacementID}, Week: h.Hours.Week})
		}
	}
	if len(missing) == 0 {
		return nil
	}
	cur, err := s.currentHours(ctx, missing)
	if err != nil {
		return err
	}
	for i := range saved {
		if saved[i].Hours.ID == 0 {
			saved[i].Hours.ID = cur[weekKey{saved[i].Hours.PlacementID, saved[i].Hours.Week}].ID
		}
	}
	return nil
}

// HoursOfPlacement returns a placement's current weeks, oldest first.
func (s *Store) HoursOfPlacement(ctx context.Context, placementID int64) ([]models.WeeklyHours, error) {
	var out []models.WeeklyHours
	err := s.q(ctx).Where("placement_id = ?", placementID).Order("week_start").Find(&out).Error
	return out, translate(err, "hours of placement")
}

// HourHistory returns every revision of one week of a placement, oldest
// first; the last is the current value.
func (s *Store) HourHistory(ctx context.Context, placementID int64, week models.ISOWeek) ([]models.HourRevision, error) {
	var out []models.HourRevision
	err := s.q(ctx).Where("placement_id = ? AND week_start = ?", placementID, week.Monday()).Order("revision").Find(&out).Error
	return out, translate(err, "hour history")
}

// RevisionsOfPlacement returns every revision of every week of a
// placement, by week and oldest first, in one query.
func (s *Store) RevisionsOfPlacement(ctx context.Context, placementID int64) ([]models.HourRevision, error) {
	var out []models.HourRevision
	err := s.q(ctx).Where("placement_id = ?", placementID).Order("week_start, revision").Find(&out).Error
	return out, translate(err, "revisions of placement")
}

// HourHistories returns every revision of one week of each of the given
// placements, by placement id and oldest first, in one query (per
// maxInList ids): HourHistory for a whole page of the hours sheet.
// Placements with nothing entered for the week are absent from the map.
func (s *Store) HourHistories(ctx context.Context, placementIDs []int64, week models.ISOWeek) (map[int64][]models.HourRevision, error) {
	out := map[int64][]models.HourRevision{}
	err := inChunks(placementIDs, func(ids []int64) error {
		var revs []models.HourRevision
		err := s.q(ctx).Where("placement_id IN ? AND week_start = ?", ids, week.Monday()).
			Order("placement_id, revision").Find(&revs).Error
		if err != nil {
			return translate(err, "hour histories")
		}
		for _, r := range revs {
			out[r.PlacementID] = append(out[r.PlacementID], r)
		}
		return nil
	})
	return out, err
}

// HoursFilter selects current weekly rows for progression.
type HoursFilter struct {
	JobcentreID int64 // 0: any
	// CitizenIDs: nil means any. A list longer than one IN (…) may hold
	// is not applied (the jobcentre's rows are read), so callers keep only
	// the rows of the citizens they asked for.
	CitizenIDs []int64
	Since      models.Date
}

// HoursForProgression returns the current weekly figures the progression
// computations read, without the revision stamps.
func (s *Store) HoursForProgression(ctx context.Context, f HoursFilter) ([]models.WeeklyHours, error) {
	var out []models.WeeklyHours
	err := s.EachHoursForProgression(ctx, f, func(h models.WeeklyHours) { out = append(out, h) })
	return out, err
}

// EachHoursForProgression calls fn with each current weekly row f selects.
// It reads rows by hand rather than through gorm's reflection, and hands
// them over one by one rather than as one slice: a jobcentre's year is
// several hundred thousand rows, and this is the hot path of the alert
// list.
func (s *Store) EachHoursForProgression(ctx context.Context, f HoursFilter, fn func(models.WeeklyHours)) error {
	var (
		where []string
		args  []any
	)
	if f.JobcentreID != 0 {
		where, args = append(where, "jobcentre_id = ?"), append(args, f.JobcentreID)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "week_start >= ?"), append(args, f.Since)
	}
	if f.CitizenIDs != nil {
		if len(f.CitizenIDs) == 0 {
			return nil
		}
		if len(f.CitizenIDs) <= maxInList {
			where, args = append(where, "citizen_id IN ?"), append(args, models.UniqueIDs(f.CitizenIDs))
		}
	}
	query := "SELECT placement_id, citizen_id, week_start, planned, worked, absent, absence_reason, ordinary FROM placement_hours"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.q(ctx).Raw(query, args...).Rows()
	if err != nil {
		return translate(err, "hours for progression")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h       models.WeeklyHours
			planned sql.NullFloat64
			reason  string
		)
		if err := rows.Scan(&h.PlacementID, &h.CitizenID, &h.WeekStart, &planned, &h.Worked, &h.Absent, &reason, &h.Ordinary); err != nil {
			return fmt.Errorf("scan hours: %w", err)
		}
		if planned.Valid {
			h.Planned = &planned.Float64
		}
		h.AbsenceReason, h.Week = models.AbsenceReason(reason), models.ISOWeekOf(h.WeekStart)
		fn(h)
	}
	return translate(rows.Err(), "hours for progression")
}

// ImportHours inserts weeks that have no row yet, each as revision 1 with
// its revision row, in batches: for demo and load data, where every row is
// new. It checks nothing.
func (s *Store) ImportHours(ctx context.Context, rows []models.WeeklyHours) error {
	if len(rows) == 0 {
		return nil
	}
	revs := make([]models.HourRevision, len(rows))
	for i := range rows {
		if rows[i].Revision == 0 {
			rows[i].Revision = 1
		}
		r := rows[i]
		revs[i] = models.HourRevision{PlacementID: r.PlacementID, Week: r.Week, WeekStart: r.WeekStart, HourValues: r.HourValues, HourStamp: r.HourStamp}
	}
	return s.Tx(ctx, func(tx *Store) error {
		// 1,000 rows of 15 columns stay far below both dialects' limits on
		// bound parameters.
		if err := tx.q(ctx).CreateInBatches(rows, 1000).Error; err != nil {
			return translate(err, "import hours")
		}
		return translate(tx.q(ctx).CreateInBatches(revs, 1000).Error, "import hour revisions")
	})
}
