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
	// CountsPending: the candidate counts are not in the page yet; htmx
	// fetches them after the page has drawn (employerHomeCandidates).
	CountsPending bool
}

func (h *Handler) employerHome(c echo.Context) error {
	u := session.UserFrom(c)
	home, err := h.App.EmployerHomeFirst(c.Request().Context(), u)
	if err != nil {
		return err
	}
	co := home.Company
	row := access.Row(access.Company, 0, co.ID)
	p := newPage(c, "Forside", secEmployerHome, &employerHomeContent{EmployerHome: home,
		CanPostOpening: access.Allowed(u, access.Create, access.Row(access.Opening, 0, co.ID)),
		CanEditCompany: access.Allowed(u, access.Update, row), CountsPending: len(home.Candidates) > 0})
	return renderPage(c, http.StatusOK, "employer/home", p)
}

// employerHomeCandidates is the candidates section with its counts, for
// htmx to put in place of the section without them. Without htmx (the
// address opened on its own) it is the whole home with the counts.
func (h *Handler) employerHomeCandidates(c echo.Context) error {
	u := session.UserFrom(c)
	if !isFragment(c) {
		home, err := h.App.EmployerHome(c.Request().Context(), u)
		if err != nil {
			return err
		}
		row := access.Row(access.Company, 0, home.Company.ID)
		return renderPage(c, http.StatusOK, "employer/home", newPage(c, "Forside", secEmployerHome, &employerHomeContent{EmployerHome: home,
			CanPostOpening: access.Allowed(u, access.Create, access.Row(access.Opening, 0, home.Company.ID)),
			CanEditCompany: access.Allowed(u, access.Update, row)}))
	}
	cands, err := h.App.EmployerCandidateCounts(c.Request().Context(), u)
	if err != nil {
		return err
	}
	content := &employerHomeContent{}
	content.Candidates = cands
	return renderBlock(c, http.StatusOK, "employer/home", "home-candidates", newPage(c, "Forside", secEmployerHome, content))
}
