package ui

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

var loginLabels = map[string]string{"email": "E-mailadresse", "password": "Adgangskode"}

type loginContent struct {
	Form    *web.Form
	Next    string
	Message string
	// OIDC lists the jobcentres whose staff can log in through their
	// identity provider (oidc.go).
	OIDC []app.OIDCChoice
}

func (h *Handler) loginPage(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if session.UserFrom(c) != nil {
		return c.Redirect(http.StatusSeeOther, next)
	}
	return h.renderLogin(c, http.StatusOK, web.NewForm(loginLabels, nil), next, "")
}

// login checks the throttle before the password, so that a source that has
// guessed wrong must wait before the next guess is even looked at; only
// wrong guesses count (see session.Throttle).
func (h *Handler) login(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	password := c.FormValue("password")
	next := safeNext(c.FormValue("next"))
	form := web.NewForm(loginLabels, url.Values{"email": {email}}) // never echo the password
	ctx := c.Request().Context()

	if email == "" || password == "" {
		if email == "" {
			form.Errors.Add("email", "Skriv din e-mailadresse.")
		}
		if password == "" {
			form.Errors.Add("password", "Skriv din adgangskode.")
		}
		return h.renderLogin(c, http.StatusUnprocessableEntity, form, next, "")
	}
	ok, wait, err := h.Throttle.Allow(ctx, email, c.RealIP())
	if err != nil {
		// The throttle fails closed: without its counters, no logins.
		slog.Error("login throttle unavailable", "err", err)
		return h.renderLogin(c, http.StatusServiceUnavailable, form, next,
			"Log ind er midlertidigt utilgængeligt. Prøv igen om lidt.")
	}
	if !ok {
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		return h.renderLogin(c, http.StatusTooManyRequests, form, next,
			"For mange forsøg på at logge ind. Vent "+waitText(wait)+", og prøv igen.")
	}
	unavailable := func(err error) error {
		slog.Error("login backend unavailable", "err", err)
		return h.renderLogin(c, http.StatusServiceUnavailable, form, next,
			"Log ind er midlertidigt utilgængeligt. Prøv igen om lidt.")
	}
	u, err := h.App.Authenticate(ctx, email, password)
	if errors.Is(err, app.ErrBadCredentials) {
		if err := h.Throttle.Failed(ctx, email, c.RealIP()); err != nil {
			return unavailable(err)
		}
		return h.renderLogin(c, http.StatusUnauthorized, form, next,
			"Forkert e-mailadresse eller adgangskode. Prøv igen.")
	}
	if models.ErrorCode(err) == models.EUnavailable {
		return unavailable(err)
	}
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	if err := h.Throttle.Succeeded(ctx, email, c.RealIP()); err != nil {
		return unavailable(err)
	}
	// A login always gets a new session id, and the session the browser
	// came with (planted by someone else, or an earlier user's on a shared
	// machine) ends: whoever knew the old id gains nothing by the login.
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := h.Sessions.Destroy(ctx, ck.Value); err != nil {
			return unavailable(err)
		}
	}
	token, err := h.Sessions.Create(ctx, u.ID)
	if err != nil {
		return unavailable(err)
	}
	h.setSessionCookie(c, token)
	return c.Redirect(http.StatusSeeOther, next)
}

func (h *Handler) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := h.Sessions.Destroy(c.Request().Context(), ck.Value); err != nil {
			return fmt.Errorf("logout: %w", err)
		}
	}
	h.clearSessionCookie(c)
	setFlash(c, flashLoggedOut, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, "/login")
}

func (h *Handler) renderLogin(c echo.Context, status int, form *web.Form, next, msg string) error {
	if form.Invalid() && msg == "" {
		msg = "Udfyld både e-mailadresse og adgangskode."
	}
	choices, err := h.App.OIDCChoices(c.Request().Context())
	if err != nil {
		slog.Error("login page: oidc choices", "err", err) // password login still works
	}
	p := newPage(c, "Log ind", "", &loginContent{Form: form, Next: next, Message: msg, OIDC: choices})
	p.Nav = nil
	p.Invalid = msg != ""
	form.Lang = p.Lang
	return renderPage(c, status, "login", p)
}

// waitText says how long to wait in plain Danish: "1 minut", "12 minutter".
func waitText(d time.Duration) string {
	if d < time.Minute {
		s := int(math.Ceil(d.Seconds()))
		if s == 1 {
			return "1 sekund"
		}
		return fmt.Sprintf("%d sekunder", s)
	}
	m := int(math.Ceil(d.Minutes()))
	if m == 1 {
		return "1 minut"
	}
	return fmt.Sprintf("%d minutter", m)
}
