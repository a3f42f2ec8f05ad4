package ui

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// Pages of the tenants' administration and of the first run.
const (
	jobcentrePath = "/jobcentre"
	setupPath     = "/opsaetning"
	secJobcentres = "jobcentre"
)

var jobcentreLabels = map[string]string{
	"municipality_no": "Kommunenummer",
	"name":            "Jobcentrets navn",
	"form":            "Formularen",
}

// inviteConsultantURL is the invitation page, filled in for the first
// consultant of jobcentre id.
func inviteConsultantURL(id int64) string {
	return "/invitationer/ny?" + url.Values{"jobcentre_id": {itoa(id)}, "role": {string(models.RoleConsultant)}}.Encode()
}

const (
	flashJobcentreCreated  = "jobcentre_created"
	flashJobcentreSaved    = "jobcentre_saved"
	flashJobcentreArchived = "jobcentre_archived"
)

func init() {
	flashText[flashJobcentreCreated] = "Jobcentret er oprettet."
	flashText[flashJobcentreSaved] = "Ændringerne til jobcentret er gemt."
	flashText[flashJobcentreArchived] = "Jobcentret er arkiveret."
}

type jobcentreRow struct {
	models.Jobcentre
	Municipality string
	InviteURL    string
	// LoginURL is the jobcentre's OIDC settings page, for those who may
	// change them.
	LoginURL string
}

type jobcentreListContent struct {
	Items     []jobcentreRow
	CanCreate bool
	CanEdit   bool
}

// jobcentreLoginURL is jobcentre id's page for login through its identity
// provider, or "" for someone who may not change those settings.
func jobcentreLoginURL(u *models.User, id int64) string {
	if !access.Allowed(u, access.Update, access.Row(access.LoginConfig, id, 0)) {
		return ""
	}
	return jobcentrePath + "/" + itoa(id) + "/login"
}

func (h *Handler) jobcentreList(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Update, access.Of(access.Jobcentre)); err != nil {
		return err
	}
	jcs, err := h.App.Jobcentres(c.Request().Context())
	if err != nil {
		return err
	}
	content := &jobcentreListContent{CanCreate: access.Allowed(u, access.Create, access.Of(access.Jobcentre)), CanEdit: true}
	for _, j := range jcs {
		content.Items = append(content.Items, jobcentreRow{Jobcentre: j, Municipality: models.Municipalities[j.MunicipalityNo], InviteURL: inviteConsultantURL(j.ID),
			LoginURL: jobcentreLoginURL(u, j.ID)})
	}
	return renderPage(c, http.StatusOK, "admin/jobcentres", newPage(c, "Jobcentre", secJobcentres, content))
}

type jobcentreFormContent struct {
	Form           *web.Form
	Action, Cancel string
	Setup          bool
	// LoginURL links an existing jobcentre's OIDC settings page.
	LoginURL string
}

func (h *Handler) jobcentreNew(c echo.Context) error {
	if err := access.Can(session.UserFrom(c), access.Create, access.Of(access.Jobcentre)); err != nil {
		return err
	}
	return h.jobcentreForm(c, http.StatusOK, 0, web.NewForm(jobcentreLabels, nil))
}

// liveJobcentre is the jobcentre of the path, if the user may do action to
// it and it is not archived.
func (h *Handler) liveJobcentre(c echo.Context, action access.Action) (models.Jobcentre, error) {
	id, err := pathID(c)
	if err != nil {
		return models.Jobcentre{}, err
	}
	u := session.UserFrom(c)
	j, err := h.App.GetJobcentre(c.Request().Context(), u, id)
	if err != nil {
		return models.Jobcentre{}, err
	}
	if err := access.Can(u, action, access.Row(access.Jobcentre, id, 0)); err != nil {
		return models.Jobcentre{}, err
	}
	if j.Archived() {
		return models.Jobcentre{}, archived("jobcenter")
	}
	return j, nil
}

func (h *Handler) jobcentreEdit(c echo.Context) error {
	j, err := h.liveJobcentre(c, access.Update)
	if err != nil {
		return err
	}
	return h.jobcentreForm(c, http.StatusOK, j.ID, web.NewForm(jobcentreLabels, url.Values{"municipality_no": {j.MunicipalityNo}, "name": {j.Name}}))
}

func (h *Handler) jobcentreForm(c echo.Context, status int, id int64, form *web.Form) error {
	content := &jobcentreFormContent{Form: form, Action: jobcentrePath, Cancel: jobcentrePath}
	title := "Opret jobcenter"
	if id != 0 {
		title = "Redigér jobcenter"
		content.Action = jobcentrePath + "/" + itoa(id) + "/rediger"
		content.LoginURL = jobcentreLoginURL(session.UserFrom(c), id)
	}
	p := newPage(c, title, secJobcentres, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "admin/jobcentre_form", p)
}

func readJobcentre(vals url.Values) app.JobcentreInput {
	return app.JobcentreInput{MunicipalityNo: vals.Get("municipality_no"), Name: vals.Get("name")}
}

func (h *Handler) jobcentreCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	in := readJobcentre(vals)
	errs, status, err := h.saveForm(c, nil, in.Validate, flashJobcentreCreated, func() (string, error) {
		_, err := h.App.CreateJobcentre(c.Request().Context(), session.UserFrom(c), in)
		return jobcentrePath, err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(jobcentreLabels, vals)
	form.Errors = errs
	return h.jobcentreForm(c, status, 0, form)
}

func (h *Handler) jobcentreUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	in := readJobcentre(vals)
	errs, status, err := h.saveForm(c, nil, in.Validate, flashJobcentreSaved, func() (string, error) {
		_, err := h.App.UpdateJobcentre(c.Request().Context(), session.UserFrom(c), id, func(p *app.JobcentreInput) error {
			*p = in
			return nil
		})
		return jobcentrePath, err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(jobcentreLabels, vals)
	form.Errors = errs
	return h.jobcentreForm(c, status, id, form)
}

func (h *Handler) jobcentreArchiveForm(c echo.Context) error {
	j, err := h.liveJobcentre(c, access.Archive)
	if err != nil {
		return err
	}
	return renderArchive(c, secJobcentres, "Arkivér jobcenter", &archiveContent{
		What: j.Name + " (kommunenummer " + j.MunicipalityNo + ")",
		Explain: "Jobcentret forsvinder fra lister og valg, men dets virksomheder, borgere og historik bevares. " +
			"Et jobcenter med aktive brugere kan ikke arkiveres; deaktivér dem først. Kommunenummeret kan derefter bruges til et nyt jobcenter.",
		Action: jobcentrePath + "/" + itoa(j.ID) + "/arkiver",
		Cancel: jobcentrePath,
	})
}

func (h *Handler) jobcentreArchive(c echo.Context) error {
	return h.confirmed(c, h.App.ArchiveJobcentre, flashJobcentreArchived, jobcentrePath)
}

// setupForm is the first run's set-up page: an administrator with no
// jobcentre yet creates the first one, and is then led on to invite its
// first consultant.
func (h *Handler) setupForm(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.Jobcentre)); err != nil {
		return err
	}
	if first, err := h.App.NeedsFirstJobcentre(c.Request().Context(), u); err != nil {
		return err
	} else if !first {
		return c.Redirect(http.StatusSeeOther, jobcentrePath) // set up already: the jobcentres page
	}
	return h.renderSetup(c, http.StatusOK, web.NewForm(jobcentreLabels, nil))
}

func (h *Handler) renderSetup(c echo.Context, status int, form *web.Form) error {
	p := newPage(c, "Kom i gang: opret det første jobcenter", secJobcentres,
		&jobcentreFormContent{Form: form, Action: setupPath, Cancel: "/", Setup: true})
	p.Invalid = form.Invalid()
	return renderPage(c, status, "admin/setup", p)
}

func (h *Handler) setupCreate(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	in := readJobcentre(vals)
	errs, status, err := h.saveForm(c, nil, in.Validate, flashJobcentreCreated, func() (string, error) {
		j, err := h.App.CreateJobcentre(c.Request().Context(), session.UserFrom(c), in)
		return inviteConsultantURL(j.ID), err
	})
	if status == 0 {
		return err
	}
	form := web.NewForm(jobcentreLabels, vals)
	form.Errors = errs
	return h.renderSetup(c, status, form)
}
