package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/search"
)

var searchParams = []param{
	{"q", "string", "Søgetekst (tåler stavefejl, bøjninger, æ/ø/å skrevet som ae/oe/aa, synonymer; sidste ord som præfiks).", false},
	{"kind", "string", "Ordning; gentag for flere (eller).", true},
	{"branch", "string", "Branchekode; gentag for flere (eller).", true},
	{"status", "string", "Status; gentag for flere (eller).", true},
	{"target_group", "string", "Målgruppe et virksomhedscenter tager imod; gentag for flere (eller).", true},
	{"jobcentre_id", "integer", "Jobcenter; gentag for flere.", true},
	{"company_id", "integer", "Virksomhed; gentag for flere.", true},
	{"hours_min", "number", "Åbninger, hvis timetal kan nå mindst dette.", false},
	{"hours_max", "number", "Åbninger, der kan begynde med højst dette timetal.", false},
	{"seats_free", "integer", "Mindst så mange ledige pladser.", false},
	{"mentor", "boolean", "Kun med mentor.", false},
	{"danish_level", "string", "Højeste danskkrav, der accepteres.", false},
	{"lat", "number", "Breddegrad for afstand.", false},
	{"lon", "number", "Længdegrad for afstand.", false},
	{"radius_km", "number", "Kun inden for så mange km fra lat/lon.", false},
	{"citizen_id", "integer", "Mål afstand fra denne borgers bopæl (registreres som opslag på borgeren).", false},
	{"sort", "string", "start_date, -start_date eller distance.", false},
	{"facet", "string", "Felter at tælle (standard branch og kind); gentag for flere.", true},
	{"page", "integer", "Sidenummer, fra 1.", false},
	{"per_page", "integer", "Hits pr. side (standard 20, højst 100).", false},
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
