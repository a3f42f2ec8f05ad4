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

var virksomhedscenterLabels = map[string]string{
	"company_id":    "Virksomhed",
	"valid_from":    "Aftalen gælder fra",
	"valid_to":      "Aftalen gælder til",
	"seats":         "Antal pladser",
	"target_groups": "Målgrupper, centret tager imod",
	"consultant_id": "Ansvarlig konsulent",
	"notes":         "Noter til aftalen",
	"mentors":       "Mentor",
	"mentors.name":  "Navn",
	"mentors.phone": "Telefon",
	"mentors.email": "E-mail",
	"form":          "Formularen",
}

var virksomhedscenterSorts = []models.Option{
	{Code: "-valid_from", Label: "Nyeste aftaler først"},
	{Code: "valid_from", Label: "Ældste aftaler først"},
	{Code: "valid_to", Label: "Udløber først"},
	{Code: "-seats", Label: "Flest pladser"},
}

type virksomhedscenterListContent struct {
	web.ListMeta
	Items     []models.Virksomhedscenter
	Companies map[int64]string
	Filter    *web.Form
	Sorts     []models.Option
	CanCreate bool
}

func (h *Handler) virksomhedscenterList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	lq := readList(c, virksomhedscenterSorts, map[string][]models.Option{"target_group": models.TargetGroupOptions()}, "active")
	f := models.VirksomhedscenterFilter{Page: lq.page, TargetGroup: lq.values.Get("target_group")}
	if lq.values.Get("active") != "" {
		f.ActiveOn = models.DateOf(h.App.Now())
	}
	res, err := h.App.ListVirksomhedscentre(ctx, u, f)
	if err != nil {
		return fmt.Errorf("list virksomhedscentre: %w", err)
	}
	ids := make([]int64, len(res.Items))
	for i, v := range res.Items {
		ids[i] = v.CompanyID
	}
	names, err := h.companyNames(ctx, ids)
	if err != nil {
		return err
	}
	return renderList(c, "virksomhedscentre/list", "Virksomhedscentre", secVirksomhedscentre, &virksomhedscenterListContent{
		ListMeta:  lq.meta(c, res.Total, web.Noun{One: "aftale", Many: "aftaler"}),
		Items:     res.Items,
		Companies: names,
		Filter:    lq.filterForm(),
		Sorts:     virksomhedscenterSorts,
		CanCreate: access.Allowed(u, access.Create, access.Of(access.Virksomhedscenter)),
	})
}

type virksomhedscenterShowContent struct {
	Virksomhedscenter models.Virksomhedscenter
	CompanyName       string
	ConsultantName    string
	CanEdit           bool
}

func (h *Handler) virksomhedscenterShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	v, err := h.App.GetVirksomhedscenter(ctx, u, id)
	if err != nil {
		return err
	}
	if v.Archived() {
		return archived("virksomhedscenter")
	}
	names, err := h.companyNames(ctx, []int64{v.CompanyID})
	if err != nil {
		return err
	}
	return renderPage(c, http.StatusOK, "virksomhedscentre/show", newPage(c, "Virksomhedscenter: "+names[v.CompanyID], secVirksomhedscentre, &virksomhedscenterShowContent{
		Virksomhedscenter: v, CompanyName: names[v.CompanyID], ConsultantName: h.userName(ctx, v.ConsultantID), CanEdit: access.Allowed(u, access.Update, virksomhedscenterRow(v)),
	}))
}

type virksomhedscenterFormContent struct {
	Form        *web.Form
	Action      string
	Cancel      string
	Rows        []int
	Companies   []models.Option
	Consultants []models.Option
}

func (h *Handler) virksomhedscenterNew(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Virksomhedscenter)); err != nil {
		return err
	}
	v := url.Values{"valid_from": {models.DateOf(h.App.Now()).String()}}
	if id, err := strconv.ParseInt(c.QueryParam("company_id"), 10, 64); err == nil && id > 0 {
		v.Set("company_id", itoa(id))
	}
	if u.Role == models.RoleConsultant {
		v.Set("consultant_id", itoa(u.ID))
	}
	return h.virksomhedscenterForm(c, http.StatusOK, 0, web.NewForm(virksomhedscenterLabels, v))
}

func (h *Handler) virksomhedscenterEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	v, err := h.App.GetVirksomhedscenter(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Update, virksomhedscenterRow(v)); err != nil {
		return err
	}
	return h.virksomhedscenterForm(c, http.StatusOK, id, web.NewForm(virksomhedscenterLabels, virksomhedscenterValues(v.VirksomhedscenterFields)))
}

func (h *Handler) virksomhedscenterForm(c echo.Context, status int, id int64, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &virksomhedscenterFormContent{Form: form, Action: "/virksomhedscentre", Cancel: "/virksomhedscentre",
		Rows: rowSlots(filledRows(form.Values, "mentors"))}
	title := "Opret virksomhedscenter"
	if id != 0 {
		title = "Redigér virksomhedscenter"
		content.Action = "/virksomhedscentre/" + itoa(id) + "/rediger"
		content.Cancel = "/virksomhedscentre/" + itoa(id)
	}
	selected, _ := strconv.ParseInt(form.Get("company_id"), 10, 64)
	var err error
	if content.Companies, err = h.companyChoices(ctx, u, selected); err != nil {
		return err
	}
	if content.Consultants, err = h.consultantChoices(ctx, u, 0); err != nil {
		return err
	}
	p := newPage(c, title, secVirksomhedscentre, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "virksomhedscentre/form", p)
}

func (h *Handler) virksomhedscenterCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r, index := readVirksomhedscenter(vals)
	errs, status, err := h.saveForm(c, r.errs, fields.Validate, flashVirksomhedscenterCreated, func() (string, error) {
		v, err := h.App.CreateVirksomhedscenter(c.Request().Context(), u, fields)
		if err != nil {
			return "", err
		}
		return "/virksomhedscentre/" + itoa(v.ID), nil
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(virksomhedscenterLabels, vals)
	form.Errors = remapRows(errs, "mentors", index)
	return h.virksomhedscenterForm(c, status, 0, form)
}

func (h *Handler) virksomhedscenterUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r, index := readVirksomhedscenter(vals)
	errs, status, err := h.saveForm(c, r.errs, fields.Validate, flashVirksomhedscenterSaved, func() (string, error) {
		_, err := h.App.UpdateVirksomhedscenter(c.Request().Context(), u, id, func(f *models.VirksomhedscenterFields) error {
			*f = fields
			return nil
		})
		return "/virksomhedscentre/" + itoa(id), err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(virksomhedscenterLabels, vals)
	form.Errors = remapRows(errs, "mentors", index)
	return h.virksomhedscenterForm(c, status, id, form)
}

func (h *Handler) virksomhedscenterArchiveForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	v, err := h.App.GetVirksomhedscenter(ctx, u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Archive, virksomhedscenterRow(v)); err != nil {
		return err
	}
	names, err := h.companyNames(ctx, []int64{v.CompanyID})
	if err != nil {
		return err
	}
	return renderArchive(c, secVirksomhedscentre, "Arkivér virksomhedscenter", &archiveContent{
		What:    "aftalen med " + names[v.CompanyID],
		Explain: "Aftalen forsvinder fra lister, men dens historik bevares. Virksomheden selv ændres ikke.",
		Action:  "/virksomhedscentre/" + itoa(id) + "/arkiver",
		Cancel:  "/virksomhedscentre/" + itoa(id),
	})
}

func (h *Handler) virksomhedscenterArchive(c echo.Context) error {
	return h.confirmed(c, h.App.ArchiveVirksomhedscenter, flashVirksomhedscenterArchived, "/virksomhedscentre")
}

var mentorFields = []string{"name", "phone", "email"}

func readVirksomhedscenter(v url.Values) (models.VirksomhedscenterFields, *reader, []int) {
	r := &reader{v: v}
	f := models.VirksomhedscenterFields{
		CompanyID: r.id("company_id"), ValidFrom: r.date("valid_from"), ValidTo: r.date("valid_to"),
		Seats: r.integer("seats"), ConsultantID: r.optID("consultant_id"), Notes: r.str("notes"),
	}
	for _, g := range v["target_groups"] {
		f.TargetGroups = append(f.TargetGroups, models.TargetGroup(g))
	}
	rows, index := readRows(v, "mentors", mentorFields)
	for _, row := range rows {
		f.Mentors = append(f.Mentors, models.Mentor{Name: row["name"], Phone: row["phone"], Email: row["email"]})
	}
	return f, r, index
}

func virksomhedscenterValues(f models.VirksomhedscenterFields) url.Values {
	v := url.Values{
		"company_id": {itoa(f.CompanyID)}, "valid_from": {f.ValidFrom.String()}, "valid_to": {f.ValidTo.String()},
		"seats": {intStr(f.Seats)}, "consultant_id": {optIDStr(f.ConsultantID)}, "notes": {f.Notes},
	}
	for _, g := range f.TargetGroups {
		v.Add("target_groups", string(g))
	}
	for i, m := range f.Mentors {
		pre := "mentors[" + intStr(i) + "]."
		v.Set(pre+"name", m.Name)
		v.Set(pre+"phone", m.Phone)
		v.Set(pre+"email", m.Email)
	}
	return v
}
