package ui

import (
	"context"
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

// usersPath is the users page: administrators change and (de)activate
// users there; consultants see their own jobcentre's users read-only.
const (
	usersPath = "/brugere"
	secUsers  = "brugere"
)

var userLabels = map[string]string{
	"name":         "Navn",
	"role":         "Rolle",
	"jobcentre_id": "Jobcenter",
	"company_id":   "Virksomhed (for arbejdsgivere)",
	"active":       "Aktiv",
	"status":       "Vis",
	"form":         "Formularen",
}

const (
	flashUserSaved       = "user_saved"
	flashUserDeactivated = "user_deactivated"
	flashUserReactivated = "user_reactivated"
)

func init() {
	flashText[flashUserSaved] = "Ændringerne til brugeren er gemt."
	flashText[flashUserDeactivated] = "Brugeren er deaktiveret og logget ud alle steder."
	flashText[flashUserReactivated] = "Brugeren er aktiv igen og kan logge ind."
}

// userRoleChoices are the roles with their Danish names, for the select.
func userRoleChoices() []models.Option {
	roles := []models.Role{models.RoleAdmin, models.RoleConsultant, models.RoleEventStaff, models.RoleEmployer}
	out := make([]models.Option, len(roles))
	for i, r := range roles {
		out[i] = models.Option{Code: string(r), Label: r.Label()}
	}
	return out
}

var userStatusChoices = []models.Option{{Code: "aktive", Label: "Aktive brugere"}, {Code: "deaktiverede", Label: "Deaktiverede brugere"}, {Code: "alle", Label: "Alle brugere"}}

type userRow struct {
	models.User
	Jobcentre, Company string
}

type userListContent struct {
	Items   []userRow
	Filter  *web.Form
	Choices []models.Option
	CanEdit bool
}

func (h *Handler) userList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	status := c.QueryParam("status")
	f := app.UserFilter{}
	switch status {
	case "deaktiverede":
		f.Active = new(bool)
	case "alle":
	default:
		status = "aktive"
		active := true
		f.Active = &active
	}
	users, err := h.App.ListUsers(ctx, u, f)
	if err != nil {
		return err
	}
	jcName, err := h.jobcentreNames(ctx)
	if err != nil {
		return err
	}
	var companyIDs []int64
	for _, x := range users {
		if x.CompanyID != nil {
			companyIDs = append(companyIDs, *x.CompanyID)
		}
	}
	companies, err := h.companyNames(ctx, companyIDs)
	if err != nil {
		return err
	}
	content := &userListContent{Filter: web.NewForm(userLabels, url.Values{"status": {status}}), Choices: userStatusChoices,
		CanEdit: access.Allowed(u, access.Update, access.Of(access.User))}
	for _, x := range users {
		row := userRow{User: x}
		if x.JobcentreID != nil {
			row.Jobcentre = jcName[*x.JobcentreID]
		}
		if x.CompanyID != nil {
			row.Company = companies[*x.CompanyID]
		}
		content.Items = append(content.Items, row)
	}
	return renderPage(c, http.StatusOK, "admin/users", newPage(c, "Brugere", secUsers, content))
}

type userFormContent struct {
	User       models.User
	Form       *web.Form
	Roles      []models.Option
	Jobcentres []models.Option
	Companies  []models.Option
}

// jobcentreNames maps each jobcentre's id to its name, for lists that
// name the jobcentre of each row.
func (h *Handler) jobcentreNames(ctx context.Context) (map[int64]string, error) {
	jcs, err := h.App.Jobcentres(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(jcs))
	for _, j := range jcs {
		names[j.ID] = j.Name
	}
	return names, nil
}

// pathUser is the user of the path, if the logged-in user may do action
// to users.
func (h *Handler) pathUser(c echo.Context, action access.Action) (models.User, error) {
	id, err := pathID(c)
	if err != nil {
		return models.User{}, err
	}
	u := session.UserFrom(c)
	x, err := h.App.GetUser(c.Request().Context(), u, id)
	if err != nil {
		return models.User{}, err
	}
	if err := access.Can(u, action, access.Of(access.User)); err != nil {
		return models.User{}, err
	}
	return x, nil
}

func (h *Handler) userEdit(c echo.Context) error {
	x, err := h.pathUser(c, access.Update)
	if err != nil {
		return err
	}
	vals := url.Values{"name": {x.Name}, "role": {string(x.Role)}, "jobcentre_id": {optIDStr(x.JobcentreID)}, "company_id": {optIDStr(x.CompanyID)}}
	return h.userForm(c, http.StatusOK, x, web.NewForm(userLabels, vals))
}

func (h *Handler) userForm(c echo.Context, status int, x models.User, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	jcs, err := h.jobcentreChoices(ctx, u)
	if err != nil {
		return err
	}
	var selected int64
	if x.CompanyID != nil {
		selected = *x.CompanyID
	}
	companies, err := h.companyChoices(ctx, u, selected)
	if err != nil {
		return err
	}
	p := newPage(c, "Redigér bruger: "+x.Name, secUsers, &userFormContent{User: x, Form: form, Roles: userRoleChoices(), Jobcentres: jcs, Companies: companies})
	p.Invalid = form.Invalid()
	return renderPage(c, status, "admin/user_form", p)
}

func (h *Handler) userUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	x, err := h.App.GetUser(ctx, u, id)
	if err != nil {
		return err
	}
	r := &reader{v: vals}
	name, role := r.str("name"), models.Role(r.str("role"))
	patch := app.UserPatch{Name: &name, Role: &role, JobcentreID: r.optID("jobcentre_id"), CompanyID: r.optID("company_id")}
	errs, status, err := h.saveForm(c, r.errs, func() models.FieldErrors { return nil }, flashUserSaved, func() (string, error) {
		_, err := h.App.UpdateUser(ctx, u, id, patch)
		return usersPath + "?status=alle", err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(userLabels, vals)
	form.Errors = errs
	return h.userForm(c, status, x, form)
}

type userActiveContent struct {
	User   models.User
	Action string
}

func (h *Handler) userDeactivateForm(c echo.Context) error {
	x, err := h.pathUser(c, access.Archive)
	if err != nil {
		return err
	}
	return renderPage(c, http.StatusOK, "admin/user_deactivate", newPage(c, "Deaktivér bruger", secUsers,
		&userActiveContent{User: x, Action: fmt.Sprintf("%s/%d/deaktiver", usersPath, x.ID)}))
}

// userSetActive deactivates (active false) or reactivates a user through
// the service's user update; a refusal (deactivating oneself) comes back
// as an error page.
func (h *Handler) userSetActive(active bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		if _, err := h.App.UpdateUser(c.Request().Context(), session.UserFrom(c), id, app.UserPatch{Active: &active}); err != nil {
			return err
		}
		flash := flashUserReactivated
		if !active {
			flash = flashUserDeactivated
		}
		setFlash(c, flash, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, usersPath+"?status=alle")
	}
}

// adminNav is the administration part of the main navigation: jobcentres
// for administrators, users for whoever may read them. A user who must
// first change a generated password gets none.
func adminNav(u *models.User) []web.NavItem {
	var items []web.NavItem
	if access.Allowed(u, access.Update, access.Of(access.Jobcentre)) {
		items = append(items, web.NavItem{Label: "Jobcentre", Href: jobcentrePath})
	}
	if access.Allowed(u, access.Read, access.Of(access.User)) {
		items = append(items, web.NavItem{Label: "Brugere", Href: usersPath})
	}
	return items
}
