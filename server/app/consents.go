package app

import (
	"context"
	"slices"

	"placering/models"
	"placering/store"
)

// Consent per kind of opening: a citizen is shown to an employer, as an
// anonymous candidate (employer_candidates.go), only on openings of a kind
// the citizen consented to. The general consent_share on the citizen no
// longer suffices for anything an employer sees; it is kept as the
// citizen's general consent to share their profile, for compatibility.

// consentKinds validates and normalises the kinds a client sent: each a
// known opening kind, duplicates dropped, in the order of models.Kinds.
func consentKinds(in []models.Kind, errs *models.FieldErrors) []models.Kind {
	out := []models.Kind{}
	for _, k := range models.Kinds {
		if slices.Contains(in, k) {
			out = append(out, k)
		}
	}
	for _, k := range in {
		if !k.Valid() {
			errs.Add("consent_kinds", "Ukendt ordning: %q. Vælg blandt virksomhedspraktik, loentilskud, igu, fleksjob og ordinaere_timer.", string(k))
			break
		}
	}
	return out
}

// kindsOf lists the kinds of a citizen's consents.
func kindsOf(cs []models.CitizenConsent) []models.Kind {
	out := make([]models.Kind, len(cs))
	for i, c := range cs {
		out[i] = c.Kind
	}
	return out
}

// withConsents loads the consents of the given citizens onto them (an
// empty list for a citizen without any).
func (a *App) withConsents(ctx context.Context, cs []models.Citizen) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	got, err := a.store.CitizenConsents(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		cs[i].Consents = got[cs[i].ID]
		if cs[i].Consents == nil {
			cs[i].Consents = []models.CitizenConsent{}
		}
	}
	return nil
}

// saveConsents records the citizen's consents as kinds, by user by.
func (a *App) saveConsents(ctx context.Context, tx *store.Store, u Actor, citizenID int64, kinds []models.Kind) error {
	return tx.SetCitizenConsents(ctx, citizenID, kinds, u.ID, a.Now())
}
