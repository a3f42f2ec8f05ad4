package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
)

// A jobcentre's login through its identity provider (OpenID Connect):
// administrators read and replace the settings; the client secret can be
// written but is never read back.

func (h *Handler) oidcRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/jobcentres/:id/oidc", handler: h.getOIDC, tag: "Identitetsudbyder",
			summary:  "Jobcentrets log ind via identitetsudbyder (OpenID Connect); klienthemmeligheden vises aldrig, kun client_secret_set (kun administrator)",
			response: app.OIDCSettings{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/jobcentres/:id/oidc", handler: h.putOIDC, tag: "Identitetsudbyder",
			summary: "Erstat jobcentrets log ind via identitetsudbyder (kun administrator); client_secret udeladt beholder den gemte, \"\" fjerner den; når enabled er true, tjekkes udbyderens discovery-dokument",
			body:    app.OIDCSettingsInput{}, response: app.OIDCSettings{}, status: http.StatusOK},
	}
}

func (h *Handler) getOIDC(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	s, err := h.App.OIDCSettingsFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (h *Handler) putOIDC(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in app.OIDCSettingsInput
	if err := decode(c, &in); err != nil {
		return err
	}
	s, err := h.App.SaveOIDCSettings(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}
