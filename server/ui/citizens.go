package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The CPR number is write-only in the UI as in the API: it is typed once,
// sent to the app (which seals it), and never rendered again, not even
// back into the form after a validation error. Pages show the masked form
// DDMMYY-XXXX only.

var citizenLabels = map[string]string{
	"jobcentre_id":     "Jobcenter",
	"cpr":              "CPR-nummer",
	"name":             "Navn",
	"email":            "E-mail",
	"phone":            "Telefon",
	"target_group":     "Målgruppe",
	"group_entered_on": "I målgruppen siden",
	"arrival_date":     "Dato for boligplacering",
	"goal_branch":      "Branche",
	"goal_title":       "Jobtitel",
	"danish_level":     "Dansk",
	"drivers_licence":  "Har kørekort",
	"lat":              "Breddegrad",
	"lon":              "Længdegrad",
	"max_commute_km":   "Længste transport (km)",
	"hours_capacity":   "Timer pr. uge",
	"consent_share":    "Generelt samtykke til at dele profil",
	"consent_kinds":    "Samtykke til at blive vist for arbejdsgivere",
	"consultant_id":    "Ansvarlig konsulent",
	"form":             "Formularen",
}

var citizenSorts = []models.Option{
	{Code: "name", Label: "Navn (A–Å)"},
	{Code: "-name", Label: "Navn (Å–A)"},
	{Code: "target_group", Label: "Målgruppe"},
	{Code: "group_entered_on", Label: "Længst i målgruppen"},
	{Code: "-created_at", Label: "Nyeste først"},
}

type citizenListContent struct {
	web.ListMeta
	Items  []models.Citizen
	Filter *web.Form
	Sorts  []models.Option
}

func (h *Handler) citizenList(c echo.Context) error {
	u := session.UserFrom(c)
	lq := readList(c, citizenSorts, map[string][]models.Option{"target_group": models.TargetGroupOptions()})
	res, err := h.App.ListCitizens(c.Request().Context(), u, models.CitizenFilter{
		Page: lq.page, Q: lq.values.Get("q"), TargetGroups: lq.one("target_group"),
	})
	if err != nil {
		return fmt.Errorf("list citizens: %w", err)
	}
	return renderList(c, "citizens/list", "Borgere", secCitizens, &citizenListContent{
		ListMeta: lq.meta(c, res.Total, web.Noun{One: "borger", Many: "borgere"}),
		Items:    res.Items,
		Filter:   lq.filterForm(),
		Sorts:    citizenSorts,
	})
}

type citizenShowContent struct {
	Citizen        models.Citizen
	ConsultantName string
}

func (h *Handler) citizenShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ct, err := h.App.GetCitizen(ctx, session.UserFrom(c), id)
	if err != nil {
		return err
	}
	if ct.Archived() {
		return archived("borger")
	}
	return renderPage(c, http.StatusOK, "citizens/show", newPage(c, ct.Name, secCitizens, &citizenShowContent{
		Citizen: ct, ConsultantName: h.userName(ctx, ct.ConsultantID),
	}))
}

type citizenFormContent struct {
	Form        *web.Form
	Action      string
	Cancel      string
	MaskedCPR   string // set when editing
	Jobcentres  []models.Option
	Consultants []models.Option
	// Consents are the kinds with the date each consent was given.
	Consents []models.Option
}

func (h *Handler) citizenNew(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Read, access.Of(access.Citizen)); err != nil {
		return err
	}
	v := url.Values{"danish_level": {string(models.DanishNone)}}
	if u.Role == models.RoleConsultant {
		v.Set("consultant_id", itoa(u.ID))
	}
	return h.citizenForm(c, http.StatusOK, 0, "", nil, web.NewForm(citizenLabels, v))
}

func (h *Handler) citizenEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ct, err := h.App.GetCitizen(c.Request().Context(), session.UserFrom(c), id)
	if err != nil {
		return err
	}
	if ct.Archived() {
		return archived("borger")
	}
	v := citizenValues(ct.CitizenFields)
	for _, k := range ct.Consents {
		v.Add("consent_kinds", string(k.Kind))
	}
	return h.citizenForm(c, http.StatusOK, id, ct.CPRMasked, ct.Consents, web.NewForm(citizenLabels, v))
}

func (h *Handler) citizenForm(c echo.Context, status int, id int64, masked string, consents []models.CitizenConsent, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	form.Values.Del("cpr") // never render a CPR number back
	content := &citizenFormContent{Form: form, Action: "/borgere", Cancel: "/borgere", MaskedCPR: masked, Consents: consentOptions(consents)}
	title := "Opret borger"
	var err error
	if id != 0 {
		title = "Redigér borger"
		content.Action = "/borgere/" + itoa(id) + "/rediger"
		content.Cancel = "/borgere/" + itoa(id)
	} else if content.Jobcentres, err = h.jobcentreChoices(ctx, u); err != nil {
		return err
	}
	if content.Consultants, err = h.consultantChoices(ctx, u, 0); err != nil {
		return err
	}
	p := newPage(c, title, secCitizens, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "citizens/form", p)
}

func (h *Handler) citizenCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	in, r := readCitizen(vals)
	in.JobcentreID = r.optID("jobcentre_id")
	checks := func() models.FieldErrors { return citizenChecks(in, true) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashCitizenCreated, func() (string, error) {
		ct, err := h.App.CreateCitizen(c.Request().Context(), u, in)
		if err != nil {
			return "", err
		}
		return "/borgere/" + itoa(ct.ID), nil
	})
	if status == 0 {
		return err
	}
	askCPRAgain(&errs, in.CPR)
	form := web.NewForm(citizenLabels, vals)
	form.Errors = errs
	return h.citizenForm(c, status, 0, "", nil, form)
}

func (h *Handler) citizenUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	in, r := readCitizen(vals)
	checks := func() models.FieldErrors { return citizenChecks(in, false) }
	errs, status, err := h.saveForm(c, r.errs, checks, flashCitizenSaved, func() (string, error) {
		_, err := h.App.UpdateCitizen(ctx, u, id, func(p *app.CitizenInput) error {
			p.CitizenFields = in.CitizenFields
			p.CPR = in.CPR
			p.ConsentKinds = in.ConsentKinds // the form always sends every box
			return nil
		})
		return "/borgere/" + itoa(id), err
	})
	if status == 0 {
		return err
	}
	askCPRAgain(&errs, in.CPR)
	// The masked number comes from the stored row, never from the form.
	ct, err := h.App.GetCitizen(ctx, u, id)
	if err != nil {
		return err
	}
	form := web.NewForm(citizenLabels, vals)
	form.Errors = errs
	return h.citizenForm(c, status, id, ct.CPRMasked, ct.Consents, form)
}

func (h *Handler) citizenArchiveForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ct, err := h.App.GetCitizen(c.Request().Context(), session.UserFrom(c), id)
	if err != nil {
		return err
	}
	return renderArchive(c, secCitizens, "Arkivér borger", &archiveContent{
		What:    ct.Name + " (" + ct.CPRMasked + ")",
		Explain: "Borgeren forsvinder fra lister og søgninger, men historikken bevares. Flytter borgeren kommune, oprettes vedkommende i det nye jobcenter.",
		Action:  "/borgere/" + itoa(id) + "/arkiver",
		Cancel:  "/borgere/" + itoa(id),
	})
}

func (h *Handler) citizenArchive(c echo.Context) error {
	return h.confirmed(c, h.App.ArchiveCitizen, flashCitizenArchived, "/borgere")
}

// readCitizen parses the citizen form. An empty CPR field means "no new
// number" (on edit) or a missing one (on create, which the app reports).
func readCitizen(v url.Values) (app.CitizenInput, *reader) {
	r := &reader{v: v}
	in := app.CitizenInput{CitizenFields: models.CitizenFields{
		Name: r.str("name"), Email: r.str("email"), Phone: r.str("phone"),
		TargetGroup:    models.TargetGroup(r.str("target_group")),
		GroupEnteredOn: r.date("group_entered_on"), ArrivalDate: r.date("arrival_date"),
		GoalBranch: r.str("goal_branch"), GoalTitle: r.str("goal_title"),
		DanishLevel: models.DanishLevel(r.str("danish_level")), DriversLicence: r.flag("drivers_licence"),
		Lat: r.number("lat"), Lon: r.number("lon"),
		MaxCommuteKm: r.number("max_commute_km"), HoursCapacity: r.number("hours_capacity"),
		ConsentShare: r.flag("consent_share"), ConsultantID: r.optID("consultant_id"),
	}}
	if cpr := strings.TrimSpace(v.Get("cpr")); cpr != "" {
		in.CPR = &cpr
	}
	in.ConsentKinds = []models.Kind{}
	for _, k := range v["consent_kinds"] {
		in.ConsentKinds = append(in.ConsentKinds, models.Kind(k))
	}
	return in, r
}

// consentOptions are the opening kinds as boxes, each labelled with the
// date its consent was given, if it was.
func consentOptions(given []models.CitizenConsent) []models.Option {
	out := models.KindOptions()
	for i := range out {
		for _, g := range given {
			if string(g.Kind) == out[i].Code {
				out[i].Label += " (givet " + web.FormatDate(g.GivenAt) + ")"
			}
		}
	}
	return out
}

// citizenChecks validates locally when the form could not be parsed, so
// every problem shows at once. The CPR check matches the app's message.
func citizenChecks(in app.CitizenInput, creating bool) models.FieldErrors {
	f := in.CitizenFields
	errs := f.Validate()
	switch {
	case in.CPR != nil && !models.ValidCPR(*in.CPR):
		errs.Add("cpr", "CPR-nummeret er ugyldigt. Skriv det som DDMMÅÅ-XXXX med en gyldig fødselsdato.")
	case in.CPR == nil && creating:
		errs.Add("cpr", "Feltet skal udfyldes.")
	}
	return errs
}

// askCPRAgain tells the person to retype a CPR number that was fine but
// is not shown again because the form failed on something else.
func askCPRAgain(errs *models.FieldErrors, cpr *string) {
	if cpr != nil && len(*errs) > 0 && !errs.Has("cpr") {
		errs.Add("cpr", "Skriv CPR-nummeret igen. Af sikkerhedshensyn vises det ikke i formularen.")
	}
}

func citizenValues(f models.CitizenFields) url.Values {
	return url.Values{
		"name": {f.Name}, "email": {f.Email}, "phone": {f.Phone},
		"target_group": {string(f.TargetGroup)}, "group_entered_on": {f.GroupEnteredOn.String()},
		"arrival_date": {f.ArrivalDate.String()}, "goal_branch": {f.GoalBranch}, "goal_title": {f.GoalTitle},
		"danish_level": {string(f.DanishLevel)}, "drivers_licence": {flagStr(f.DriversLicence)},
		"lat": {coordStr(f.Lat)}, "lon": {coordStr(f.Lon)},
		"max_commute_km": {numStr(f.MaxCommuteKm)}, "hours_capacity": {numStr(f.HoursCapacity)},
		"consent_share": {flagStr(f.ConsentShare)}, "consultant_id": {optIDStr(f.ConsultantID)},
	}
}
