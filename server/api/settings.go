package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
)

// A jobcentre's contact quota and the history of changes to its settings.
// The other settings (matching, progression thresholds, retention) have
// their routes beside their subject; every save is recorded in the same
// history by the service.

func (h *Handler) settingsRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/contact-quota/settings", handler: h.getContactQuota, tag: "Indstillinger", params: settingsParams,
			summary:  "Jobcentrets kontaktkvote: hvor mange borgere en arbejdsgiver højst kontaktes om pr. åbning pr. uge",
			response: app.ContactQuotaSettings{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/contact-quota/settings", handler: h.putContactQuota, tag: "Indstillinger", params: settingsParams,
			summary: "Ret jobcentrets kontaktkvote (kun administrator); udeladte felter får standardværdien",
			body:    app.ContactQuotaSettings{}, response: app.ContactQuotaSettings{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/settings/history", handler: h.settingsHistory, tag: "Indstillinger", params: settingsParams,
			summary:  "Hvem har ændret hvilke af jobcentrets indstillinger og hvornår (vægte, regler, tærskler, kontaktkvote, opbevaring), nyeste først",
			response: []app.SettingsChange{}, status: http.StatusOK},
	}
}

var settingsParams = []param{idParam("jobcentre_id", "Jobcentret (standard: dit eget, eller jobcentre_id i brødteksten; andre kun for administratorer).")}

func (h *Handler) getContactQuota(c echo.Context) error {
	q := newQuery(c, settingsParams)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	s, err := h.App.ContactQuotaFor(c.Request().Context(), actor(c), jc)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

// putContactQuota replaces a jobcentre's contact quota; a field left out
// takes the default. The jobcentre is the query's, else the body's, else
// the actor's own.
func (h *Handler) putContactQuota(c echo.Context) error {
	q := newQuery(c, settingsParams)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	in := app.DefaultContactQuota(0)
	if err := decode(c, &in); err != nil {
		return err
	}
	if jc != 0 {
		in.JobcentreID = jc
	}
	if u := actor(c); in.JobcentreID == 0 && u.JobcentreID != nil {
		in.JobcentreID = *u.JobcentreID
	}
	s, err := h.App.SaveContactQuota(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (h *Handler) settingsHistory(c echo.Context) error {
	q := newQuery(c, settingsParams)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	hs, err := h.App.SettingsHistory(c.Request().Context(), actor(c), jc)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hs)
}
