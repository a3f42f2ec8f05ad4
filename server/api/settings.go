package api

import (
	"context"
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
		{method: http.MethodGet, path: "/contact-quota/settings", handler: getJobcentreSetting(h.App.ContactQuotaFor), tag: "Indstillinger", params: settingsParams,
			summary:  "Jobcentrets kontaktkvote: hvor mange kandidater en virksomhed højst kan vise interesse for pr. kalendermåned",
			response: app.ContactQuotaSettings{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/contact-quota/settings", handler: putJobcentreSetting(app.DefaultContactQuota,
			func(s *app.ContactQuotaSettings) *int64 { return &s.JobcentreID }, h.App.SaveContactQuota), tag: "Indstillinger", params: settingsParams,
			summary: "Ret jobcentrets kontaktkvote (kun administrator); udeladte felter får standardværdien",
			body:    app.ContactQuotaSettings{}, response: app.ContactQuotaSettings{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/settings/history", handler: getJobcentreSetting(h.App.SettingsHistory), tag: "Indstillinger", params: settingsParams,
			summary:  "Hvem har ændret hvilke af jobcentrets indstillinger og hvornår (vægte, regler, tærskler, kontaktkvote, opbevaring), nyeste først",
			response: []app.SettingsChange{}, status: http.StatusOK},
	}
}

// settingsParams is the one parameter of a jobcentre's settings: which
// jobcentre (contact quota, retention periods, the history of changes).
var settingsParams = []param{idParam("jobcentre_id", "Jobcentret (standard: dit eget, eller jobcentre_id i brødteksten; andre kun for administratorer).")}

// getJobcentreSetting answers a GET of one jobcentre's setting (or its
// history) read by get; the jobcentre is the query's, else the actor's.
func getJobcentreSetting[T any](get func(context.Context, app.Actor, int64) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		q := newQuery(c, settingsParams)
		jc := q.id("jobcentre_id")
		if err := q.err(); err != nil {
			return err
		}
		s, err := get(c.Request().Context(), actor(c), jc)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, s)
	}
}

// putJobcentreSetting answers a PUT that replaces one jobcentre's setting:
// the body is decoded onto defaults (a field left out takes its default),
// the jobcentre (at gives its field) is the query's, else the body's, else
// the actor's own, and save stores it.
func putJobcentreSetting[T any](defaults func(int64) T, at func(*T) *int64, save func(context.Context, app.Actor, T) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		q := newQuery(c, settingsParams)
		jc := q.id("jobcentre_id")
		if err := q.err(); err != nil {
			return err
		}
		in := defaults(0)
		if err := decode(c, &in); err != nil {
			return err
		}
		if jc != 0 {
			*at(&in) = jc
		}
		if u := actor(c); *at(&in) == 0 && u.JobcentreID != nil {
			*at(&in) = *u.JobcentreID
		}
		s, err := save(c.Request().Context(), actor(c), in)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, s)
	}
}
