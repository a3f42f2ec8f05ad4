package ui

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
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

// The citizen's access log (/borgere/:id/adgangslog) and a printable
// extract of everything held about them (/borgere/:id/udtraek), for an
// insight request (GDPR art. 15).

var actionLabels = map[string]string{
	"read": "Læste", "create": "Oprettede", "update": "Ændrede", "archive": "Arkiverede",
	"erase": "Slettede", "export": "Udtrak", "denied": "Blev afvist ved læsning af",
}

var entityLabels = map[string]string{"citizen": "borgeren", "placement": "en placering"}

type AccessLogView struct {
	Citizen models.Citizen
	Items   []app.AccessLogEntry
}

// Action names what a log entry did, in Danish.
func (AccessLogView) Action(e app.AccessLogEntry) string {
	a, ok := actionLabels[e.Action]
	if !ok {
		a = e.Action
	}
	return a + " " + entityLabels[e.Entity]
}

// When writes an entry's time.
func (AccessLogView) When(t time.Time) string {
	return web.FormatDate(t) + " kl. " + t.In(copenhagen).Format("15.04")
}

var copenhagen = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return l
	}
	return time.UTC
}()

func (h *Handler) citizenAccessLog(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	ct, err := h.App.GetCitizen(ctx, u, id)
	if err != nil {
		return err
	}
	log, err := h.App.CitizenAccessLog(ctx, u, id)
	if err != nil {
		return err
	}
	return renderPage(c, http.StatusOK, "citizens/accesslog", newPage(c, "Adgangslog: "+ct.Name, secCitizens,
		&AccessLogView{Citizen: ct, Items: log.Items}))
}

type extractContent struct {
	AccessLogView
	Export app.CitizenExport
}

// Hours writes an hour figure.
func (extractContent) Hours(f float64) string { return decimal(f, 1) }

func (h *Handler) citizenExtract(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ex, err := h.App.ExportCitizen(c.Request().Context(), session.UserFrom(c), id)
	if err != nil {
		return err
	}
	return renderPage(c, http.StatusOK, "citizens/extract", newPage(c, "Udtræk: "+ex.Citizen.Name, secCitizens,
		&extractContent{AccessLogView: AccessLogView{Citizen: ex.Citizen, Items: ex.AccessLog}, Export: ex}))
}
