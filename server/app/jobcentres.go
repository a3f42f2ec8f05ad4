package app

import (
	"context"
	"strings"

	"placering/models"
	"placering/server/access"
)

// JobcentreInput is what an administrator sends to create a jobcentre, and
// what a PATCH is decoded onto.
type JobcentreInput struct {
	MunicipalityNo string `json:"municipality_no"`
	Name           string `json:"name"`
}

// Validate checks the municipality number (one of the 98 Danish
// municipalities) and the name.
func (in JobcentreInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	models.CheckMunicipalityNo(&errs, "municipality_no", strings.TrimSpace(in.MunicipalityNo))
	models.CheckText(&errs, "name", strings.TrimSpace(in.Name), models.MaxShortText, true, false)
	return errs
}

func (in JobcentreInput) clean() JobcentreInput {
	return JobcentreInput{MunicipalityNo: strings.TrimSpace(in.MunicipalityNo), Name: strings.TrimSpace(in.Name)}
}

// municipalityConflict is the answer to a second live jobcentre for one
// municipality.
func municipalityConflict(err error, no string) error {
	return conflict(err, "municipality_no", "Der findes allerede et jobcenter for kommunenummer "+no+".")
}

// GetJobcentre returns one jobcentre (archived ones too); every logged-in
// user may see the tenants' names.
func (a *App) GetJobcentre(ctx context.Context, u Actor, id int64) (models.Jobcentre, error) {
	if err := can(u, access.Read, access.Row(access.Jobcentre, id, 0)); err != nil {
		return models.Jobcentre{}, err
	}
	j, err := a.store.GetJobcentre(ctx, id)
	return j, notFound(err, "jobcenter")
}

// CreateJobcentre adds a tenant. Administrators only; one live jobcentre
// per municipality.
func (a *App) CreateJobcentre(ctx context.Context, u Actor, in JobcentreInput) (models.Jobcentre, error) {
	if err := can(u, access.Create, access.Of(access.Jobcentre)); err != nil {
		return models.Jobcentre{}, err
	}
	in = in.clean()
	if err := in.Validate().Err(); err != nil {
		return models.Jobcentre{}, err
	}
	j := models.Jobcentre{MunicipalityNo: in.MunicipalityNo, Name: in.Name}
	stamp(&j.Stamp, u, true)
	if err := a.store.CreateJobcentre(ctx, &j); err != nil {
		return models.Jobcentre{}, municipalityConflict(err, j.MunicipalityNo)
	}
	return j, a.audit(ctx, u, "create", "jobcentre", j.ID)
}

// UpdateJobcentre applies patch to a jobcentre's number and name.
func (a *App) UpdateJobcentre(ctx context.Context, u Actor, id int64, patch func(*JobcentreInput) error) (models.Jobcentre, error) {
	j, err := a.GetJobcentre(ctx, u, id)
	if err != nil {
		return j, err
	}
	if err := can(u, access.Update, access.Row(access.Jobcentre, id, 0)); err != nil {
		return models.Jobcentre{}, err
	}
	if j.Archived() {
		return models.Jobcentre{}, archived("jobcenter")
	}
	in := JobcentreInput{MunicipalityNo: j.MunicipalityNo, Name: j.Name}
	if err := patch(&in); err != nil {
		return models.Jobcentre{}, err
	}
	in = in.clean()
	if err := in.Validate().Err(); err != nil {
		return models.Jobcentre{}, err
	}
	if in.MunicipalityNo == j.MunicipalityNo && in.Name == j.Name {
		return j, nil // nothing to write
	}
	j.MunicipalityNo, j.Name = in.MunicipalityNo, in.Name
	j.UpdatedAt = a.Now().UTC()
	stamp(&j.Stamp, u, false)
	if err := a.store.UpdateJobcentre(ctx, &j); err != nil {
		return models.Jobcentre{}, municipalityConflict(notFound(err, "jobcenter"), j.MunicipalityNo)
	}
	return j, a.audit(ctx, u, "update", "jobcentre", j.ID)
}

// ArchiveJobcentre hides a jobcentre from lists; its companies, citizens
// and history stay. A jobcentre with active users is refused: they would
// be left working in a tenant nobody can pick.
func (a *App) ArchiveJobcentre(ctx context.Context, u Actor, id int64) error {
	j, err := a.GetJobcentre(ctx, u, id)
	if err != nil {
		return err
	}
	if err := can(u, access.Archive, access.Row(access.Jobcentre, id, 0)); err != nil {
		return err
	}
	if j.Archived() {
		return archived("jobcenter")
	}
	n, err := a.store.CountLiveUsersOf(ctx, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return models.Conflict("", "Jobcentret har stadig aktive brugere. Deaktivér dem først på siden Brugere.")
	}
	if err := a.store.ArchiveJobcentre(ctx, id, &u.ID); err != nil {
		return notFound(err, "jobcenter")
	}
	return a.audit(ctx, u, "archive", "jobcentre", id)
}

// NeedsFirstJobcentre reports whether an administrator still has to create
// the first jobcentre (the set-up page leads there).
func (a *App) NeedsFirstJobcentre(ctx context.Context, u Actor) (bool, error) {
	if u == nil || !access.Allowed(u, access.Create, access.Of(access.Jobcentre)) {
		return false, nil
	}
	jcs, err := a.store.ListJobcentres(ctx)
	return len(jcs) == 0, err
}
