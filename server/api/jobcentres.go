package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
)

// jobcentreRoutes are the tenants' administration besides the plain list
// (GET /jobcentres): one jobcentre, create, change and archive, which
// follow the other resources' conventions (DELETE archives).
func (h *Handler) jobcentreRoutes() []route {
	r := resource[models.Jobcentre, app.JobcentreInput, app.JobcentreInput]{
		get: h.App.GetJobcentre, create: h.App.CreateJobcentre, update: h.App.UpdateJobcentre, archive: h.App.ArchiveJobcentre,
	}
	return []route{
		{method: http.MethodPost, path: "/jobcentres", handler: r.handleCreate, tag: "Jobcentre",
			summary: "Opret jobcenter (kun administrator); ét aktivt jobcenter pr. kommunenummer (409 ved dublet)",
			body:    app.JobcentreInput{}, response: models.Jobcentre{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/jobcentres/:id", handler: r.handleGet, tag: "Jobcentre",
			summary: "Hent jobcenter", response: models.Jobcentre{}, status: http.StatusOK},
		{method: http.MethodPatch, path: "/jobcentres/:id", handler: r.handleUpdate, tag: "Jobcentre",
			summary: "Ret jobcentrets navn eller kommunenummer (kun administrator)", body: app.JobcentreInput{},
			response: models.Jobcentre{}, status: http.StatusOK, patchOf: models.Jobcentre{}},
		{method: http.MethodDelete, path: "/jobcentres/:id", handler: r.handleArchive, tag: "Jobcentre",
			summary: "Arkivér jobcenter (kun administrator; ikke mens det har aktive brugere). Kommunenummeret kan derefter bruges igen",
			status:  http.StatusNoContent},
	}
}

func init() {
	tagDescriptions["Jobcentre"] = "Lejerne: et jobcenter pr. kommune. Administratorer opretter, retter og arkiverer dem."
	limits["municipality_no"] = map[string]any{"pattern": `^\d{3}$`,
		"description": "Kommunenummer: tre cifre, en af de 98 danske kommuner (fx 217 Helsingør)."}
}

var userParams = []param{
	p("active", "boolean", "true: kun aktive brugere; false: kun deaktiverede. Udeladt: begge.", false),
	idParam("jobcentre_id", "Kun brugere i dette jobcenter (administrator; andre ser altid kun deres eget)."),
}

func (h *Handler) listUsers(c echo.Context) error {
	q := newQuery(c, userParams)
	f := app.UserFilter{JobcentreID: q.id("jobcentre_id")}
	if c.QueryParam("active") != "" {
		active := q.bool("active")
		f.Active = &active
	}
	if err := q.err(); err != nil {
		return err
	}
	users, err := h.App.ListUsers(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, users)
}

// passwordChangeFree are the calls a user who must change a generated
// password may still make: see who they are, change it, and revoke a token
// (the API's logout).
var passwordChangeFree = map[string]bool{
	http.MethodGet + " /api/v1/me":                 true,
	http.MethodPut + " /api/v1/me/password":        true,
	http.MethodDelete + " /api/v1/auth/tokens/:id": true,
}

// requirePasswordChosen refuses every other call, with 403 and the code
// password_change_required, while the user's password is a generated one.
func requirePasswordChosen(c echo.Context) error {
	u := actor(c)
	if u == nil || !u.MustChangePassword || passwordChangeFree[c.Request().Method+" "+c.Path()] {
		return nil
	}
	return access.ErrPasswordChange
}
