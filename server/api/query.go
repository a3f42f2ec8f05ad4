package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/problem"
)

// param documents one query parameter a list accepts.
type param struct {
	Name, Type, Description string
	Repeat                  bool
}

var pagingParams = []param{
	{"page", "integer", "Sidenummer, fra 1.", false},
	{"per_page", "integer", "Rækker pr. side (standard 50, højst 200).", false},
	{"sort", "string", "Felt at sortere efter; - foran for faldende.", false},
	{"include_archived", "boolean", "Medtag arkiverede rækker.", false},
}

// query reads a list's query parameters, collecting every problem. Unknown
// parameters are errors too: a misspelt filter silently ignored would
// return the wrong rows with a straight face.
type query struct {
	c    echo.Context
	errs models.FieldErrors
}

func newQuery(c echo.Context, accepted []param) *query {
	q := &query{c: c}
	known := map[string]bool{}
	for _, p := range accepted {
		known[p.Name] = true
	}
	for name := range c.QueryParams() {
		if !known[name] {
			q.errs.Add(name, "Ukendt parameter.")
		}
	}
	return q
}

func (q *query) int(name string, min int) int {
	v := q.c.QueryParam(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min {
		q.errs.Add(name, "Skal være et heltal på mindst %d.", min)
	}
	return n
}

func (q *query) id(name string) int64 {
	v := q.c.QueryParam(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		q.errs.Add(name, "Skal være et positivt heltal.")
	}
	return n
}

func (q *query) bool(name string) bool {
	switch q.c.QueryParam(name) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	q.errs.Add(name, "Skal være true eller false.")
	return false
}

func (q *query) date(name string) models.Date {
	d, err := models.ParseDate(q.c.QueryParam(name))
	if err != nil {
		q.errs.Add(name, "Dato skal skrives som ÅÅÅÅ-MM-DD.")
	}
	return d
}

// codes reads a repeatable (or comma-separated) parameter of codes, each
// checked by valid.
func (q *query) codes(name string, valid func(string) bool) []string {
	var out []string
	for _, v := range q.c.QueryParams()[name] {
		for _, code := range strings.Split(v, ",") {
			code = strings.TrimSpace(code)
			if code == "" {
				continue
			}
			if !valid(code) {
				q.errs.Add(name, "Ukendt værdi %q.", code)
				continue
			}
			out = append(out, code)
		}
	}
	return out
}

func (q *query) page() models.Page {
	return models.Page{Page: q.int("page", 1), PerPage: q.int("per_page", 1), Sort: q.c.QueryParam("sort")}
}

func (q *query) err() error {
	if len(q.errs) == 0 {
		return nil
	}
	p := problem.Validation(q.errs)
	p.Status, p.Title = http.StatusBadRequest, "Ugyldige parametre"
	p.Detail = "En eller flere parametre i adressen er ugyldige. Se listen under errors."
	return p
}

func validKind(s string) bool        { return models.Kind(s).Valid() }
func validStatus(s string) bool      { return models.OpeningStatus(s).Valid() }
func validTargetGroup(s string) bool { return models.TargetGroup(s).Valid() }
