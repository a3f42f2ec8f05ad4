package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
)

// reviewRoutes are the jobcentre's review of the openings employers post
// for a subsidised scheme (status til_godkendelse until reviewed).
func (h *Handler) reviewRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/vocabulary/review-checklists", handler: h.reviewChecklists, public: true, tag: "Ordforråd",
			summary:  "Tjeklisterne, som jobcentret gennemgår, før en arbejdsgivers åbning under en støttet ordning godkendes (én pr. ordning; nøglerne bruges i checklist)",
			response: []models.ReviewChecklist{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/openings/:id/approve", handler: h.approveOpening, tag: "Åbninger", optionalBody: true,
			summary: "Godkend en åbning, der afventer godkendelse (til_godkendelse → open); kun konsulenter i åbningens jobcenter og administratorer. " +
				"Kroppen er valgfri: checklist med de afkrydsede punkter fra ordningens tjekliste (ukendte nøgler giver 422) og en kommentar. " +
				"Virksomhedens arbejdsgivere får besked. En åbning, der ikke afventer godkendelse, giver 409",
			body: models.ReviewInput{}, response: models.Opening{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/openings/:id/return", handler: h.returnOpening, tag: "Åbninger",
			summary: "Send en åbning, der afventer godkendelse, tilbage til arbejdsgiveren som kladde med en kommentar (påkrævet); " +
				"arbejdsgiverens næste gemning sender den til godkendelse igen. Kun konsulenter i åbningens jobcenter og administratorer. " +
				"En åbning, der ikke afventer godkendelse, giver 409",
			body: models.ReturnInput{}, response: models.Opening{}, status: http.StatusOK},
	}
}

func (h *Handler) reviewChecklists(c echo.Context) error {
	return c.JSON(http.StatusOK, h.App.ReviewChecklists())
}

func (h *Handler) approveOpening(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.ReviewInput
	if c.Request().ContentLength != 0 {
		if err := decode(c, &in); err != nil {
			return err
		}
	}
	o, err := h.App.ApproveOpening(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, o)
}

func (h *Handler) returnOpening(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.ReturnInput
	if err := decode(c, &in); err != nil {
		return err
	}
	o, err := h.App.ReturnOpening(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, o)
}
