package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"placering/matching"
	"placering/models"
	"placering/store"
)

// The matching service: it loads citizens and openings, asks the pure
// matching package, and keeps match records. Proposals are never written
// until a consultant acts on them.

// snapshotTTL bounds how old the in-memory opening index may be. It is a
// derived copy of the database, so each replica can keep its own; every
// proposal it yields is checked against the database before it is shown.
const snapshotTTL = 15 * time.Second

// StalledAfter is how long an open match may sit in one state before the
// board flags it as stalled.
const StalledAfter = 14 * 24 * time.Hour

// openingSnapshot is every open opening, indexed for fast ranking.
type openingSnapshot struct {
	built   time.Time
	index   *matching.OpeningIndex
	byID    map[int64]matching.Opening
	company map[int64]string
	place   map[int64]string // town
}

// matchCache holds the snapshot. Its zero value is ready to use.
type matchCache struct {
	mu   sync.Mutex
	snap *openingSnapshot
}

func (a *App) invalidateMatching() {
	a.matching.mu.Lock()
	a.matching.snap = nil
	a.matching.mu.Unlock()
}

func (a *App) openingIndex(ctx context.Context) (*openingSnapshot, error) {
	a.matching.mu.Lock()
	defer a.matching.mu.Unlock()
	if s := a.matching.snap; s != nil && a.Now().Sub(s.built) < snapshotTTL {
		return s, nil
	}
	rows, err := a.Store.OpenOpenings(ctx)
	if err != nil {
		return nil, err
	}
	ops, err := a.toMatchingOpenings(ctx, rows)
	if err != nil {
		return nil, err
	}
	s := &openingSnapshot{built: a.Now(), index: matching.NewOpeningIndex(ops),
		byID: make(map[int64]matching.Opening, len(ops)), place: make(map[int64]string, len(rows))}
	ids := make([]int64, 0, len(rows))
	for i, o := range ops {
		s.byID[o.ID] = o
		s.place[o.ID] = rows[i].Town
		ids = append(ids, o.CompanyID)
	}
	if s.company, err = a.Store.CompanyNames(ctx, ids); err != nil {
		return nil, err
	}
	a.matching.snap = s
	return s, nil
}

// toMatchingOpenings maps openings onto the matching package's view: free
// seats, virksomhedscenter agreements and recent proposals per employer.
func (a *App) toMatchingOpenings(ctx context.Context, rows []models.Opening) ([]matching.Opening, error) {
	var ids []int64
	if len(rows) < 1000 {
		ids = make([]int64, len(rows))
		for i, o := range rows {
			ids[i] = o.ID
		}
	}
	taken, err := a.Store.SeatsTaken(ctx, ids)
	if err != nil {
		return nil, err
	}
	agreements, err := a.Store.ActiveAgreements(ctx, models.DateOf(a.Now()))
	if err != nil {
		return nil, err
	}
	groups := map[int64][]models.TargetGroup{}
	for _, v := range agreements {
		groups[v.CompanyID] = append(groups[v.CompanyID], v.TargetGroups...)
	}
	recent, err := a.Store.RecentProposalsByCompany(ctx, a.Now().Add(-30*24*time.Hour))
	if err != nil {
		return nil, err
	}
	out := make([]matching.Opening, len(rows))
	for i, o := range rows {
		out[i] = matching.Opening{
			ID: o.ID, CompanyID: o.CompanyID, JobcentreID: o.JobcentreID, Kind: o.Kind, Title: o.Title, Branch: o.Branch,
			Lat: o.Lat, Lon: o.Lon, HoursMin: o.HoursMin, HoursMax: o.HoursMax, SeatsFree: o.Seats - taken[o.ID],
			StartDate: o.StartDate, Status: o.Status, DanishLevel: o.DanishLevel, DriversLicence: o.DriversLicence,
			MentorAvailable: o.MentorAvailable, VirksomhedscenterTargetGroups: groups[o.CompanyID], RecentProposals: recent[o.CompanyID],
		}
	}
	return out, nil
}

// toMatchingCitizens maps citizens onto the matching view, with their
// placement history.
func (a *App) toMatchingCitizens(ctx context.Context, rows []models.Citizen) ([]matching.Citizen, error) {
	ids := make([]int64, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	placements, err := a.Store.PlacementsOfCitizens(ctx, ids)
	if err != nil {
		return nil, err
	}
	var openingIDs []int64
	for _, ps := range placements {
		for _, p := range ps {
			if p.OpeningID != nil {
				openingIDs = append(openingIDs, *p.OpeningID)
			}
		}
	}
	openings, err := a.Store.OpeningsByID(ctx, openingIDs)
	if err != nil {
		return nil, err
	}
	branch := make(map[int64]string, len(openings))
	for _, o := range openings {
		branch[o.ID] = o.Branch
	}
	out := make([]matching.Citizen, len(rows))
	for i, c := range rows {
		mc := matching.Citizen{
			ID: c.ID, JobcentreID: c.JobcentreID, TargetGroup: c.TargetGroup, GroupEnteredOn: c.GroupEnteredOn,
			ArrivalDate: c.ArrivalDate, BirthDate: c.BirthDate, GoalBranch: c.GoalBranch, GoalTitle: c.GoalTitle,
			DanishLevel: c.DanishLevel, DriversLicence: c.DriversLicence, Lat: c.Lat, Lon: c.Lon,
			MaxCommuteKm: c.MaxCommuteKm, HoursCapacity: c.HoursCapacity, ConsentShare: c.ConsentShare,
		}
		for _, p := range placements[c.ID] {
			past := matching.PastPlacement{CompanyID: p.CompanyID, Kind: p.Kind, BrokeDown: p.Status == models.PlacementInterrupted, Ended: p.EndDate}
			if p.OpeningID != nil {
				past.Branch = branch[*p.OpeningID]
			}
			mc.History = append(mc.History, past)
		}
		out[i] = mc
	}
	return out, nil
}

// Settings are a jobcentre's matching weights and rule parameters.
type Settings struct {
	JobcentreID int64               `json:"jobcentre_id"`
	Weights     matching.Weights    `json:"weights"`
	RuleParams  matching.RuleParams `json:"rule_params"`
	Default     bool                `json:"default"`
}

// MatchingSettings returns a jobcentre's settings (the defaults until an
// administrator changes them). Any member of the jobcentre may read them.
func (a *App) MatchingSettings(ctx context.Context, u Actor, jc int64) (Settings, error) {
	if !isAdmin(u) && !sameJobcentre(u, jc) {
		return Settings{}, forbid("kun dit eget jobcenters indstillinger")
	}
	return a.settings(ctx, jc)
}

func (a *App) settings(ctx context.Context, jc int64) (Settings, error) {
	s := Settings{JobcentreID: jc, Weights: matching.DefaultWeights(), RuleParams: matching.DefaultRuleParams(), Default: true}
	row, err := a.Store.GetMatchingSettings(ctx, jc)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return s, err
	default:
		if err := json.Unmarshal([]byte(row.Weights), &s.Weights); err != nil {
			return s, fmt.Errorf("stored weights of jobcentre %d: %w", jc, err)
		}
		if err := json.Unmarshal([]byte(row.RuleParams), &s.RuleParams); err != nil {
			return s, fmt.Errorf("stored rule parameters of jobcentre %d: %w", jc, err)
		}
		s.Default = false
	}
	s.RuleParams.AsOf = models.DateOf(a.Now())
	return s, nil
}

// SaveMatchingSettings lets an administrator change a jobcentre's weights
// and rule parameters, for instance when the law changes.
func (a *App) SaveMatchingSettings(ctx context.Context, u Actor, in Settings) (Settings, error) {
	if !isAdmin(u) {
		return Settings{}, forbid("kun administratorer kan ændre matchingens vægte og regler")
	}
	var errs models.FieldErrors
	if _, err := a.Store.GetJobcentre(ctx, in.JobcentreID); err != nil {
		errs.Add("jobcentre_id", "Jobcentret findes ikke.")
	}
	if err := in.Weights.Validate(); err != nil {
		errs.Add("weights", "%s", err.Error())
	}
	in.RuleParams.AsOf = models.Date{}
	if err := in.RuleParams.Validate(); err != nil {
		errs.Add("rule_params", "%s", err.Error())
	}
	if err := errs.Err(); err != nil {
		return Settings{}, err
	}
	w, _ := json.Marshal(in.Weights)
	p, _ := json.Marshal(in.RuleParams)
	row := store.MatchingSettings{JobcentreID: in.JobcentreID, Weights: string(w), RuleParams: string(p), UpdatedBy: &u.ID}
	if err := a.Store.SaveMatchingSettings(ctx, &row); err != nil {
		return Settings{}, err
	}
	return a.settings(ctx, in.JobcentreID)
}

// RuleTable returns the eligibility rules with the parameters in force for
// the actor's jobcentre (the defaults for an administrator without one).
func (a *App) RuleTable(ctx context.Context, u Actor) (matching.RuleTable, error) {
	if u.JobcentreID == nil {
		p := matching.DefaultRuleParams()
		p.AsOf = models.DateOf(a.Now())
		return matching.Describe(p), nil
	}
	s, err := a.settings(ctx, *u.JobcentreID)
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
	DistanceKm  *float64    `json:"distance_km,omitempty"`

	// For candidates: a consultant sees the name; an employer sees only
	// the profile a consenting citizen shares, never name or CPR number.
	Name          string             `json:"name,omitempty"`
	TargetGroup   models.TargetGroup `json:"target_group,omitempty"`
	GoalTitle     string             `json:"goal_title,omitempty"`
	DanishLevel   models.DanishLevel `json:"danish_level,omitempty"`
	HoursCapacity float64            `json:"hours_capacity,omitempty"`
}

// MatchList is a ranked list.
type MatchList struct {
	Items []MatchItem `json:"items"`
}

// MaxMatches caps how many proposals one call returns.
const MaxMatches = 200

// CitizenMatches ranks open openings for a citizen of the actor's own
// jobcentre. includeExcluded adds the best-scoring excluded openings, each
// with the rules that exclude it.
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
	var props []matching.Proposal
	var snap *openingSnapshot
	// The snapshot may be a few seconds old: check the proposals against
	// the database, and if any went stale, rebuild once and rank again.
	for attempt := 0; attempt < 2; attempt++ {
		if snap, err = a.openingIndex(ctx); err != nil {
			return MatchList{}, err
		}
		props = snap.index.TopN(cs[0], s.Weights, s.RuleParams, limit)
		fresh, err := a.stillAvailable(ctx, props)
		if err != nil {
			return MatchList{}, err
		}
		if fresh {
			break
		}
		a.invalidateMatching()
	}
	out := MatchList{Items: make([]MatchItem, 0, len(props))}
	for _, p := range props {
		out.Items = append(out.Items, snap.describe(cs[0], p.OpeningID, p.Score, p.Factors, nil))
	}
	if includeExcluded {
		var ex []MatchItem
		for _, e := range snap.index.Excluded(cs[0], s.RuleParams) {
			ev := matching.Evaluate(cs[0], snap.byID[e.OpeningID], s.Weights, s.RuleParams)
			ex = append(ex, snap.describe(cs[0], e.OpeningID, ev.Score, ev.Factors, e.ExcludedBy))
		}
		sort.SliceStable(ex, func(i, j int) bool { return ex[i].Score > ex[j].Score })
		out.Items = append(out.Items, ex[:min(len(ex), limit)]...)
	}
	return out, nil
}

func (s *openingSnapshot) describe(c matching.Citizen, openingID int64, score float64, f []matching.Factor, by []matching.RuleID) MatchItem {
	o := s.byID[openingID]
	it := MatchItem{OpeningID: openingID, Score: score, Factors: f, ExcludedBy: by, Title: o.Title,
		CompanyName: s.company[o.CompanyID], Kind: o.Kind, Town: s.place[openingID]}
	if (c.Lat != 0 || c.Lon != 0) && (o.Lat != 0 || o.Lon != 0) {
		d := models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon)
		it.DistanceKm = &d
	}
	return it
}

// stillAvailable checks that every proposed opening is still open, live
// and has a free seat.
func (a *App) stillAvailable(ctx context.Context, props []matching.Proposal) (bool, error) {
	if len(props) == 0 {
		return true, nil
	}
	ids := make([]int64, len(props))
	for i, p := range props {
		ids[i] = p.OpeningID
	}
	rows, err := a.Store.OpeningsByID(ctx, ids)
	if err != nil {
		return false, err
	}
	taken, err := a.Store.SeatsTaken(ctx, ids)
	if err != nil {
		return false, err
	}
	if len(rows) != len(uniqIDs(ids)) {
		return false, nil
	}
	for _, o := range rows {
		if o.Archived() || o.Status != models.StatusOpen || o.Seats-taken[o.ID] < 1 {
			return false, nil
		}
	}
	return true, nil
}

// OpeningCandidates ranks citizens for an opening (omvendt jobformidling):
// the citizens of the caller's own jobcentre. An employer sees only
// citizens who consented to share their profile, and only the profile.
func (a *App) OpeningCandidates(ctx context.Context, u Actor, openingID int64, limit int) (MatchList, error) {
	limit = clampLimit(limit)
	o, err := a.GetOpening(ctx, u, openingID)
	if err != nil {
		return MatchList{}, err
	}
	var jc int64
	switch {
	case isEmployer(u):
		c, err := a.Store.GetCompany(ctx, o.CompanyID)
		if err != nil {
			return MatchList{}, notFound(err, "virksomhed")
		}
		jc = c.JobcentreID
	case isConsultant(u) && u.JobcentreID != nil:
		jc = *u.JobcentreID
	case isAdmin(u):
		jc = o.JobcentreID
	default:
		return MatchList{}, forbid("din rolle kan ikke se kandidater")
	}
	rows, err := a.Store.CitizensForMatching(ctx, jc, nil)
	if err != nil {
		return MatchList{}, err
	}
	if isEmployer(u) {
		kept := rows[:0]
		for _, c := range rows {
			if c.ConsentShare {
				kept = append(kept, c)
			}
		}
		rows = kept
	}
	cs, err := a.toMatchingCitizens(ctx, rows)
	if err != nil {
		return MatchList{}, err
	}
	mos, err := a.toMatchingOpenings(ctx, []models.Opening{o})
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
	out := MatchList{Items: make([]MatchItem, 0, len(props))}
	ids := make([]int64, 0, len(props))
	for _, p := range props {
		c := byID[p.CitizenID]
		it := MatchItem{CitizenID: c.ID, Score: p.Score, Factors: p.Factors, GoalTitle: c.GoalTitle,
			DanishLevel: c.DanishLevel, HoursCapacity: c.HoursCapacity}
		if (c.Lat != 0 || c.Lon != 0) && (o.Lat != 0 || o.Lon != 0) {
			d := models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon)
			it.DistanceKm = &d
		}
		if !isEmployer(u) {
			it.Name, it.TargetGroup = c.Name, c.TargetGroup
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

// AssignInput is a batch to assign: the citizens and openings to consider.
// An empty list means all: every citizen of the actor's jobcentre, or every
// open opening.
type AssignInput struct {
	CitizenIDs []int64 `json:"citizen_ids"`
	OpeningIDs []int64 `json:"opening_ids"`
}

// Validate checks the sizes of a batch.
func (in *AssignInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if len(in.CitizenIDs) > 20000 {
		errs.Add("citizen_ids", "Højst 20.000 borgere ad gangen.")
	}
	if len(in.OpeningIDs) > 20000 {
		errs.Add("opening_ids", "Højst 20.000 åbninger ad gangen.")
	}
	return errs
}

// Assign proposes the assignment of citizens to openings that maximises the
// total score, with at most one opening per citizen and no opening over its
// free seats. It writes nothing: a consultant accepts proposals one by one.
func (a *App) Assign(ctx context.Context, u Actor, in AssignInput) (matching.Assignment, error) {
	if !isAdmin(u) && !isConsultant(u) {
		return matching.Assignment{}, forbid("kun jobcentrets medarbejdere kan fordele borgere")
	}
	if err := in.Validate().Err(); err != nil {
		return matching.Assignment{}, err
	}
	var jc int64
	if u.JobcentreID != nil {
		jc = *u.JobcentreID
	}
	var ids []int64
	if len(in.CitizenIDs) > 0 {
		ids = in.CitizenIDs
	}
	citizens, err := a.Store.CitizensForMatching(ctx, jc, ids)
	if err != nil {
		return matching.Assignment{}, err
	}
	if ids != nil && len(citizens) != len(uniqIDs(ids)) {
		var errs models.FieldErrors
		errs.Add("citizen_ids", "Nogle borgere findes ikke i dit jobcenter.")
		return matching.Assignment{}, errs
	}
	var openings []models.Opening
	if len(in.OpeningIDs) > 0 {
		all, err := a.Store.OpeningsByID(ctx, in.OpeningIDs)
		if err != nil {
			return matching.Assignment{}, err
		}
		for _, o := range all {
			if !o.Archived() && o.Status == models.StatusOpen {
				openings = append(openings, o)
			}
		}
	} else if openings, err = a.Store.OpenOpenings(ctx); err != nil {
		return matching.Assignment{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, citizens)
	if err != nil {
		return matching.Assignment{}, err
	}
	os, err := a.toMatchingOpenings(ctx, openings)
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

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 20
	case n > MaxMatches:
		return MaxMatches
	}
	return n
}

func uniqIDs(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
