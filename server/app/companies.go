package app

import (
	"context"
	"errors"
	"fmt"

	"placering/models"
	"placering/store"
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
	if isEmployer(u) {
		if u.CompanyID == nil {
			return page([]models.Company{}, 0, f.Page), nil
		}
		f.ID = *u.CompanyID
	}
	items, total, err := a.Store.ListCompanies(ctx, f)
	if err != nil {
		return ListResult[models.Company]{}, err
	}
	return page(items, total, f.Page), nil
}

// GetCompany returns one company the actor may see.
func (a *App) GetCompany(ctx context.Context, u Actor, id int64) (models.Company, error) {
	c, err := a.Store.GetCompany(ctx, id)
	if err != nil {
		return c, notFound(err, "virksomhed")
	}
	if isEmployer(u) && !ownCompany(u, id) {
		return models.Company{}, fmt.Errorf("virksomhed %d: %w", id, ErrNotFound)
	}
	return c, nil
}

// CreateCompany registers a company in the actor's jobcentre.
func (a *App) CreateCompany(ctx context.Context, u Actor, in CompanyInput) (models.Company, error) {
	if !isAdmin(u) && !isConsultant(u) {
		return models.Company{}, forbid("kun jobcentrets medarbejdere kan oprette virksomheder")
	}
	errs := in.CompanyFields.Validate()
	jc := a.tenantFor(ctx, u, in.JobcentreID, "virksomheder", &errs)
	if err := errs.Err(); err != nil {
		return models.Company{}, err
	}
	c := models.Company{JobcentreID: jc, CompanyFields: in.CompanyFields}
	stamp(&c.Stamp, u, true)
	if err := a.Store.CreateCompany(ctx, &c); err != nil {
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
	if err := a.mayEditCompany(u, c); err != nil {
		return models.Company{}, err
	}
	f := c.CompanyFields
	if err := patch(&f); err != nil {
		return models.Company{}, err
	}
	errs := f.Validate()
	if isEmployer(u) && f.CVR != c.CVR {
		errs.Add("cvr", "CVR-nummeret kan kun ændres af jobcentret.")
	}
	if err := errs.Err(); err != nil {
		return models.Company{}, err
	}
	c.CompanyFields = f
	stamp(&c.Stamp, u, false)
	if err := a.Store.UpdateCompany(ctx, &c); err != nil {
		return models.Company{}, cvrConflict(notFound(err, "virksomhed"), c.CVR)
	}
	return c, nil
}

// ArchiveCompany hides a company from lists; its history stays.
func (a *App) ArchiveCompany(ctx context.Context, u Actor, id int64) error {
	c, err := a.GetCompany(ctx, u, id)
	if err != nil {
		return err
	}
	if isEmployer(u) {
		return forbid("kun jobcentret kan arkivere en virksomhed")
	}
	if err := a.mayEditCompany(u, c); err != nil {
		return err
	}
	return notFound(a.Store.ArchiveCompany(ctx, id, &u.ID), "virksomhed")
}

func (*App) mayEditCompany(u Actor, c models.Company) error {
	switch {
	case c.Archived():
		return fmt.Errorf("virksomheden er arkiveret: %w", ErrNotFound)
	case isAdmin(u), ownCompany(u, c.ID):
		return nil
	case isConsultant(u) && sameJobcentre(u, c.JobcentreID):
		return nil
	}
	return forbid("virksomheden hører til et andet jobcenter")
}

// liveCompanyFor loads the company a new row will point at and checks that
// the actor may attach things to it, recording problems under field.
func (a *App) liveCompanyFor(ctx context.Context, u Actor, id int64, field string, errs *models.FieldErrors) models.Company {
	if id <= 0 || errs.Has(field) {
		return models.Company{}
	}
	c, err := a.Store.GetCompany(ctx, id)
	switch {
	case err != nil || c.Archived():
		errs.Add(field, "Virksomheden findes ikke.")
	case isEmployer(u) && !ownCompany(u, id):
		errs.Add(field, "Du kan kun bruge din egen virksomhed.")
	case isConsultant(u) && !sameJobcentre(u, c.JobcentreID):
		errs.Add(field, "Virksomheden hører til et andet jobcenter.")
	}
	return c
}

// tenantFor decides which jobcentre a new row belongs to: the actor's own,
// or for an administrator the one named in the input.
func (a *App) tenantFor(ctx context.Context, u Actor, requested *int64, what string, errs *models.FieldErrors) int64 {
	if isAdmin(u) {
		if requested == nil {
			errs.Add("jobcentre_id", "Vælg jobcenter.")
			return 0
		}
		if _, err := a.Store.GetJobcentre(ctx, *requested); err != nil {
			errs.Add("jobcentre_id", "Jobcentret findes ikke.")
		}
		return *requested
	}
	if u.JobcentreID == nil {
		errs.Add("jobcentre_id", "Din bruger er ikke knyttet til et jobcenter.")
		return 0
	}
	if requested != nil && *requested != *u.JobcentreID {
		errs.Add("jobcentre_id", "Du kan kun oprette %s i dit eget jobcenter.", what)
	}
	return *u.JobcentreID
}

func cvrConflict(err error, cvr string) error {
	if errors.Is(err, store.ErrConflict) {
		return &ConflictError{Field: "cvr", Message: fmt.Sprintf("Der findes allerede en virksomhed med CVR-nummer %s.", cvr)}
	}
	return err
}
