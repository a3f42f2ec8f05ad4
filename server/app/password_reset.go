package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"placering/models"
	"placering/server/auth"
	"placering/store"
)

// PasswordResetPath is where a password reset link points, under
// PublicURL; the token follows.
const PasswordResetPath = "/nulstil/"

// PasswordResetFloor is the least time a reset request takes, whether the
// address belongs to a user or not, so that its timing does not tell.
var PasswordResetFloor = 250 * time.Millisecond

// PasswordResetRequest is the body of a request for a reset link.
type PasswordResetRequest struct {
	Email string `json:"email"`
}

// Validate checks that an address is there.
func (in PasswordResetRequest) Validate() models.FieldErrors {
	var errs models.FieldErrors
	checkEmail(&errs, "email", strings.ToLower(strings.TrimSpace(in.Email)))
	return errs
}

// NewPasswordInput is the body that spends a reset link.
type NewPasswordInput struct {
	Password string `json:"password"`
}

// Validate checks that a password is there; its strength needs the user.
func (in NewPasswordInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if in.Password == "" {
		errs.Add("password", "Vælg en ny adgangskode.")
	}
	return errs
}

// RequestPasswordReset mails a one-time link to set a new password when
// email belongs to an active user who logs in with a password, and does
// nothing otherwise; it answers the same either way, and takes at least
// PasswordResetFloor, so nobody learns which addresses have users. mayMail
// false (the caller's throttle said this address or source has asked too
// often) sends nothing either.
func (a *App) RequestPasswordReset(ctx context.Context, email string, mayMail bool) error {
	start := time.Now()
	defer func() {
		if wait := PasswordResetFloor - time.Since(start); wait > 0 {
			t := time.NewTimer(wait)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
			}
		}
	}()
	in := PasswordResetRequest{Email: email}
	if err := in.Validate().Err(); err != nil {
		return err
	}
	if !mayMail {
		return nil
	}
	u, err := a.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if u.Archived() || u.PasswordHash == "" {
		return nil
	}
	if !HasPasswordLogin(u) {
		// Staff who log in through the jobcentre's identity provider keep
		// doing so: a reset would give them a password the municipality's
		// login (its two-factor step, its leaver process) does not govern.
		// They are told where to log in instead.
		return a.mailIdentityProviderHint(ctx, u)
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := a.Now().UTC().Truncate(time.Microsecond)
	r := models.PasswordReset{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(models.PasswordResetTTL)}
	if err := a.store.CreatePasswordReset(ctx, &r); err != nil {
		return err
	}
	if err := a.sendMail(ctx, passwordResetMail(u, a.PublicURL+PasswordResetPath+token)); err != nil {
		return err
	}
	return a.audit(ctx, &u, "request", "password_reset", u.ID)
}

// errResetGone answers a reset link that was used or has expired.
func errResetGone(err error) error {
	return models.Errorf(models.EGone, "password reset", err,
		"Linket til at nulstille adgangskoden er brugt eller udløbet. Bed om et nyt.")
}

// pendingReset returns the unused, unexpired reset of token and its user;
// a link from before the user's last password change or deactivation is
// gone, as their sessions from then are.
func (a *App) pendingReset(ctx context.Context, token string) (models.PasswordReset, models.User, error) {
	if !auth.ValidToken(token) {
		return models.PasswordReset{}, models.User{}, errUnknownLink("password reset")
	}
	r, err := a.store.PasswordResetByHash(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return r, models.User{}, errUnknownLink("password reset")
	}
	if err != nil {
		return r, models.User{}, err
	}
	if r.UsedAt != nil || !a.Now().Before(r.ExpiresAt) {
		return r, models.User{}, errResetGone(nil)
	}
	u, err := a.store.GetUser(ctx, r.UserID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return r, u, err
	}
	if err != nil || u.Archived() || !HasPasswordLogin(u) {
		return r, u, errResetGone(err)
	}
	if !SessionValid(u, r.CreatedAt) {
		// Asked for before the password was changed or the user was
		// deactivated: that ended the link as it ends sessions.
		return r, u, errResetGone(nil)
	}
	return r, u, nil
}

// HasPasswordLogin reports whether u logs in with a password, that is was
// not made by an OIDC login (which leaves unusablePassword). Those who do
// not change their password at the identity provider, not here.
func HasPasswordLogin(u models.User) bool {
	return u.PasswordHash != "" && u.PasswordHash != unusablePassword
}

// errNoPasswordLogin refuses a password change of a user who logs in only
// through the jobcentre's identity provider.
func errNoPasswordLogin() error {
	return models.Conflict("", "Du logger ind med kommunens login og har ingen adgangskode i Placering. Din adgangskode skiftes hos kommunen.")
}

// mailIdentityProviderHint answers a reset request of a user who logs in
// only through their jobcentre's identity provider with a mail saying so
// and linking that login, instead of a reset link.
func (a *App) mailIdentityProviderHint(ctx context.Context, u models.User) error {
	jobcentre, link := "", a.PublicURL+"/login"
	if u.JobcentreID != nil {
		j, err := a.store.GetJobcentre(ctx, *u.JobcentreID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		jobcentre = j.Name
		link = a.PublicURL + OIDCStartPath + strconv.FormatInt(*u.JobcentreID, 10)
	}
	if err := a.sendMail(ctx, identityProviderHintMail(u, jobcentre, link)); err != nil {
		return err
	}
	return a.audit(ctx, &u, "request", "password_reset", u.ID)
}

// CheckPasswordReset reports whether a reset link still works (for the
// page that asks for the new password).
func (a *App) CheckPasswordReset(ctx context.Context, token string) error {
	_, _, err := a.pendingReset(ctx, token)
	return err
}

// ResetPassword spends a reset link: the user gets the new password, and
// every session and API token of theirs ends (as for a password change),
// and their other reset links stop working. It returns the user.
func (a *App) ResetPassword(ctx context.Context, token string, in NewPasswordInput) (models.User, error) {
	r, u, err := a.pendingReset(ctx, token)
	if err != nil {
		return models.User{}, err
	}
	if err := in.Validate().Err(); err != nil {
		return models.User{}, err
	}
	if err := auth.CheckNewPassword(in.Password, u.Email); err != nil {
		var errs models.FieldErrors
		errs.Add("password", "%s", err.Error())
		return models.User{}, errs.Err()
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return models.User{}, err
	}
	stamp := a.Now().UTC().Truncate(time.Microsecond)
	err = a.store.UsePasswordReset(ctx, r.ID, u.ID, hash, stamp)
	switch {
	case errors.Is(err, store.ErrUsed), errors.Is(err, store.ErrNotFound):
		return models.User{}, errResetGone(err)
	case err != nil:
		return models.User{}, err
	}
	if err := a.audit(ctx, &u, "password_reset", "user", u.ID); err != nil {
		return models.User{}, err
	}
	return u, nil
}
