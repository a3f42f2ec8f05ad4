package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"placering/models"
)

// ErrUsed means a one-time link (an invitation, a password reset) was
// already used, revoked or has expired.
var ErrUsed = errors.New("used, revoked or expired")

// CreateInvitation stores a new invitation (its token only as a hash).
func (s *Store) CreateInvitation(ctx context.Context, inv *models.Invitation) error {
	inv.Email = lower(inv.Email)
	return create(ctx, s, inv, "invitation")
}

// InvitationsSentSince counts the invitations user by created since then,
// used or not.
func (s *Store) InvitationsSentSince(ctx context.Context, by int64, since time.Time) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.Invitation{}).Where("invited_by = ? AND created_at >= ?", by, since.UTC()).Count(&n).Error
	return n, translate(err, "invitations sent")
}

// GetInvitation returns an invitation by id, pending or not.
func (s *Store) GetInvitation(ctx context.Context, id int64) (models.Invitation, error) {
	return get[models.Invitation](ctx, s, id, "invitation")
}

// InvitationByHash returns the invitation whose token has this hash,
// pending or not.
func (s *Store) InvitationByHash(ctx context.Context, hash string) (models.Invitation, error) {
	var inv models.Invitation
	err := s.q(ctx).Where("token_hash = ?", hash).First(&inv).Error
	return inv, translate(err, "invitation by hash")
}

// ListInvitations returns the invitations still pending at now, of one
// jobcentre (every jobcentre's, and those of none, when jc is 0), newest
// first, at most 500.
func (s *Store) ListInvitations(ctx context.Context, jc int64, now time.Time) ([]models.Invitation, error) {
	var out []models.Invitation
	q := s.q(ctx).Where("accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now)
	if jc != 0 {
		q = q.Where("jobcentre_id = ?", jc)
	}
	err := q.Order("id DESC").Limit(500).Find(&out).Error
	return out, translate(err, "list invitations")
}

// RevokeInvitation ends a pending invitation; one no longer pending is
// ErrUsed.
func (s *Store) RevokeInvitation(ctx context.Context, id int64, now time.Time) error {
	res := s.q(ctx).Model(&models.Invitation{}).
		Where("id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", id, now).
		Update("revoked_at", now)
	if res.Error != nil {
		return translate(res.Error, "revoke invitation")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("revoke invitation %d: %w", id, ErrUsed)
	}
	return nil
}

// DeleteInvitation removes an invitation that never went out (its mail
// could not be queued).
func (s *Store) DeleteInvitation(ctx context.Context, id int64) error {
	return translate(s.q(ctx).Delete(&models.Invitation{}, id).Error, "delete invitation")
}

// AcceptInvitation marks a pending invitation accepted and creates u, the
// user it invited, in one transaction: of two accepts of one invitation
// exactly one creates a user; the other gets ErrUsed. An e-mail address
// already in use is ErrConflict, and nothing is written.
func (s *Store) AcceptInvitation(ctx context.Context, id int64, now time.Time, u *models.User) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&models.Invitation{}).
			Where("id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?", id, now).
			Update("accepted_at", now)
		if res.Error != nil {
			return translate(res.Error, "accept invitation")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("accept invitation %d: %w", id, ErrUsed)
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		err := tx.q(ctx).Model(&models.Invitation{}).Where("id = ?", id).Update("user_id", u.ID).Error
		return translate(err, "accept invitation")
	})
}

// EmailTaken reports whether any user, live or deactivated, has this
// e-mail address (in any letter case).
func (s *Store) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int64
	err := s.q(ctx).Model(&models.User{}).Where("email = ?", lower(email)).Count(&n).Error
	return n > 0, translate(err, "email taken")
}

// CreatePasswordReset stores a new password reset (its token only as a
// hash).
func (s *Store) CreatePasswordReset(ctx context.Context, r *models.PasswordReset) error {
	return create(ctx, s, r, "password reset")
}

// PasswordResetByHash returns the password reset whose token has this
// hash, used or not.
func (s *Store) PasswordResetByHash(ctx context.Context, hash string) (models.PasswordReset, error) {
	var r models.PasswordReset
	err := s.q(ctx).Where("token_hash = ?", hash).First(&r).Error
	return r, translate(err, "password reset by hash")
}

// UsePasswordReset spends the reset id (unused and unexpired at now, else
// ErrUsed) and, in the same transaction, gives its user the new password
// hash, ends the user's sessions from before now, deletes every token of
// the user and spends the user's other reset links.
func (s *Store) UsePasswordReset(ctx context.Context, id, userID int64, hash string, now time.Time) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&models.PasswordReset{}).
			Where("id = ? AND used_at IS NULL AND expires_at > ?", id, now).Update("used_at", now)
		if res.Error != nil {
			return translate(res.Error, "use password reset")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("use password reset %d: %w", id, ErrUsed)
		}
		if err := tx.ChangePassword(ctx, userID, hash, now); err != nil {
			return err
		}
		if err := tx.DeleteTokens(ctx, userID, 0); err != nil {
			return err
		}
		err := tx.q(ctx).Model(&models.PasswordReset{}).Where("user_id = ? AND used_at IS NULL", userID).
			Update("used_at", now).Error
		return translate(err, "spend password resets")
	})
}

// MailsTo returns the mails queued or sent to an address, oldest first;
// for tests and the mailbox.
func (s *Store) MailsTo(ctx context.Context, to string) ([]models.Mail, error) {
	var out []models.Mail
	err := s.q(ctx).Where("to_address = ?", to).Order("id").Find(&out).Error
	return out, translate(err, "mails to")
}

// CountExpiredLinks counts the invitations and password resets that
// expired before cutoff (used or not), which retention deletes.
func (s *Store) CountExpiredLinks(ctx context.Context, cutoff time.Time) (int64, error) {
	var a, b int64
	if err := s.q(ctx).Model(&models.Invitation{}).Where("expires_at < ?", cutoff).Count(&a).Error; err != nil {
		return 0, translate(err, "count expired invitations")
	}
	err := s.q(ctx).Model(&models.PasswordReset{}).Where("expires_at < ?", cutoff).Count(&b).Error
	return a + b, translate(err, "count expired password resets")
}

// DeleteExpiredLinks deletes the invitations and password resets that
// expired before cutoff, and returns how many.
func (s *Store) DeleteExpiredLinks(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Where("expires_at < ?", cutoff).Delete(&models.Invitation{})
		if res.Error != nil {
			return translate(res.Error, "delete expired invitations")
		}
		n = res.RowsAffected
		res = tx.q(ctx).Where("expires_at < ?", cutoff).Delete(&models.PasswordReset{})
		if res.Error != nil {
			return translate(res.Error, "delete expired password resets")
		}
		n += res.RowsAffected
		return nil
	})
	return n, err
}
