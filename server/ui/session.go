package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"placering/models"
	"placering/server/app"
	"placering/server/problem"
	"placering/server/session"
)

const (
	sessionCookie = "placering_session"
	csrfCookie    = "placering_csrf"
	// csrfField is the hidden form field (and context key) holding the token.
	csrfField = "csrf"
)

// csrf protects the UI's forms. Browsers that send Sec-Fetch-Site are
// checked by that header alone (echo then puts a marker instead of a token
// in the context, which the forms carry harmlessly); older clients fall
// back to a double-submit token: a cookie plus the same value in the form.
func (h *Handler) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:" + csrfField + ",header:X-CSRF-Token",
		ContextKey:     csrfField,
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteStrictMode,
		CookieSecure:   h.SecureCookies,
		ErrorHandler: func(err error, c echo.Context) error {
			return problem.New(http.StatusForbidden, problem.TypeForbidden, "Formularen kunne ikke sendes",
				"Siden var for gammel, eller formularen kom fra et andet websted. Gå tilbage, genindlæs siden, og prøv igen.")
		},
	})
}

// session resolves the session cookie to a user. A stale or unknown cookie
// is cleared and the request continues anonymously; requireLogin decides
// whether that is enough.
func (h *Handler) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		ctx := app.WithRequest(r.Context(), app.RequestInfo{Route: c.Path(), RemoteIP: c.RealIP()})
		c.SetRequest(r.WithContext(ctx))
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		id, created, err := h.Sessions.LookupCreated(ctx, ck.Value)
		if errors.Is(err, session.ErrNoSession) {
			h.clearSessionCookie(c)
			return next(c)
		}
		if err != nil {
			return fmt.Errorf("ui session: %w", err)
		}
		u, err := h.App.User(ctx, id)
		if err == nil && !app.SessionValid(u, created) {
			// The password was changed (or the user deactivated) since
			// this session began: it ends, on every replica alike.
			err = models.ErrNotFound
		}
		if errors.Is(err, models.ErrNotFound) {
			// The user was archived after logging in: end the session.
			_ = h.Sessions.Destroy(ctx, ck.Value)
			h.clearSessionCookie(c)
			return next(c)
		}
		if err != nil {
			return fmt.Errorf("ui session user: %w", err)
		}
		session.SetUser(c, &u)
		c.Set(unreadKey, func() int64 { return h.unread(ctx, &u) }) // notifications.go
		return next(c)
	}
}

// requireLogin sends anonymous visitors to the login page, remembering
// where they were going, and a user who logged in with a generated
// password to the page that changes it.
func requireLogin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := session.UserFrom(c)
		if u == nil {
			return redirectToLogin(c)
		}
		if u.MustChangePassword && c.Path() != passwordPath {
			return redirectToPasswordChange(c) // password.go
		}
		return next(c)
	}
}

func redirectToLogin(c echo.Context) error {
	r := c.Request()
	target := "/login"
	if next := r.URL.RequestURI(); r.Method == http.MethodGet && next != "/" {
		target += "?next=" + url.QueryEscape(next)
	} else if r.Method != http.MethodGet && r.URL.Path != "/logout" {
		target += "?next=" + url.QueryEscape(r.URL.Path)
	}
	if r.Header.Get("HX-Request") == "true" {
		// An htmx request would swap the login page into the results;
		// ask htmx to navigate the whole window instead.
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

func (h *Handler) setSessionCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies,
	})
}

func (h *Handler) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies,
	})
}

// safeNext accepts only a local path as a place to return to after login,
// so that /login?next=https://evil.example cannot bounce a user away.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	if u.Path == "/login" || u.Path == "/logout" {
		return "/"
	}
	return u.RequestURI()
}
