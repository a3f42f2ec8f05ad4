package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"placering/matching"
	"placering/models"
	"placering/store"
)

// What an employer sees of the candidates for their own opening. The
// earlier view carried each citizen's id and exact distance, so an employer
// with three openings could place a citizen's home to within centimetres,
// and its reasons and points told the commute limit and the target group.
// This view carries nothing a person can be found or classified by:
//
//   - only citizens who consented to be shown for this opening's kind
//     (consents.go; the general consent_share is not enough);
//   - an opaque reference per opening (cprvault.CandidateRef), never the
//     citizen's id, so the lists of two openings cannot be joined;
//   - the distance as one of four bands, never km and never the limit;
//   - the fit as one of three bands of the employer-safe factors only
//     (goal, hours, start), never a score or the internal factors
//     (distance, mentor, virksomhedscenter, history, load spreading);
//   - reasons written for employers from those three factors alone;
//   - ordered by fit band, then by reference, so the order says nothing
//     about distance either.

// DistanceBand is how far a candidate lives from the opening, coarsely.
type DistanceBand string

// The distance bands. A citizen without a usable location is not shown
// to employers at all: their commute rule cannot be checked.
const (
	DistanceUnder5 DistanceBand = "under_5_km"
	Distance5to10  DistanceBand = "5_10_km"
	Distance10to20 DistanceBand = "10_20_km"
	DistanceOver20 DistanceBand = "over_20_km"
)

// DistanceBands lists the bands, nearest first.
var DistanceBands = []DistanceBand{DistanceUnder5, Distance5to10, Distance10to20, DistanceOver20}

// Valid reports whether b is a band.
func (b DistanceBand) Valid() bool { return slices.Contains(DistanceBands, b) }

// Fit is how well a candidate fits an opening, as a band.
type Fit string

// The fit bands, best first.
const (
	FitVeryGood Fit = "meget_god"
	FitGood     Fit = "god"
	FitPossible Fit = "mulig"
)

// Fits lists the fit bands, best first.
var Fits = []Fit{FitVeryGood, FitGood, FitPossible}

// Valid reports whether f is a band.
func (f Fit) Valid() bool { return slices.Contains(Fits, f) }

// Label is the band in Danish.
func (f Fit) Label() string {
	return map[Fit]string{FitVeryGood: "Passer meget godt", FitGood: "Passer godt", FitPossible: "Kan passe"}[f]
}

// Label is the band in Danish.
func (b DistanceBand) Label() string {
	return map[DistanceBand]string{DistanceUnder5: "Under 5 km", Distance5to10: "5–10 km", Distance10to20: "10–20 km",
		DistanceOver20: "Over 20 km"}[b]
}

// EmployerCandidate is one candidate as the employer sees it.
type EmployerCandidate struct {
	CandidateRef string       `json:"candidate_ref"`
	DistanceBand DistanceBand `json:"distance_band"`
	Fit          Fit          `json:"fit"`
	Reasons      []string     `json:"reasons"`
	// InterestState is where the employer's interest in the candidate
	// stands, when they have shown it.
	InterestState InterestState `json:"interest_state,omitempty"`
}

// EmployerCandidateList is the employer's candidate list for one opening.
type EmployerCandidateList struct {
	Items []EmployerCandidate `json:"items"`
}

// bandOf puts a distance in km into its band.
func bandOf(km float64) DistanceBand {
	switch {
	case km < 5:
		return DistanceUnder5
	case km < 10:
		return Distance5to10
	case km < 20:
		return Distance10to20
	}
	return DistanceOver20
}

// fitOf bands the share of the employer-safe factors' full weight that a
// proposal earned.
func fitOf(fs []matching.Factor, w matching.Weights) Fit {
	got := 0.0
	for _, f := range fs {
		switch f.Name {
		case matching.FactorGoal, matching.FactorHours, matching.FactorStart:
			got += f.Contribution
		}
	}
	full := w.Goal + w.Hours + w.Start
	share := 0.0
	if full > 0 {
		share = got / full
	}
	switch {
	case share >= 0.75:
		return FitVeryGood
	case share >= 0.5:
		return FitGood
	}
	return FitPossible
}

// employerReasons writes the reasons an employer may read: about the goal,
// the hours and the start, each relative to the opening, so that nothing
// names the citizen's target group, health, home or commute limit.
func employerReasons(c models.Citizen, o models.Opening, fs []matching.Factor, w matching.Weights) []string {
	out := make([]string, 0, 3)
	for _, f := range fs {
		switch f.Name {
		case matching.FactorGoal:
			out = append(out, goalText(c, f.Contribution, w.Goal))
		case matching.FactorHours:
			out = append(out, hoursText(c.HoursCapacity, o.HoursMin, max(o.HoursMax, o.HoursMin)))
		case matching.FactorStart:
			out = append(out, f.Reason) // about the opening's start date only
		}
	}
	return out
}

func goalText(c models.Citizen, got, full float64) string {
	if c.GoalBranch == "" && c.GoalTitle == "" {
		return "Intet jobmål registreret"
	}
	const eps = 0.005
	branch := full > 0 && got >= 0.6*full-eps
	title := got-boolF(branch)*0.6*full > eps
	switch {
	case branch && title:
		return "Jobmålet er i samme branche, og stillingen ligner det"
	case branch:
		return "Jobmålet er i samme branche som åbningen"
	case title:
		return "Stillingen ligner jobmålet, men branchen er en anden"
	}
	return "Jobmålet er i en anden branche"
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func hoursText(capacity, minH, maxH float64) string {
	switch {
	case capacity <= 0:
		return "Timetallet er ikke vurderet endnu"
	case minH > capacity:
		return "Kan endnu ikke arbejde åbningens mindste timetal"
	case maxH > capacity:
		return "Timetallet passer, med plads til at gå op i timer"
	}
	return "Timetallet passer"
}

// eligibleCandidate is one citizen an employer may see for an opening,
// with the proposal matching made.
type eligibleCandidate struct {
	EmployerCandidate
	citizen  models.Citizen
	proposal matching.Proposal
}

// eligibleCandidates lists every citizen the employer of o may see: of the
// company's jobcentre, consenting for o's kind, eligible by the rules, and
// located (the distance band and the commute rule need both places), each
// banded and referenced, best fit first. The interest endpoint resolves a
// reference against exactly this set.
func (a *App) eligibleCandidates(ctx context.Context, o models.Opening) ([]eligibleCandidate, error) {
	if o.Archived() || !located(o.Lat, o.Lon) {
		return nil, nil
	}
	if a.Vault == nil {
		return nil, errors.New("employer candidates: no key for candidate references")
	}
	rows, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: o.JobcentreID, ConsentKind: o.Kind})
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	cs, err := a.toMatchingCitizens(ctx, rows)
	if err != nil {
		return nil, err
	}
	mos, err := a.toMatchingOpenings(ctx, o.JobcentreID, []models.Opening{o})
	if err != nil {
		return nil, err
	}
	s, err := a.settings(ctx, o.JobcentreID)
	if err != nil {
		return nil, err
	}
	// Every eligible citizen, not the top n by the full score: a cut by
	// the full score would favour the nearest, and so tell distance.
	props := matching.Candidates(mos[0], cs, s.Weights, s.RuleParams, len(cs))
	byID := make(map[int64]models.Citizen, len(rows))
	for _, c := range rows {
		byID[c.ID] = c
	}
	list := make([]eligibleCandidate, 0, len(props))
	for _, p := range props {
		c := byID[p.CitizenID]
		if !located(c.Lat, c.Lon) {
			continue // the commute rule cannot be checked: not shown
		}
		band := bandOf(models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon))
		list = append(list, eligibleCandidate{EmployerCandidate{CandidateRef: a.Vault.CandidateRef(o.ID, c.ID), DistanceBand: band,
			Fit: fitOf(p.Factors, s.Weights), Reasons: employerReasons(c, o, p.Factors, s.Weights)}, c, p})
	}
	slices.SortFunc(list, func(x, y eligibleCandidate) int {
		if d := slices.Index(Fits, x.Fit) - slices.Index(Fits, y.Fit); d != 0 {
			return d
		}
		return strings.Compare(x.CandidateRef, y.CandidateRef)
	})
	return list, nil
}

func located(lat, lon float64) bool { return lat != 0 || lon != 0 }

// employerCandidates is OpeningCandidates for an employer (the caller has
// checked access to the opening o): every eligible citizen of the
// company's jobcentre who consented for o's kind, banded and referenced,
// with the state of the employer's interest where they showed it.
func (a *App) employerCandidates(ctx context.Context, u Actor, o models.Opening, limit int) (EmployerCandidateList, error) {
	out := EmployerCandidateList{Items: []EmployerCandidate{}}
	list, err := a.eligibleCandidates(ctx, o)
	if err != nil || len(list) == 0 {
		return out, err
	}
	list = list[:min(len(list), limit)]
	interests, err := a.store.InterestsOf(ctx, o.ID)
	if err != nil {
		return out, err
	}
	states := make(map[int64]InterestState, len(interests))
	for _, m := range interests {
		if _, seen := states[m.CitizenID]; !seen { // newest first
			states[m.CitizenID] = interestState(m.State)
		}
	}
	ids := make([]int64, len(list))
	for i, it := range list {
		it.InterestState = states[it.citizen.ID]
		out.Items = append(out.Items, it.EmployerCandidate)
		ids[i] = it.citizen.ID
	}
	if err := a.audit(ctx, u, "read", "citizen", ids...); err != nil {
		return out, err
	}
	return out, nil
}
