package store

import (
	"context"
	"database/sql"
	"fmt"

	"placering/matching/report"
	"placering/migrations"
	"placering/models"
)

// The monthly report reads a jobcentre's citizens and placements whole
// (thousands of light rows) and lets the database sum the weekly hours,
// which are hundreds of thousands of rows, down to one row per week and
// target group.

// ReportCitizens returns every citizen of a jobcentre (0: all), archived
// ones too: a citizen archived in March still counts in February. Rows are
// scanned by hand, as for the placements below: gorm's reflection costs
// more than the query at a jobcentre's size.
func (s *Store) ReportCitizens(ctx context.Context, jc int64) ([]report.Citizen, error) {
	query, args := "SELECT id, target_group, group_entered_on, created_at, archived_at FROM citizens", []any{}
	if jc != 0 {
		query, args = query+" WHERE jobcentre_id = ?", append(args, jc)
	}
	rows, err := s.q(ctx).Raw(query, args...).Rows()
	if err != nil {
		return nil, translate(err, "report citizens")
	}
	defer rows.Close()
	var out []report.Citizen
	for rows.Next() {
		var (
			c        report.Citizen
			group    string
			archived sql.NullTime
		)
		if err := rows.Scan(&c.ID, &group, &c.GroupEnteredOn, &c.CreatedAt, &archived); err != nil {
			return nil, fmt.Errorf("scan report citizen: %w", err)
		}
		c.TargetGroup = models.TargetGroup(group)
		if archived.Valid {
			c.ArchivedAt = &archived.Time
		}
		out = append(out, c)
	}
	return out, translate(rows.Err(), "report citizens")
}

// ReportPlacements returns the live placements of a jobcentre (0: all).
func (s *Store) ReportPlacements(ctx context.Context, jc int64) ([]report.Placement, error) {
	query := "SELECT p.id, p.citizen_id, p.kind, p.status, p.start_date, p.end_date, p.ended_on, p.outcome, COALESCE(o.branch, c.branch, '')" +
		" FROM placements p LEFT JOIN openings o ON o.id = p.opening_id LEFT JOIN companies c ON c.id = p.company_id WHERE p.archived_at IS NULL"
	var args []any
	if jc != 0 {
		query, args = query+" AND p.jobcentre_id = ?", append(args, jc)
	}
	rows, err := s.q(ctx).Raw(query, args...).Rows()
	if err != nil {
		return nil, translate(err, "report placements")
	}
	defer rows.Close()
	var out []report.Placement
	for rows.Next() {
		var (
			p                     report.Placement
			kind, status, outcome string
		)
		if err := rows.Scan(&p.ID, &p.CitizenID, &kind, &status, &p.StartDate, &p.EndDate, &p.EndedOn, &outcome, &p.Branch); err != nil {
			return nil, fmt.Errorf("scan report placement: %w", err)
		}
		p.Kind, p.Status, p.Outcome = models.Kind(kind), models.PlacementStatus(status), models.Outcome(outcome)
		out = append(out, p)
	}
	return out, translate(rows.Err(), "report placements")
}

// monthOfWeek is the SQL for the first day of the month a week belongs
// to: the month of its Thursday, as ISO 8601 assigns weeks to years.
func (s *Store) monthOfWeek(col string) string {
	if s.dialect == migrations.SQLite {
		return "strftime('%Y-%m-01', " + col + ", '+3 days')"
	}
	return "CAST(date_trunc('month', " + col + " + 3) AS date)"
}

// weekRange bounds week_start so that exactly the weeks whose Thursday
// lies in [from, to] are read.
func weekRange(from, to models.Date) (models.Date, models.Date) {
	return from.AddDays(-3), to.AddDays(-3)
}

// HoursByGroupWeek sums the weeks whose Thursday lies from from to to, by
// week and target group. The inner grouping follows the index on
// (jobcentre_id, week_start, citizen_id), so it streams rather than hashes.
func (s *Store) HoursByGroupWeek(ctx context.Context, jc int64, from, to models.Date) ([]report.GroupWeek, error) {
	lo, hi := weekRange(from, to)
	inner := s.q(ctx).Table("placement_hours").Select("week_start, citizen_id, SUM(worked) AS worked").
		Where("week_start >= ? AND week_start <= ?", lo, hi).Group("week_start, citizen_id")
	if jc != 0 {
		inner = inner.Where("jobcentre_id = ?", jc)
	}
	var out []report.GroupWeek
	err := s.q(ctx).Table("(?) AS t", inner).
		Select("t.week_start, c.target_group, COUNT(*) AS citizen_weeks, SUM(t.worked) AS worked").
		Joins("JOIN citizens c ON c.id = t.citizen_id").
		Group("t.week_start, c.target_group").Scan(&out).Error
	return out, translate(err, "hours by group and week")
}

// OrdinaryHourMonths returns the citizens with ordinary hours in each month
// whose weeks' Thursdays lie from from to to.
func (s *Store) OrdinaryHourMonths(ctx context.Context, jc int64, from, to models.Date) ([]report.CitizenMonth, error) {
	lo, hi := weekRange(from, to)
	q := s.q(ctx).Table("placement_hours").Select("DISTINCT citizen_id, "+s.monthOfWeek("week_start")+" AS month").
		Where("ordinary > 0 AND week_start >= ? AND week_start <= ?", lo, hi)
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	var out []report.CitizenMonth
	return out, translate(q.Scan(&out).Error, "ordinary hour months")
}
