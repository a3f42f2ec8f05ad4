package store

import (
	"context"
	"fmt"
	"time"

	"placering/models"
)

// UpdateJobcentre writes a live jobcentre's number and name.
func (s *Store) UpdateJobcentre(ctx context.Context, j *models.Jobcentre) error {
	return update(ctx, s, j, "jobcentre")
}

// ArchiveJobcentre hides a jobcentre from lists; its rows stay.
func (s *Store) ArchiveJobcentre(ctx context.Context, id int64, by *int64) error {
	return archive[models.Jobcentre](ctx, s, id, by, "jobcentre")
}

// CountLiveUsersOf counts the live users that belong to jobcentre jc.
func (s *Store) CountLiveUsersOf(ctx context.Context, jc int64) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.User{}).Where("jobcentre_id = ? AND archived_at IS NULL", jc).Count(&n).Error
	return n, translate(err, "count users of jobcentre")
}

// UserFilter narrows the users list: jobcentre 0 is every jobcentre,
// Active nil both live and deactivated users.
type UserFilter struct {
	JobcentreID int64
	Active      *bool
}

// ListUsersFiltered returns users by name, deactivated ones included
// unless the filter says otherwise.
func (s *Store) ListUsersFiltered(ctx context.Context, f UserFilter) ([]models.User, error) {
	var out []models.User
	q := s.q(ctx)
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.Active != nil && *f.Active {
		q = q.Where("archived_at IS NULL")
	} else if f.Active != nil {
		q = q.Where("archived_at IS NOT NULL")
	}
	err := q.Order("name").Order("id").Find(&out).Error
	return out, translate(err, "list users")
}

// TouchLogin records that a user logged in at now.
func (s *Store) TouchLogin(ctx context.Context, userID int64, now time.Time) error {
	res := s.q(ctx).Model(&models.User{}).Where("id = ?", userID).Update("last_login_at", now)
	if res.Error != nil {
		return translate(res.Error, "touch login")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("touch login: %w", ErrNotFound)
	}
	return nil
}

// SetMustChangePassword marks whether a user must choose a new password
// before doing anything else.
func (s *Store) SetMustChangePassword(ctx context.Context, userID int64, must bool) error {
	err := s.q(ctx).Model(&models.User{}).Where("id = ?", userID).Update("must_change_password", must).Error
	return translate(err, "set must change password")
}
