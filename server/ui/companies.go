package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

var companyLabels = map[string]string{
	"jobcentre_id":   "Jobcenter",
	"cvr":            "CVR-nummer",
	"name":           "Navn",
	"branch":         "Branche",
	"address":        "Adresse",
	"postcode":       "Postnummer",
	"town":           "By",
	"lat":            "Breddegrad",
	"lon":            "Længdegrad",
	"notes":          "Noter",
	"contacts":       "Kontaktperson",
	"contacts.name":  "Navn",
	"contacts.title": "Stilling",
	"contacts.email": "E-mail",
	"contacts.phone": "Telefon",
	"form":           "Formularen",
}

var companySorts = []models.Option{
	{Code: "name", Label: "Navn (A–Å)"},
	{Code: "-name", Label: "Navn (Å–A)"},
	{Code: "town", Label: "By"},
	{Code: "branch", Label: "Branche"},
	{Code: "-created_at", Label: "Nyeste først"},
}

type companyListContent struct {
	web.ListMeta
	Items     []models.Company
	Filter    *web.Form
	Sorts     []models.Option
	CanCreate bool
}

func (h *Handler) companyList(c echo.Context) error {
	u := session.UserFrom(c)
	lq := readList(c, companySorts, map[string][]models.Option{"branch": models.BranchOptions()})
	res, err := h.App.ListCompanies(c.Request().Context(), u, models.CompanyFilter{
		Page: lq.page, Q: lq.values.Get("q"), Branches: lq.one("branch"),
	})
	if err != nil {
		return fmt.Errorf("list companies: %w", err)
	}
	return renderList(c, "companies/list", "Virksomheder", secCompanies, &companyListContent{
		ListMeta:  lq.meta(c, res.Total, web.Noun{One: "virksomhed", Many: "virksomheder"}),
		Items:     res.Items,
		Filter:    lq.filterForm(),
		Sorts:     companySorts,
		CanCreate: access.Allowed(u, access.Create, access.Of(access.Company)),
	})
}

type companyShowContent struct {
	Company                             models.Company
	Openings                            []models.Opening
	CanEdit, CanArchive, CanPostOpening bool
	// CanInviteEmployer: the user may invite an employer user for it.
	CanInviteEmployer bool
}

func (h *Handler) companyShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	co, err := h.App.GetCompany(ctx, u, id)
	if err != nil {
		return err
	}
	if co.Archived() {
		return archived("virksomhed")
	}
	ops, err := h.App.ListOpenings(ctx, u, models.OpeningFilter{CompanyID: id, Page: models.Page{PerPage: models.MaxPerPage, Sort: "-id"}})
	if err != nil {
		return fmt.Errorf("openings of company %d: %w", id, err)
	}
	return renderPage(c, http.StatusOK, "companies/show", newPage(c, co.Name, secCompanies, &companyShowContent{
		Company: co, Openings: ops.Items,
		CanEdit: access.Allowed(u, access.Update, companyRow(co)), CanArchive: access.Allowed(u, access.Archive, companyRow(co)),
		CanPostOpening:    access.Allowed(u, access.Create, access.Row(access.Opening, co.JobcentreID, co.ID)),
		CanInviteEmployer: access.Allowed(u, access.Create, access.Invite(models.RoleEmployer, co.JobcentreID, co.ID)),
	}))
}

type companyFormContent struct {
	Form       *web.Form
	Action     string
	Cancel     string
	Rows       []int
	Jobcentres []models.Option
	CVRLocked  bool
}

func (h *Handler) companyNew(c echo.Context) error {
	if err := access.Can(session.UserFrom(c), access.Create, access.Of(access.Company)); err != nil {
		return err
	}
	return h.companyForm(c, http.StatusOK, 0, web.NewForm(companyLabels, nil), false)
}

func (h *Handler) companyEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	co, err := h.App.GetCompany(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Update, companyRow(co)); err != nil {
		return err
	}
	return h.companyForm(c, http.StatusOK, id, web.NewForm(companyLabels, companyValues(co.CompanyFields)), u.Role == models.RoleEmployer)
}

func (h *Handler) companyForm(c echo.Context, status int, id int64, form *web.Form, cvrLocked bool) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &companyFormContent{Form: form, Action: "/virksomheder", Cancel: "/virksomheder",
		Rows: rowSlots(filledRows(form.Values, "contacts")), CVRLocked: cvrLocked}
	title := "Opret virksomhed"
	if id != 0 {
		title = "Redigér virksomhed"
		content.Action = "/virksomheder/" + itoa(id) + "/rediger"
		content.Cancel = "/virksomheder/" + itoa(id)
	} else {
		jcs, err := h.jobcentreChoices(ctx, u)
		if err != nil {
			return err
		}
		content.Jobcentres = jcs
	}
	p := newPage(c, title, secCompanies, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "companies/form", p)
}

func (h *Handler) companyCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r, index := readCompany(vals)
	in := app.CompanyInput{JobcentreID: r.optID("jobcentre_id"), CompanyFields: fields}
	errs, status, err := h.saveForm(c, r.errs, fields.Validate, flashCompanyCreated, func() (string, error) {
		co, err := h.App.CreateCompany(c.Request().Context(), u, in)
		if err != nil {
			return "", err
		}
		return "/virksomheder/" + itoa(co.ID), nil
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(companyLabels, vals)
	form.Errors = remapRows(errs, "contacts", index)
	return h.companyForm(c, status, 0, form, false)
}

func (h *Handler) companyUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	fields, r, index := readCompany(vals)
	locked := u.Role == models.RoleEmployer
	errs, status, err := h.saveForm(c, r.errs, fields.Validate, flashCompanySaved, func() (string, error) {
		_, err := h.App.UpdateCompany(c.Request().Context(), u, id, func(f *models.CompanyFields) error {
			cvr := f.CVR
			*f = fields
			if locked {
				f.CVR = cvr // the form shows it read-only; ignore what came back
			}
			return nil
		})
		return "/virksomheder/" + itoa(id), err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(companyLabels, vals)
	form.Errors = remapRows(errs, "contacts", index)
	return h.companyForm(c, status, id, form, locked)
}

func (h *Handler) companyArchiveForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	co, err := h.App.GetCompany(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Archive, companyRow(co)); err != nil {
		return err
	}
	return renderArchive(c, secCompanies, "Arkivér virksomhed", &archiveContent{
		What:    "virksomheden " + co.Name,
		Explain: "Virksomheden forsvinder fra lister og søgninger, men dens historik bevares. Åbninger og aftaler ændres ikke.",
		Action:  "/virksomheder/" + itoa(id) + "/arkiver",
		Cancel:  "/virksomheder/" + itoa(id),
	})
}

func (h *Handler) companyArchive(c echo.Context) error {
	return h.confirmed(c, h.App.ArchiveCompany, flashCompanyArchived, "/virksomheder")
}

var contactFields = []string{"name", "title", "email", "phone"}

// readCompany parses the company form. Blank contact rows are dropped;
// index maps each kept contact back to its form row.
func readCompany(v url.Values) (models.CompanyFields, *reader, []int) {
	r := &reader{v: v}
	f := models.CompanyFields{
		CVR: r.str("cvr"), Name: r.str("name"), Branch: r.str("branch"),
		Address: r.str("address"), Postcode: r.str("postcode"), Town: r.str("town"),
		Lat: r.number("lat"), Lon: r.number("lon"), Notes: r.str("notes"),
	}
	rows, index := readRows(v, "contacts", contactFields)
	for _, row := range rows {
		f.Contacts = append(f.Contacts, models.Contact{Name: row["name"], Title: row["title"], Email: row["email"], Phone: row["phone"]})
	}
	return f, r, index
}

func companyValues(f models.CompanyFields) url.Values {
	v := url.Values{
		"cvr": {f.CVR}, "name": {f.Name}, "branch": {f.Branch}, "address": {f.Address},
		"postcode": {f.Postcode}, "town": {f.Town}, "lat": {coordStr(f.Lat)}, "lon": {coordStr(f.Lon)},
		"notes": {f.Notes},
	}
	for i, p := range f.Contacts {
		pre := "contacts[" + intStr(i) + "]."
		v.Set(pre+"name", p.Name)
		v.Set(pre+"title", p.Title)
		v.Set(pre+"email", p.Email)
		v.Set(pre+"phone", p.Phone)
	}
	return v
}
