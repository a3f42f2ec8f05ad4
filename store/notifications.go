package store

import (
	"context"
	"time"

	"placering/models"
)

// AddNotifications stores ns (one row per recipient), in the caller's
// transaction when there is one.
func (s *Store) AddNotifications(ctx context.Context, ns []models.Notification) error {
	if len(ns) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range ns {
		ns[i].ID = 0
		if ns[i].CreatedAt.IsZero() {
			ns[i].CreatedAt = now
		}
	}
	return translate(s.q(ctx).Create(&ns).Error, "add notifications")
}

// Notifications returns user's notifications, newest first, at most limit
// (unread only when unreadOnly), and how many are unread in all.
func (s *Store) Notifications(ctx context.Context, user int64, unreadOnly bool, limit int) ([]models.Notification, int64, error) {
	var out []models.Notification
	q := s.q(ctx).Where("user_id = ?", user)
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	if err := q.Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, 0, translate(err, "list notifications")
	}
	unread, err := s.UnreadNotifications(ctx, user)
	return out, unread, err
}

// UnreadNotifications counts user's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, user int64) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", user).Count(&n).Error
	return n, translate(err, "count notifications")
}

// MarkNotificationsRead marks user's notifications ids read at now (all
// unread ones when ids is empty); other users' rows are never touched.
func (s *Store) MarkNotificationsRead(ctx context.Context, user int64, ids []int64, now time.Time) error {
	q := s.q(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", user)
	if len(ids) > 0 {
		q = q.Where("id IN ?", ids)
	}
	return translate(q.Update("read_at", now.UTC()).Error, "mark notifications read")
}

// ActiveUsers returns the live users with role of jobcentre jc (when jc is
// not 0) and of company (when company is not 0): the recipients of a
// notification to "the jobcentre's consultants" or "the company's
// employers".
func (s *Store) ActiveUsers(ctx context.Context, role models.Role, jc, company int64) ([]models.User, error) {
	var out []models.User
	q := s.q(ctx).Where("role = ? AND archived_at IS NULL", role)
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	if company != 0 {
		q = q.Where("company_id = ?", company)
	}
	err := q.Order("id").Find(&out).Error
	return out, translate(err, "active users")
}
