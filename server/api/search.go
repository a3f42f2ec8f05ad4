package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/search"
)

var searchParams = []param{
	p("q", "string", "Søgetekst (tåler stavefejl, bøjninger, æ/ø/å skrevet som ae/oe/aa, synonymer; sidste ord som præfiks).", false),
	codeParam("kind", "Ordning; gentag for flere (eller).", models.Kinds),
	codeParam("branch", "Branchekode; gentag for flere (eller).", branchCodes()),
	codeParam("status", "Status; gentag for flere (eller).", models.OpeningStatuses),
	codeParam("target_group", "Målgruppe et virksomhedscenter tager imod; gentag for flere (eller).", models.TargetGroups),
	p("jobcentre_id", "integer", "Jobcenter; gentag for flere.", true).atLeast(1),
	p("company_id", "integer", "Virksomhed; gentag for flere.", true).atLeast(1),
	p("hours_min", "number", "Åbninger, hvis timetal kan nå mindst dette.", false).between(0, models.MaxWeeklyHours),
	p("hours_max", "number", "Åbninger, der kan begynde med højst dette timetal.", false).between(0, models.MaxWeeklyHours),
	p("seats_free", "integer", "Mindst så mange ledige pladser.", false).atLeast(0),
	p("mentor", "boolean", "Kun med mentor.", false),
	p("danish_level", "string", "Højeste danskkrav, der accepteres.", false).enum(codes(models.DanishLevels)...),
	p("lat", "number", "Breddegrad for afstand.", false).between(-90, 90),
	p("lon", "number", "Længdegrad for afstand.", false).between(-180, 180),
	p("radius_km", "number", "Kun inden for så mange km fra lat/lon.", false).between(0, 1000),
	idParam("citizen_id", "Mål afstand fra denne borgers bopæl (registreres som opslag på borgeren)."),
	p("sort", "string", "start_date, -start_date eller distance.", false).enum("start_date", "-start_date", "distance"),
	p("facet", "string", "Felter at tælle (standard branch og kind); gentag for flere.", true),
	p("page", "integer", "Sidenummer, fra 1.", false).between(1, search.MaxPage),
	p("per_page", "integer", "Hits pr. side (standard 20, højst 100).", false).between(1, 100),
}

func (h *Handler) search(idx search.Index) echo.HandlerFunc {
	return func(c echo.Context) error {
		q := newQuery(c, searchParams)
		citizen := q.id("citizen_id")
		if err := q.err(); err != nil {
			return err
		}
		values := c.QueryParams()
		values.Del("citizen_id")
		if citizen != 0 {
			home, err := h.App.CitizenHome(c.Request().Context(), actor(c), citizen)
			if err != nil {
				return err
			}
			values.Set("lat", strconv.FormatFloat(home.Lat, 'f', -1, 64))
			values.Set("lon", strconv.FormatFloat(home.Lon, 'f', -1, 64))
		}
		query, err := search.ParseQuery(values)
		if err != nil {
			if fe := search.FieldErrors(err); fe != nil {
				q.errs = fe
				return q.err()
			}
			return err
		}
		res, err := h.App.Search(c.Request().Context(), actor(c), idx, query)
		if err != nil {
			return err
		}
		if res.Hits == nil {
			res.Hits = []search.Hit{}
		}
		return c.JSON(http.StatusOK, res)
	}
}
