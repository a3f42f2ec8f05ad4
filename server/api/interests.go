package api

import (
	"net/http"
	"reflect"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
)

// interestRoutes are an employer's interest in candidates of their own
// openings, with the contact quota (429), and the reopening of an opening
// paused for enough referrals.
func (h *Handler) interestRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/openings/:id/interest", handler: h.showInterest, tag: "Matching",
			summary: "Vis interesse for en kandidat (arbejdsgiver, egen åben åbning; candidate_ref fra kandidatlisten): opretter eller markerer matchet på jobcentrets tavle og giver konsulenterne besked. " +
				"Samme kandidat igen giver den samme interesse (også 201) og tæller ikke to gange. Højst kontaktkvoten pr. virksomhed pr. kalendermåned (dansk tid); derefter 429 med datoen, hvor kvoten nulstilles. " +
				"Ukendt reference eller en anden åbnings reference giver 404; en åbning på pause (nok henvisninger) 409",
			body: app.InterestInput{}, response: app.EmployerInterest{}, status: http.StatusCreated, extra: []int{http.StatusTooManyRequests}},
		{method: http.MethodGet, path: "/openings/:id/interests", handler: h.listInterests, tag: "Matching",
			summary:  "Arbejdsgiverens interesser for åbningens kandidater, nyeste først, med status set fra arbejdsgiveren (interesse_sendt, kontaktet, samtale, aftalt, startet, afsluttet; aldrig årsagen til et afslag)",
			response: []app.EmployerInterest{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/openings/:id/reopen", handler: h.reopenOpening, tag: "Åbninger",
			summary:  "Genåbn en åbning, der er sat på pause, fordi den har fået nok henvisninger (virksomhedens arbejdsgiver eller jobcentrets medarbejdere); 409 hvis den ikke er på pause",
			response: models.Opening{}, status: http.StatusOK},
	}
}

func init() {
	closed["EmployerInterest"] = true
	enums[reflect.TypeOf(app.InterestState(""))] = codes(app.InterestStates)
	enums[reflect.TypeOf(models.MatchSource(""))] = codes(models.MatchSources)
	limits["interest_state"] = map[string]any{"description": "Hvor arbejdsgiverens interesse for kandidaten står (kun når der er vist interesse); afsluttet uden årsag."}
	limits["max_referrals"] = map[string]any{"minimum": 1, "maximum": models.MaxReferralsLimit,
		"description": "Nok henvisninger: når så mange af åbningens match har nået kontaktet eller videre (også hvis de siden er afvist), sættes åbningen på pause (pauset). Tomt: ingen grænse."}
	limits["interest_message"] = map[string]any{"maxLength": models.MaxLongText, "description": "Arbejdsgiverens besked, da der blev vist interesse."}
	typeLimits["InterestInput"] = map[string]map[string]any{"message": {"maxLength": models.MaxLongText}, "candidate_ref": {"minLength": 1, "maxLength": 100}}
}

func (h *Handler) showInterest(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in app.InterestInput
	if err := decode(c, &in); err != nil {
		return err
	}
	out, _, err := h.App.ShowInterest(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (h *Handler) listInterests(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := h.App.OpeningInterests(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) reopenOpening(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := h.App.ReopenOpening(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
