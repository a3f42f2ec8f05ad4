package app

import (
	"context"
	"errors"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Placements: jobcentre staff create and change them; an employer sees the
// placements at their own company (to enter hours) and nothing else; event
// staff see none. A placement is a citizen's personal data, so every read
// is audited as a read of the citizen.

// PlacementView is a placement with the names a reader needs beside it.
// Employers see the person placed with them by name (they host them), but
// not the jobcentre's note or the evaluation with the citizen's own view.
type PlacementView struct {
	models.Placement
	CitizenName string `json:"citizen_name"`
	CompanyName string `json:"company_name"`
}

// placementRow is placement p as an access resource.
func placementRow(p models.Placement) access.Resource {
	return access.Row(access.Placement, p.JobcentreID, p.CompanyID)
}

// placement loads a placement the actor may see, without auditing. One
// the actor may not see is reported as missing, as for citizens.
func (a *App) visiblePlacement(ctx context.Context, u Actor, id int64) (models.Placement, error) {
	if err := can(u, access.Read, access.Of(access.Placement)); err != nil {
		return models.Placement{}, err
	}
	p, err := a.store.GetPlacement(ctx, id)
	if err != nil {
		return p, notFound(err, "placering")
	}
	if err := can(u, access.Read, placementRow(p)); err != nil {
		return models.Placement{}, err
	}
	return p, nil
}

// views adds names, redacts for employers and audits the read.
func (a *App) placementViews(ctx context.Context, u Actor, ps []models.Placement) ([]PlacementView, error) {
	out := make([]PlacementView, len(ps))
	if len(ps) == 0 {
		return out, nil
	}
	cids, coids := make([]int64, len(ps)), make([]int64, len(ps))
	for i, p := range ps {
		cids[i], coids[i] = p.CitizenID, p.CompanyID
	}
	names, err := a.placementCitizenNames(ctx, cids)
	if err != nil {
		return nil, err
	}
	companies, err := a.store.CompanyNames(ctx, coids)
	if err != nil {
		return nil, err
	}
	for i, p := range ps {
		if access.ScopeOf(u).Employer {
			p.Note, p.Evaluation = "", nil
		}
		out[i] = PlacementView{Placement: p, CitizenName: names[p.CitizenID], CompanyName: companies[p.CompanyID]}
	}
	return out, a.audit(ctx, u, "read", "citizen", cids...)
}

func (a *App) placementCitizenNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	cs, err := a.store.ProgressionCitizens(ctx, store.CitizenFilterLite{IDs: ids})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(cs))
	for _, c := range cs {
		out[c.ID] = c.Name
	}
	return out, nil
}

// ListPlacements lists the placements the actor may see.
func (a *App) ListPlacements(ctx context.Context, u Actor, f models.PlacementFilter) (ListResult[PlacementView], error) {
	if err := can(u, access.Read, access.Of(access.Placement)); err != nil {
		return ListResult[PlacementView]{}, err
	}
	if ok := narrowPlacements(u, &f); !ok {
		return page([]PlacementView{}, 0, f.Page), nil
	}
	items, total, err := a.store.ListPlacements(ctx, f)
	if err != nil {
		return ListResult[PlacementView]{}, err
	}
	views, err := a.placementViews(ctx, u, items)
	if err != nil {
		return ListResult[PlacementView]{}, err
	}
	return page(views, total, f.Page), nil
}

// GetPlacement returns one placement and records the read.
func (a *App) GetPlacement(ctx context.Context, u Actor, id int64) (PlacementView, error) {
	p, err := a.visiblePlacement(ctx, u, id)
	if err != nil {
		return PlacementView{}, err
	}
	vs, err := a.placementViews(ctx, u, []models.Placement{p})
	if err != nil {
		return PlacementView{}, err
	}
	return vs[0], nil
}

// CreatePlacement places a citizen of the actor's jobcentre directly,
// without a match. With an opening, the company, kind, start, length and
// hours plan default to the opening's, and the placement takes one of its
// seats. Without, the planned end defaults by kind (DefaultEndDate).
func (a *App) CreatePlacement(ctx context.Context, u Actor, f models.PlacementFields) (PlacementView, error) {
	if err := can(u, access.Create, access.Of(access.Placement)); err != nil {
		return PlacementView{}, err
	}
	var errs models.FieldErrors
	today := models.DateOf(a.Now())
	if f.OpeningID != nil {
		o, err := a.store.GetOpening(ctx, *f.OpeningID)
		switch {
		case err != nil || o.Archived():
			errs.Add("opening_id", "Åbningen findes ikke.")
		case o.Status != models.StatusOpen:
			errs.Add("opening_id", "Åbningen er ikke åben (status: %s).", o.Status.Label())
		case f.CompanyID != 0 && f.CompanyID != o.CompanyID:
			errs.Add("company_id", "Åbningen er hos en anden virksomhed.")
		default:
			f.CompanyID = o.CompanyID
			if f.Kind == "" {
				f.Kind = o.Kind
			}
			if f.StartDate.IsZero() {
				f.StartDate = o.StartDate
				if f.StartDate.IsZero() || f.StartDate.Before(today) {
					f.StartDate = today
				}
			}
			if f.EndDate.IsZero() && o.DurationWeeks > 0 {
				f.EndDate = f.StartDate.AddDays(7*o.DurationWeeks - 1)
			}
			if len(f.Plan) == 0 {
				f.Plan = models.DefaultPlan(o.HoursMin, o.HoursMax)
			}
		}
	}
	if f.EndDate.IsZero() {
		f.EndDate = models.DefaultEndDate(f.Kind, f.StartDate)
	}
	if f.Status == "" && !f.StartDate.IsZero() {
		f.Status = models.PlacementPlanned
		if !today.Before(f.StartDate) {
			f.Status = models.PlacementActive
		}
	}
	for _, fe := range f.Validate() {
		if !errs.Has(fe.Field) {
			errs = append(errs, fe)
		}
	}
	if f.Status.Final() && !errs.Has("status") {
		errs.Add("status", "En ny placering er planlagt eller aktiv; den afsluttes bagefter.")
	}
	c, err := a.citizen(ctx, u, f.CitizenID)
	if f.CitizenID > 0 && (err != nil || c.Archived()) {
		errs.Add("citizen_id", "Borgeren findes ikke i dit jobcenter.")
	}
	a.placementCompany(ctx, f.CompanyID, &errs)
	if err := errs.Err(); err != nil {
		return PlacementView{}, err
	}
	p := models.Placement{JobcentreID: c.JobcentreID}
	p.SetFields(f)
	stamp(&p.Stamp, u, true)
	if err := a.store.CreatePlacement(ctx, &p); err != nil {
		return PlacementView{}, seatConflict(err)
	}
	if p.OpeningID != nil {
		a.invalidateMatching()
	}
	if err := a.audit(ctx, u, "create", "placement", p.ID); err != nil {
		return PlacementView{}, err
	}
	return a.GetPlacement(ctx, u, p.ID)
}

// UpdatePlacement applies patch to a placement's fields: moving it along
// its life cycle, recording the outcome and evaluation, adjusting the plan
// or mentors. The citizen never changes, and once a placement is over its
// company, opening and kind are history.
func (a *App) UpdatePlacement(ctx context.Context, u Actor, id int64, patch func(*models.PlacementFields) error) (PlacementView, error) {
	p, err := a.visiblePlacement(ctx, u, id)
	if err != nil {
		return PlacementView{}, err
	}
	if err := can(u, access.Update, placementRow(p)); err != nil {
		return PlacementView{}, err
	}
	if p.Archived() {
		return PlacementView{}, archived("placering")
	}
	f := p.Fields()
	if err := patch(&f); err != nil {
		return PlacementView{}, err
	}
	today := models.DateOf(a.Now())
	var errs models.FieldErrors
	if f.CitizenID != p.CitizenID {
		errs.Add("citizen_id", "Borgeren kan ikke ændres. Opret en ny placering til den anden borger.")
	}
	if f.Status != p.Status && f.Status.Valid() && !p.Status.CanMoveTo(f.Status) {
		errs.Add("status", "En placering kan ikke gå fra %s til %s.", p.Status.Label(), f.Status.Label())
	}
	if p.Status.Final() && (f.CompanyID != p.CompanyID || !sameOptionalID(f.OpeningID, p.OpeningID) || f.Kind != p.Kind) {
		errs.Add("status", "Placeringen er %s; virksomhed, åbning og ordning kan ikke længere ændres.", p.Status.Label())
	}
	if f.Status.Final() && !p.Status.Final() && f.EndedOn.IsZero() {
		f.EndedOn = today
		if !f.EndDate.IsZero() && f.EndDate.Before(today) {
			f.EndedOn = f.EndDate
		}
		if f.EndedOn.Before(f.StartDate) {
			f.EndedOn = f.StartDate
		}
	}
	if !f.EndedOn.IsZero() && today.Before(f.EndedOn) {
		errs.Add("ended_on", "Den faktiske slutdato kan ikke ligge i fremtiden.")
	}
	if !sameOptionalID(f.OpeningID, p.OpeningID) && f.OpeningID != nil {
		o, err := a.store.GetOpening(ctx, *f.OpeningID)
		switch {
		case err != nil || o.Archived():
			errs.Add("opening_id", "Åbningen findes ikke.")
		case o.CompanyID != f.CompanyID:
			errs.Add("opening_id", "Åbningen er hos en anden virksomhed end placeringen.")
		}
	}
	if f.CompanyID != p.CompanyID {
		a.placementCompany(ctx, f.CompanyID, &errs)
	}
	for _, fe := range f.Validate() {
		if !errs.Has(fe.Field) {
			errs = append(errs, fe)
		}
	}
	if err := errs.Err(); err != nil {
		return PlacementView{}, err
	}
	if unchanged(p.Fields(), f) {
		return a.GetPlacement(ctx, u, p.ID) // nothing to write
	}
	np := p
	np.SetFields(f)
	stamp(&np.Stamp, u, false)
	if err := a.store.UpdatePlacement(ctx, &np, p); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return PlacementView{}, &models.Error{Code: models.EStale, Field: "status", Err: err,
				Message: "Placeringen er ændret af en anden i mellemtiden. Genindlæs og prøv igen."}
		}
		return PlacementView{}, seatConflict(notFound(err, "placering"))
	}
	if p.Status != np.Status || !sameOptionalID(p.OpeningID, np.OpeningID) {
		a.invalidateMatching() // free seats changed
	}
	if err := a.audit(ctx, u, "update", "placement", p.ID); err != nil {
		return PlacementView{}, err
	}
	return a.GetPlacement(ctx, u, p.ID)
}

// placementCompany checks the company a placement is at. Companies are a
// shared register, so a citizen may be placed at a company another
// jobcentre registered.
func (a *App) placementCompany(ctx context.Context, id int64, errs *models.FieldErrors) {
	if id <= 0 || errs.Has("company_id") {
		return
	}
	if c, err := a.store.GetCompany(ctx, id); err != nil || c.Archived() {
		errs.Add("company_id", "Virksomheden findes ikke.")
	}
}

func seatConflict(err error) error {
	if errors.Is(err, store.ErrNoSeat) {
		return &models.Error{Code: models.EConflict, Field: "opening_id", Err: err, Message: "Åbningen har ingen ledige pladser."}
	}
	return err
}

func sameOptionalID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// narrowPlacements scopes a placement list to what u may see: a
// consultant's jobcentre, an employer's company. It reports false when the
// list must be empty.
func narrowPlacements(u Actor, f *models.PlacementFilter) bool {
	s := access.ScopeOf(u)
	switch {
	case s.Employer && s.CompanyID == 0:
		return false
	case s.Employer:
		// Who is responsible for whom is the jobcentre's business.
		f.CompanyID, f.ConsultantID = s.CompanyID, 0
		return true
	}
	jc, ok := s.ListJobcentre(f.JobcentreID)
	f.JobcentreID = jc
	return ok
}
