package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
)

// The reference form (udtalelse) of a placement: written by an employer of
// the placement's company, read by them and the jobcentre's staff.

func (h *Handler) referenceRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/placements/:id/reference", handler: h.getReference, tag: "Placeringer",
			summary: "Virksomhedens udtalelse om placeringen (arbejdsgiveren i placeringens virksomhed og jobcentrets medarbejdere); " +
				"404, når den ikke er skrevet",
			response: app.ReferenceView{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/placements/:id/reference", handler: h.putReference, tag: "Placeringer",
			summary: "Skriv eller ret udtalelsen (kun arbejdsgiveren i placeringens virksomhed, når placeringen er begyndt; ellers 409): " +
				"løste opgaver (1-20 linjer), seks kompetencer 1-5 (dansk_paa_arbejdspladsen må være null: ikke relevant) og en kommentar. " +
				"Svarer 200 både første gang (revision 1) og ved rettelser; en rettelse skal sende den læste revision (ellers 428, forældet 409)",
			body: models.ReferenceInput{}, response: app.ReferenceView{}, status: http.StatusOK},
	}
}

func (h *Handler) getReference(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := h.App.GetReference(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (h *Handler) putReference(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.ReferenceInput
	if err := decode(c, &in); err != nil {
		return err
	}
	v, _, err := h.App.SaveReference(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}
