package store

import (
	"context"
	"time"

	"placering/models"
)

// OIDCConfig is how a jobcentre's staff log in through its identity
// provider (OpenID Connect). The client secret is stored sealed by the
// service (ClientSecretSealed); RoleMap is a JSON object from group name to
// role.
type OIDCConfig struct {
	JobcentreID        int64     `gorm:"primaryKey;autoIncrement:false"`
	Enabled            bool      `gorm:"column:enabled"`
	Issuer             string    `gorm:"column:issuer"`
	ClientID           string    `gorm:"column:client_id"`
	ClientSecretSealed string    `gorm:"column:client_secret_sealed"`
	EmailClaim         string    `gorm:"column:email_claim"`
	GroupClaim         string    `gorm:"column:group_claim"`
	RoleMap            string    `gorm:"column:role_map"`
	UpdatedAt          time.Time `gorm:"column:updated_at"`
	UpdatedBy          *int64    `gorm:"column:updated_by"`
}

// TableName names the OIDC configuration table.
func (OIDCConfig) TableName() string { return "oidc_configs" }

// UserIdentity ties a user to a subject at an identity provider.
type UserIdentity struct {
	ID          int64      `gorm:"primaryKey"`
	UserID      int64      `gorm:"column:user_id"`
	Issuer      string     `gorm:"column:issuer"`
	Subject     string     `gorm:"column:subject"`
	JobcentreID *int64     `gorm:"column:jobcentre_id"`
	CreatedAt   time.Time  `gorm:"column:created_at"`
	LastLoginAt *time.Time `gorm:"column:last_login_at"`
}

// TableName names the external identity table.
func (UserIdentity) TableName() string { return "user_identities" }

// GetOIDCConfig returns a jobcentre's OIDC configuration, or ErrNotFound.
func (s *Store) GetOIDCConfig(ctx context.Context, jc int64) (OIDCConfig, error) {
	var c OIDCConfig
	err := s.q(ctx).Where("jobcentre_id = ?", jc).First(&c).Error
	return c, translate(err, "oidc config")
}

// SaveOIDCConfig writes a jobcentre's OIDC configuration.
func (s *Store) SaveOIDCConfig(ctx context.Context, c *OIDCConfig) error {
	c.UpdatedAt = time.Now().UTC()
	return translate(s.q(ctx).Save(c).Error, "save oidc config")
}

// EnabledOIDCConfigs returns the enabled configurations of live
// jobcentres, by jobcentre id.
func (s *Store) EnabledOIDCConfigs(ctx context.Context) ([]OIDCConfig, error) {
	var out []OIDCConfig
	err := s.q(ctx).Where("enabled AND jobcentre_id IN (SELECT id FROM jobcentres WHERE archived_at IS NULL)").
		Order("jobcentre_id").Find(&out).Error
	return out, translate(err, "enabled oidc configs")
}

// IdentityBySubject returns the identity of subject at issuer, or
// ErrNotFound.
func (s *Store) IdentityBySubject(ctx context.Context, issuer, subject string) (UserIdentity, error) {
	var i UserIdentity
	err := s.q(ctx).Where("issuer = ? AND subject = ?", issuer, subject).First(&i).Error
	return i, translate(err, "identity by subject")
}

// IdentitiesOf returns a user's external identities.
func (s *Store) IdentitiesOf(ctx context.Context, userID int64) ([]UserIdentity, error) {
	var out []UserIdentity
	err := s.q(ctx).Where("user_id = ?", userID).Order("id").Find(&out).Error
	return out, translate(err, "identities of user")
}

// CreateIdentity links a user to a subject; a subject already linked is
// ErrConflict.
func (s *Store) CreateIdentity(ctx context.Context, i *UserIdentity) error {
	if i.CreatedAt.IsZero() {
		i.CreatedAt = time.Now().UTC()
	}
	return create(ctx, s, i, "identity")
}

// TouchIdentity records a login through an identity.
func (s *Store) TouchIdentity(ctx context.Context, id int64, at time.Time) error {
	err := s.q(ctx).Model(&UserIdentity{}).Where("id = ?", id).Update("last_login_at", at.UTC()).Error
	return translate(err, "touch identity")
}

// UserByEmailAny returns the user with that email, deactivated or not.
func (s *Store) UserByEmailAny(ctx context.Context, email string) (models.User, error) {
	var u models.User
	err := s.q(ctx).Where("email = ?", lower(email)).First(&u).Error
	return u, translate(err, "user by email (any)")
}
