package api

import (
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/problem"
)

// param is one query parameter an operation accepts: how the OpenAPI
// document describes it and how newQuery checks it, from the same fields,
// so the document and the server cannot disagree.
type param struct {
	Name, Type, Description string
	Repeat                  bool     // may be given several times (or comma-separated)
	Enum                    []string // the values it takes, if closed
	Min, Max                *float64 // bounds for numbers
	Pattern                 string   // a regular expression a string matches
	Format                  string   // "date" (ÅÅÅÅ-MM-DD)
	Required                bool
	// MaxLength bounds a free-text string (one without Enum, Pattern or
	// Format) in characters; such a value must also be text a person can
	// type: no NUL or other control characters, not only invisible ones.
	MaxLength int
}

// MaxQueryText is the longest free-text query parameter, in characters.
const MaxQueryText = 200

// p declares a parameter. A string is free text, capped at MaxQueryText
// characters, until enum, pattern or date says what form it has.
func p(name, typ, description string, repeat bool) param {
	x := param{Name: name, Type: typ, Description: description, Repeat: repeat}
	if typ == "string" {
		x.MaxLength = MaxQueryText
	}
	return x
}

func (x param) enum(values ...string) param  { x.Enum = values; x.MaxLength = 0; return x }
func (x param) pattern(re string) param      { x.Pattern = re; x.MaxLength = 0; return x }
func (x param) date() param                  { x.Format = "date"; x.MaxLength = 0; return x }
func (x param) required() param              { x.Required = true; return x }
func (x param) between(lo, hi float64) param { x.Min, x.Max = &lo, &hi; return x }
func (x param) atLeast(lo float64) param     { x.Min = &lo; return x }

// idParam is a positive integer id.
func idParam(name, description string) param {
	return p(name, "integer", description, false).atLeast(1)
}

// codeParam is a repeatable closed vocabulary.
func codeParam[T ~string](name, description string, values []T) param {
	return p(name, "string", description, true).enum(codes(values)...)
}

// paging returns the paging parameters of a list sorted by the given
// fields ("-" in front sorts descending).
func paging(sorts []string) []param {
	sortValues := make([]string, 0, 2*len(sorts))
	for _, s := range sorts {
		sortValues = append(sortValues, s, "-"+s)
	}
	return []param{
		p("page", "integer", "Sidenummer, fra 1.", false).between(1, models.MaxPage),
		p("per_page", "integer", "Rækker pr. side (standard 50, højst 200).", false).between(1, models.MaxPerPage),
		p("sort", "string", "Felt at sortere efter; - foran for faldende.", false).enum(sortValues...),
		p("include_archived", "boolean", "Medtag arkiverede rækker.", false),
	}
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
	for _, x := range accepted {
		known[x.Name] = true
		q.check(x)
	}
	names := make([]string, 0, len(c.QueryParams()))
	for name := range c.QueryParams() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !known[name] {
			q.errs.Add(name, "Ukendt parameter.")
		}
	}
	return q
}

// check holds one parameter's values to its declaration.
func (q *query) check(x param) {
	vals := q.c.QueryParams()[x.Name]
	if len(vals) == 0 || len(vals) == 1 && vals[0] == "" {
		if x.Required {
			q.errs.Add(x.Name, "Parameteren skal angives.")
		}
		return
	}
	if len(vals) > 1 && !x.Repeat {
		q.errs.Add(x.Name, "Parameteren må kun angives én gang.")
		return
	}
	for _, v := range vals {
		if msg := x.textProblem(v); msg != "" {
			q.errs.Add(x.Name, "%s", msg)
			return
		}
		parts := []string{v}
		if x.Repeat && x.Type == "string" {
			parts = strings.Split(v, ",")
		}
		for _, part := range parts {
			if msg := x.problem(strings.TrimSpace(part)); msg != "" {
				q.errs.Add(x.Name, "%s", msg)
				return
			}
		}
	}
}

// textProblem says what is wrong with a free-text value, or "": too
// long, or holding what no one types (NUL, control characters, only
// invisible characters). Only blank is the same as absent.
func (x param) textProblem(v string) string {
	if x.MaxLength == 0 {
		return ""
	}
	if n := utf8.RuneCountInString(v); n > x.MaxLength {
		return fmt.Sprintf("Teksten må højst være %d tegn (den er %d).", x.MaxLength, n)
	}
	if strings.TrimSpace(v) == "" && utf8.ValidString(v) {
		return ""
	}
	return models.TextProblem(v, false)
}

// problem says what is wrong with one value, or "".
func (x param) problem(v string) string {
	var n float64
	switch x.Type {
	case "integer":
		i, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "Skal være et heltal."
		}
		n = float64(i)
	case "number":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return "Skal være et tal."
		}
		n = f
	case "boolean":
		if v != "true" && v != "false" {
			return "Skal være true eller false."
		}
	}
	switch {
	case x.Min != nil && n < *x.Min && x.Max != nil:
		return fmt.Sprintf("Skal være mellem %s og %s.", num(*x.Min), num(*x.Max))
	case x.Max != nil && n > *x.Max && x.Min != nil:
		return fmt.Sprintf("Skal være mellem %s og %s.", num(*x.Min), num(*x.Max))
	case x.Min != nil && n < *x.Min:
		return fmt.Sprintf("Skal være mindst %s.", num(*x.Min))
	case x.Max != nil && n > *x.Max:
		return fmt.Sprintf("Må højst være %s.", num(*x.Max))
	case x.Enum != nil && !slices.Contains(x.Enum, v):
		return fmt.Sprintf("Ukendt værdi %q.", v)
	case x.Format == "date":
		if _, err := models.ParseDate(v); err != nil {
			return "Dato skal skrives som ÅÅÅÅ-MM-DD."
		}
	case x.Pattern != "" && !regexp.MustCompile(x.Pattern).MatchString(v):
		return "Har ikke den rigtige form."
	}
	return ""
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (q *query) int(name string, min int) int {
	v := q.c.QueryParam(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if (err != nil || n < min) && !q.errs.Has(name) {
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
	if (err != nil || n < 1) && !q.errs.Has(name) {
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
	if !q.errs.Has(name) {
		q.errs.Add(name, "Skal være true eller false.")
	}
	return false
}

func (q *query) date(name string) models.Date {
	d, err := models.ParseDate(q.c.QueryParam(name))
	if err != nil && !q.errs.Has(name) {
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
				if !q.errs.Has(name) {
					q.errs.Add(name, "Ukendt værdi %q.", code)
				}
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

// monthPattern is a month written ÅÅÅÅ-MM.
const monthPattern = `^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$`

// branchCodes lists the branch vocabulary's codes.
func branchCodes() []string {
	out := make([]string, len(models.Branches))
	for i, b := range models.Branches {
		out[i] = b.Code
	}
	return out
}
