package ui

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// Erasure of a citizen's personal data (GDPR art. 17): a button on the
// citizen's page leads to a confirmation form that asks for the reason;
// the POST erases for good and the citizen is not found afterwards.

var eraseLabels = map[string]string{"reason": "Begrundelse"}

type eraseContent struct {
	Form   *web.Form
	What   string
	Action string
	Cancel string
}

func (h *Handler) citizenEraseForm(c echo.Context) error {
	return h.renderErase(c, http.StatusOK, web.NewForm(eraseLabels, url.Values{}))
}

func (h *Handler) renderErase(c echo.Context, status int, form *web.Form) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ct, err := h.App.GetCitizen(c.Request().Context(), session.UserFrom(c), id)
	if err != nil {
		return err
	}
	pg := newPage(c, "Slet borgerens oplysninger", secCitizens, &eraseContent{
		Form: form, What: ct.Name + " (" + ct.CPRMasked + ")",
		Action: "/borgere/" + itoa(id) + "/slet", Cancel: "/borgere/" + itoa(id),
	})
	pg.Invalid = form.Invalid()
	return renderPage(c, status, "citizens/erase", pg)
}

func (h *Handler) citizenErase(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	err = h.App.EraseCitizen(c.Request().Context(), session.UserFrom(c), id, app.EraseInput{Reason: vals.Get("reason")})
	if err == nil {
		setFlash(c, flashCitizenErased, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, "/borgere")
	}
	errs, status, err := formErrors(err)
	if err != nil {
		return err
	}
	form := web.NewForm(eraseLabels, vals)
	form.Errors = errs
	return h.renderErase(c, status, form)
}
