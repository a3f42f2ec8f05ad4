package ui

import (
	"fmt"
	"math"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// passwordPath is where a logged-in user changes their password.
const passwordPath = "/adgangskode"

var passwordLabels = map[string]string{
	"current_password": "Nuværende adgangskode",
	"new_password":     "Ny adgangskode",
}

type passwordContent struct {
	Form *web.Form
	// Forced: the user logged in with a generated one-time password and
	// must choose their own before anything else.
	Forced bool
	// NoPassword: the user logs in only through the jobcentre's identity
	// provider, so there is no password here to change.
	NoPassword bool
	// ChosenByAdmin: the forced change is of a password an administrator
	// set (POST /api/v1/users), not the one generated at the first start.
	ChosenByAdmin bool
}

// redirectToPasswordChange sends a user who must change a generated
// password to the page that does it, from any page (htmx included).
func redirectToPasswordChange(c echo.Context) error {
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", passwordPath)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, passwordPath)
}

func (h *Handler) passwordForm(c echo.Context) error {
	return h.renderPassword(c, http.StatusOK, web.NewForm(passwordLabels, url.Values{}))
}

func (h *Handler) renderPassword(c echo.Context, status int, form *web.Form) error {
	u := session.UserFrom(c)
	forced := u.MustChangePassword
	p := newPage(c, "Skift adgangskode", "", &passwordContent{Form: form, Forced: forced, NoPassword: !app.HasPasswordLogin(*u),
		ChosenByAdmin: u.CreatedBy != nil})
	if forced {
		p.Nav = nil
	}
	p.Invalid = form.Invalid()
	return renderPage(c, status, "password", p)
}

// passwordChange changes the user's password. Every session and token of
// the user from before ends (on every replica), so this browser gets a new
// session. Wrong current passwords count as failed logins.
func (h *Handler) passwordChange(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	in := app.PasswordChange{CurrentPassword: vals.Get("current_password"), NewPassword: vals.Get("new_password")}
	form := web.NewForm(passwordLabels, url.Values{}) // passwords are never shown again
	ok, wait, err := h.Throttle.Allow(ctx, u.Email, c.RealIP())
	if err != nil {
		return err
	}
	if !ok {
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		form.Errors = models.FieldErrors{{Field: "current_password", Message: "For mange forkerte forsøg. Vent " + waitText(wait) + ", og prøv igen."}}
		return h.renderPassword(c, http.StatusTooManyRequests, form)
	}
	_, err = h.App.ChangePassword(ctx, u, in, 0)
	if err == app.ErrWrongPassword {
		if ferr := h.Throttle.Failed(ctx, u.Email, c.RealIP()); ferr != nil {
			return ferr
		}
	}
	if errs, status, rest := formErrors(err); rest != nil {
		return rest
	} else if status != 0 {
		form.Errors = errs
		return h.renderPassword(c, status, form)
	}
	token, err := h.Sessions.Create(ctx, u.ID)
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	setFlash(c, flashPasswordChanged, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, "/")
}
