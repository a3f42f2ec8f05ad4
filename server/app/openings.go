package app

import (
	"context"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// ListOpenings lists openings. Consultants and event staff see the whole
// marketplace; an employer sees only their own company's openings.
func (a *App) ListOpenings(ctx context.Context, u Actor, f models.OpeningFilter) (ListResult[models.Opening], error) {
	if err := can(u, access.Read, access.Of(access.Opening)); err != nil {
		return ListResult[models.Opening]{}, err
	}
	if !companyScope(u, &f.CompanyID) {
		return page([]models.Opening{}, 0, f.Page), nil
	}
	hideToReview(u, &f) // reviews.go
	items, total, err := a.store.ListOpenings(ctx, f)
	if err != nil {
		return ListResult[models.Opening]{}, err
	}
	if err := a.withReviews(ctx, items); err != nil {
		return ListResult[models.Opening]{}, err
	}
	return page(items, total, f.Page), nil
}

// GetOpening returns one opening the actor may see.
func (a *App) GetOpening(ctx context.Context, u Actor, id int64) (models.Opening, error) {
	o, err := a.store.GetOpening(ctx, id)
	if err != nil {
		return o, notFound(err, "åbning")
	}
	if err := can(u, access.Read, access.Row(access.Opening, o.JobcentreID, o.CompanyID)); err != nil {
		return models.Opening{}, err
	}
	if err := mayReadToReview(u, o); err != nil {
		return models.Opening{}, err
	}
	os := []models.Opening{o}
	return os[0], a.withReviews(ctx, os)
}

// CreateOpening posts an opening. Employers post for their own company
// (which they need not name); consultants for companies of their jobcentre.
// Place and branch default to the company's.
func (a *App) CreateOpening(ctx context.Context, u Actor, f models.OpeningFields) (models.Opening, error) {
	if err := can(u, access.Create, access.Of(access.Opening)); err != nil {
		return models.Opening{}, err
	}
	if f.CompanyID == 0 {
		companyScope(u, &f.CompanyID)
	}
	c, errs, err := a.prepareOpening(ctx, u, &f)
	if err != nil {
		return models.Opening{}, err
	}
	if err := errs.Err(); err != nil {
		return models.Opening{}, err
	}
	submitted := reviewGate(u, c.JobcentreID, nil, &f)
	o := models.Opening{JobcentreID: c.JobcentreID, PostedBy: &u.ID, OpeningFields: f}
	stamp(&o.Stamp, u, true)
	if err := a.saveOpening(ctx, &o, submitted, c.Name, true); err != nil {
		return models.Opening{}, err
	}
	a.invalidateMatching()
	return o, nil
}

// UpdateOpening applies patch to an opening and saves it.
func (a *App) UpdateOpening(ctx context.Context, u Actor, id int64, patch func(*models.OpeningFields) error) (models.Opening, error) {
	o, err := a.GetOpening(ctx, u, id)
	if err != nil {
		return o, err
	}
	if err := mayEditOpening(u, o); err != nil {
		return models.Opening{}, err
	}
	f := o.OpeningFields
	f.MaxReferrals = copyInt(f.MaxReferrals) // a patch decoded into f must not write through to o
	if err := patch(&f); err != nil {
		return models.Opening{}, err
	}
	c, errs, err := a.prepareOpening(ctx, u, &f)
	if err != nil {
		return models.Opening{}, err
	}
	if o.Status == models.StatusToReview && f.Status != models.StatusToReview && f.Status != models.StatusClosed &&
		access.Allowed(u, access.Update, access.Row(access.OpeningReview, o.JobcentreID, o.CompanyID)) {
		// Out of review only by approval (the checklist is kept and the
		// employer told) or by sending it back; withdrawing it is allowed.
		errs.Add("status", "Åbningen afventer godkendelse. Godkend den eller send den tilbage under Godkendelser, så ordningens tjekliste gemmes, og arbejdsgiveren får besked.")
	}
	if err := errs.Err(); err != nil {
		return models.Opening{}, err
	}
	submitted := reviewGate(u, c.JobcentreID, &o.OpeningFields, &f)
	if unchanged(o.OpeningFields, f) && o.JobcentreID == c.JobcentreID {
		return o, nil // nothing to write
	}
	o.OpeningFields = f
	o.JobcentreID = c.JobcentreID
	stamp(&o.Stamp, u, false)
	if err := a.saveOpening(ctx, &o, submitted, c.Name, false); err != nil {
		return models.Opening{}, notFound(err, "åbning")
	}
	a.invalidateMatching()
	return o, nil
}

// ArchiveOpening withdraws an opening from lists; history stays.
func (a *App) ArchiveOpening(ctx context.Context, u Actor, id int64) error {
	o, err := a.GetOpening(ctx, u, id)
	if err != nil {
		return err
	}
	if err := mayChangeOpening(u, access.Archive, o); err != nil {
		return err
	}
	defer a.invalidateMatching()
	return notFound(a.store.ArchiveOpening(ctx, id, &u.ID), "åbning")
}

// saveOpening creates or updates o and, when it was submitted for review
// now, tells its jobcentre's consultants in the same transaction.
func (a *App) saveOpening(ctx context.Context, o *models.Opening, submitted bool, company string, creating bool) error {
	var to []models.User
	if submitted {
		var err error
		if to, err = consultantsOf(ctx, a.store, o.JobcentreID); err != nil {
			return err
		}
	}
	return a.store.Tx(ctx, func(tx *store.Store) error {
		save := tx.UpdateOpening
		if creating {
			save = tx.CreateOpening
		}
		if err := save(ctx, o); err != nil {
			return err
		}
		if !submitted {
			return nil
		}
		return a.notify(ctx, tx, to, submitNotice(*o, company))
	})
}

// prepareOpening fills defaults from the company and validates.
func (a *App) prepareOpening(ctx context.Context, u Actor, f *models.OpeningFields) (models.Company, models.FieldErrors, error) {
	var errs models.FieldErrors
	c, err := a.liveCompanyFor(ctx, u, f.CompanyID, "company_id", &errs)
	if err != nil {
		return c, nil, err
	}
	if c.ID != 0 {
		if f.Branch == "" {
			f.Branch = c.Branch
		}
		if f.Lat == 0 && f.Lon == 0 && f.Address == "" {
			f.Address, f.Postcode, f.Town, f.Lat, f.Lon = c.Address, c.Postcode, c.Town, c.Lat, c.Lon
		}
	}
	for _, fe := range f.Validate() {
		if !errs.Has(fe.Field) {
			errs = append(errs, fe)
		}
	}
	return c, errs, nil
}

func mayEditOpening(u Actor, o models.Opening) error { return mayChangeOpening(u, access.Update, o) }

func mayChangeOpening(u Actor, act access.Action, o models.Opening) error {
	if o.Archived() {
		return archived("åbning")
	}
	return can(u, act, access.Row(access.Opening, o.JobcentreID, o.CompanyID))
}
