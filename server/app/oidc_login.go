package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"placering/models"
	"placering/store"
)

// OIDCIdentity is who a jobcentre's identity provider says logged in: the
// issuer and subject of a verified ID token, and its claims (with the
// userinfo endpoint's filled in where the token had none).
type OIDCIdentity struct {
	Issuer, Subject string
	Claims          map[string]any
}

// unusablePassword is the password hash of a user created by an OIDC
// login: it matches no password, so such a user logs in only through the
// identity provider (until a password is set by a reset).
const unusablePassword = "!oidc"

func refused(msg string) error {
	return &models.Error{Code: models.EForbidden, Op: "oidc login", Message: msg}
}

// The refusals of an OIDC login, in Danish for the page that explains them.
var (
	errOIDCNoEmail       = refused("Identitetsudbyderen sendte ingen e-mailadresse, så du kan ikke logges ind. Kontakt jobcentrets administrator.")
	errOIDCUnverified    = refused("Din e-mailadresse er ikke bekræftet hos identitetsudbyderen, så du kan ikke logges ind.")
	errOIDCNoGroup       = refused("Du er ikke medlem af en gruppe, der giver adgang til Placering. Kontakt jobcentrets administrator.")
	errOIDCDeactivated   = refused("Din bruger er deaktiveret. Kontakt jobcentrets administrator.")
	errOIDCEmployer      = refused("Arbejdsgivere logger ind med e-mailadresse og adgangskode.")
	errOIDCOtherCentre   = refused("Din bruger hører til et andet jobcenter. Log ind via dit eget jobcenter.")
	errOIDCAdmin         = refused("Administratorer logger ind med e-mail og adgangskode, ikke gennem et jobcenters identitetsudbyder.")
	errOIDCOtherSubject  = refused("E-mailadressen hører til en anden bruger hos identitetsudbyderen. Kontakt jobcentrets administrator.")
	errOIDCIssuerChanged = refused("Jobcentrets log ind-indstillinger blev ændret undervejs. Prøv igen.")
)

// OIDCLogin resolves a verified identity from jobcentre jc's identity
// provider to a user who may log in, creating the user on the first login:
//
//   - a user already linked to the issuer and subject is that user;
//   - otherwise a user with the e-mail address is linked, if they are staff
//     of jc (or an administrator whom a group maps to admin) and not yet
//     linked to another subject at the same issuer;
//   - otherwise a new user of jc is created with the role the groups give.
//
// Consultants and event staff take the role their groups give at every
// login (consultant wins over event staff). Deactivated users, employers,
// staff of other jobcentres and users whose groups map to nothing are
// refused with a Danish message (code forbidden). The login and any
// creation are audited.
func (a *App) OIDCLogin(ctx context.Context, jc int64, id OIDCIdentity) (models.User, error) {
	cfg, err := a.store.GetOIDCConfig(ctx, jc)
	if errors.Is(err, store.ErrNotFound) || err == nil && !cfg.Enabled {
		return models.User{}, ErrOIDCUnavailable
	}
	if err != nil {
		return models.User{}, err
	}
	if strings.TrimRight(id.Issuer, "/") != strings.TrimRight(cfg.Issuer, "/") || id.Subject == "" {
		return models.User{}, errOIDCIssuerChanged
	}
	email, _ := id.Claims[cfg.EmailClaim].(string)
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || len(email) > models.MaxShortText || !strings.Contains(email, "@") || models.TextProblem(email, false) != "" {
		return models.User{}, errOIDCNoEmail
	}
	if v, ok := id.Claims["email_verified"]; ok && (v == false || v == "false") {
		return models.User{}, errOIDCUnverified
	}
	var roleMap map[string]models.Role
	_ = json.Unmarshal([]byte(cfg.RoleMap), &roleMap)
	staffRole := mappedRole(groupsOf(id.Claims[cfg.GroupClaim]), roleMap)

	var u models.User
	ident, err := a.store.IdentityBySubject(ctx, id.Issuer, id.Subject)
	linked := err == nil
	switch {
	case linked:
		if u, err = a.store.GetUser(ctx, ident.UserID); err != nil {
			return models.User{}, err
		}
	case !errors.Is(err, store.ErrNotFound):
		return models.User{}, err
	default:
		u, err = a.store.UserByEmailAny(ctx, email)
		if errors.Is(err, store.ErrNotFound) {
			return a.provisionOIDC(ctx, jc, id, email, staffRole)
		}
		if err != nil {
			return models.User{}, err
		}
		others, err := a.store.IdentitiesOf(ctx, u.ID)
		if err != nil {
			return models.User{}, err
		}
		for _, o := range others {
			if o.Issuer == id.Issuer {
				return models.User{}, errOIDCOtherSubject
			}
		}
	}
	switch {
	case u.Archived():
		return models.User{}, errOIDCDeactivated
	case u.Role == models.RoleEmployer:
		return models.User{}, errOIDCEmployer
	case u.Role == models.RoleAdmin:
		// An administrator reaches every jobcentre; one municipality's
		// identity provider must not be able to act as one.
		return models.User{}, errOIDCAdmin
	case u.JobcentreID == nil || *u.JobcentreID != jc:
		return models.User{}, errOIDCOtherCentre
	case staffRole == "":
		return models.User{}, errOIDCNoGroup
	case u.Role != staffRole:
		// The provider's groups decide the role of the jobcentre's staff.
		u.Role = staffRole
		u.UpdatedAt = a.Now().UTC()
		if err := a.store.SaveUser(ctx, &u); err != nil {
			return models.User{}, err
		}
		if err := a.auditReason(ctx, &u, "update", "user", "rolle fra identitetsudbyderens grupper", u.ID); err != nil {
			return models.User{}, err
		}
	}
	if !linked {
		ident = store.UserIdentity{UserID: u.ID, Issuer: id.Issuer, Subject: id.Subject, JobcentreID: &jc}
		if err := a.store.CreateIdentity(ctx, &ident); err != nil {
			return models.User{}, conflict(err, "", "Brugeren er allerede knyttet til identitetsudbyderen. Prøv igen.")
		}
	}
	return u, a.oidcLoggedIn(ctx, u, ident.ID)
}

// provisionOIDC creates a user of jobcentre jc on the first login through
// its identity provider, with the role the groups give, and links the
// identity, in one transaction.
func (a *App) provisionOIDC(ctx context.Context, jc int64, id OIDCIdentity, email string, role models.Role) (models.User, error) {
	if role == "" {
		return models.User{}, errOIDCNoGroup
	}
	u := models.User{Email: email, Name: displayName(id.Claims, email), PasswordHash: unusablePassword, Role: role, JobcentreID: &jc}
	var ident store.UserIdentity
	err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		ident = store.UserIdentity{UserID: u.ID, Issuer: id.Issuer, Subject: id.Subject, JobcentreID: &jc}
		return tx.CreateIdentity(ctx, &ident)
	})
	if err != nil {
		// Two first logins at once: the other one created the user.
		return models.User{}, conflict(err, "", "Din bruger blev oprettet samtidig et andet sted. Prøv at logge ind igen.")
	}
	if err := a.auditReason(ctx, &u, "create", "user", "oprettet ved første log ind via identitetsudbyder", u.ID); err != nil {
		return models.User{}, err
	}
	return u, a.oidcLoggedIn(ctx, u, ident.ID)
}

func (a *App) oidcLoggedIn(ctx context.Context, u models.User, identity int64) error {
	if err := a.store.TouchIdentity(ctx, identity, a.Now()); err != nil {
		return err
	}
	return a.auditReason(ctx, &u, "login", "user", "oidc", u.ID)
}

// groupsOf reads a group claim: a list of names, or one name.
func groupsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, g := range x {
			if s, ok := g.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// mappedRole returns the staff role the groups give: consultant before
// event staff, "" for none.
func mappedRole(groups []string, m map[string]models.Role) (staff models.Role) {
	for _, g := range groups {
		switch m[g] {
		case models.RoleConsultant:
			staff = models.RoleConsultant
		case models.RoleEventStaff:
			if staff == "" {
				staff = models.RoleEventStaff
			}
		}
	}
	return staff
}

// displayName is the name a new user gets: the provider's name claim, or
// given and family name, or the e-mail address's local part.
func displayName(claims map[string]any, email string) string {
	name, _ := claims["name"].(string)
	if strings.TrimSpace(name) == "" {
		given, _ := claims["given_name"].(string)
		family, _ := claims["family_name"].(string)
		name = given + " " + family
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || models.TextProblem(name, false) != "" {
		name, _, _ = strings.Cut(email, "@")
	}
	for len(name) > models.MaxShortText {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}
