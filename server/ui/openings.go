package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/session"
	"placering/web"
)

var openingLabels = map[string]string{
	"company_id":       "Virksomhed",
	"kind":             "Ordning",
	"title":            "Titel",
	"tasks":            "Opgaver",
	"branch":           "Branche",
	"address":          "Adresse",
	"postcode":         "Postnummer",
	"town":             "By",
	"lat":              "Breddegrad",
	"lon":              "Længdegrad",
	"hours_min":        "Mindste antal timer pr. uge",
	"hours_max":        "Højeste antal timer pr. uge",
	"seats":            "Antal pladser",
	"start_date":       "Startdato",
	"duration_weeks":   "Varighed i uger",
	"max_referrals":    "Nok henvisninger",
	"danish_level":     "Krav til dansk",
	"drivers_licence":  "Kørekort er påkrævet",
	"physical_demands": "Fysiske krav",
	"mentor_available": "Der er en mentor på arbejdspladsen",
	"status":           "Status",
	"form":             "Formularen",
}

var openingSorts = []models.Option{
	{Code: "-id", Label: "Nyeste først"},
	{Code: "title", Label: "Titel (A–Å)"},
	{Code: "start_date", Label: "Startdato (tidligste først)"},
	{Code: "-start_date", Label: "Startdato (seneste først)"},
	{Code: "-hours_max", Label: "Flest timer"},
	{Code: "-seats", Label: "Flest pladser"},
}

type openingListContent struct {
	web.ListMeta
	Items     []models.Opening
	Companies map[int64]string
	Filter    *web.Form
	Sorts     []models.Option
	CanCreate bool
}

func (h *Handler) openingList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	lq := readList(c, openingSorts, map[string][]models.Option{
		"branch": models.BranchOptions(), "kind": models.KindOptions(), "status": models.StatusOptions(),
	})
	res, err := h.App.ListOpenings(ctx, u, models.OpeningFilter{
		Page: lq.page, Q: lq.values.Get("q"),
		Branches: lq.one("branch"), Kinds: lq.one("kind"), Statuses: lq.one("status"),
	})
	if err != nil {
		return fmt.Errorf("list openings: %w", err)
	}
	ids := make([]int64, len(res.Items))
	for i, o := range res.Items {
		ids[i] = o.CompanyID
	}
	names, err := h.companyNames(ctx, ids)
	if err != nil {
		return err
	}
	content := &openingListContent{
		ListMeta:  lq.meta(c, res.Total, web.Noun{One: "åbning", Many: "åbninger"}),
		Items:     res.Items,
		Companies: names,
		Filter:    lq.filterForm(),
		Sorts:     openingSorts,
		CanCreate: access.Allowed(u, access.Create, access.Of(access.Opening)),
	}
	// Employers may read it in English (lang.go).
	lang := langOf(c, u)
	content.ListMeta.Lang, content.Filter.Lang, content.Sorts = lang, lang, web.TranslateOptions(lang, openingSorts)
	return renderList(c, "openings/list", "Åbninger", secOpenings, content)
}

type openingShowContent struct {
	Opening     models.Opening
	CompanyName string
	CanEdit     bool
	// CanSeeCandidates: staff, and the employer who owns the opening.
	CanSeeCandidates bool
	// ReviewForm and Checklist: the review form for who may approve an
	// opening awaiting review; Checked: the latest review's checklist, for
	// staff (reviews.go).
	ReviewForm *web.Form
	Checklist  []models.Option
	Checked    []checkedItem
}

func (h *Handler) openingShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return h.openingPage(c, http.StatusOK, id, nil)
}

// openingPage draws an opening's page; reviewForm is the review form sent
// back with problems, or nil.
func (h *Handler) openingPage(c echo.Context, status int, id int64, reviewForm *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	o, err := h.App.GetOpening(ctx, u, id)
	if err != nil {
		return err
	}
	if o.Archived() {
		return archived("åbning")
	}
	names, err := h.companyNames(ctx, []int64{o.CompanyID})
	if err != nil {
		return err
	}
	content := &openingShowContent{
		Opening: o, CompanyName: names[o.CompanyID], CanEdit: access.Allowed(u, access.Update, openingRow(o)),
		CanSeeCandidates: access.Allowed(u, access.Read, access.Row(access.Candidates, o.JobcentreID, o.CompanyID)),
	}
	reviewOf(u, o, reviewForm, content)
	p := newPage(c, o.Title, secOpenings, content)
	p.Invalid = reviewForm != nil && reviewForm.Invalid()
	return renderPage(c, status, "openings/show", p)
}

type openingFormContent struct {
	Form        *web.Form
	Action      string
	Cancel      string
	Companies   []models.Option // nil for an employer, whose company is fixed
	CompanyName string
}

func (h *Handler) openingNew(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Opening)); err != nil {
		return err
	}
	v := url.Values{"status": {string(models.StatusOpen)}, "seats": {"1"}, "danish_level": {string(models.DanishNone)}}
	if id, err := strconv.ParseInt(c.QueryParam("company_id"), 10, 64); err == nil && id > 0 {
		v.Set("company_id", itoa(id))
	}
	return h.openingForm(c, http.StatusOK, 0, web.NewForm(openingLabels, v))
}

func (h *Handler) openingEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	o, err := h.App.GetOpening(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Update, openingRow(o)); err != nil {
		return err
	}
	return h.openingForm(c, http.StatusOK, id, web.NewForm(openingLabels, openingValues(o.OpeningFields)))
}

func (h *Handler) openingForm(c echo.Context, status int, id int64, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &openingFormContent{Form: form, Action: "/aabninger", Cancel: "/aabninger"}
	title := "Opret åbning"
	if id != 0 {
		title = "Redigér åbning"
		content.Action = "/aabninger/" + itoa(id) + "/rediger"
		content.Cancel = "/aabninger/" + itoa(id)
	}
	if u.Role == models.RoleEmployer {
		if u.CompanyID != nil {
			names, err := h.companyNames(ctx, []int64{*u.CompanyID})
			if err != nil {
				return err
			}
			content.CompanyName = names[*u.CompanyID]
		}
	} else {
		selected, _ := strconv.ParseInt(form.Get("company_id"), 10, 64)
		choices, err := h.companyChoices(ctx, u, selected)
		if err != nil {
			return err
		}
		content.Companies = choices
	}
	p := newPage(c, title, secOpenings, content)
	p.Invalid = form.Invalid()
	form.Lang = p.Lang
	return renderPage(c, status, "openings/form", p)
}

func (h *Handler) openingCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r := readOpening(vals, u)
	checks := func() models.FieldErrors { return openingChecks(fields, u) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashOpeningCreated, func() (string, error) {
		o, err := h.App.CreateOpening(c.Request().Context(), u, fields)
		if err != nil {
			return "", err
		}
		return "/aabninger/" + itoa(o.ID), nil
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(openingLabels, vals)
	form.Errors = errs
	return h.openingForm(c, status, 0, form)
}

func (h *Handler) openingUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r := readOpening(vals, u)
	checks := func() models.FieldErrors { return openingChecks(fields, u) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashOpeningSaved, func() (string, error) {
		_, err := h.App.UpdateOpening(c.Request().Context(), u, id, func(f *models.OpeningFields) error {
			company := f.CompanyID
			*f = fields
			if u.Role == models.RoleEmployer {
				f.CompanyID = company // not in the employer's form
			}
			return nil
		})
		return "/aabninger/" + itoa(id), err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(openingLabels, vals)
	form.Errors = errs
	return h.openingForm(c, status, id, form)
}

func (h *Handler) openingArchiveForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	o, err := h.App.GetOpening(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Archive, openingRow(o)); err != nil {
		return err
	}
	return renderArchive(c, secOpenings, "Arkivér åbning", &archiveContent{
		What:    "åbningen " + o.Title,
		Explain: "Åbningen forsvinder fra lister og søgninger, men dens historik bevares.",
		Action:  "/aabninger/" + itoa(id) + "/arkiver",
		Cancel:  "/aabninger/" + itoa(id),
	})
}

func (h *Handler) openingArchive(c echo.Context) error {
	return h.confirmed(c, h.App.ArchiveOpening, flashOpeningArchived, "/aabninger")
}

// readOpening parses the opening form. An employer's form has no company
// field: the app puts in their own company.
func readOpening(v url.Values, u *models.User) (models.OpeningFields, *reader) {
	r := &reader{v: v}
	f := models.OpeningFields{
		Kind: models.Kind(r.str("kind")), Title: r.str("title"), Tasks: r.str("tasks"), Branch: r.str("branch"),
		Address: r.str("address"), Postcode: r.str("postcode"), Town: r.str("town"),
		Lat: r.number("lat"), Lon: r.number("lon"),
		HoursMin: r.number("hours_min"), HoursMax: r.number("hours_max"),
		Seats: r.integer("seats"), StartDate: r.date("start_date"), DurationWeeks: r.integer("duration_weeks"),
		DanishLevel: models.DanishLevel(r.str("danish_level")), DriversLicence: r.flag("drivers_licence"),
		PhysicalDemands: models.PhysicalDemand(r.str("physical_demands")), MentorAvailable: r.flag("mentor_available"),
		Status: models.OpeningStatus(r.str("status")),
	}
	if u.Role != models.RoleEmployer {
		f.CompanyID = r.id("company_id")
	}
	f.MaxReferrals = optInt(r, "max_referrals") // interests.go
	return f, r
}

// openingChecks validates a copy locally when the form could not even be
// parsed, leaving out what the app would fill in from the company (branch,
// and for an employer the company itself).
func openingChecks(f models.OpeningFields, u *models.User) models.FieldErrors {
	var out models.FieldErrors
	for _, e := range f.Validate() {
		if e.Field == "branch" && f.Branch == "" || e.Field == "company_id" && u.Role == models.RoleEmployer {
			continue
		}
		out = append(out, e)
	}
	return out
}

func openingValues(f models.OpeningFields) url.Values {
	return url.Values{
		"company_id": {itoa(f.CompanyID)}, "kind": {string(f.Kind)}, "title": {f.Title}, "tasks": {f.Tasks},
		"branch": {f.Branch}, "address": {f.Address}, "postcode": {f.Postcode}, "town": {f.Town},
		"lat": {coordStr(f.Lat)}, "lon": {coordStr(f.Lon)},
		"hours_min": {numStr(f.HoursMin)}, "hours_max": {numStr(f.HoursMax)},
		"seats": {intStr(f.Seats)}, "start_date": {f.StartDate.String()}, "duration_weeks": {intStr(f.DurationWeeks)},
		"danish_level": {string(f.DanishLevel)}, "drivers_licence": {flagStr(f.DriversLicence)},
		"physical_demands": {string(f.PhysicalDemands)}, "mentor_available": {flagStr(f.MentorAvailable)},
		"status": {string(f.Status)}, "max_referrals": {optIntStr(f.MaxReferrals)},
	}
}
