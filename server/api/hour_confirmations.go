package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
)

// The employer's confirmation or dispute of a week's hours.

func (h *Handler) hourConfirmationRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/placements/:id/hours/:iso_week/confirmation", handler: h.confirmWeek, tag: "Timer",
			summary: "Arbejdsgiveren bekræfter ugens arbejdede timer (kun egen virksomheds placeringer). worked og revision, når de sendes, " +
				"skal være ugens nuværende tal (409 stale, hvis ugen er rettet siden). Kroppen kan udelades. En uge uden timer og en uge, " +
				"der allerede er bekræftet med de samme tal, giver 409. Retter jobcentret timerne bagefter, er ugen igen ikke bekræftet",
			body: models.ConfirmInput{}, optionalBody: true, response: app.ConfirmationResult{}, status: http.StatusCreated},
		{method: http.MethodPost, path: "/placements/:id/hours/:iso_week/dispute", handler: h.disputeWeek, tag: "Timer",
			summary: "Arbejdsgiveren bestrider ugens timer med en kommentar (påkrævet) og evt. det timetal, der efter arbejdsgiverens mening blev arbejdet (worked); " +
				"borgerens konsulent får besked. En uge, der allerede er bestridt med de samme tal, giver 409",
			body: models.DisputeInput{}, response: app.ConfirmationResult{}, status: http.StatusCreated},
	}
}

func (h *Handler) confirmWeek(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.ConfirmInput
	if c.Request().ContentLength != 0 {
		if err := decodeOptional(c, &in); err != nil {
			return err
		}
	}
	res, err := h.App.ConfirmWeek(c.Request().Context(), actor(c), id, c.Param("iso_week"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, res)
}

// decodeOptional decodes a body that may be left out: nothing sent (not
// even a content type) is an empty object.
func decodeOptional(c echo.Context, dst any) error {
	if c.Request().ContentLength <= 0 && strings.TrimSpace(c.Request().Header.Get(echo.HeaderContentType)) == "" {
		return nil
	}
	return decode(c, dst)
}

func (h *Handler) disputeWeek(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.DisputeInput
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := h.App.DisputeWeek(c.Request().Context(), actor(c), id, c.Param("iso_week"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, res)
}
