// Package ui serves the browser UI: server-rendered pages in Danish that
// work without JavaScript, with htmx layered on where it saves a round
// trip (live list search). Who may see or change what is decided by
// server/access: the service checks every call, and pages ask the same
// rules which links and buttons to draw. This package turns forms into
// service calls and results and errors into pages (routes.go lists every
// page); it imports no store package. The look lives in package web.
package ui

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/oidclogin"
	"placering/server/session"
	"placering/web"
)

// Handler holds what the UI's handlers need.
type Handler struct {
	App      *app.App
	Sessions *session.Sessions
	Throttle *session.Throttle
	// SecureCookies marks the session and CSRF cookies Secure (HTTPS).
	SecureCookies bool
	// OIDC runs logins through the jobcentres' identity providers; nil
	// means one over the sessions' cache.
	OIDC *oidclogin.Flow
}

// static serves web's embedded files; unknown names get the UI's 404 page.
func static(c echo.Context) error {
	name := strings.TrimPrefix(c.Param("*"), "/")
	if !web.HasAsset(name) {
		return echo.ErrNotFound
	}
	http.StripPrefix("/static", web.Static()).ServeHTTP(c.Response(), c.Request())
	return nil
}

// noStore keeps pages (which can show personal data) out of browser and
// proxy caches, and tells caches that htmx fragments differ from pages.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hdr := c.Response().Header()
		hdr.Set("Cache-Control", "no-store")
		hdr.Add("Vary", "HX-Request")
		return next(c)
	}
}

// home sends each role to where its work starts: an employer to their
// home page (employer_home.go), a consultant to the alert dashboard, an
// administrator with no jobcentre yet to the set-up page, everyone else to
// the openings marketplace.
func (h *Handler) home(c echo.Context) error {
	u := session.UserFrom(c)
	if u.CompanyID != nil && u.Role == models.RoleEmployer {
		return c.Redirect(http.StatusSeeOther, employerHomePath)
	}
	if u.Role == models.RoleConsultant {
		return c.Redirect(http.StatusSeeOther, alertsPath)
	}
	if first, err := h.App.NeedsFirstJobcentre(c.Request().Context(), u); err != nil {
		return err
	} else if first {
		return c.Redirect(http.StatusSeeOther, setupPath) // an administrator on the first run
	}
	return c.Redirect(http.StatusSeeOther, "/aabninger")
}
