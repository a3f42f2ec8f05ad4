package models

import "time"

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

// PasswordResetTTL is how long a password reset link works.
const PasswordResetTTL = time.Hour

// Invitation asks a person, by e-mail address, to become a user with a
// role: an administrator, a consultant or event staff of a jobcentre, or
// an employer of a company. Only the hash of the link's token is kept.
// It is pending until accepted, revoked or expired.
type Invitation struct {
	ID          int64      `json:"id" gorm:"primaryKey"`
	TokenHash   string     `json:"-" gorm:"column:token_hash"`
	Email       string     `json:"email"`
	Role        Role       `json:"role"`
	JobcentreID *int64     `json:"jobcentre_id"`
	CompanyID   *int64     `json:"company_id"`
	InvitedBy   *int64     `json:"invited_by"`
	CreatedAt   time.Time  `json:"created_at"`
	ExpiresAt   time.Time  `json:"expires_at"`
	AcceptedAt  *time.Time `json:"accepted_at"`
	UserID      *int64     `json:"user_id"`
	RevokedAt   *time.Time `json:"revoked_at"`
}

// TableName names the invitations table.
func (Invitation) TableName() string { return "invitations" }

// Pending reports whether the invitation can still be accepted at now.
func (i Invitation) Pending(now time.Time) bool {
	return i.AcceptedAt == nil && i.RevokedAt == nil && now.Before(i.ExpiresAt)
}

// PasswordReset is a one-time link to set a new password, mailed to a
// user who forgot theirs. Only the hash of the link's token is kept.
type PasswordReset struct {
	ID        int64      `gorm:"primaryKey"`
	TokenHash string     `gorm:"column:token_hash"`
	UserID    int64      `gorm:"column:user_id"`
	CreatedAt time.Time  `gorm:"column:created_at"`
	ExpiresAt time.Time  `gorm:"column:expires_at"`
	UsedAt    *time.Time `gorm:"column:used_at"`
}

// TableName names the password resets table.
func (PasswordReset) TableName() string { return "password_resets" }
