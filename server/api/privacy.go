package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
)

// Personal data rights: erasure of a citizen (GDPR art. 17).

func (h *Handler) privacyRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/citizens/:id/erase", handler: h.eraseCitizen, tag: "Borgere",
			summary: "Slet borgerens personoplysninger uigenkaldeligt (GDPR art. 17); anonyme tal til rapporter bevares, og sletningen logges med begrundelsen",
			body:    app.EraseInput{}, status: http.StatusNoContent},
	}
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
