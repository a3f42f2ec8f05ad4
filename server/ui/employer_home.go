package ui

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
)

// The employer home (/arbejdsgiver): where an employer lands after logging
// in, built for a phone first. One column of sections: what to do now
// (weeks of hours to confirm, references to write), the openings with
// status and referrals, candidates to consider, the placements at the
// company, and the company's profile. app.EmployerHome gathers it.

const (
	secEmployerHome  = "arbejdsgiver"
	employerHomePath = "/arbejdsgiver"
)

type employerHomeContent struct {
	app.EmployerHome
	CanPostOpening, CanEditCompany bool
}

func (h *Handler) employerHome(c echo.Context) error {
	u := session.UserFrom(c)
	home, err := h.App.EmployerHome(c.Request().Context(), u)
	if err != nil {
		return err
	}
	co := home.Company
	row := access.Row(access.Company, 0, co.ID)
	p := newPage(c, "Forside", secEmployerHome, &employerHomeContent{EmployerHome: home,
		CanPostOpening: access.Allowed(u, access.Create, access.Row(access.Opening, 0, co.ID)),
		CanEditCompany: access.Allowed(u, access.Update, row)})
	return renderPage(c, http.StatusOK, "employer/home", p)
}
