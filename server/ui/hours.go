package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The bulk hours page (/timer): one ISO week, one row per placement the
// user enters hours for, saved in one request through app.SaveHoursBulk,
// which saves every row or none. It is built for the keyboard: inputs in
// reading order, decimal keypads on phones, Enter saves. A row the user
// did not touch is not sent, so a colleague's later correction of that
// week is never reported as a clash; a touched row carries the revision
// it showed, so a clash on it is.

const (
	secHours  = "timer"
	hoursPath = "/timer"
	// sheetPerPage bounds one page of the sheet: a caseload fits, and a
	// save stays far below app.MaxBulkHours.
	sheetPerPage = 50
)

// rowInputs are the typed fields of a sheet row, in tab order.
var rowInputs = []string{"planned", "worked", "absent", "absence_reason", "ordinary", "note", "internal_note"}

var rowInputLabels = map[string]string{
	"planned": "planlagte timer", "worked": "arbejdede timer", "absent": "fraværstimer",
	"absence_reason": "årsag til fravær", "ordinary": "heraf ordinære timer",
	"note": "bemærkning (arbejdsgiveren kan se den)", "internal_note": "intern note (kun jobcentret)",
	"placement_id": "placering", "iso_week": "uge", "revision": "rettelse", "source": "kilde",
}

type hoursContent struct {
	Form      *web.Form
	Week      string
	WeekLabel string
	Prev      string
	Next      string
	ThisWeek  string
	IsCurrent bool
	Rows      []sheetRow
	// CanFilterMine: a consultant sees their own citizens' placements
	// (Mine) unless they ask for the whole jobcentre's.
	CanFilterMine bool
	Mine          bool
	Views         []models.Option
	View          string
	Page          int
	Pager         web.Pager
	Sources       []models.Option
	Reasons       []models.Option
	// Internal: staff see and write the internal note of each week.
	Internal bool
}

type sheetRow struct {
	app.HoursSheetRow
	// Key prefixes the row's field names: "rows[<placement id>]".
	Key       string
	EnteredBy string
	EnteredAt string
	// Corrected: the week has been saved more than once.
	Corrected bool
}

// Field names one of the row's inputs, for the template.
func (r sheetRow) Field(name string) string { return r.Key + "." + name }

// Hours writes an hour figure, "7,5".
func (hoursContent) Hours(f float64) string { return decimal(f, 1) }

// KindLabel names a placement's kind.
func (hoursContent) KindLabel(k models.Kind) string { return orText(k.Label(), string(k)) }

// sheetQuery is the sheet's cleaned query: week, page, and whether a
// consultant asked for the whole jobcentre instead of their own citizens.
type sheetQuery struct {
	week models.ISOWeek
	all  bool
	page int
}

// Values of the sheet's "vis" parameter.
const (
	viewMine = "mine"
	viewAll  = "alle"
)

var sheetViews = []models.Option{
	{Code: viewMine, Label: "Borgere, jeg er ansvarlig for"},
	{Code: viewAll, Label: "Hele jobcentret"},
}

func readSheetQuery(v url.Values, now models.Date) sheetQuery {
	q := sheetQuery{week: models.ISOWeekOf(now), all: v.Get("vis") == viewAll}
	if w, err := models.ParseISOWeek(strings.TrimSpace(v.Get("uge"))); err == nil {
		q.week = w
	}
	q.page, _ = strconv.Atoi(v.Get("side"))
	if q.page < 1 || q.page > 10000 {
		q.page = 1
	}
	return q
}

// link is the sheet's URL for week w (page 1) keeping the filter.
func (q sheetQuery) link(w models.ISOWeek, page int) string {
	v := url.Values{"uge": {w.String()}}
	if q.all {
		v.Set("vis", viewAll)
	}
	if page > 1 {
		v.Set("side", strconv.Itoa(page))
	}
	return hoursPath + "?" + v.Encode()
}

func (h *Handler) hoursSheet(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Read, access.Of(access.Hours)); err != nil {
		return err
	}
	q := readSheetQuery(c.QueryParams(), models.DateOf(h.App.Now()))
	return h.renderSheet(c, http.StatusOK, q, nil)
}

// renderSheet draws the sheet. form is nil for a fresh page; after a
// failed save it holds what the user typed and the problems.
func (h *Handler) renderSheet(c echo.Context, status int, q sheetQuery, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	// A consultant enters hours for their own caseload (all their
	// placements); the whole jobcentre is one choice away.
	mine := u.Role == models.RoleConsultant && !q.all
	sheet, err := h.App.HoursSheet(ctx, u, app.HoursSheetFilter{
		Week: q.week, OnlyMine: mine, Page: models.Page{Page: q.page, PerPage: sheetPerPage},
	})
	if err != nil {
		return fmt.Errorf("hours sheet: %w", err)
	}
	names := userNames{h: h, c: c}
	rows := make([]sheetRow, len(sheet.Items))
	labels := map[string]string{"form": "Formularen", "source": "Timerne er oplyst af"}
	fresh := url.Values{}
	for i, it := range sheet.Items {
		r := sheetRow{HoursSheetRow: it, Key: "rows[" + itoa(it.ID) + "]"}
		if cur := it.Current(); cur != nil {
			r.EnteredBy, r.EnteredAt = names.of(cur.EnteredBy), web.FormatDate(cur.EnteredAt)
			r.Corrected = cur.Revision > 1
		}
		who := it.CitizenName + " hos " + it.CompanyName
		for name, l := range rowInputLabels {
			if name == "note" && !seesInternalNotes(u) {
				l = "bemærkning (jobcentret kan se den)"
			}
			labels[r.Field(name)] = who + ": " + l
		}
		for k, v := range rowValues(r) {
			fresh[k] = v
		}
		rows[i] = r
	}
	if form == nil {
		form = web.NewForm(labels, fresh)
		form.Values.Set("source", string(defaultSource(u)))
	} else {
		form.Labels = labels
		for k, v := range fresh {
			// Rows that were not on the page that was sent (a placement
			// that began meanwhile) start from what is stored.
			if key, _, _ := strings.Cut(k, "."); form.Values.Get(key+".was") == "" && len(form.Values[k]) == 0 {
				form.Values[k] = v
			}
		}
	}
	pages := int((sheet.Total + sheetPerPage - 1) / sheetPerPage)
	pg := web.Pager{Total: sheet.Total, Page: q.page, Pages: pages}
	if q.page > 1 {
		pg.PrevURL = q.link(q.week, min(q.page-1, max(pages, 1)))
	}
	if q.page < pages {
		pg.NextURL = q.link(q.week, q.page+1)
	}
	thisWeek := models.ISOWeekOf(models.DateOf(h.App.Now()))
	content := &hoursContent{
		Form: form, Week: q.week.String(), WeekLabel: weekLabel(q.week),
		Prev: q.link(q.week.AddWeeks(-1), 1), Next: q.link(q.week.AddWeeks(1), 1), ThisWeek: q.link(thisWeek, 1),
		IsCurrent: q.week == thisWeek, Rows: rows, CanFilterMine: u.Role == models.RoleConsultant, Mine: mine,
		Views: sheetViews, View: map[bool]string{true: viewAll, false: viewMine}[q.all],
		Page: q.page, Pager: pg, Sources: sourceChoices(u), Reasons: models.AbsenceReasonOptions(),
		Internal: seesInternalNotes(u),
	}
	p := newPage(c, "Timer for uge "+strconv.Itoa(q.week.Week)+", "+strconv.Itoa(q.week.Year), secHours, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "hours/sheet", p)
}

// weekLabel writes "18. jan. 2027 – 24. jan. 2027".
func weekLabel(w models.ISOWeek) string {
	return web.FormatDate(w.Monday()) + " – " + web.FormatDate(w.Sunday())
}

// rowValues are a row's inputs as stored: the planned field is blank while
// the week follows the plan, and ordinary hours are blank while they are
// the default for the kind (all of them for ordinary hours, else none).
// "was" fingerprints what was shown, so an untouched row can be told.
func rowValues(r sheetRow) url.Values {
	v := url.Values{}
	set := func(name, val string) { v.Set(r.Field(name), val) }
	for _, name := range rowInputs {
		set(name, "")
	}
	set("revision", "0")
	if cur := r.Current(); cur != nil {
		if cur.Planned != nil {
			set("planned", numStr(*cur.Planned))
		}
		set("worked", numStr(cur.Worked))
		if cur.Absent != 0 {
			set("absent", numStr(cur.Absent))
		}
		set("absence_reason", string(cur.AbsenceReason))
		def := 0.0
		if r.Kind == models.KindOrdinaereTimer {
			def = cur.Worked
		}
		if cur.Ordinary != def {
			set("ordinary", numStr(cur.Ordinary))
		}
		set("revision", intStr(cur.Revision))
		set("note", cur.Note)
		set("internal_note", cur.InternalNote)
	}
	set("was", fingerprint(v, r.Key))
	return v
}

// fingerprint joins a row's typed values.
func fingerprint(v url.Values, key string) string {
	parts := make([]string, len(rowInputs))
	for i, name := range rowInputs {
		parts[i] = strings.TrimSpace(v.Get(key + "." + name))
	}
	return strings.Join(parts, "|")
}

func defaultSource(u *models.User) models.HourSource {
	if u.Role == models.RoleEmployer {
		return models.SourceEmployer
	}
	return models.SourceConsultant
}

// sourceChoices are who the user may record as having reported the hours:
// themselves, or the workplace mentor they pass the figures on for.
func sourceChoices(u *models.User) []models.Option {
	own := defaultSource(u)
	return []models.Option{{Code: string(own), Label: own.Label()}, {Code: string(models.SourceMentor), Label: models.SourceMentor.Label()}}
}

func (h *Handler) hoursSave(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Update, access.Of(access.Hours)); err != nil {
		return err
	}
	q := readSheetQuery(vals, models.DateOf(h.App.Now()))
	source := models.HourSource(vals.Get("source"))
	in, ids, r := readSheet(vals, q.week, source)
	if len(in.Items) == 0 && len(r.errs) == 0 {
		setFlash(c, flashHoursNothing, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, q.link(q.week, q.page))
	}
	errs, status := r.errs, http.StatusUnprocessableEntity
	if len(errs) == 0 {
		res, err := h.App.SaveHoursBulk(ctx, u, in)
		if err == nil {
			flash := flashHoursSaved
			if res.Saved == 0 {
				flash = flashHoursNothing
			}
			setFlash(c, flash, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, q.link(q.week, q.page))
		}
		var stale *app.StaleHoursError
		switch {
		case errors.As(err, &stale):
			errs, status = stale.Errs, http.StatusConflict
		default:
			if errs, status, err = formErrors(err); err != nil {
				return err
			}
		}
	} else {
		for i, it := range in.Items {
			merge(&errs, it.ValidateAs("rows["+itoa(ids[i])+"]."))
		}
	}
	form := web.NewForm(nil, vals)
	form.Errors = sheetErrors(errs, ids)
	return h.renderSheet(c, status, q, form)
}

// readSheet turns the posted rows into bulk items, leaving out the rows
// whose values are still those the page showed. ids[i] is the placement
// of item i, for naming its problems.
func readSheet(v url.Values, week models.ISOWeek, source models.HourSource) (app.BulkHoursInput, []int64, *reader) {
	r := &reader{v: v}
	seen := map[int64]bool{}
	var ids []int64
	for k := range v {
		if m := rowField.FindStringSubmatch(k); m != nil && m[1] == "rows" {
			id, err := strconv.ParseInt(m[2], 10, 64)
			if err == nil && id > 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var in app.BulkHoursInput
	var kept []int64
	for _, id := range ids {
		key := "rows[" + itoa(id) + "]"
		if fingerprint(v, key) == v.Get(key+".was") {
			continue
		}
		it := app.BulkHoursItem{PlacementID: id, ISOWeek: week.String()}
		it.Source = source
		optional := func(name string) *float64 {
			if strings.TrimSpace(v.Get(key+"."+name)) == "" {
				return nil
			}
			f := r.number(key + "." + name)
			return &f
		}
		it.Planned, it.Worked, it.Ordinary = optional("planned"), optional("worked"), optional("ordinary")
		it.Absent = r.number(key + ".absent")
		it.AbsenceReason = models.AbsenceReason(v.Get(key + ".absence_reason"))
		it.Note, it.InternalNote = v.Get(key+".note"), v.Get(key+".internal_note")
		if rev, err := strconv.Atoi(v.Get(key + ".revision")); err == nil && rev >= 0 {
			it.Revision = &rev
		}
		in.Items = append(in.Items, it)
		kept = append(kept, id)
	}
	return in, kept, r
}

// sheetErrors names the app's "items[i].field" as the row's own field, and
// anything about the whole save as the form's.
func sheetErrors(errs models.FieldErrors, ids []int64) models.FieldErrors {
	for i, e := range errs {
		m := rowField.FindStringSubmatch(e.Field)
		switch {
		case m != nil && m[1] == "items":
			k, _ := strconv.Atoi(m[2])
			if k < len(ids) {
				errs[i].Field = "rows[" + itoa(ids[k]) + "]." + m[3]
			}
		case m != nil && m[1] == "rows":
		case e.Field == "source":
		default:
			errs[i].Field = "form"
		}
	}
	return errs
}

// rowProblem is a problem with a row that has no input of its own (the
// placement, the week, a clash with another save). ID is what the error
// summary links to.
type rowProblem struct{ ID, Message string }

// RowError is the row's first such problem, shown in its first cell.
func (c *hoursContent) RowError(r sheetRow) *rowProblem {
	for _, name := range []string{"placement_id", "iso_week", "revision", "source"} {
		if msg := c.Form.Err(r.Field(name)); msg != "" {
			return &rowProblem{ID: web.FieldID(r.Field(name)), Message: msg}
		}
	}
	return nil
}

// userNames looks up display names once per request.
type userNames struct {
	h     *Handler
	c     echo.Context
	cache map[int64]string
}

func (n *userNames) of(id int64) string {
	if n.cache == nil {
		n.cache = map[int64]string{}
	}
	if name, ok := n.cache[id]; ok {
		return name
	}
	name := n.h.userName(n.c.Request().Context(), &id)
	if name == "" {
		name = "Ukendt bruger"
	}
	n.cache[id] = name
	return name
}
