package matching

import "placering/models"

// Citizen is what matching needs to know about a citizen. The service layer
// maps models.Citizen (plus placement history) onto it; names, contact data
// and the CPR number deliberately have no field here, so nothing personal
// beyond what the rules and the score use ever reaches this package.
type Citizen struct {
	ID             int64              `json:"id"`
	JobcentreID    int64              `json:"jobcentre_id"`
	TargetGroup    models.TargetGroup `json:"target_group"`
	GroupEnteredOn models.Date        `json:"group_entered_on"`
	// ArrivalDate is the housing placement (boligplacering) for refugees and
	// family-reunified persons; IGU's residence window and the "early on"
	// mentor need count from it.
	ArrivalDate    models.Date        `json:"arrival_date"`
	BirthDate      models.Date        `json:"birth_date"`
	GoalBranch     string             `json:"goal_branch"`
	GoalTitle      string             `json:"goal_title"`
	DanishLevel    models.DanishLevel `json:"danish_level"`
	DriversLicence bool               `json:"drivers_licence"`
	// Lat and Lon are the home. 0,0 means unknown: the commute rule then
	// cannot exclude and the distance factor gives nothing.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// MaxCommuteKm is the citizen's own limit; 0 means "not stated" and
	// RuleParams.DefaultMaxCommuteKm applies.
	MaxCommuteKm float64 `json:"max_commute_km"`
	// HoursCapacity is the weekly hours the citizen can do now. 0 means "not
	// assessed": the hours rule then cannot exclude.
	HoursCapacity float64 `json:"hours_capacity"`
	// ConsentShare is the general consent, carried for the service layer
	// (which shows employers only citizens who consented for the opening's
	// kind, see app.EmployerCandidate); matching itself ranks everyone.
	ConsentShare bool            `json:"consent_share"`
	History      []PastPlacement `json:"history,omitempty"`
}

// PastPlacement is one earlier placement, as much as the history factor needs.
type PastPlacement struct {
	CompanyID   int64       `json:"company_id"`
	Branch      string      `json:"branch"`
	Kind        models.Kind `json:"kind"`
	BrokeDown   bool        `json:"broke_down"`   // afbrudt: ended early, not as planned
	HoursRising bool        `json:"hours_rising"` // weekly hours went up during it
	Ended       models.Date `json:"ended"`
}

// Opening is what matching needs to know about an opening (åbning). The
// service layer fills SeatsFree (seats minus started placements),
// VirksomhedscenterTargetGroups (from a valid virksomhedscenter with the company)
// and RecentProposals.
type Opening struct {
	ID          int64       `json:"id"`
	CompanyID   int64       `json:"company_id"`
	JobcentreID int64       `json:"jobcentre_id"`
	Kind        models.Kind `json:"kind"`
	Title       string      `json:"title"`
	Branch      string      `json:"branch"`
	// Lat and Lon are the workplace; 0,0 means unknown (see Citizen.Lat).
	Lat       float64              `json:"lat"`
	Lon       float64              `json:"lon"`
	HoursMin  float64              `json:"hours_min"`
	HoursMax  float64              `json:"hours_max"`
	SeatsFree int                  `json:"seats_free"`
	StartDate models.Date          `json:"start_date"` // zero: rolling start (løbende opstart)
	Status    models.OpeningStatus `json:"status"`
	// DanishLevel and DriversLicence are requirements.
	DanishLevel     models.DanishLevel `json:"danish_level"`
	DriversLicence  bool               `json:"drivers_licence"`
	MentorAvailable bool               `json:"mentor_available"`
	// VirksomhedscenterTargetGroups is non-empty when the company has a
	// standing virksomhedscenter; it lists the groups it takes.
	VirksomhedscenterTargetGroups []models.TargetGroup `json:"virksomhedscenter_target_groups,omitempty"`
	// RecentProposals counts recent proposals for this opening or its
	// employer (the service layer decides the window; we suggest the
	// employer's count over 30 days, so one company is not flooded through
	// many openings). It only feeds the small load-spreading penalty.
	RecentProposals int `json:"recent_proposals"`
}

// Factor is one part of a score: its name (a stable code), the points it
// contributed (negative for penalties) and a one-line reason in Danish.
type Factor struct {
	Name         string  `json:"name"`
	Contribution float64 `json:"contribution"`
	Reason       string  `json:"reason"`
}

// Proposal is one ranked match. TopN fills OpeningID, Candidates fills
// CitizenID; the other is the query's own id. Score equals the sum of the
// factors' contributions.
type Proposal struct {
	OpeningID int64    `json:"opening_id,omitempty"`
	CitizenID int64    `json:"citizen_id,omitempty"`
	Score     float64  `json:"score"`
	Factors   []Factor `json:"factors"`
	// ExcludedBy is set only by TopExcluded: the rules that exclude the
	// pair, whose Score is then what it would have been.
	ExcludedBy []RuleID `json:"excluded_by,omitempty"`
}

// Exclusion is a pair the rules exclude, with every rule that excludes it.
type Exclusion struct {
	OpeningID  int64    `json:"opening_id,omitempty"`
	CitizenID  int64    `json:"citizen_id,omitempty"`
	ExcludedBy []RuleID `json:"excluded_by"`
}

// Evaluation is the full answer for one pair: eligibility and score. The
// score is computed even for an excluded pair, so a consultant can see what
// it would have been.
type Evaluation struct {
	Eligible   bool     `json:"eligible"`
	ExcludedBy []RuleID `json:"excluded_by"`
	Score      float64  `json:"score"`
	Factors    []Factor `json:"factors"`
}

// Pair is one assignment of a citizen to an opening.
type Pair struct {
	CitizenID int64   `json:"citizen_id"`
	OpeningID int64   `json:"opening_id"`
	Score     float64 `json:"score"`
}

// Unassigned is a citizen the assignment left without an opening, and why.
type Unassigned struct {
	CitizenID int64 `json:"citizen_id"`
	// Code is stable for clients: UnassignedNoEligible or UnassignedSeatsTaken.
	Code   string `json:"code"`
	Reason string `json:"reason"` // Danish, for the consultant
}

// Codes for Unassigned.Code.
const (
	UnassignedNoEligible = "ingen_egnet_aabning"
	UnassignedSeatsTaken = "pladser_optaget"
)

// Assignment is the result of a batch assignment. Objective is the sum of
// the pairs' scores.
type Assignment struct {
	Pairs      []Pair       `json:"assignments"`
	Objective  float64      `json:"objective"`
	Unassigned []Unassigned `json:"unassigned"`
}
