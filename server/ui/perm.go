package ui

import (
	"fmt"

	"placering/models"
	"placering/server/app"
)

// These helpers only decide which links and buttons to draw. They mirror
// the rules in server/app so that nobody is offered an action that will be
// refused; the app still checks every call, and is the only authority.

func isStaff(u *models.User) bool {
	return u.Role == models.RoleAdmin || u.Role == models.RoleConsultant
}

func seesCitizens(u *models.User) bool { return isStaff(u) }

func inJobcentre(u *models.User, jc int64) bool {
	return u.Role == models.RoleAdmin || u.Role == models.RoleConsultant && u.JobcentreID != nil && *u.JobcentreID == jc
}

func ownsCompany(u *models.User, companyID int64) bool {
	return u.Role == models.RoleEmployer && u.CompanyID != nil && *u.CompanyID == companyID
}

func canEditCompany(u *models.User, c models.Company) bool {
	return inJobcentre(u, c.JobcentreID) || ownsCompany(u, c.ID)
}

func canArchiveCompany(u *models.User, c models.Company) bool { return inJobcentre(u, c.JobcentreID) }

func canPostOpening(u *models.User) bool { return isStaff(u) || u.Role == models.RoleEmployer }

func canPostOpeningAt(u *models.User, c models.Company) bool {
	return inJobcentre(u, c.JobcentreID) || ownsCompany(u, c.ID)
}

func canEditOpening(u *models.User, o models.Opening) bool {
	return inJobcentre(u, o.JobcentreID) || ownsCompany(u, o.CompanyID)
}

func canEditCentre(u *models.User, v models.Virksomhedscenter) bool {
	return inJobcentre(u, v.JobcentreID)
}

// forbidden refuses a page the user's role cannot use, with a reason in
// Danish that the error page shows ("Du har ikke adgang: …").
func forbidden(reason string) error { return fmt.Errorf("%s: %w", reason, app.ErrForbidden) }
