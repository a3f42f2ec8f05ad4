package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/matching"
	"placering/models"
	"placering/server/app"
)

var matchListParams = []param{
	p("limit", "integer", "Hvor mange (standard 20, højst 200).", false).between(1, 200),
	p("include", "string", "excluded: medtag udelukkede åbninger med de regler, der udelukker dem.", false).enum("excluded"),
}

func (h *Handler) citizenMatches(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	q := newQuery(c, matchListParams)
	limit := q.int("limit", 1)
	include := c.QueryParam("include")
	if include != "" && include != "excluded" {
		q.errs.Add("include", "Kun include=excluded er muligt.")
	}
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.CitizenMatches(c.Request().Context(), actor(c), id, limit, include == "excluded")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) openingCandidates(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	q := newQuery(c, matchListParams[:1])
	limit := q.int("limit", 1)
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.Candidates(c.Request().Context(), actor(c), id, limit)
	if err != nil {
		return err
	}
	if res.Employer != nil {
		return c.JSON(http.StatusOK, res.Employer)
	}
	return c.JSON(http.StatusOK, res.Full)
}

func (h *Handler) assign(c echo.Context) error {
	var in app.AssignInput
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := h.App.Assign(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	if res.Pairs == nil {
		res.Pairs = []matching.Pair{}
	}
	if res.Unassigned == nil {
		res.Unassigned = []matching.Unassigned{}
	}
	return c.JSON(http.StatusOK, res)
}

var jobcentreParam = []param{idParam("jobcentre_id", "Jobcentret (standard: dit eget; andre kun for administratorer).")}

func (h *Handler) rules(c echo.Context) error {
	q := newQuery(c, jobcentreParam)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	t, err := h.App.RuleTable(c.Request().Context(), actor(c), jc)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

func (h *Handler) getSettings(c echo.Context) error {
	q := newQuery(c, jobcentreParam)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	if u := actor(c); jc == 0 && u.JobcentreID != nil {
		jc = *u.JobcentreID
	}
	s, err := h.App.MatchingSettings(c.Request().Context(), actor(c), jc)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

// putSettings replaces a jobcentre's settings. Fields left out of the body
// take the defaults (inside weights and rule_params too), so a client can
// send only what differs from them.
func (h *Handler) putSettings(c echo.Context) error {
	in := app.DefaultSettings(0)
	if err := decode(c, &in); err != nil {
		return err
	}
	s, err := h.App.SaveMatchingSettings(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (h *Handler) rejectionReasons(c echo.Context) error {
	return c.JSON(http.StatusOK, models.RejectionReasons)
}

var matchParams = append([]param{
	codeParam("state", "Status; gentag for flere (eller).", models.MatchStates),
	idParam("citizen_id", "Kun denne borgers match."),
	idParam("opening_id", "Kun match med denne åbning."),
	idParam("company_id", "Kun match hos denne virksomhed."),
	idParam("consultant_id", "Kun denne konsulents match."),
	codeParam("kind", "Åbningens ordning; gentag for flere.", models.Kinds),
	codeParam("branch", "Åbningens branche; gentag for flere.", branchCodes()),
	p("stalled", "boolean", "Kun match, der er gået i stå (ingen ny status i jobcentrets antal dage, stalled_after_days).", false),
}, paging(models.MatchSorts)[:3]...)

func (h *Handler) listMatches(c echo.Context) error {
	q := newQuery(c, matchParams)
	f := models.MatchFilter{Page: q.page(), States: q.codes("state", func(s string) bool { return models.MatchState(s).Valid() }),
		CitizenID: q.id("citizen_id"), OpeningID: q.id("opening_id"), CompanyID: q.id("company_id"), ConsultantID: q.id("consultant_id"),
		Kinds: q.codes("kind", validKind), Branches: q.codes("branch", models.ValidBranch)}
	stalled := q.bool("stalled")
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.ListMatches(c.Request().Context(), actor(c), f, stalled)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) createMatch(c echo.Context) error {
	var in app.ProposeInput
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := h.App.ProposeMatch(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/matches/"+strconv.FormatInt(m.ID, 10))
	return c.JSON(http.StatusCreated, m)
}

func (h *Handler) getMatch(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := h.App.GetMatch(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}

func (h *Handler) moveMatch(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in app.MoveInput
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := h.App.MoveMatch(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}
