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
	_, u, err := s.TokenByHash(ctx, hash, now)
	return u, err
}

// TokenByHash returns an unexpired token and its live owner.
func (s *Store) TokenByHash(ctx context.Context, hash string, now time.Time) (models.APIToken, models.User, error) {
	var t models.APIToken
	if err := s.q(ctx).Where("token_hash = ? AND expires_at > ?", hash, now).First(&t).Error; err != nil {
		return t, models.User{}, translate(err, "token by hash")
	}
	var u models.User
	err := s.q(ctx).Where("id = ? AND archived_at IS NULL", t.UserID).First(&u).Error
	return t, u, translate(err, "user by token")
}

// TouchToken records that a token was used at now, unless that was already
// recorded less than every ago, so a busy client costs a write a minute
// rather than one per request (and replicas do not all write).
func (s *Store) TouchToken(ctx context.Context, id int64, now time.Time, every time.Duration) error {
	err := s.q(ctx).Model(&models.APIToken{}).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, now.Add(-every)).
		Update("last_used_at", now).Error
	return translate(err, "touch token")
}

// ListTokens returns a user's unexpired tokens, newest first.
func (s *Store) ListTokens(ctx context.Context, userID int64, now time.Time) ([]models.APIToken, error) {
	var out []models.APIToken
	err := s.q(ctx).Where("user_id = ? AND expires_at > ?", userID, now).Order("id DESC").Find(&out).Error
	return out, translate(err, "list tokens")
}

// DeleteToken revokes one of a user's tokens.
func (s *Store) DeleteToken(ctx context.Context, userID, id int64) error {
	res := s.q(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&models.APIToken{})
	if res.Error != nil {
		return translate(res.Error, "delete token")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("delete token %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteTokens revokes every token of a user except keep (0: all).
func (s *Store) DeleteTokens(ctx context.Context, userID, keep int64) error {
	err := s.q(ctx).Where("user_id = ? AND id <> ?", userID, keep).Delete(&models.APIToken{}).Error
	return translate(err, "delete tokens")
}

// ChangePassword replaces a user's password hash, ends the user's
// sessions from before validAfter and clears must_change_password.
func (s *Store) ChangePassword(ctx context.Context, userID int64, hash string, validAfter time.Time) error {
	res := s.q(ctx).Model(&models.User{}).Where("id = ? AND archived_at IS NULL", userID).
		Updates(map[string]any{"password_hash": hash, "sessions_valid_after": validAfter, "must_change_password": false, "updated_at": time.Now().UTC()})
	if res.Error != nil {
		return translate(res.Error, "change password")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("change password: %w", ErrNotFound)
	}
	return nil
}

// SaveUser writes a user's name, role, jobcentre, company, archive state
// and session stamp (archived or not).
func (s *Store) SaveUser(ctx context.Context, u *models.User) error {
	res := s.q(ctx).Model(&models.User{}).Where("id = ?", u.ID).Updates(map[string]any{
		"name": u.Name, "role": u.Role, "jobcentre_id": u.JobcentreID, "company_id": u.CompanyID,
		"archived_at": u.ArchivedAt, "sessions_valid_after": u.SessionsValidAfter,
		"updated_at": u.UpdatedAt, "updated_by": u.UpdatedBy,
	})
	if res.Error != nil {
		return translate(res.Error, "save user")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("save user %d: %w", u.ID, ErrNotFound)
	}
	return nil
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
