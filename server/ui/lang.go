package ui

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/web"
)

// langCookie remembers an employer's or visitor's choice of language on
// the device for a year. Consultants, administrators and event staff work
// in Danish; the switch is not offered to them and the cookie is ignored.
const langCookie = "sprog"

// offersLang reports whether u may choose English: employers and visitors
// who are not logged in (someone opening an invitation or resetting a
// password).
func offersLang(u *models.User) bool {
	return u == nil || u.Role == models.RoleEmployer
}

// langOf returns the language to render for the request's user.
func langOf(c echo.Context, u *models.User) string {
	if !offersLang(u) {
		return web.Danish
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		return web.LangOf(ck.Value)
	}
	return web.Danish
}

// setLang stores the chosen language and sends the browser back where it
// came from (a local path only, never another site).
func (h *Handler) setLang(c echo.Context) error {
	lang := web.LangOf(c.FormValue("lang"))
	c.SetCookie(&http.Cookie{
		Name: langCookie, Value: lang, Path: "/",
		Expires:  time.Now().AddDate(1, 0, 0),
		MaxAge:   365 * 24 * 3600,
		HttpOnly: true, Secure: c.Scheme() == "https", SameSite: http.SameSiteLaxMode,
	})
	back := "/"
	if ref := c.Request().Referer(); ref != "" {
		if i := strings.Index(ref, "://"); i >= 0 {
			rest := ref[i+3:]
			if j := strings.IndexByte(rest, '/'); j >= 0 && rest[:j] == c.Request().Host {
				back = rest[j:]
			}
		}
	}
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") {
		back = "/"
	}
	return c.Redirect(http.StatusSeeOther, back)
}
