package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
)

// Personal data rights: erasure of a citizen (GDPR art. 17), insight
// (art. 15): the citizen's access log and a full export.

func (h *Handler) privacyRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/citizens/:id/erase", handler: h.eraseCitizen, tag: "Borgere",
			summary: "Slet borgerens personoplysninger uigenkaldeligt (GDPR art. 17); anonyme tal til rapporter bevares, og sletningen logges med begrundelsen",
			body:    app.EraseInput{}, status: http.StatusNoContent},
		{method: http.MethodGet, path: "/citizens/:id/access-log", handler: h.citizenAccessLog, tag: "Borgere",
			summary:  "Borgerens adgangslog (GDPR art. 15): hvem har læst eller ændret hvad og hvornår, også afviste forsøg",
			response: app.AccessLog{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/citizens/:id/export", handler: h.exportCitizen, tag: "Borgere",
			summary:  "Alle oplysninger om borgeren (GDPR art. 15): borger, placeringer med timer og rettelser, match og adgangslog",
			response: app.CitizenExport{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/retention/settings", handler: getJobcentreSetting(h.App.RetentionSettingsFor), tag: "Opbevaring", params: settingsParams,
			summary:  "Jobcentrets opbevaringsfrister: hvornår arkiverede borgere slettes, og hvor længe adgangsloggen gemmes",
			response: app.RetentionSettings{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/retention/settings", handler: putJobcentreSetting(app.DefaultRetentionSettings,
			func(s *app.RetentionSettings) *int64 { return &s.JobcentreID }, h.App.SaveRetentionSettings), tag: "Opbevaring", params: settingsParams,
			summary: "Ret jobcentrets opbevaringsfrister (kun administrator); udeladte felter får standardværdien",
			body:    app.RetentionSettings{}, response: app.RetentionSettings{}, status: http.StatusOK},
	}
}

func (h *Handler) citizenAccessLog(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := h.App.CitizenAccessLog(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) exportCitizen(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := h.App.ExportCitizen(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) eraseCitizen(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in app.EraseInput
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := h.App.EraseCitizen(c.Request().Context(), actor(c), id, in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
