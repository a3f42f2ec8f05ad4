package app

import (
	"context"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/server/auth"
)

// TokenTouchEvery is how often a token's last use is written at most.
const TokenTouchEvery = time.Minute

// TokenUser returns the owner of a live API token and the token's id, and
// records the use (at most once a TokenTouchEvery).
func (a *App) TokenUser(ctx context.Context, token string) (models.User, int64, error) {
	now := a.Now().UTC()
	t, u, err := a.store.TokenByHash(ctx, auth.HashToken(token), now)
	if err != nil {
		return models.User{}, 0, notFound(err, "token")
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= TokenTouchEvery {
		if err := a.store.TouchToken(ctx, t.ID, now, TokenTouchEvery); err != nil {
			return models.User{}, 0, err
		}
	}
	return u, t.ID, nil
}

// TokenInfo describes one of the caller's API tokens; never the token
// itself or its hash.
type TokenInfo struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
}

// ListTokens lists the actor's own unexpired API tokens, newest first.
func (a *App) ListTokens(ctx context.Context, u Actor) ([]TokenInfo, error) {
	ts, err := a.store.ListTokens(ctx, u.ID, a.Now().UTC())
	if err != nil {
		return nil, err
	}
	out := make([]TokenInfo, 0, len(ts))
	for _, t := range ts {
		out = append(out, TokenInfo{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC(), LastUsedAt: utcPtr(t.LastUsedAt), ExpiresAt: t.ExpiresAt.UTC()})
	}
	return out, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC()
	return &v
}

// RevokeToken deletes one of the actor's own tokens; the next request with
// it is refused. Another user's token answers not found.
func (a *App) RevokeToken(ctx context.Context, u Actor, id int64) error {
	return notFound(a.store.DeleteToken(ctx, u.ID, id), "token")
}

// ErrWrongPassword is the answer to a password change whose current
// password is wrong.
var ErrWrongPassword = &models.Error{Code: models.EInvalid, Field: "current_password",
	Message: "Den nuværende adgangskode er forkert."}

// PasswordChange is the body of a password change.
type PasswordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// Validate checks that both fields are there; the rest needs the user.
func (p PasswordChange) Validate() error {
	var errs models.FieldErrors
	if p.CurrentPassword == "" {
		errs.Add("current_password", "Skriv din nuværende adgangskode.")
	}
	if p.NewPassword == "" {
		errs.Add("new_password", "Skriv en ny adgangskode.")
	}
	return errs.Err()
}

// ChangePassword replaces the actor's password after checking the current
// one and the new one's strength, and ends every other session and token
// of the user: sessions from before the returned time no longer count, and
// every token except keepToken (the one the request came with, or 0) is
// deleted. The caller starts a new session for the browser that asked.
func (a *App) ChangePassword(ctx context.Context, u Actor, in PasswordChange, keepToken int64) (time.Time, error) {
	cur, err := a.store.GetUser(ctx, u.ID)
	if err != nil {
		return time.Time{}, notFound(err, "bruger")
	}
	if !HasPasswordLogin(cur) {
		return time.Time{}, errNoPasswordLogin()
	}
	if err := in.Validate(); err != nil {
		return time.Time{}, err
	}
	if !auth.VerifyPassword(in.CurrentPassword, cur.PasswordHash) {
		return time.Time{}, ErrWrongPassword
	}
	if err := auth.CheckNewPassword(in.NewPassword, cur.Email); err != nil {
		var errs models.FieldErrors
		errs.Add("new_password", "%s", err.Error())
		return time.Time{}, errs.Err()
	}
	if in.NewPassword == in.CurrentPassword {
		var errs models.FieldErrors
		errs.Add("new_password", "Den nye adgangskode skal være en anden end den nuværende.")
		return time.Time{}, errs.Err()
	}
	hash, err := auth.HashPassword(in.NewPassword)
	if err != nil {
		return time.Time{}, err
	}
	stamp := a.Now().UTC().Truncate(time.Microsecond)
	if err := a.store.ChangePassword(ctx, u.ID, hash, stamp); err != nil {
		return time.Time{}, notFound(err, "bruger")
	}
	if err := a.store.DeleteTokens(ctx, u.ID, keepToken); err != nil {
		return time.Time{}, err
	}
	if err := a.audit(ctx, u, "password", "user", u.ID); err != nil {
		return time.Time{}, err
	}
	return stamp, nil
}

// SessionValid reports whether a session started at created still counts
// for u (a password change or deactivation since ends it).
func SessionValid(u models.User, created time.Time) bool {
	return u.SessionsValidAfter == nil || !created.Before(*u.SessionsValidAfter)
}

// UserPatch is what an administrator sends to change a user: only the
// fields sent change. Active false deactivates (the user's sessions and
// tokens stop at once), true reactivates.
type UserPatch struct {
	Name        *string      `json:"name"`
	Role        *models.Role `json:"role"`
	JobcentreID *int64       `json:"jobcentre_id"`
	CompanyID   *int64       `json:"company_id"`
	Active      *bool        `json:"active"`
}

// UpdateUser changes a user's name, role, jobcentre or company, or
// (de)activates the user. Administrators only.
func (a *App) UpdateUser(ctx context.Context, actor Actor, id int64, in UserPatch) (models.User, error) {
	if err := can(actor, access.Update, access.Of(access.User)); err != nil {
		return models.User{}, err
	}
	u, err := a.store.GetUser(ctx, id)
	if err != nil {
		return models.User{}, notFound(err, "bruger")
	}
	before := u
	var errs models.FieldErrors
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
		models.CheckText(&errs, "name", u.Name, models.MaxShortText, true, false)
	}
	if in.Role != nil {
		u.Role = *in.Role
	}
	if in.JobcentreID != nil {
		u.JobcentreID = in.JobcentreID
	}
	if in.CompanyID != nil {
		u.CompanyID = in.CompanyID
	}
	if in.Role != nil || in.JobcentreID != nil || in.CompanyID != nil {
		switch {
		case !u.Role.Valid():
			errs.Add("role", "Ukendt rolle %q.", u.Role)
		case u.Role == models.RoleAdmin:
			u.JobcentreID, u.CompanyID = nil, nil
		case u.Role == models.RoleConsultant || u.Role == models.RoleEventStaff:
			u.CompanyID = nil
			if u.JobcentreID == nil {
				errs.Add("jobcentre_id", "Vælg jobcenter.")
			} else if _, err := a.store.GetJobcentre(ctx, *u.JobcentreID); err != nil {
				errs.Add("jobcentre_id", "Jobcentret findes ikke.")
			}
		case u.Role == models.RoleEmployer:
			if u.CompanyID == nil {
				errs.Add("company_id", "En arbejdsgiver skal høre til en virksomhed.")
			} else if c, err := a.store.GetCompany(ctx, *u.CompanyID); err != nil || c.Archived() {
				errs.Add("company_id", "Virksomheden findes ikke.")
			} else {
				u.JobcentreID = &c.JobcentreID
			}
		}
	}
	now := a.Now().UTC().Truncate(time.Microsecond)
	deactivate := false
	if in.Active != nil {
		switch {
		case !*in.Active && !u.Archived():
			if u.ID == actor.ID {
				errs.Add("active", "Du kan ikke deaktivere dig selv.")
			}
			u.ArchivedAt, u.SessionsValidAfter, deactivate = &now, &now, true
		case *in.Active && u.Archived():
			u.ArchivedAt = nil
		}
	}
	if u.ID == actor.ID && u.Role != models.RoleAdmin {
		errs.Add("role", "Du kan ikke fjerne din egen administratorrolle.")
	}
	if err := errs.Err(); err != nil {
		return models.User{}, err
	}
	if sameUser(before, u) {
		return u, nil
	}
	u.UpdatedAt = now
	stamp(&u.Stamp, actor, false)
	if err := a.store.SaveUser(ctx, &u); err != nil {
		return models.User{}, notFound(err, "bruger")
	}
	if deactivate {
		if err := a.store.DeleteTokens(ctx, u.ID, 0); err != nil {
			return models.User{}, err
		}
	}
	if err := a.audit(ctx, actor, "update", "user", u.ID); err != nil {
		return models.User{}, err
	}
	return u, nil
}

func sameUser(a, b models.User) bool {
	eq := func(x, y *int64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Name == b.Name && a.Role == b.Role && eq(a.JobcentreID, b.JobcentreID) && eq(a.CompanyID, b.CompanyID) &&
		a.Archived() == b.Archived()
}
