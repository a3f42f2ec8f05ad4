package app

import (
	"context"

	"placering/models"
	"placering/server/access"
)

// ListVirksomhedscentre lists virksomhedscentre. An employer sees only those with
// their own company.
func (a *App) ListVirksomhedscentre(ctx context.Context, u Actor, f models.VirksomhedscenterFilter) (ListResult[models.Virksomhedscenter], error) {
	if err := can(u, access.Read, access.Of(access.Virksomhedscenter)); err != nil {
		return ListResult[models.Virksomhedscenter]{}, err
	}
	if !companyScope(u, &f.CompanyID) {
		return page([]models.Virksomhedscenter{}, 0, f.Page), nil
	}
	items, total, err := a.store.ListVirksomhedscentre(ctx, f)
	if err != nil {
		return ListResult[models.Virksomhedscenter]{}, err
	}
	for i := range items {
		hideCompanyNotes(u, &items[i].Notes)
	}
	return page(items, total, f.Page), nil
}

// GetVirksomhedscenter returns one virksomhedscenter the actor may see.
func (a *App) GetVirksomhedscenter(ctx context.Context, u Actor, id int64) (models.Virksomhedscenter, error) {
	v, err := a.store.GetVirksomhedscenter(ctx, id)
	if err != nil {
		return v, notFound(err, "virksomhedscenter")
	}
	if err := can(u, access.Read, access.Row(access.Virksomhedscenter, v.JobcentreID, v.CompanyID)); err != nil {
		return models.Virksomhedscenter{}, err
	}
	hideCompanyNotes(u, &v.Notes)
	return v, nil
}

// CreateVirksomhedscenter records a standing virksomhedscenter with a company of
// the actor's jobcentre.
func (a *App) CreateVirksomhedscenter(ctx context.Context, u Actor, f models.VirksomhedscenterFields) (models.Virksomhedscenter, error) {
	if err := can(u, access.Create, access.Of(access.Virksomhedscenter)); err != nil {
		return models.Virksomhedscenter{}, err
	}
	errs := f.Validate()
	c, err := a.liveCompanyFor(ctx, u, f.CompanyID, "company_id", &errs)
	if err == nil {
		err = a.consultantOf(ctx, f.ConsultantID, c.JobcentreID, "consultant_id", &errs)
	}
	if err != nil {
		return models.Virksomhedscenter{}, err
	}
	if err := errs.Err(); err != nil {
		return models.Virksomhedscenter{}, err
	}
	v := models.Virksomhedscenter{JobcentreID: c.JobcentreID, VirksomhedscenterFields: f}
	stamp(&v.Stamp, u, true)
	if err := a.store.CreateVirksomhedscenter(ctx, &v); err != nil {
		return models.Virksomhedscenter{}, err
	}
	a.invalidateMatching()
	return v, nil
}

// UpdateVirksomhedscenter applies patch to an virksomhedscenter and saves it.
func (a *App) UpdateVirksomhedscenter(ctx context.Context, u Actor, id int64, patch func(*models.VirksomhedscenterFields) error) (models.Virksomhedscenter, error) {
	v, err := a.GetVirksomhedscenter(ctx, u, id)
	if err != nil {
		return v, err
	}
	if err := mayEditVirksomhedscenter(u, v); err != nil {
		return models.Virksomhedscenter{}, err
	}
	f := v.VirksomhedscenterFields
	if err := patch(&f); err != nil {
		return models.Virksomhedscenter{}, err
	}
	errs := f.Validate()
	c, err := a.liveCompanyFor(ctx, u, f.CompanyID, "company_id", &errs)
	if err == nil {
		err = a.consultantOf(ctx, f.ConsultantID, c.JobcentreID, "consultant_id", &errs)
	}
	if err != nil {
		return models.Virksomhedscenter{}, err
	}
	if err := errs.Err(); err != nil {
		return models.Virksomhedscenter{}, err
	}
	if unchanged(v.VirksomhedscenterFields, f) && v.JobcentreID == c.JobcentreID {
		return v, nil // nothing to write
	}
	v.VirksomhedscenterFields = f
	v.JobcentreID = c.JobcentreID
	stamp(&v.Stamp, u, false)
	if err := a.store.UpdateVirksomhedscenter(ctx, &v); err != nil {
		return models.Virksomhedscenter{}, notFound(err, "virksomhedscenter")
	}
	a.invalidateMatching()
	return v, nil
}

// ArchiveVirksomhedscenter ends an virksomhedscenter's visibility; history stays.
func (a *App) ArchiveVirksomhedscenter(ctx context.Context, u Actor, id int64) error {
	v, err := a.GetVirksomhedscenter(ctx, u, id)
	if err != nil {
		return err
	}
	if err := mayChangeVirksomhedscenter(u, access.Archive, v); err != nil {
		return err
	}
	defer a.invalidateMatching()
	return notFound(a.store.ArchiveVirksomhedscenter(ctx, id, &u.ID), "virksomhedscenter")
}

func mayEditVirksomhedscenter(u Actor, v models.Virksomhedscenter) error {
	return mayChangeVirksomhedscenter(u, access.Update, v)
}

func mayChangeVirksomhedscenter(u Actor, act access.Action, v models.Virksomhedscenter) error {
	if v.Archived() {
		return archived("virksomhedscenter")
	}
	return can(u, act, access.Row(access.Virksomhedscenter, v.JobcentreID, v.CompanyID))
}
