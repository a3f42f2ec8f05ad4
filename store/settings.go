package store

import (
	"context"
	"time"
)

// ContactQuotaSettings is a jobcentre's contact quota: how many citizens
// an employer may be contacted about (shown as candidates, proposed) per
// opening and week. A jobcentre without a row uses the service's default.
type ContactQuotaSettings struct {
	JobcentreID              int64     `gorm:"primaryKey;autoIncrement:false"`
	InterestsPerCompanyMonth int       `gorm:"column:interests_per_company_month"`
	UpdatedAt                time.Time `gorm:"column:updated_at"`
	UpdatedBy                *int64    `gorm:"column:updated_by"`
}

// TableName names the contact quota table.
func (ContactQuotaSettings) TableName() string { return "contact_quota_settings" }

// GetContactQuotaSettings returns a jobcentre's contact quota, or
// ErrNotFound when it uses the default.
func (s *Store) GetContactQuotaSettings(ctx context.Context, jc int64) (ContactQuotaSettings, error) {
	var r ContactQuotaSettings
	err := s.q(ctx).Where("jobcentre_id = ?", jc).First(&r).Error
	return r, translate(err, "contact quota settings")
}

// SaveContactQuotaSettings writes a jobcentre's contact quota.
func (s *Store) SaveContactQuotaSettings(ctx context.Context, r *ContactQuotaSettings) error {
	r.UpdatedAt = time.Now().UTC()
	return translate(s.q(ctx).Save(r).Error, "save contact quota settings")
}

// SettingsChange is one changed field of a jobcentre's settings: the
// section (matching, progression, contact_quota, retention), the field's
// path in the section's JSON (weights.goal), the old and new value as JSON
// text, who changed it and when.
type SettingsChange struct {
	ID          int64     `gorm:"primaryKey"`
	JobcentreID int64     `gorm:"column:jobcentre_id"`
	Section     string    `gorm:"column:section"`
	Field       string    `gorm:"column:field"`
	OldValue    string    `gorm:"column:old_value"`
	NewValue    string    `gorm:"column:new_value"`
	ChangedBy   int64     `gorm:"column:changed_by"`
	ChangedAt   time.Time `gorm:"column:changed_at"`
	// ChangedByName is the user's name, read with the history.
	ChangedByName string `gorm:"->;column:changed_by_name"`
}

// TableName names the settings history table.
func (SettingsChange) TableName() string { return "settings_history" }

// AddSettingsChanges records changed fields of a jobcentre's settings.
func (s *Store) AddSettingsChanges(ctx context.Context, changes []SettingsChange) error {
	if len(changes) == 0 {
		return nil
	}
	return translate(s.q(ctx).Omit("ChangedByName").Create(&changes).Error, "record settings changes")
}

// SettingsHistory returns a jobcentre's settings changes, newest first,
// at most limit, with the name of the user who made each.
func (s *Store) SettingsHistory(ctx context.Context, jc int64, limit int) ([]SettingsChange, error) {
	var out []SettingsChange
	err := s.q(ctx).Table("settings_history AS h").
		Select("h.*, COALESCE(u.name, '') AS changed_by_name").
		Joins("LEFT JOIN users u ON u.id = h.changed_by").
		Where("h.jobcentre_id = ?", jc).
		Order("h.changed_at DESC, h.id DESC").Limit(limit).
		Scan(&out).Error
	return out, translate(err, "settings history")
}
