package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// invitationsPath lists the pending invitations; invitationsPath+"/ny"
// invites someone. The first-run flow links to
// /invitationer/ny?jobcentre_id=N&role=consultant, which fills those in.
const invitationsPath = "/invitationer"

var invitationLabels = map[string]string{
	"form":         "Formularen",
	"email":        "E-mailadresse",
	"role":         "Rolle",
	"jobcentre_id": "Jobcenter",
	"company_id":   "Virksomhed",
}

// invitableRoles are the roles u may invite, in the order offered.
func invitableRoles(u *models.User) []models.Option {
	var out []models.Option
	for _, r := range []models.Role{models.RoleConsultant, models.RoleEmployer, models.RoleEventStaff, models.RoleAdmin} {
		var jc int64
		if u.JobcentreID != nil {
			jc = *u.JobcentreID
		}
		if access.Allowed(u, access.Create, access.Invite(r, jc, 0)) {
			out = append(out, models.Option{Code: string(r), Label: r.Label()})
		}
	}
	return out
}

type invitationRow struct {
	app.InvitationInfo
	RoleLabel, Where, Expires string
	CanRevoke                 bool
}

type invitationListContent struct {
	Rows      []invitationRow
	CanInvite bool
}

func (h *Handler) invitationList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	invs, err := h.App.ListInvitations(ctx, u)
	if err != nil {
		return err
	}
	jcName, err := h.jobcentreNames(ctx)
	if err != nil {
		return err
	}
	content := &invitationListContent{CanInvite: len(invitableRoles(u)) > 0}
	for _, inv := range invs {
		row := invitationRow{InvitationInfo: inv, RoleLabel: inv.Role.Label(), Expires: app.DanishTime(inv.ExpiresAt)}
		switch {
		case inv.CompanyName != "":
			row.Where = inv.CompanyName
		case inv.JobcentreID != nil:
			row.Where = jcName[*inv.JobcentreID]
		default:
			row.Where = "Alle jobcentre"
		}
		var jc, company int64
		if inv.JobcentreID != nil {
			jc = *inv.JobcentreID
		}
		if inv.CompanyID != nil {
			company = *inv.CompanyID
		}
		row.CanRevoke = access.Allowed(u, access.Archive, access.Invite(inv.Role, jc, company))
		content.Rows = append(content.Rows, row)
	}
	return renderPage(c, http.StatusOK, "invitations/list", newPage(c, "Invitationer", secInvitations, content))
}

type invitationFormContent struct {
	Form       *web.Form
	Roles      []models.Option
	Jobcentres []models.Option // nil: the consultant's own jobcentre
	Companies  []models.Option
	OwnCentre  string
}

func (h *Handler) invitationNew(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Invitation)); err != nil {
		return err
	}
	vals := url.Values{}
	for _, k := range []string{"role", "jobcentre_id", "company_id", "email"} {
		if v := c.QueryParam(k); v != "" {
			vals.Set(k, v)
		}
	}
	return h.invitationForm(c, http.StatusOK, web.NewForm(invitationLabels, vals))
}

func (h *Handler) invitationForm(c echo.Context, status int, form *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &invitationFormContent{Form: form, Roles: invitableRoles(u)}
	selected, _ := strconv.ParseInt(form.Get("company_id"), 10, 64)
	var err error
	if content.Companies, err = h.companyChoices(ctx, u, selected); err != nil {
		return err
	}
	if content.Jobcentres, err = h.jobcentreChoices(ctx, u); err != nil {
		return err
	}
	if content.Jobcentres == nil && u.JobcentreID != nil {
		jcs, err := h.App.Jobcentres(ctx)
		if err != nil {
			return err
		}
		for _, j := range jcs {
			if j.ID == *u.JobcentreID {
				content.OwnCentre = j.Name
			}
		}
	}
	p := newPage(c, "Invitér en bruger", secInvitations, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "invitations/form", p)
}

type invitationCreatedContent struct {
	Created   app.InvitationCreated
	RoleLabel string
	Expires   string
}

// invitationCreate invites and shows the one-time link on the page (201),
// so it can be passed on by hand when no mail goes out; it is shown this
// once and never stored.
func (h *Handler) invitationCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	r := &reader{v: vals}
	in := app.InvitationInput{Email: vals.Get("email"), Role: models.Role(vals.Get("role")),
		JobcentreID: r.optID("jobcentre_id"), CompanyID: r.optID("company_id")}
	if in.Role != models.RoleEmployer {
		in.CompanyID = nil // a company chosen before the role changed
	}
	if in.Role == models.RoleEmployer {
		in.JobcentreID = nil // the company's jobcentre
	}
	form := web.NewForm(invitationLabels, vals)
	if len(r.errs) > 0 {
		form.Errors = r.errs
		merge(&form.Errors, in.Validate())
		return h.invitationForm(c, http.StatusUnprocessableEntity, form)
	}
	created, err := h.App.CreateInvitation(ctx, u, in)
	if errs, status, rest := formErrors(err); rest != nil {
		return rest
	} else if status != 0 {
		form.Errors = errs
		return h.invitationForm(c, status, form)
	}
	content := &invitationCreatedContent{Created: created, RoleLabel: created.Role.Label(), Expires: app.DanishTime(created.ExpiresAt)}
	if content.Created.URL != "" && content.Created.URL[0] == '/' {
		// No PUBLIC_URL configured: the address this request came to.
		content.Created.URL = c.Scheme() + "://" + c.Request().Host + content.Created.URL
	}
	return renderPage(c, http.StatusCreated, "invitations/created", newPage(c, "Invitationen er sendt", secInvitations, content))
}

func (h *Handler) invitationRevoke(c echo.Context) error {
	return h.confirmed(c, h.App.RevokeInvitation, flashInvitationRevoked, invitationsPath)
}
