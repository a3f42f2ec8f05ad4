package ui

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/server/app"
	"placering/web"
)

// The pages reached from a one-time link in a mail, and the page that asks
// for a password reset link. None needs a login. A link that was used,
// revoked or has expired answers 410 with a Danish page saying so.

const (
	acceptPath = "/invitation"        // + "/:token"
	forgotPath = "/glemt-adgangskode" // asks for a reset link
	resetPath  = "/nulstil"           // + "/:token"
	againField = "password_again"     // the password typed a second time
	notSame    = "De to adgangskoder er ikke ens. Skriv den samme begge steder."
	againLabel = "Adgangskode igen"
)

var acceptLabels = map[string]string{"form": "Formularen", "name": "Dit navn", "password": "Adgangskode", againField: againLabel}

type acceptContent struct {
	Form   *web.Form
	Offer  app.InvitationOffer
	Role   string
	Action string
}

func (h *Handler) acceptPage(c echo.Context) error {
	token := c.Param("token")
	offer, err := h.App.InvitationFor(c.Request().Context(), token)
	if err != nil {
		return err
	}
	return h.renderAccept(c, http.StatusOK, token, offer, web.NewForm(acceptLabels, nil))
}

func (h *Handler) renderAccept(c echo.Context, status int, token string, offer app.InvitationOffer, form *web.Form) error {
	content := &acceptContent{Form: form, Offer: offer, Role: offer.Role.Label(), Action: acceptPath + "/" + url.PathEscape(token)}
	p := newPage(c, "Velkommen til Placering", "", content)
	p.Nav = nil
	p.Invalid = form.Invalid()
	form.Lang = p.Lang
	return renderPage(c, status, "accounts/accept", p)
}

// accept makes the invitee a user and logs them in, as the login form
// does: a new session in a new cookie, and the browser's previous session
// ends.
func (h *Handler) accept(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	token, ctx := c.Param("token"), c.Request().Context()
	offer, err := h.App.InvitationFor(ctx, token)
	if err != nil {
		return err
	}
	form := web.NewForm(acceptLabels, url.Values{"name": {vals.Get("name")}}) // never echo a password
	in := app.AcceptInput{Name: vals.Get("name"), Password: vals.Get("password")}
	if in.Password != "" && in.Password != vals.Get(againField) {
		form.Errors.Add(againField, notSame)
		merge(&form.Errors, in.Validate())
		return h.renderAccept(c, http.StatusUnprocessableEntity, token, offer, form)
	}
	u, err := h.App.AcceptInvitation(ctx, token, in)
	if errs, status, rest := formErrors(err); rest != nil {
		return rest
	} else if status != 0 {
		for i := range errs {
			if errs[i].Field == "email" { // the address is the invitation's, not a field here
				errs[i].Field = "form"
			}
		}
		form.Errors = errs
		return h.renderAccept(c, status, token, offer, form)
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		// Whoever was logged in in this browser before is not any more.
		_ = h.Sessions.Destroy(ctx, ck.Value)
	}
	sess, err := h.Sessions.Create(ctx, u.ID)
	if err != nil {
		// The user exists; only the automatic login failed.
		h.clearSessionCookie(c)
		setFlash(c, flashInvitationAccepted, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	h.setSessionCookie(c, sess)
	setFlash(c, flashWelcome, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, "/")
}

var forgotLabels = map[string]string{"form": "Formularen", "email": "E-mailadresse"}

type forgotContent struct {
	Form *web.Form
	Sent bool
}

func (h *Handler) forgotPage(c echo.Context) error {
	return h.renderForgot(c, http.StatusOK, web.NewForm(forgotLabels, nil), false)
}

func (h *Handler) renderForgot(c echo.Context, status int, form *web.Form, sent bool) error {
	p := newPage(c, "Glemt din adgangskode?", "", &forgotContent{Form: form, Sent: sent})
	p.Nav = nil
	p.Invalid = form.Invalid()
	form.Lang = p.Lang
	return renderPage(c, status, "accounts/forgot", p)
}

// forgot asks for a reset link. Whether the address has a user or not,
// and whether the throttle let a mail go out, the page says the same.
func (h *Handler) forgot(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	in := app.PasswordResetRequest{Email: vals.Get("email")}
	form := web.NewForm(forgotLabels, url.Values{"email": {in.Email}})
	if errs := in.Validate(); len(errs) > 0 {
		form.Errors = errs
		return h.renderForgot(c, http.StatusUnprocessableEntity, form, false)
	}
	may, err := h.Throttle.MailAllowed(ctx, in.Email, c.RealIP())
	if err != nil {
		slog.Warn("password reset: mail throttle unavailable; no mail", "err", err)
		may = false
	}
	if err := h.App.RequestPasswordReset(ctx, in.Email, may); err != nil {
		if errs, status, rest := formErrors(err); rest == nil && status != 0 {
			form.Errors = errs
			return h.renderForgot(c, status, form, false)
		}
		return err
	}
	return h.renderForgot(c, http.StatusOK, form, true)
}

var resetLabels = map[string]string{"form": "Formularen", "password": "Ny adgangskode", againField: againLabel}

type resetContent struct {
	Form   *web.Form
	Action string
}

func (h *Handler) resetPage(c echo.Context) error {
	token := c.Param("token")
	if err := h.App.CheckPasswordReset(c.Request().Context(), token); err != nil {
		return err
	}
	return h.renderReset(c, http.StatusOK, token, web.NewForm(resetLabels, nil))
}

func (h *Handler) renderReset(c echo.Context, status int, token string, form *web.Form) error {
	p := newPage(c, "Vælg en ny adgangskode", "", &resetContent{Form: form, Action: resetPath + "/" + url.PathEscape(token)})
	p.Nav = nil
	p.Invalid = form.Invalid()
	form.Lang = p.Lang
	return renderPage(c, status, "accounts/reset", p)
}

// reset spends a reset link. Every session of the user ends, so they log
// in anew with the new password.
func (h *Handler) reset(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	token, ctx := c.Param("token"), c.Request().Context()
	if err := h.App.CheckPasswordReset(ctx, token); err != nil {
		return err
	}
	form := web.NewForm(resetLabels, nil)
	in := app.NewPasswordInput{Password: vals.Get("password")}
	if in.Password != "" && in.Password != vals.Get(againField) {
		form.Errors.Add(againField, notSame)
		return h.renderReset(c, http.StatusUnprocessableEntity, token, form)
	}
	_, err = h.App.ResetPassword(ctx, token, in)
	if errs, status, rest := formErrors(err); rest != nil {
		return rest
	} else if status != 0 {
		form.Errors = errs
		return h.renderReset(c, status, token, form)
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		_ = h.Sessions.Destroy(ctx, ck.Value)
		h.clearSessionCookie(c)
	}
	setFlash(c, flashPasswordReset, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, "/login")
}
