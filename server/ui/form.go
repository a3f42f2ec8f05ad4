package ui

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/problem"
)

// reader turns form values into typed fields. What cannot be parsed ("abc"
// in a number field) becomes a Danish field error, never a 500; the typed
// text stays in the form's values and is shown again.
type reader struct {
	v    url.Values
	errs models.FieldErrors
}

func (r *reader) str(name string) string { return r.v.Get(name) }

func (r *reader) integer(name string) int {
	s := strings.TrimSpace(r.v.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 1_000_000 || n < -1_000_000 {
		r.errs.Add(name, "Skriv et helt tal, fx 3.")
		return 0
	}
	return n
}

// number accepts a Danish decimal comma ("37,5") as well as a point.
func (r *reader) number(name string) float64 {
	s := strings.TrimSpace(r.v.Get(name))
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.errs.Add(name, "Skriv et tal, fx 37,5.")
		return 0
	}
	return f
}

// dateLayouts are the shapes a date may be typed in. Browsers with a date
// picker send the first; without one people tend to write the others.
var dateLayouts = []string{"2006-01-02", "02-01-2006", "2-1-2006", "02.01.2006", "2.1.2006", "02/01/2006", "2/1/2006"}

func (r *reader) date(name string) models.Date {
	s := strings.TrimSpace(r.v.Get(name))
	if s == "" {
		return models.Date{}
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if d := models.DateOf(t); models.InRange(d) {
			return d
		}
		r.errs.Add(name, "Datoen skal ligge mellem %d og %d.", models.MinYear, models.MaxYear)
		return models.Date{}
	}
	r.errs.Add(name, "Skriv datoen som dag-måned-år, fx 15-01-2027.")
	return models.Date{}
}

func (r *reader) flag(name string) bool {
	switch strings.ToLower(r.v.Get(name)) {
	case "on", "true", "1", "ja":
		return true
	}
	return false
}

// optID reads the id a select box sent; empty means none chosen.
func (r *reader) optID(name string) *int64 {
	s := strings.TrimSpace(r.v.Get(name))
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		r.errs.Add(name, "Vælg en af mulighederne på listen.")
		return nil
	}
	return &n
}

func (r *reader) id(name string) int64 {
	if p := r.optID(name); p != nil {
		return *p
	}
	return 0
}

// merge adds problems for fields that do not have one yet. It is used to
// show validation problems alongside parse problems, so that a person
// fixes everything in one round.
func merge(into *models.FieldErrors, more models.FieldErrors) {
	for _, e := range more {
		if !into.Has(e.Field) {
			*into = append(*into, e)
		}
	}
}

// formErrors splits an app error into problems a form can show next to
// its fields, with the status to show them under (422 invalid, 409 clash
// with another row or a stale version, 503 a backend is down), and
// anything else, which becomes an error page.
func formErrors(err error) (models.FieldErrors, int, error) {
	var fe models.FieldErrors
	switch code := models.ErrorCode(err); {
	case code == models.EInvalid && errors.As(err, &fe):
		return fe, problem.Status(code), nil
	case code == models.EInvalid && models.ErrorField(err) != "":
		return models.FieldErrors{{Field: models.ErrorField(err), Message: models.ErrorMessage(err)}}, problem.Status(code), nil
	case code == models.EConflict || code == models.EStale:
		if errors.As(err, &fe) {
			return fe, problem.Status(code), nil
		}
		field := models.ErrorField(err)
		if field == "" {
			field = "form"
		}
		return models.FieldErrors{{Field: field, Message: models.ErrorMessage(err)}}, problem.Status(code), nil
	case code == models.EUnavailable:
		// A backend is down or slow: nothing was saved. The form comes
		// back with everything typed and the reason at the top (503 with
		// Retry-After), so the person can send it again in a moment.
		return models.FieldErrors{{Field: "form", Message: "Intet er gemt endnu, fordi tjenesten er midlertidigt utilgængelig. " +
			"Det, du skrev, står her stadig; prøv at gemme igen om lidt."}}, problem.Status(code), nil
	}
	return nil, 0, err
}

// saveForm is the shared end of a create or update handler. When the form
// was read without errors it calls save and, once that succeeds, sets the
// flash and redirects to the path save returns. Otherwise it returns the
// errors to show at the fields and the status to answer with: the reading
// errors together with the model's own checks, so every bad field is named
// at once, or the problems save reported. A zero status means the response
// is settled: the redirect went out, or err is a failure to pass on.
func (h *Handler) saveForm(c echo.Context, readErrs models.FieldErrors, checks func() models.FieldErrors,
	flash string, save func() (string, error)) (models.FieldErrors, int, error) {
	if len(readErrs) > 0 {
		errs := readErrs
		merge(&errs, checks())
		return errs, http.StatusUnprocessableEntity, nil
	}
	to, err := save()
	if err == nil {
		setFlash(c, flash, h.SecureCookies)
		return nil, 0, c.Redirect(http.StatusSeeOther, to)
	}
	if models.ErrorCode(err) == models.EUnavailable {
		// The request's deadline may be spent; drawing the form again
		// (its choices come from the database) gets a moment of its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), formRedrawTimeout)
		c.Response().After(cancel)
		c.SetRequest(c.Request().WithContext(ctx))
	}
	return formErrors(err)
}

// formRedrawTimeout is the time a form gets to be drawn again after its
// save failed because a backend was unavailable.
const formRedrawTimeout = 3 * time.Second

// formValues reads the posted form.
func formValues(c echo.Context) (url.Values, error) {
	v, err := c.FormParams()
	if err != nil {
		return nil, &models.Error{Code: models.EBadRequest, Op: "read form", Err: err, Message: "Formularen kunne ikke læses."}
	}
	return v, nil
}

var rowField = regexp.MustCompile(`^(\w+)\[(\d+)\]\.(\w+)$`)

// rowsIn counts the rows of a repeated group ("contacts[0].name", …) that
// the form sent, so that however many rows came in, as many go back out.
func rowsIn(v url.Values, list string) int {
	n := 0
	for k := range v {
		if m := rowField.FindStringSubmatch(k); m != nil && m[1] == list {
			if i, _ := strconv.Atoi(m[2]); i+1 > n && i < 100 {
				n = i + 1
			}
		}
	}
	return n
}

// filledRows is one past the last row of a repeated group with anything
// typed in it; blank rows after it were only offered, not used.
func filledRows(v url.Values, list string) int {
	n := 0
	for k, vs := range v {
		if m := rowField.FindStringSubmatch(k); m != nil && m[1] == list && strings.TrimSpace(strings.Join(vs, "")) != "" {
			if i, _ := strconv.Atoi(m[2]); i+1 > n && i < 100 {
				n = i + 1
			}
		}
	}
	return n
}

// rowSlots is how many rows of a repeated group to draw: every filled row
// plus blank ones, so people can add a few without JavaScript.
func rowSlots(filled int) []int {
	n := filled + 2
	if n < 3 {
		n = 3
	}
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// readRows reads a repeated group, skipping rows left entirely blank. It
// returns the rows and, for each, the form row it came from, so that a
// validation error on kept row k can be shown on form row index[k].
func readRows(v url.Values, list string, fields []string) (rows []map[string]string, index []int) {
	n := rowsIn(v, list)
	for i := 0; i < n; i++ {
		row := map[string]string{}
		blank := true
		for _, f := range fields {
			val := v.Get(list + "[" + strconv.Itoa(i) + "]." + f)
			row[f] = val
			if strings.TrimSpace(val) != "" {
				blank = false
			}
		}
		if !blank {
			rows = append(rows, row)
			index = append(index, i)
		}
	}
	return rows, index
}

// remapRows renames "list[k].field" errors to the form rows they came from.
func remapRows(errs models.FieldErrors, list string, index []int) models.FieldErrors {
	for i, e := range errs {
		if m := rowField.FindStringSubmatch(e.Field); m != nil && m[1] == list {
			k, _ := strconv.Atoi(m[2])
			if k < len(index) {
				errs[i].Field = list + "[" + strconv.Itoa(index[k]) + "]." + m[3]
			}
		}
	}
	return errs
}

// Formatting values back into a form.

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func numStr(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// coordStr leaves an unset coordinate (0) blank instead of showing "0".
func coordStr(f float64) string {
	if f == 0 {
		return ""
	}
	return numStr(f)
}

func intStr(n int) string { return strconv.Itoa(n) }

func optIDStr(p *int64) string {
	if p == nil {
		return ""
	}
	return itoa(*p)
}

func flagStr(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// pathID reads the :id route parameter; anything but a positive number is
// a page that does not exist.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}
