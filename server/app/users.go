package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/server/auth"
	"placering/store"
)

// ErrBadCredentials means the email or password is wrong; which one is not
// said, so that emails cannot be probed.
var ErrBadCredentials = &models.Error{Code: models.EUnauthenticated, Message: "Forkert e-mail eller adgangskode."}

// DefaultTokenTTL is how long an API token lives unless TOKEN_TTL says
// otherwise: a working week and a weekend, so a token that leaks is not
// good for a month.
const DefaultTokenTTL = 8 * 24 * time.Hour

// Authenticate checks an email and password.
func (a *App) Authenticate(ctx context.Context, email, password string) (models.User, error) {
	if models.TextProblem(email, false) != "" || len(email) > 4*models.MaxShortText {
		// No user has such an address; PostgreSQL would refuse a NUL in
		// the look-up, SQLite would answer nothing: say the same on both.
		auth.VerifyPassword(password, auth.DummyHash)
		return models.User{}, ErrBadCredentials
	}
	u, err := a.store.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		auth.VerifyPassword(password, auth.DummyHash) // same cost as a real check
		return models.User{}, ErrBadCredentials
	}
	if err != nil {
		return models.User{}, err
	}
	if !auth.VerifyPassword(password, u.PasswordHash) {
		return models.User{}, ErrBadCredentials
	}
	now := a.Now().UTC().Truncate(time.Microsecond)
	if err := a.store.TouchLogin(ctx, u.ID, now); err != nil {
		return models.User{}, err
	}
	u.LastLoginAt = &now
	return u, nil
}

// IssueToken creates an API token for u, named name (may be empty). Only
// its hash is stored.
func (a *App) IssueToken(ctx context.Context, u models.User, name string) (string, time.Time, error) {
	name = strings.TrimSpace(name)
	var errs models.FieldErrors
	models.CheckText(&errs, "name", name, models.MaxShortText, false, false)
	if err := errs.Err(); err != nil {
		return "", time.Time{}, err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", time.Time{}, err
	}
	ttl := a.TokenTTL
	if ttl <= 0 {
		ttl = DefaultTokenTTL
	}
	now := a.Now().UTC()
	exp := now.Add(ttl)
	if err := a.store.CreateToken(ctx, &models.APIToken{UserID: u.ID, TokenHash: hash, Name: name, CreatedAt: now, ExpiresAt: exp}); err != nil {
		return "", time.Time{}, err
	}
	return token, exp, nil
}

// User returns a live user by id (for sessions).
func (a *App) User(ctx context.Context, id int64) (models.User, error) {
	u, err := a.store.GetUser(ctx, id)
	if err != nil {
		return u, notFound(err, "bruger")
	}
	if u.Archived() {
		return models.User{}, missing("bruger")
	}
	return u, nil
}

// UserInput is what an administrator sends to create a user.
type UserInput struct {
	Email       string      `json:"email"`
	Name        string      `json:"name"`
	Password    string      `json:"password"`
	Role        models.Role `json:"role"`
	JobcentreID *int64      `json:"jobcentre_id"`
	CompanyID   *int64      `json:"company_id"`
}

// CreateUser adds a user. Only administrators may; actor nil is the system
// itself (first start, demo data). A password chosen by an administrator
// is someone else's choice: the new user must change it at the first login
// (must_change_password), as with the generated first password. People
// are better invited (CreateInvitation), where they choose their own.
func (a *App) CreateUser(ctx context.Context, actor Actor, in UserInput) (models.User, error) {
	return a.createUser(ctx, actor, in, actor != nil)
}

// CreateFirstAdmin creates the first administrator of a fresh
// installation. A generated password must be changed at the first login:
// until then the administrator may do nothing else.
func (a *App) CreateFirstAdmin(ctx context.Context, email, password string, generated bool) (models.User, error) {
	return a.createUser(ctx, nil, UserInput{Email: email, Name: "Administrator", Password: password, Role: models.RoleAdmin}, generated)
}

func (a *App) createUser(ctx context.Context, actor Actor, in UserInput, mustChange bool) (models.User, error) {
	if actor != nil {
		if err := can(actor, access.Create, access.Of(access.User)); err != nil {
			return models.User{}, err
		}
	}
	var errs models.FieldErrors
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Name = strings.TrimSpace(in.Name)
	models.CheckText(&errs, "email", in.Email, models.MaxShortText, true, false)
	if at := strings.IndexByte(in.Email, '@'); !errs.Has("email") && (at < 1 || at == len(in.Email)-1 || strings.ContainsAny(in.Email, " \t")) {
		errs.Add("email", "E-mailadressen ser ikke gyldig ud.")
	}
	models.CheckText(&errs, "name", in.Name, models.MaxShortText, true, false)
	if err := auth.CheckNewPassword(in.Password, in.Email); err != nil {
		errs.Add("password", "%s", err.Error())
	}
	switch {
	case !in.Role.Valid():
		errs.Add("role", "Ukendt rolle %q.", in.Role)
	case in.Role == models.RoleConsultant || in.Role == models.RoleEventStaff:
		if in.JobcentreID == nil {
			errs.Add("jobcentre_id", "Vælg jobcenter.")
		} else if _, err := a.store.GetJobcentre(ctx, *in.JobcentreID); err != nil {
			errs.Add("jobcentre_id", "Jobcentret findes ikke.")
		}
	case in.Role == models.RoleEmployer:
		if in.CompanyID == nil {
			errs.Add("company_id", "En arbejdsgiver skal høre til en virksomhed.")
		} else if c, err := a.store.GetCompany(ctx, *in.CompanyID); err != nil || c.Archived() {
			errs.Add("company_id", "Virksomheden findes ikke.")
		} else {
			in.JobcentreID = &c.JobcentreID
		}
	}
	if err := errs.Err(); err != nil {
		return models.User{}, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Email: in.Email, Name: in.Name, PasswordHash: hash, Role: in.Role, JobcentreID: in.JobcentreID, CompanyID: in.CompanyID,
		MustChangePassword: mustChange}
	if actor != nil {
		stamp(&u.Stamp, actor, true)
	}
	if err := a.store.CreateUser(ctx, &u); err != nil {
		return models.User{}, conflict(err, "email", "Der findes allerede en bruger med denne e-mailadresse.")
	}
	return u, nil
}

// NeedsFirstAdmin reports whether no user exists yet.
func (a *App) NeedsFirstAdmin(ctx context.Context) (bool, error) {
	n, err := a.store.CountUsers(ctx)
	return n == 0, err
}

// UserFilter narrows the users list: Active nil lists live and
// deactivated users alike; JobcentreID 0 every jobcentre the actor sees.
type UserFilter struct {
	JobcentreID int64
	Active      *bool
}

// ListUsers lists users, deactivated ones included unless the filter says
// otherwise: all for an administrator, their own jobcentre's for a
// consultant (who may only read them).
func (a *App) ListUsers(ctx context.Context, u Actor, f UserFilter) ([]models.User, error) {
	if err := can(u, access.Read, access.Of(access.User)); err != nil {
		return nil, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(f.JobcentreID)
	if !ok {
		return []models.User{}, nil
	}
	users, err := a.store.ListUsersFiltered(ctx, store.UserFilter{JobcentreID: jc, Active: f.Active})
	if users == nil {
		users = []models.User{}
	}
	return users, err
}

// Consultants lists the live consultants the actor may pick as responsible
// (for a citizen or a virksomhedscenter): their own jobcentre's, or for an
// administrator jobcentre jc's (0: every jobcentre's).
func (a *App) Consultants(ctx context.Context, u Actor, jc int64) ([]models.User, error) {
	if err := can(u, access.Read, access.Of(access.User)); err != nil {
		return nil, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(jc)
	if !ok {
		return nil, nil
	}
	users, err := a.store.ListUsers(ctx, jc)
	if err != nil {
		return nil, err
	}
	out := users[:0]
	for _, x := range users {
		if x.Role == models.RoleConsultant && !x.Archived() {
			out = append(out, x)
		}
	}
	return out, nil
}

// UserName returns a user's display name, or "" when there is none; for
// "created by" lines on detail pages. Names of colleagues are no secret to
// anyone logged in.
func (a *App) UserName(ctx context.Context, id int64) string {
	u, err := a.store.GetUser(ctx, id)
	if err != nil {
		return ""
	}
	return u.Name
}
