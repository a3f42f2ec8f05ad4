package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"placering/models"
)

// CreateJobcentre inserts j and sets its id.
func (s *Store) CreateJobcentre(ctx context.Context, j *models.Jobcentre) error {
	return create(ctx, s, j, "jobcentre")
}

// GetJobcentre returns a jobcentre by id.
func (s *Store) GetJobcentre(ctx context.Context, id int64) (models.Jobcentre, error) {
	return get[models.Jobcentre](ctx, s, id, "jobcentre")
}

// ListJobcentres returns every live jobcentre by name.
func (s *Store) ListJobcentres(ctx context.Context) ([]models.Jobcentre, error) {
	var out []models.Jobcentre
	err := s.q(ctx).Where("archived_at IS NULL").Order("name").Find(&out).Error
	return out, translate(err, "list jobcentres")
}

// CreateUser inserts u (its email lower-cased) and sets its id.
func (s *Store) CreateUser(ctx context.Context, u *models.User) error {
	u.Email = lower(u.Email)
	return create(ctx, s, u, "user")
}

// GetUser returns a user by id.
func (s *Store) GetUser(ctx context.Context, id int64) (models.User, error) {
	return get[models.User](ctx, s, id, "user")
}

// UserByEmail returns the live user with that email, in any letter case.
func (s *Store) UserByEmail(ctx context.Context, email string) (models.User, error) {
	var u models.User
	err := s.q(ctx).Where("email = ? AND archived_at IS NULL", lower(email)).First(&u).Error
	return u, translate(err, "user by email")
}

// CountUsers counts live users; zero means the first admin is still to come.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.User{}).Where("archived_at IS NULL").Count(&n).Error
	return n, translate(err, "count users")
}

// ListUsers returns the live users of a jobcentre (all when jobcentreID is 0).
func (s *Store) ListUsers(ctx context.Context, jobcentreID int64) ([]models.User, error) {
	var out []models.User
	q := s.q(ctx).Where("archived_at IS NULL")
	if jobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", jobcentreID)
	}
	err := q.Order("name").Find(&out).Error
	return out, translate(err, "list users")
}

// SetPassword replaces a user's password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	res := s.q(ctx).Model(&models.User{}).Where("id = ?", userID).
		Updates(map[string]any{"password_hash": hash, "updated_at": time.Now().UTC()})
	if res.Error != nil {
		return translate(res.Error, "set password")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("set password: %w", ErrNotFound)
	}
	return nil
}

// CreateToken stores the hash of a new API token.
func (s *Store) CreateToken(ctx context.Context, t *models.APIToken) error {
	return create(ctx, s, t, "api token")
}

// UserByTokenHash returns the live user owning an unexpired token.
func (s *Store) UserByTokenHash(ctx context.Context, hash string, now time.Time) (models.User, error) {
	var u models.User
	err := s.q(ctx).Table("users").Select("users.*").
		Joins("JOIN api_tokens ON api_tokens.user_id = users.id").
		Where("api_tokens.token_hash = ? AND api_tokens.expires_at > ? AND users.archived_at IS NULL", hash, now).
		First(&u).Error
	return u, translate(err, "user by token")
}

// RecordAudit appends to the audit log.
func (s *Store) RecordAudit(ctx context.Context, e *models.AuditEntry) error {
	if e.At.IsZero() {
		e.At = time.Now().UTC()
	}
	return create(ctx, s, e, "audit entry")
}

var auditSorts = sortsOf(models.AuditSorts)

// ListAudit returns audit entries, newest first by default.
func (s *Store) ListAudit(ctx context.Context, f models.AuditFilter) ([]models.AuditEntry, int64, error) {
	q := s.q(ctx).Model(&models.AuditEntry{})
	if f.UserID != 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		// entity_ids is a comma-framed list like ",3,17,"; see app.audit.
		q = q.Where("entity_ids LIKE ?", fmt.Sprintf("%%,%d,%%", f.EntityID))
	}
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	return list[models.AuditEntry](q, f.Page, auditSorts, "-id", "audit log")
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
