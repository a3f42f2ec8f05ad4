package app

import (
	"context"
	"slices"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// CitizenInput is what a client sends to create or change a citizen: the
// writable fields plus the CPR number, which is write-only and never sent
// back. JobcentreID is for administrators creating a citizen.
type CitizenInput struct {
	JobcentreID *int64  `json:"jobcentre_id"`
	CPR         *string `json:"cpr"`
	models.CitizenFields
	// ConsentKinds are the kinds of opening the citizen consents to be
	// shown to employers for (write-only; reads show consents with dates).
	// Left out of a PATCH, the consents stay as they are.
	ConsentKinds []models.Kind `json:"consent_kinds"`
}

// ListCitizens lists citizens of the actor's jobcentre and records the read.
func (a *App) ListCitizens(ctx context.Context, u Actor, f models.CitizenFilter) (ListResult[models.Citizen], error) {
	if err := can(u, access.Read, access.Of(access.Citizen)); err != nil {
		return ListResult[models.Citizen]{}, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(f.JobcentreID)
	if !ok {
		return page([]models.Citizen{}, 0, f.Page), nil
	}
	f.JobcentreID = jc
	items, total, err := a.store.ListCitizens(ctx, f)
	if err != nil {
		return ListResult[models.Citizen]{}, err
	}
	if err := a.withConsents(ctx, items); err != nil {
		return ListResult[models.Citizen]{}, err
	}
	if len(items) > 0 {
		ids := make([]int64, len(items))
		for i, c := range items {
			ids[i] = c.ID
		}
		if err := a.audit(ctx, u, "read", "citizen", ids...); err != nil {
			return ListResult[models.Citizen]{}, err
		}
	}
	return page(items, total, f.Page), nil
}

// GetCitizen returns one citizen and records the read.
func (a *App) GetCitizen(ctx context.Context, u Actor, id int64) (models.Citizen, error) {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return c, err
	}
	cs := []models.Citizen{c}
	if err := a.withConsents(ctx, cs); err != nil {
		return models.Citizen{}, err
	}
	return cs[0], a.audit(ctx, u, "read", "citizen", id)
}

// citizen loads a citizen the actor may see, without recording a read.
func (a *App) citizen(ctx context.Context, u Actor, id int64) (models.Citizen, error) {
	if err := can(u, access.Read, access.Of(access.Citizen)); err != nil {
		return models.Citizen{}, a.denied(ctx, u, id, err)
	}
	c, err := a.store.GetCitizen(ctx, id)
	if err != nil {
		return c, notFound(err, "borger")
	}
	// Another tenant's citizen is reported as missing, not forbidden: a
	// consultant should not learn that the id exists elsewhere. The
	// attempt is audited: the citizen's access log shows it.
	if err := can(u, access.Read, access.Row(access.Citizen, c.JobcentreID, 0)); err != nil {
		return models.Citizen{}, a.denied(ctx, u, id, err)
	}
	return c, nil
}

// denied records a refused read of a citizen, so the citizen's access log
// shows attempts too, and returns the refusal.
func (a *App) denied(ctx context.Context, u Actor, id int64, refusal error) error {
	if u == nil {
		return refusal
	}
	if err := a.audit(ctx, u, "denied", "citizen", id); err != nil {
		return err
	}
	return refusal
}

// CreateCitizen registers a citizen in the actor's jobcentre.
func (a *App) CreateCitizen(ctx context.Context, u Actor, in CitizenInput) (models.Citizen, error) {
	if err := can(u, access.Create, access.Of(access.Citizen)); err != nil {
		return models.Citizen{}, err
	}
	errs := in.CitizenFields.Validate()
	jc, err := a.tenantFor(ctx, u, in.JobcentreID, "borgere", &errs)
	if err != nil {
		return models.Citizen{}, err
	}
	var c models.Citizen
	if in.CPR == nil || *in.CPR == "" {
		errs.Add("cpr", "Feltet skal udfyldes.")
	} else {
		a.sealCPR(*in.CPR, &c, &errs)
	}
	if in.ConsultantID == nil && u.Role == models.RoleConsultant {
		in.ConsultantID = &u.ID
	}
	if err := a.consultantOf(ctx, in.ConsultantID, jc, "consultant_id", &errs); err != nil {
		return models.Citizen{}, err
	}
	kinds := consentKinds(in.ConsentKinds, &errs)
	if err := errs.Err(); err != nil {
		return models.Citizen{}, err
	}
	if in.GroupEnteredOn.IsZero() {
		in.GroupEnteredOn = models.DateOf(a.Now())
	}
	c.JobcentreID = jc
	c.CitizenFields = in.CitizenFields
	stamp(&c.Stamp, u, true)
	if err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateCitizen(ctx, &c); err != nil {
			return cprConflict(err)
		}
		return a.saveConsents(ctx, tx, u, c.ID, kinds)
	}); err != nil {
		return models.Citizen{}, err
	}
	cs := []models.Citizen{c}
	if err := a.withConsents(ctx, cs); err != nil {
		return models.Citizen{}, err
	}
	return cs[0], a.audit(ctx, u, "create", "citizen", c.ID)
}

// UpdateCitizen applies patch to a citizen and saves it. A CPR number in
// the patch replaces the stored one; the jobcentre cannot change (a move is
// an archive in one jobcentre and a registration in the other).
func (a *App) UpdateCitizen(ctx context.Context, u Actor, id int64, patch func(*CitizenInput) error) (models.Citizen, error) {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return c, err
	}
	if err := can(u, access.Update, access.Row(access.Citizen, c.JobcentreID, 0)); err != nil {
		return models.Citizen{}, err
	}
	if c.Archived() {
		return models.Citizen{}, archived("borger")
	}
	had, err := a.store.CitizenConsents(ctx, []int64{c.ID})
	if err != nil {
		return models.Citizen{}, err
	}
	in := CitizenInput{CitizenFields: c.CitizenFields, ConsentKinds: kindsOf(had[c.ID])}
	if err := patch(&in); err != nil {
		return models.Citizen{}, err
	}
	errs := in.CitizenFields.Validate()
	if in.JobcentreID != nil && *in.JobcentreID != c.JobcentreID {
		errs.Add("jobcentre_id", "Jobcentret kan ikke ændres. Arkivér borgeren her og opret vedkommende i det nye jobcenter.")
	}
	if in.CPR != nil {
		a.sealCPR(*in.CPR, &c, &errs)
	}
	if err := a.consultantOf(ctx, in.ConsultantID, c.JobcentreID, "consultant_id", &errs); err != nil {
		return models.Citizen{}, err
	}
	kinds := consentKinds(in.ConsentKinds, &errs)
	if err := errs.Err(); err != nil {
		return models.Citizen{}, err
	}
	sameConsents := slices.Equal(kinds, kindsOf(had[c.ID]))
	if in.CPR == nil && sameConsents && unchanged(c.CitizenFields, in.CitizenFields) {
		c.Consents = had[c.ID]
		if c.Consents == nil {
			c.Consents = []models.CitizenConsent{}
		}
		return c, a.audit(ctx, u, "read", "citizen", c.ID) // nothing to write
	}
	c.CitizenFields = in.CitizenFields
	stamp(&c.Stamp, u, false)
	if err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateCitizen(ctx, &c); err != nil {
			return cprConflict(notFound(err, "borger"))
		}
		return a.saveConsents(ctx, tx, u, c.ID, kinds)
	}); err != nil {
		return models.Citizen{}, err
	}
	cs := []models.Citizen{c}
	if err := a.withConsents(ctx, cs); err != nil {
		return models.Citizen{}, err
	}
	return cs[0], a.audit(ctx, u, "update", "citizen", c.ID)
}

// ArchiveCitizen closes a citizen's record; history stays.
func (a *App) ArchiveCitizen(ctx context.Context, u Actor, id int64) error {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return err
	}
	if err := can(u, access.Archive, access.Row(access.Citizen, c.JobcentreID, 0)); err != nil {
		return err
	}
	if err := a.store.ArchiveCitizen(ctx, id, &u.ID); err != nil {
		return notFound(err, "borger")
	}
	return a.audit(ctx, u, "archive", "citizen", id)
}

// sealCPR validates a CPR number and puts its sealed form on c. The number
// itself goes nowhere else: not into errors, logs or the search index.
func (a *App) sealCPR(cpr string, c *models.Citizen, errs *models.FieldErrors) {
	s, err := a.Vault.Seal(cpr)
	if err != nil {
		errs.Add("cpr", "CPR-nummeret er ugyldigt. Skriv det som DDMMÅÅ-XXXX med en gyldig fødselsdato.")
		return
	}
	c.CPRCipher, c.CPRHash, c.CPRMasked, c.BirthDate = s.Cipher, s.Hash, s.Masked, s.Born
}

func cprConflict(err error) error {
	return conflict(err, "cpr", "Der findes allerede en aktiv borger med dette CPR-nummer i jobcentret.")
}
