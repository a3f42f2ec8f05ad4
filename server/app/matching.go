package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/server/derived"
	"placering/store"
)

// The matching service: it loads citizens and openings, asks the pure
// matching package, and keeps match records (matches.go). Proposals are
// never written until a consultant acts on them.
//
// Openings form one marketplace shared by every jobcentre, but a
// virksomhedscenter is a jobcentre's own: it places that
// jobcentre's citizens. So one index of every open opening is kept per
// process and each request views it through its own jobcentre's
// virksomhedscentre (the snapshot is kept by package derived, its inputs are
// read in matching_inputs.go); weights and rule parameters are per
// jobcentre too (matching_settings.go). Batch assignment's input and
// openings are in assign.go.

// MatchingSettings returns a jobcentre's settings (the defaults until an
// administrator changes them). Administrators and the jobcentre's own
// consultants may read them.
func (a *App) MatchingSettings(ctx context.Context, u Actor, jc int64) (Settings, error) {
	if s := access.ScopeOf(u); jc == 0 && !s.All {
		jc = s.JobcentreID
	}
	if err := can(u, access.Read, access.Row(access.Settings, jc, 0)); err != nil {
		return Settings{}, err
	}
	if jc != 0 {
		if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
			return Settings{}, notFound(err, "jobcenter")
		}
	}
	return a.settings(ctx, jc)
}

// SaveMatchingSettings lets an administrator change a jobcentre's weights,
// rule parameters and stalled limit, for instance when the law changes.
// Nothing is written unless every field is valid.
func (a *App) SaveMatchingSettings(ctx context.Context, u Actor, in Settings) (Settings, error) {
	errs := in.Validate()
	if err := a.settingsTarget(ctx, u, in.JobcentreID, &errs); err != nil {
		return Settings{}, err
	}
	if err := errs.Err(); err != nil {
		return Settings{}, err
	}
	in.RuleParams.AsOf = models.Date{}
	w, err := json.Marshal(in.Weights)
	if err != nil {
		return Settings{}, fmt.Errorf("encode weights: %w", err)
	}
	p, err := json.Marshal(in.RuleParams)
	if err != nil {
		return Settings{}, fmt.Errorf("encode rule parameters: %w", err)
	}
	old, err := a.settings(ctx, in.JobcentreID)
	if err != nil {
		return Settings{}, err
	}
	row := store.MatchingSettings{JobcentreID: in.JobcentreID, Weights: string(w), RuleParams: string(p),
		StalledAfterDays: in.StalledAfterDays, UpdatedBy: &u.ID}
	if err := a.saveSettings(ctx, u, in.JobcentreID, SectionMatching, old, in, func(tx *store.Store) error {
		return tx.SaveMatchingSettings(ctx, &row)
	}); err != nil {
		return Settings{}, err
	}
	return a.settings(ctx, in.JobcentreID)
}

// RuleTable returns the eligibility rules with the parameters in force for
// jobcentre jc (0: the actor's own, for an employer their company's; the
// defaults for an administrator without one). Rules are no secret: employers may read them too, so they
// can see why a citizen is not proposed. Event staff have no part in
// matching.
func (a *App) RuleTable(ctx context.Context, u Actor, jc int64) (matching.RuleTable, error) {
	if err := can(u, access.Read, access.Of(access.Rules)); err != nil {
		return matching.RuleTable{}, err
	}
	// The jobcentre whose rules are the actor's own: their own, or for an
	// employer their company's (its candidates are ranked there).
	scope := access.ScopeOf(u)
	own, company := scope.JobcentreID, int64(0)
	if scope.Employer && scope.CompanyID != 0 {
		c, err := a.store.GetCompany(ctx, scope.CompanyID)
		if err != nil {
			return matching.RuleTable{}, notFound(err, "virksomhed")
		}
		own, company = c.JobcentreID, c.ID
	}
	if jc == 0 {
		jc = own
	}
	if jc != own {
		company = 0 // not the employer's company's jobcentre
	}
	if err := can(u, access.Read, access.Row(access.Rules, jc, company)); err != nil {
		return matching.RuleTable{}, err
	}
	if jc != 0 {
		if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
			return matching.RuleTable{}, notFound(err, "jobcenter")
		}
	}
	s, err := a.settings(ctx, jc)
	if err != nil {
		return matching.RuleTable{}, err
	}
	return matching.Describe(s.RuleParams), nil
}

// MatchItem is one ranked opening for a citizen or one ranked citizen for
// an opening, with the factors that make its score, and for an excluded
// pair the rules that exclude it. The descriptive fields help a person
// read the list without looking each id up.
type MatchItem struct {
	OpeningID  int64             `json:"opening_id,omitempty"`
	CitizenID  int64             `json:"citizen_id,omitempty"`
	Score      float64           `json:"score"`
	Factors    []matching.Factor `json:"factors"`
	ExcludedBy []matching.RuleID `json:"excluded_by,omitempty"`

	Title       string      `json:"title,omitempty"`
	CompanyName string      `json:"company_name,omitempty"`
	Kind        models.Kind `json:"kind,omitempty"`
	Town        string      `json:"town,omitempty"`
	SeatsFree   *int        `json:"seats_free,omitempty"`
	DistanceKm  *float64    `json:"distance_km,omitempty"`

	// For candidates, in the jobcentre's own view: the name and target
	// group. Employers never get a MatchItem (see EmployerCandidate).
	// Nobody gets a CPR number here, not even masked.
	Name          string             `json:"name,omitempty"`
	TargetGroup   models.TargetGroup `json:"target_group,omitempty"`
	GoalTitle     string             `json:"goal_title,omitempty"`
	DanishLevel   models.DanishLevel `json:"danish_level,omitempty"`
	HoursCapacity float64            `json:"hours_capacity,omitempty"`
}

// MatchList is a ranked list. RulesVersion names the rule table the list
// was made under.
type MatchList struct {
	Items        []MatchItem `json:"items"`
	RulesVersion string      `json:"rules_version"`
}

// MaxMatches caps how many proposals one call returns.
const MaxMatches = 200

// CitizenMatches ranks open openings for a citizen of the actor's own
// jobcentre. includeExcluded adds, after the eligible ones, the
// best-scoring excluded openings (up to limit), each with every rule that
// excludes it.
func (a *App) CitizenMatches(ctx context.Context, u Actor, citizenID int64, limit int, includeExcluded bool) (MatchList, error) {
	limit = clampLimit(limit)
	c, err := a.GetCitizen(ctx, u, citizenID) // audited read
	if err != nil {
		return MatchList{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, []models.Citizen{c})
	if err != nil {
		return MatchList{}, err
	}
	s, err := a.settings(ctx, c.JobcentreID)
	if err != nil {
		return MatchList{}, err
	}
	agr, err := a.virksomhedscentre(ctx, c.JobcentreID)
	if err != nil {
		return MatchList{}, err
	}
	var props []matching.Proposal
	var snap *derived.Snapshot
	var view *matching.IndexView
	// The snapshot may be a few seconds old: check the proposals against
	// the database, and if any went stale, rebuild once and rank again.
	for attempt := 0; attempt < 2; attempt++ {
		if snap, err = a.openingIndex(ctx); err != nil {
			return MatchList{}, err
		}
		view = snap.Index.View(agr)
		props = view.TopN(cs[0], s.Weights, s.RuleParams, limit)
		current, err := a.stillCurrent(ctx, snap, props)
		if err != nil {
			return MatchList{}, err
		}
		if current {
			break
		}
		a.invalidateMatching()
	}
	out := MatchList{Items: make([]MatchItem, 0, len(props)), RulesVersion: matching.RulesVersion}
	for _, p := range props {
		out.Items = append(out.Items, describe(snap, cs[0], p))
	}
	if includeExcluded {
		for _, p := range view.TopExcluded(cs[0], s.Weights, s.RuleParams, limit) {
			out.Items = append(out.Items, describe(snap, cs[0], p))
		}
	}
	return out, nil
}

// describe makes a proposal from the snapshot into a list item.
func describe(s *derived.Snapshot, c matching.Citizen, p matching.Proposal) MatchItem {
	so := s.Opening(p.OpeningID)
	o := so.Opening
	seats := o.SeatsFree
	it := MatchItem{OpeningID: p.OpeningID, Score: p.Score, Factors: p.Factors, ExcludedBy: p.ExcludedBy, Title: o.Title,
		CompanyName: so.Company, Kind: o.Kind, Town: so.Town, SeatsFree: &seats}
	if (c.Lat != 0 || c.Lon != 0) && (o.Lat != 0 || o.Lon != 0) {
		d := models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon)
		it.DistanceKm = &d
	}
	return it
}

// stillCurrent checks every proposed opening against the database: still
// live and open, unchanged since the snapshot, and with the same number of
// free seats. A proposal is never shown from a stale copy.
func (a *App) stillCurrent(ctx context.Context, snap *derived.Snapshot, props []matching.Proposal) (bool, error) {
	if len(props) == 0 {
		return true, nil
	}
	ids := make([]int64, len(props))
	for i, p := range props {
		ids[i] = p.OpeningID
	}
	rows, err := a.store.OpeningsByID(ctx, ids)
	if err != nil {
		return false, err
	}
	taken, err := a.store.SeatsTaken(ctx, ids)
	if err != nil {
		return false, err
	}
	if len(rows) != len(ids) {
		return false, nil
	}
	for _, o := range rows {
		so := snap.Opening(o.ID)
		if o.Archived() || o.Status != models.StatusOpen || !o.UpdatedAt.Equal(so.Updated) ||
			max(0, o.Seats-taken[o.ID]) != so.Opening.SeatsFree {
			return false, nil
		}
	}
	return true, nil
}

// CandidateView is the candidate list for an opening in the form the
// caller may see: Full for the jobcentre's staff, Employer for the
// opening's company (employer_candidates.go). Exactly one is set.
type CandidateView struct {
	Full     *MatchList
	Employer *EmployerCandidateList
}

// Candidates returns the candidates for an opening as the caller may see
// them: a consultant the full ranked view (OpeningCandidates), an
// employer the anonymous, banded view of their own opening.
func (a *App) Candidates(ctx context.Context, u Actor, openingID int64, limit int) (CandidateView, error) {
	if !access.ScopeOf(u).Employer {
		l, err := a.OpeningCandidates(ctx, u, openingID, limit)
		return CandidateView{Full: &l}, err
	}
	o, err := a.candidateOpening(ctx, u, openingID)
	if err != nil {
		return CandidateView{}, err
	}
	l, err := a.employerCandidates(ctx, u, o, clampLimit(limit))
	return CandidateView{Employer: &l}, err
}

// candidateOpening loads an opening whose candidates the actor may read.
func (a *App) candidateOpening(ctx context.Context, u Actor, openingID int64) (models.Opening, error) {
	if err := can(u, access.Read, access.Of(access.Candidates)); err != nil {
		return models.Opening{}, err
	}
	o, err := a.GetOpening(ctx, u, openingID) // an employer's other openings are 404
	if err != nil {
		return models.Opening{}, err
	}
	if err := can(u, access.Read, access.Row(access.Candidates, o.JobcentreID, o.CompanyID)); err != nil {
		return models.Opening{}, err
	}
	return o, nil
}

// OpeningCandidates ranks citizens for an opening (omvendt jobformidling)
// in the jobcentre's full view: the citizens of the caller's own
// jobcentre, with names, target groups, distances, scores and every
// factor. Employers never get this view (see Candidates); asked for it,
// their answer is a refusal.
func (a *App) OpeningCandidates(ctx context.Context, u Actor, openingID int64, limit int) (MatchList, error) {
	limit = clampLimit(limit)
	o, err := a.candidateOpening(ctx, u, openingID)
	if err != nil {
		return MatchList{}, err
	}
	scope := access.ScopeOf(u)
	if scope.Employer {
		return MatchList{}, models.Errorf(models.EForbidden, "opening candidates", nil,
			"Arbejdsgivere ser kandidaterne uden navn og uden point.")
	}
	// The citizens ranked are the company's jobcentre's; a consultant
	// ranks their own jobcentre's citizens for any opening.
	jc := o.JobcentreID
	if !scope.All {
		if jc, err = scope.Jobcentre(0); err != nil {
			return MatchList{}, err
		}
	}
	out := MatchList{Items: []MatchItem{}, RulesVersion: matching.RulesVersion}
	if o.Archived() {
		return out, nil
	}
	rows, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: jc})
	if err != nil {
		return MatchList{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, rows)
	if err != nil {
		return MatchList{}, err
	}
	mos, err := a.toMatchingOpenings(ctx, jc, []models.Opening{o})
	if err != nil {
		return MatchList{}, err
	}
	s, err := a.settings(ctx, jc)
	if err != nil {
		return MatchList{}, err
	}
	props := matching.Candidates(mos[0], cs, s.Weights, s.RuleParams, limit)
	byID := make(map[int64]models.Citizen, len(rows))
	for _, c := range rows {
		byID[c.ID] = c
	}
	ids := make([]int64, 0, len(props))
	for _, p := range props {
		c := byID[p.CitizenID]
		it := MatchItem{CitizenID: c.ID, Score: p.Score, Factors: p.Factors, GoalTitle: c.GoalTitle,
			DanishLevel: c.DanishLevel, HoursCapacity: c.HoursCapacity, Name: c.Name, TargetGroup: c.TargetGroup}
		if (c.Lat != 0 || c.Lon != 0) && (o.Lat != 0 || o.Lon != 0) {
			d := models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon)
			it.DistanceKm = &d
		}
		out.Items = append(out.Items, it)
		ids = append(ids, c.ID)
	}
	if len(ids) > 0 {
		if err := a.audit(ctx, u, "read", "citizen", ids...); err != nil {
			return MatchList{}, err
		}
	}
	return out, nil
}

// Assign proposes the assignment of citizens to openings that maximises the
// total score, with at most one opening per citizen and no opening over its
// free seats. It writes nothing but the audit entry: a consultant accepts
// proposals one by one (POST /matches).
func (a *App) Assign(ctx context.Context, u Actor, in AssignInput) (matching.Assignment, error) {
	if err := can(u, access.Create, access.Of(access.Match)); err != nil {
		return matching.Assignment{}, err
	}
	errs := in.Validate()
	if err := errs.Err(); err != nil {
		return matching.Assignment{}, err
	}
	jc, err := a.assignJobcentre(ctx, u, in, &errs)
	if err != nil {
		return matching.Assignment{}, err
	}
	if err := errs.Err(); err != nil {
		return matching.Assignment{}, err
	}
	sel := store.CitizenSelection{JobcentreID: jc, TargetGroups: codes(in.TargetGroups), ConsultantID: in.ConsultantID}
	if len(in.CitizenIDs) > 0 {
		sel.IDs = in.CitizenIDs
	}
	citizens, err := a.store.CitizensForMatching(ctx, sel)
	if err != nil {
		return matching.Assignment{}, err
	}
	if sel.IDs != nil {
		found := make(map[int64]bool, len(citizens))
		for _, c := range citizens {
			found[c.ID] = true
		}
		// Another jobcentre's citizen is reported like a missing one.
		if missing := missingIDs(in.CitizenIDs, found); len(missing) > 0 {
			errs.Add("citizen_ids", "Disse borgere findes ikke i jobcentret (eller passer ikke til filtrene): %s.", idList(missing))
		}
	}
	os, err := a.assignOpenings(ctx, jc, in, &errs)
	if err != nil {
		return matching.Assignment{}, err
	}
	if err := errs.Err(); err != nil {
		return matching.Assignment{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, citizens)
	if err != nil {
		return matching.Assignment{}, err
	}
	s, err := a.settings(ctx, jc)
	if err != nil {
		return matching.Assignment{}, err
	}
	res := matching.Assign(cs, os, s.Weights, s.RuleParams)
	if len(citizens) > 0 {
		cids := make([]int64, len(citizens))
		for i, c := range citizens {
			cids[i] = c.ID
		}
		if err := a.audit(ctx, u, "read", "citizen", cids...); err != nil {
			return matching.Assignment{}, err
		}
	}
	return res, nil
}

// assignJobcentre decides whose citizens a batch is about: a consultant's
// own jobcentre; for an administrator the one named, or the one the given
// citizens belong to.
func (a *App) assignJobcentre(ctx context.Context, u Actor, in AssignInput, errs *models.FieldErrors) (int64, error) {
	if scope := access.ScopeOf(u); !scope.All {
		own, err := scope.Jobcentre(0)
		if err != nil {
			return 0, err
		}
		if in.JobcentreID != 0 && in.JobcentreID != own {
			errs.Add("jobcentre_id", "Du kan kun fordele borgere i dit eget jobcenter.")
		}
		return own, nil
	}
	if in.JobcentreID != 0 {
		if _, err := a.store.GetJobcentre(ctx, in.JobcentreID); err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				return 0, err
			}
			errs.Add("jobcentre_id", "Jobcentret findes ikke.")
		}
		return in.JobcentreID, nil
	}
	if len(in.CitizenIDs) > 0 {
		cs, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{IDs: in.CitizenIDs})
		if err != nil {
			return 0, err
		}
		jcs := map[int64]bool{}
		for _, c := range cs {
			jcs[c.JobcentreID] = true
		}
		if len(jcs) == 1 {
			for jc := range jcs {
				return jc, nil
			}
		}
	}
	// Weights and rules are per jobcentre, so a batch is one jobcentre's.
	errs.Add("jobcentre_id", "Vælg jobcentret, hvis borgere skal fordeles (borgerne i en fordeling skal høre til samme jobcenter).")
	return 0, nil
}

// clampLimit applies the default and the cap to a list length.
func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 20
	case n > MaxMatches:
		return MaxMatches
	}
	return n
}
