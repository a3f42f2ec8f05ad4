package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// Placements (virksomhedsplaceringer): the list, a placement's page with
// its plan and weeks, the create and edit form with the planned hours
// ladder, and the moves planlagt → aktiv → afsluttet/afbrudt with outcome
// and evaluation (placement_end.go). Staff create and change placements;
// an employer sees their own company's, to follow them and enter hours.

const (
	secPlacements = "placeringer"
	placementPath = "/placeringer"
)

var placementLabels = map[string]string{
	"citizen_id":             "Borger",
	"company_id":             "Virksomhed",
	"opening_id":             "Åbning",
	"kind":                   "Ordning",
	"start_date":             "Startdato",
	"end_date":               "Planlagt slutdato",
	"target_hours":           "Mål for timer pr. uge",
	"company_mentor.name":    "Mentor på arbejdspladsen: navn",
	"company_mentor.phone":   "Mentor på arbejdspladsen: telefon",
	"company_mentor.email":   "Mentor på arbejdspladsen: e-mail",
	"jobcentre_mentor.name":  "Mentor fra jobcentret: navn",
	"jobcentre_mentor.phone": "Mentor fra jobcentret: telefon",
	"jobcentre_mentor.email": "Mentor fra jobcentret: e-mail",
	"plan":                   "Trin",
	"plan.from_week":         "Fra uge",
	"plan.hours":             "Timer pr. uge",
	"note":                   "Note",
	"status":                 "Status",
	"consultant_id":          "Ansvarlig konsulent",
	"form":                   "Formularen",
}

// placementSorts: the list is always newest start first, with or without
// the consultant filter.
var placementSorts = []models.Option{{Code: "-start_date", Label: "Nyeste start først"}}

type placementListContent struct {
	statusLabels
	web.ListMeta
	Items    []app.PlacementView
	Filter   *web.Form
	Statuses []models.Option
	Kinds    []models.Option
	// Consultants is nil for an employer, who has no such filter.
	Consultants []models.Option
	CanCreate   bool
	SeesCitizen bool
}

func (h *Handler) placementList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Placement)); err != nil {
		return err
	}
	var consultants []models.Option
	if isStaff(u) {
		var err error
		if consultants, err = h.consultantChoices(ctx, u, 0); err != nil {
			return err
		}
	}
	lq := readList(c, placementSorts, map[string][]models.Option{
		"status": models.PlacementStatusOptions(), "kind": models.KindOptions(), "consultant_id": consultants,
	})
	consultant, _ := strconv.ParseInt(lq.values.Get("consultant_id"), 10, 64)
	res, err := h.App.ListPlacementsOf(ctx, u, models.PlacementFilter{
		Page: lq.page, Statuses: lq.one("status"), Kinds: lq.one("kind"),
	}, consultant)
	if err != nil {
		return fmt.Errorf("list placements: %w", err)
	}
	form := lq.filterForm()
	form.Labels = placementFilterLabels
	return renderList(c, "placements/list", "Placeringer", secPlacements, &placementListContent{
		ListMeta:    lq.meta(c, res.Total, web.Noun{One: "placering", Many: "placeringer"}),
		Items:       res.Items,
		Filter:      form,
		Statuses:    models.PlacementStatusOptions(),
		Kinds:       models.KindOptions(),
		Consultants: consultants,
		CanCreate:   access.Allowed(u, access.Create, access.Of(access.Placement)),
		SeesCitizen: seesCitizens(u),
	})
}

var placementFilterLabels = map[string]string{
	"status": "Status", "kind": "Ordning", "consultant_id": "Borgerens konsulent", "sort": "Sortér efter",
}

type placementShowContent struct {
	statusLabels
	Placement app.PlacementView
	Weeks     []weekRow
	// Moves are the statuses the placement may go to next.
	CanEdit, CanStart, CanEnd, CanEvaluate bool
	CanEnter                               bool
	SeesCitizen                            bool
	OpeningTitle                           string
	ThisWeek                               string
	// The reference (udtalelse): written, and whether u may write it now.
	ReferenceWritten, CanWriteReference bool
	// Summary totals worked and confirmed hours; CanConfirm: the user is
	// the hosting employer, who confirms the weeks.
	Summary    app.HoursSummary
	CanConfirm bool
}

// weekRow is one week of a placement's hours table.
type weekRow struct {
	app.WeekView
	EnteredBy string
}

func (h *Handler) placementShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Placement)); err != nil {
		return err
	}
	p, err := h.App.GetPlacement(ctx, u, id)
	if err != nil {
		return err
	}
	if p.Archived() {
		return archived("placering")
	}
	hours, err := h.App.HoursOfPlacement(ctx, u, id)
	if err != nil {
		return err
	}
	names := userNames{h: h, c: c}
	// Newest week first: the week being worked on is what people look for.
	weeks := make([]weekRow, 0, len(hours.Weeks))
	for i := len(hours.Weeks) - 1; i >= 0; i-- {
		w := hours.Weeks[i]
		row := weekRow{WeekView: w}
		if w.Hours != nil {
			row.EnteredBy = names.of(w.Hours.EnteredBy)
		}
		weeks = append(weeks, row)
	}
	edit := access.Allowed(u, access.Update, placementRow(p.Placement)) && !p.Archived()
	content := &placementShowContent{
		Placement: p, Weeks: weeks, CanEdit: edit && !p.Status.Final(),
		CanStart:    edit && p.Status.CanMoveTo(models.PlacementActive),
		CanEnd:      edit && !p.Status.Final(),
		CanEvaluate: edit && p.Status.Final(),
		SeesCitizen: seesCitizens(u),
		CanEnter:    access.Allowed(u, access.Update, hoursRow(p.Placement)),
		ThisWeek:    models.ISOWeekOf(models.DateOf(h.App.Now())).String(),
		Summary:     hours.Summary,
		CanConfirm:  access.Allowed(u, access.Create, access.Row(access.HourConfirmation, p.JobcentreID, p.CompanyID)),
	}
	if p.OpeningID != nil {
		if o, err := h.App.GetOpening(ctx, u, *p.OpeningID); err == nil {
			content.OpeningTitle = o.Title
		}
	}
	if content.ReferenceWritten, err = h.App.ReferenceWritten(ctx, u, p.ID); err != nil {
		return err
	}
	content.CanWriteReference = h.App.CanWriteReference(u, p.Placement)
	title := "Placering: " + p.CitizenName + " hos " + p.CompanyName
	return renderPage(c, http.StatusOK, "placements/show", newPage(c, title, secPlacements, content))
}

// Text helpers the placement templates call on their content.

// OutcomeLabel names an outcome, "–" for none.
func (placementShowContent) OutcomeLabel(o models.Outcome) string { return orText(o.Label(), "–") }

// CompletionLabel names how far the citizen got.
func (placementShowContent) CompletionLabel(v models.Completion) string {
	return orText(v.Label(), string(v))
}

// AbsenceLabel names an absence reason.
func (placementShowContent) AbsenceLabel(r models.AbsenceReason) string {
	return orText(r.Label(), string(r))
}

// SourceLabel names who reported a week's hours.
func (placementShowContent) SourceLabel(s models.HourSource) string {
	return orText(s.Label(), string(s))
}

// Hours writes an hour figure with one decimal at most, "7,5".
func (placementShowContent) Hours(f float64) string { return decimal(f, 1) }

// WeekName writes an ISO week as Danish workplaces say it, "uge 3, 2027".
func (placementShowContent) WeekName(w models.ISOWeek) string { return weekName(w) }

func weekName(w models.ISOWeek) string {
	if w.IsZero() {
		return ""
	}
	return "Uge " + strconv.Itoa(w.Week) + ", " + strconv.Itoa(w.Year)
}

// statusLabels gives a page's templates the StatusLabel helper.
type statusLabels struct{}

// StatusLabel names a placement status.
func (statusLabels) StatusLabel(s models.PlacementStatus) string {
	return orText(s.Label(), string(s))
}

// placementFormContent is the create and edit form.
type placementFormContent struct {
	Form   *web.Form
	Action string
	Cancel string
	// Editing: the citizen is shown, not chosen; it never changes.
	Editing     bool
	Picker      *citizenPicker // for a new placement
	CitizenName string
	Companies   []models.Option
	Openings    []models.Option
	Rows        []int
	Defaults    string
}

// defaultsHint says what an empty end date becomes, per kind (DOMAIN.md §4).
func defaultsHint() string {
	short := map[models.Kind]string{models.KindPraktik: "praktik", models.KindLoentilskud: "løntilskud", models.KindIGU: "IGU"}
	var parts []string
	for _, k := range models.Kinds {
		if w := models.DefaultPlacementWeeks(k); w > 0 {
			parts = append(parts, fmt.Sprintf("%s %d uger", orText(short[k], k.Label()), w))
		}
	}
	return "Tom: " + strings.Join(parts, ", ") + " fra start; fleksjob og ordinære timer har ingen slutdato. Med en åbning bruges åbningens varighed."
}

// isoDates rewrites the typed dates that parse into the form a date
// input shows (ÅÅÅÅ-MM-DD), so that a form shown again with problems
// does not blank a date typed as 15-03-2027 in a browser with a picker.
func isoDates(v url.Values, names ...string) {
	for _, n := range names {
		r := &reader{v: v}
		if d := r.date(n); !d.IsZero() {
			v.Set(n, d.String())
		}
	}
}

func (h *Handler) placementNew(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Placement)); err != nil {
		return err
	}
	v := url.Values{"start_date": {models.DateOf(h.App.Now()).String()}}
	for _, k := range []string{"citizen_id", "company_id", "opening_id"} {
		if id, err := strconv.ParseInt(c.QueryParam(k), 10, 64); err == nil && id > 0 {
			v.Set(k, itoa(id))
		}
	}
	return h.placementForm(c, http.StatusOK, 0, web.NewForm(placementLabels, v))
}

func (h *Handler) placementEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	p, err := h.App.GetPlacement(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Update, placementRow(p.Placement)); err != nil {
		return err
	}
	if p.Status.Final() {
		return models.Forbidden("Placeringen er afsluttet og kan ikke længere redigeres.")
	}
	return h.placementForm(c, http.StatusOK, id, web.NewForm(placementLabels, placementValues(p.Fields())))
}

func (h *Handler) placementForm(c echo.Context, status int, id int64, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &placementFormContent{Form: form, Action: placementPath, Cancel: placementPath,
		Rows: rowSlots(filledRows(form.Values, "plan")), Defaults: defaultsHint()}
	title := "Opret placering"
	var err error
	if id != 0 {
		title = "Redigér placering"
		content.Editing = true
		content.Action = placementPath + "/" + itoa(id) + "/rediger"
		content.Cancel = placementPath + "/" + itoa(id)
		p, err := h.App.GetPlacement(ctx, u, id)
		if err != nil {
			return err
		}
		content.CitizenName = p.CitizenName
	} else {
		if content.Picker, err = h.citizenPickerFor(ctx, u, form.Get(citizenSearchParam), form.Get("citizen_id"), false); err != nil {
			return err
		}
		content.Cancel = placementCancel(form.Get("citizen_id"))
	}
	selected, _ := strconv.ParseInt(form.Get("company_id"), 10, 64)
	if content.Companies, err = h.companyChoices(ctx, u, selected); err != nil {
		return err
	}
	chosen, _ := strconv.ParseInt(form.Get("opening_id"), 10, 64)
	if content.Openings, err = h.openingChoices(ctx, u, chosen, ""); err != nil {
		return err
	}
	p := newPage(c, title, secPlacements, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "placements/form", p)
}

// placementCancel goes back to the citizen a new placement was started
// from, else to the list.
func placementCancel(citizen string) string {
	if id, err := strconv.ParseInt(citizen, 10, 64); err == nil && id > 0 {
		return "/borgere/" + itoa(id)
	}
	return placementPath
}

func (h *Handler) placementCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	f, r, index := readPlacement(vals)
	f.CitizenID = r.id("citizen_id")
	checks := func() models.FieldErrors { return placementChecks(f, true) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashPlacementCreated, func() (string, error) {
		p, err := h.App.CreatePlacement(c.Request().Context(), u, f)
		if err != nil {
			return "", err
		}
		return placementPath + "/" + itoa(p.ID), nil
	})
	if status == 0 {
		return err
	}
	isoDates(vals, "start_date", "end_date")
	form := web.NewForm(placementLabels, vals)
	form.Errors = remapRows(errs, "plan", index)
	return h.placementForm(c, status, 0, form)
}

func (h *Handler) placementUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	in, r, index := readPlacement(vals)
	checks := func() models.FieldErrors { return placementChecks(in, false) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashPlacementSaved, func() (string, error) {
		_, err := h.App.UpdatePlacement(c.Request().Context(), u, id, func(f *models.PlacementFields) error {
			// The form holds the plan, dates and mentors; the citizen, the
			// status and its outcome and evaluation are changed elsewhere.
			f.CompanyID, f.Kind = in.CompanyID, in.Kind
			if vals.Has("opening_id") { // a form without the chooser keeps the opening
				f.OpeningID = in.OpeningID
			}
			f.StartDate, f.EndDate, f.TargetHours = in.StartDate, in.EndDate, in.TargetHours
			f.Plan, f.CompanyMentor, f.JobcentreMentor, f.Note = in.Plan, in.CompanyMentor, in.JobcentreMentor, in.Note
			if f.EndDate.IsZero() {
				f.EndDate = models.DefaultEndDate(f.Kind, f.StartDate)
			}
			return nil
		})
		return placementPath + "/" + itoa(id), err
	})
	if status == 0 {
		return err
	}
	isoDates(vals, "start_date", "end_date")
	form := web.NewForm(placementLabels, vals)
	form.Errors = remapRows(errs, "plan", index)
	return h.placementForm(c, status, id, form)
}

// placementStart moves a planned placement to active: the one move that
// needs nothing but the button.
func (h *Handler) placementStart(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	if vals.Get("status") != string(models.PlacementActive) {
		return models.Errorf(models.EBadRequest, "status change", nil, "Ukendt statusskift.")
	}
	_, err = h.App.UpdatePlacement(c.Request().Context(), session.UserFrom(c), id, func(f *models.PlacementFields) error {
		f.Status = models.PlacementActive
		return nil
	})
	if err != nil {
		return err
	}
	setFlash(c, flashPlacementStarted, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, placementPath+"/"+itoa(id))
}

var planFields = []string{"from_week", "hours"}

// readPlacement parses the create and edit form. Blank plan rows are
// dropped; index maps each kept step back to its form row. A mentor whose
// fields are all blank is none.
func readPlacement(v url.Values) (models.PlacementFields, *reader, []int) {
	r := &reader{v: v}
	f := models.PlacementFields{
		OpeningID: r.optID("opening_id"), CompanyID: r.id("company_id"), Kind: models.Kind(r.str("kind")),
		StartDate: r.date("start_date"), EndDate: r.date("end_date"),
	}
	f.TargetHours = r.number("target_hours")
	f.Note = r.str("note")
	f.CompanyMentor = readMentor(v, "company_mentor")
	f.JobcentreMentor = readMentor(v, "jobcentre_mentor")
	rows, index := readRows(v, "plan", planFields)
	for i, row := range rows {
		rr := &reader{v: url.Values{"from_week": {row["from_week"]}, "hours": {row["hours"]}}}
		step := models.PlanStep{FromWeek: rr.integer("from_week"), Hours: rr.number("hours")}
		for _, e := range rr.errs {
			r.errs.Add("plan["+strconv.Itoa(index[i])+"]."+e.Field, "%s", e.Message)
		}
		f.Plan = append(f.Plan, step)
	}
	return f, r, index
}

func readMentor(v url.Values, prefix string) *models.Mentor {
	m := models.Mentor{Name: v.Get(prefix + ".name"), Phone: v.Get(prefix + ".phone"), Email: v.Get(prefix + ".email")}
	if strings.TrimSpace(m.Name+m.Phone+m.Email) == "" {
		return nil
	}
	return &m
}

// placementChecks validates locally when the form could not be parsed,
// leaving out what the app fills in (the company from an opening, the
// citizen on edit).
func placementChecks(f models.PlacementFields, creating bool) models.FieldErrors {
	if f.CompanyID == 0 && f.OpeningID != nil {
		f.CompanyID = -1 // the app takes it from the opening
	}
	if !creating {
		f.CitizenID = -1
	}
	var out models.FieldErrors
	for _, e := range f.Validate() {
		if (e.Field == "company_id" && f.CompanyID == -1) || (e.Field == "citizen_id" && !creating) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func placementValues(f models.PlacementFields) url.Values {
	v := url.Values{
		"citizen_id": {itoa(f.CitizenID)}, "company_id": {itoa(f.CompanyID)}, "opening_id": {optIDStr(f.OpeningID)},
		"kind": {string(f.Kind)}, "start_date": {f.StartDate.String()}, "end_date": {f.EndDate.String()},
		"target_hours": {coordStr(f.TargetHours)}, "note": {f.Note},
	}
	for prefix, m := range map[string]*models.Mentor{"company_mentor": f.CompanyMentor, "jobcentre_mentor": f.JobcentreMentor} {
		if m != nil {
			v.Set(prefix+".name", m.Name)
			v.Set(prefix+".phone", m.Phone)
			v.Set(prefix+".email", m.Email)
		}
	}
	for i, s := range f.Plan {
		pre := "plan[" + intStr(i) + "]."
		v.Set(pre+"from_week", intStr(s.FromWeek))
		v.Set(pre+"hours", numStr(s.Hours))
	}
	return v
}

// openOpeningChoices lists open openings, "Titel – Virksomhed".
func (h *Handler) openingChoices(ctx context.Context, u *models.User, chosen int64, q string) ([]models.Option, error) {
	f := models.OpeningFilter{Page: models.Page{PerPage: maxChoices, Sort: "title"},
		Statuses: []string{string(models.StatusOpen)}, Q: q}
	if s := access.ScopeOf(u); !s.All {
		f.JobcentreID = s.JobcentreID // the user's own jobcentre's openings
	}
	res, err := h.App.ListOpenings(ctx, u, f)
	if err != nil {
		return nil, fmt.Errorf("opening choices: %w", err)
	}
	items := res.Items
	// The opening already chosen is always offered, whatever the search
	// or its status (a full opening is no longer "open"), so that saving
	// a form never drops it.
	if chosen > 0 && !slices.ContainsFunc(items, func(o models.Opening) bool { return o.ID == chosen }) {
		if o, err := h.App.GetOpening(ctx, u, chosen); err == nil {
			items = append([]models.Opening{o}, items...)
		}
	}
	ids := make([]int64, len(items))
	for i, o := range items {
		ids[i] = o.CompanyID
	}
	names, err := h.companyNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]models.Option, len(items))
	for i, o := range items {
		out[i] = models.Option{Code: itoa(o.ID), Label: o.Title + " – " + names[o.CompanyID] + " (" + o.Kind.Label() + ")"}
	}
	return out, nil
}

// openingOptions answers the opening chooser's search as you type with the
// matching openings as <option> elements; the chosen one stays first.
func (h *Handler) openingOptions(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Placement)); err != nil {
		return err
	}
	q := strings.TrimSpace(c.QueryParam("aabning_soeg"))
	if len([]rune(q)) > 200 {
		q = string([]rune(q)[:200])
	}
	chosen, _ := strconv.ParseInt(c.QueryParam("opening_id"), 10, 64)
	opts, err := h.openingChoices(c.Request().Context(), u, chosen, q)
	if err != nil {
		return err
	}
	return renderBlock(c, http.StatusOK, "placements/form", "opening-options",
		newPage(c, "", secPlacements, openingOptionsContent{Options: opts, Chosen: itoa(chosen)}))
}

// openingOptionsContent is the option list of the opening chooser.
type openingOptionsContent struct {
	Options []models.Option
	Chosen  string
}
