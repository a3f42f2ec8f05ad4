package store

import (
	"context"
	"fmt"
	"time"

	"placering/models"
)

// ProgressionSettings are a jobcentre's progression thresholds as JSON;
// the app decodes them into the progression package's Settings.
type ProgressionSettings struct {
	JobcentreID int64     `gorm:"primaryKey;autoIncrement:false"`
	Params      string    `gorm:"column:params"`
	UpdatedAt   time.Time `gorm:"column:updated_at"`
	UpdatedBy   *int64    `gorm:"column:updated_by"`
}

// TableName names the settings table.
func (ProgressionSettings) TableName() string { return "progression_settings" }

// GetProgressionSettings returns a jobcentre's settings, or ErrNotFound
// when it uses the defaults.
func (s *Store) GetProgressionSettings(ctx context.Context, jc int64) (ProgressionSettings, error) {
	var p ProgressionSettings
	err := s.q(ctx).Where("jobcentre_id = ?", jc).First(&p).Error
	return p, translate(err, "progression settings")
}

// SaveProgressionSettings writes a jobcentre's settings.
func (s *Store) SaveProgressionSettings(ctx context.Context, p *ProgressionSettings) error {
	p.UpdatedAt = time.Now().UTC()
	return translate(s.q(ctx).Save(p).Error, "save progression settings")
}

// AckAlert stores an acknowledgement; a second one for the same alert is
// ErrConflict.
func (s *Store) AckAlert(ctx context.Context, a *models.AlertAck) error {
	return create(ctx, s, a, "alert acknowledgement")
}

// AlertAcks returns a jobcentre's acknowledgements by alert key.
func (s *Store) AlertAcks(ctx context.Context, jc int64) (map[string]models.AlertAck, error) {
	var rows []models.AlertAck
	if err := s.q(ctx).Where("jobcentre_id = ?", jc).Find(&rows).Error; err != nil {
		return nil, translate(err, "alert acknowledgements")
	}
	out := make(map[string]models.AlertAck, len(rows))
	for _, r := range rows {
		out[r.AlertKey] = r
	}
	return out, nil
}

// ProgressionCitizen is the part of a citizen that progression and the
// alert list read.
type ProgressionCitizen struct {
	ID             int64
	JobcentreID    int64
	Name           string
	TargetGroup    models.TargetGroup
	GroupEnteredOn models.Date
	ArrivalDate    models.Date
	ConsultantID   *int64
}

// CitizenFilterLite selects citizens for progression.
type CitizenFilterLite struct {
	JobcentreID  int64
	IDs          []int64 // nil: all
	ConsultantID int64
	TargetGroups []string
}

// ProgressionCitizens returns the live citizens f selects, in id order.
func (s *Store) ProgressionCitizens(ctx context.Context, f CitizenFilterLite) ([]ProgressionCitizen, error) {
	var out []ProgressionCitizen
	q := s.q(ctx).Model(&models.Citizen{}).
		Select("id, jobcentre_id, name, target_group, group_entered_on, arrival_date, consultant_id").
		Where("archived_at IS NULL")
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return out, nil
		}
		q = q.Where("id IN ?", models.UniqueIDs(f.IDs))
	}
	if f.ConsultantID != 0 {
		q = q.Where("consultant_id = ?", f.ConsultantID)
	}
	if len(f.TargetGroups) > 0 {
		q = q.Where("target_group IN ?", f.TargetGroups)
	}
	err := q.Order("id").Scan(&out).Error
	return out, translate(err, "citizens for progression")
}

// ProgressionMark says what state a jobcentre's progression data is in.
type ProgressionMark struct {
	// Fingerprint changes whenever something the jobcentre's alerts and
	// reports are computed from changes: any hours saved (every save adds
	// a revision), a placement or citizen of the jobcentre written,
	// created or archived, or its thresholds edited. Callers cache
	// computed results under it, so a cache can never serve figures older
	// than the data, on any replica.
	Fingerprint string
	// Settings is the thresholds' part: a change there affects everyone.
	Settings string
	// Revision is the newest hours revision (0 when none).
	Revision int64
}

// ProgressionMark reads the mark of a jobcentre's progression data.
func (s *Store) ProgressionMark(ctx context.Context, jobcentreID int64) (ProgressionMark, error) {
	var row struct {
		Revisions  *int64
		Placements string
		Citizens   string
		Settings   string
	}
	err := s.q(ctx).Raw(`SELECT
		(SELECT MAX(id) FROM placement_hour_revisions) AS revisions,
		(SELECT COALESCE(CAST(MAX(updated_at) AS TEXT), '') || '/' || CAST(COUNT(*) AS TEXT) FROM placements WHERE jobcentre_id = ?) AS placements,
		(SELECT COALESCE(CAST(MAX(updated_at) AS TEXT), '') || '/' || CAST(COUNT(*) AS TEXT) FROM citizens WHERE jobcentre_id = ?) AS citizens,
		(SELECT COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM progression_settings WHERE jobcentre_id = ?) AS settings`,
		jobcentreID, jobcentreID, jobcentreID).Scan(&row).Error
	if err != nil {
		return ProgressionMark{}, translate(err, "progression mark")
	}
	m := ProgressionMark{Settings: row.Settings}
	if row.Revisions != nil {
		m.Revision = *row.Revisions
	}
	m.Fingerprint = fmt.Sprintf("%d|%s|%s|%s", m.Revision, row.Placements, row.Citizens, row.Settings)
	return m, nil
}

// ProgressionChangedCitizens returns the jobcentre's citizens whose
// progression inputs changed after the given mark: hours saved since the
// revision, placements or the citizen row itself written at or after the
// time. A cache of per-citizen results recomputes only these.
func (s *Store) ProgressionChangedCitizens(ctx context.Context, jobcentreID, sinceRevision int64, since time.Time) ([]int64, error) {
	var ids []int64
	err := s.q(ctx).Raw(`SELECT p.citizen_id FROM placements p
			WHERE p.jobcentre_id = ? AND (p.updated_at >= ?
				OR p.id IN (SELECT r.placement_id FROM placement_hour_revisions r WHERE r.id > ?))
		UNION SELECT c.id FROM citizens c WHERE c.jobcentre_id = ? AND c.updated_at >= ?`,
		jobcentreID, since.UTC(), sinceRevision, jobcentreID, since.UTC()).Scan(&ids).Error
	return ids, translate(err, "changed progression citizens")
}
