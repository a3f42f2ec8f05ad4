package app

import (
	"context"

	"placering/models"
)

// CompanyNames returns company names by id, for lists that show a company
// beside each row. Names are not personal data; anyone logged in may see
// them.
func (a *App) CompanyNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	return a.Store.CompanyNames(ctx, ids)
}

// Consultants lists the consultants of jobcentre jc that the actor may
// pick as responsible (for a citizen or an agreement): the actor's own
// jobcentre only, unless the actor is an administrator.
func (a *App) Consultants(ctx context.Context, u Actor, jc int64) ([]models.User, error) {
	if !isAdmin(u) && !sameJobcentre(u, jc) {
		return nil, forbid("kun konsulenter fra eget jobcenter")
	}
	users, err := a.Store.ListUsers(ctx, jc)
	if err != nil {
		return nil, err
	}
	out := users[:0]
	for _, x := range users {
		if x.Role == models.RoleConsultant {
			out = append(out, x)
		}
	}
	return out, nil
}

// UserName returns a user's display name, or "" when there is none; for
// "created by" lines on detail pages.
func (a *App) UserName(ctx context.Context, id int64) string {
	u, err := a.Store.GetUser(ctx, id)
	if err != nil {
		return ""
	}
	return u.Name
}

// The Can… functions tell a UI which links and buttons to draw. They ask
// the same rules the app enforces, so a page never offers what a call
// would refuse.

// CanCreateCompany reports whether u may register companies.
func CanCreateCompany(u Actor) bool { return isAdmin(u) || isConsultant(u) }

// CanEditCompany reports whether u may change c.
func CanEditCompany(u Actor, c models.Company) bool { return (&App{}).mayEditCompany(u, c) == nil }

// CanArchiveCompany reports whether u may archive c.
func CanArchiveCompany(u Actor, c models.Company) bool { return !isEmployer(u) && CanEditCompany(u, c) }

// CanCreateAgreement reports whether u may make virksomhedscenter agreements.
func CanCreateAgreement(u Actor) bool { return isAdmin(u) || isConsultant(u) }

// CanEditAgreement reports whether u may change or archive v.
func CanEditAgreement(u Actor, v models.Virksomhedscenter) bool { return mayEditAgreement(u, v) == nil }

// CanCreateOpening reports whether u may post openings.
func CanCreateOpening(u Actor) bool { return isAdmin(u) || isConsultant(u) || isEmployer(u) }

// CanEditOpening reports whether u may change or archive o.
func CanEditOpening(u Actor, o models.Opening) bool { return mayEditOpening(u, o) == nil }

// CanSeeCitizens reports whether u may see citizens at all.
func CanSeeCitizens(u Actor) bool { return mayUseCitizens(u) == nil }
