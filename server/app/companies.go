package app

import (
	"context"
	"fmt"

	"placering/models"
	"placering/server/access"
)

// CompanyInput is what a client sends to create a company. JobcentreID is
// for administrators; a consultant always registers in their own jobcentre.
type CompanyInput struct {
	JobcentreID *int64 `json:"jobcentre_id"`
	models.CompanyFields
}

// ListCompanies lists the shared company register. An employer sees only
// their own company.
func (a *App) ListCompanies(ctx context.Context, u Actor, f models.CompanyFilter) (ListResult[models.Company], error) {
	if err := can(u, access.Read, access.Of(access.Company)); err != nil {
		return ListResult[models.Company]{}, err
	}
	if !companyScope(u, &f.ID) {
		return page([]models.Company{}, 0, f.Page), nil
	}
	items, total, err := a.store.ListCompanies(ctx, f)
	if err != nil {
		return ListResult[models.Company]{}, err
	}
	for i := range items {
		hideCompanyNotes(u, &items[i].Notes)
	}
	return page(items, total, f.Page), nil
}

// hideCompanyNotes blanks the jobcentre's own notes about a company (or a
// virksomhedscenter) for an employer and for event staff: they are the
// consultants' working notes, not the company's nor the door's.
func hideCompanyNotes(u Actor, notes *string) {
	if !access.SeesInternalNotes(u) {
		*notes = ""
	}
}

// GetCompany returns one company the actor may see.
func (a *App) GetCompany(ctx context.Context, u Actor, id int64) (models.Company, error) {
	c, err := a.store.GetCompany(ctx, id)
	if err != nil {
		return c, notFound(err, "virksomhed")
	}
	if err := can(u, access.Read, access.Row(access.Company, c.JobcentreID, c.ID)); err != nil {
		return models.Company{}, err
	}
	hideCompanyNotes(u, &c.Notes)
	return c, nil
}

// CreateCompany registers a company in the actor's jobcentre.
func (a *App) CreateCompany(ctx context.Context, u Actor, in CompanyInput) (models.Company, error) {
	if err := can(u, access.Create, access.Of(access.Company)); err != nil {
		return models.Company{}, err
	}
	errs := in.CompanyFields.Validate()
	jc, err := a.tenantFor(ctx, u, in.JobcentreID, "virksomheder", &errs)
	if err != nil {
		return models.Company{}, err
	}
	if err := errs.Err(); err != nil {
		return models.Company{}, err
	}
	c := models.Company{JobcentreID: jc, CompanyFields: in.CompanyFields}
	stamp(&c.Stamp, u, true)
	if err := a.store.CreateCompany(ctx, &c); err != nil {
		return models.Company{}, cvrConflict(err, c.CVR)
	}
	return c, nil
}

// UpdateCompany applies patch to a company's fields and saves them. The
// patch sees the current values, so it may change only what it names.
func (a *App) UpdateCompany(ctx context.Context, u Actor, id int64, patch func(*models.CompanyFields) error) (models.Company, error) {
	c, err := a.GetCompany(ctx, u, id)
	if err != nil {
		return c, err
	}
	if err := mayChangeCompany(u, access.Update, c); err != nil {
		return models.Company{}, err
	}
	f := c.CompanyFields
	if err := patch(&f); err != nil {
		return models.Company{}, err
	}
	var employerNotes string
	if access.ScopeOf(u).Employer {
		// An employer neither reads nor writes the jobcentre's notes: the
		// stored ones are kept whatever was sent.
		stored, err := a.store.GetCompany(ctx, id)
		if err != nil {
			return models.Company{}, notFound(err, "virksomhed")
		}
		employerNotes, f.Notes, c.Notes = f.Notes, stored.Notes, stored.Notes
	}
	errs := f.Validate()
	if employerNotes != "" {
		errs.Add("notes", "Noterne er jobcentrets egne og kan kun skrives af jobcentret.")
	}
	if f.CVR != c.CVR && !access.ScopeOf(u).Includes(c.JobcentreID) {
		errs.Add("cvr", "CVR-nummeret kan kun ændres af jobcentret.")
	}
	if err := errs.Err(); err != nil {
		return models.Company{}, err
	}
	if unchanged(c.CompanyFields, f) {
		return c, nil // nothing to write: an unchanged form or a GET sent back
	}
	c.CompanyFields = f
	stamp(&c.Stamp, u, false)
	if err := a.store.UpdateCompany(ctx, &c); err != nil {
		return models.Company{}, cvrConflict(notFound(err, "virksomhed"), c.CVR)
	}
	hideCompanyNotes(u, &c.Notes)
	return c, nil
}

// ArchiveCompany hides a company from lists; its history stays.
func (a *App) ArchiveCompany(ctx context.Context, u Actor, id int64) error {
	c, err := a.GetCompany(ctx, u, id)
	if err != nil {
		return err
	}
	if err := mayChangeCompany(u, access.Archive, c); err != nil {
		return err
	}
	return notFound(a.store.ArchiveCompany(ctx, id, &u.ID), "virksomhed")
}

func mayChangeCompany(u Actor, act access.Action, c models.Company) error {
	if c.Archived() {
		return archived("virksomhed")
	}
	return can(u, act, access.Row(access.Company, c.JobcentreID, c.ID))
}

// liveCompanyFor loads the company a new row will point at and checks that
// the actor may attach things to it, recording problems under field.
func (a *App) liveCompanyFor(ctx context.Context, u Actor, id int64, field string, errs *models.FieldErrors) (models.Company, error) {
	if id <= 0 || errs.Has(field) {
		return models.Company{}, nil
	}
	c, err := a.store.GetCompany(ctx, id)
	switch {
	case unavailable(err):
		return c, err
	case err != nil || c.Archived():
		errs.Add(field, "Virksomheden findes ikke.")
	case access.ScopeOf(u).Employer && access.ScopeOf(u).CompanyID != id:
		errs.Add(field, "Du kan kun bruge din egen virksomhed.")
	case !access.ScopeOf(u).Employer && !access.ScopeOf(u).Includes(c.JobcentreID):
		errs.Add(field, "Virksomheden hører til et andet jobcenter.")
	}
	return c, nil
}

// tenantFor decides which jobcentre a new row belongs to: the actor's own,
// or for an administrator the one named in the input.
func (a *App) tenantFor(ctx context.Context, u Actor, requested *int64, what string, errs *models.FieldErrors) (int64, error) {
	jc, tenantErrs := access.Tenant(u, requested, what)
	*errs = append(*errs, tenantErrs...)
	if jc != 0 && len(tenantErrs) == 0 && access.ScopeOf(u).All {
		if _, err := a.store.GetJobcentre(ctx, jc); unavailable(err) {
			return jc, err
		} else if err != nil {
			errs.Add("jobcentre_id", "Jobcentret findes ikke.")
		}
	}
	return jc, nil
}

func cvrConflict(err error, cvr string) error {
	return conflict(err, "cvr", fmt.Sprintf("Der findes allerede en virksomhed med CVR-nummer %s.", cvr))
}

// CompanyNames returns company names by id, for lists that show a company
// beside each row. Names are not personal data; anyone logged in may see
// them.
func (a *App) CompanyNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	return a.store.CompanyNames(ctx, ids)
}
