package models

import "time"

// MatchState is where a match record is in the pipeline. The order of
// MatchStates is the order a match moves in; afvist can end it at any
// step before startet.
type MatchState string

const (
	MatchProposed  MatchState = "foreslaaet"
	MatchContacted MatchState = "kontaktet"
	MatchInterview MatchState = "samtale"
	MatchAgreed    MatchState = "aftalt"
	MatchStarted   MatchState = "startet"
	MatchRejected  MatchState = "afvist"
)

// MatchStates lists the states in pipeline order, afvist last.
var MatchStates = []MatchState{MatchProposed, MatchContacted, MatchInterview, MatchAgreed, MatchStarted, MatchRejected}

var matchStateLabels = map[MatchState]string{
	MatchProposed:  "Foreslået",
	MatchContacted: "Kontaktet",
	MatchInterview: "Samtale",
	MatchAgreed:    "Aftalt",
	MatchStarted:   "Startet",
	MatchRejected:  "Afvist",
}

// Valid reports whether s is a known state.
func (s MatchState) Valid() bool { _, ok := matchStateLabels[s]; return ok }

// Label is the Danish name of the state.
func (s MatchState) Label() string { return matchStateLabels[s] }

// Final reports whether nothing can follow s.
func (s MatchState) Final() bool { return s == MatchStarted || s == MatchRejected }

func (s MatchState) rank() int {
	for i, v := range MatchStates {
		if v == s {
			return i
		}
	}
	return -1
}

// CanMoveTo reports whether a match in state s may move to t: forward
// along the pipeline, or to afvist, and never out of a final state. Steps
// before the virksomhedscenter may be skipped (a first call can end in an
// virksomhedscenter at once), but startet only follows aftalt: a start takes one
// of the opening's seats and creates the placement, so it must rest on an
// virksomhedscenter with the employer.
func (s MatchState) CanMoveTo(t MatchState) bool {
	switch {
	case s.Final() || !t.Valid() || s == t:
		return false
	case t == MatchRejected:
		return true
	case t == MatchStarted:
		return s == MatchAgreed
	}
	return t.rank() > s.rank()
}

// Next lists the states a match in state s may move to, in pipeline order.
func (s MatchState) Next() []MatchState {
	var out []MatchState
	for _, t := range MatchStates {
		if s.CanMoveTo(t) {
			out = append(out, t)
		}
	}
	return out
}

// MatchSource says who started a match.
type MatchSource string

// The match sources.
const (
	SourceJobcentre MatchSource = "jobcenter"
	SourceInterest  MatchSource = "arbejdsgiver"
)

// MatchSources lists the sources.
var MatchSources = []MatchSource{SourceJobcentre, SourceInterest}

// Valid reports whether s is a source.
func (s MatchSource) Valid() bool { return s == SourceJobcentre || s == SourceInterest }

// ReferralStates are the states that count as a referral for an opening's
// max_referrals: the citizen was contacted about it. A match counts once
// it has ever reached one of them, also when it was rejected afterwards.
var ReferralStates = []MatchState{MatchContacted, MatchInterview, MatchAgreed, MatchStarted}

// RejectionReason is why a match was turned down, from a fixed list so
// that the jobcentre can count reasons. ShareWithCitizen says whether the
// reason may be shown to the citizen as it is.
type RejectionReason struct {
	Code             string `json:"code"`
	Label            string `json:"label"`
	By               string `json:"by"` // borger, arbejdsgiver or jobcenter
	ShareWithCitizen bool   `json:"share_with_citizen"`
}

// RejectionReasons is the fixed list of reasons.
var RejectionReasons = []RejectionReason{
	{"borger_ikke_interesseret", "Borgeren ønsker ikke åbningen", "borger", true},
	{"borger_transport", "Transporten er for lang eller besværlig", "borger", true},
	{"borger_helbred", "Helbredsmæssige forhold", "borger", false},
	{"borger_udeblev", "Borgeren mødte ikke op", "borger", true},
	{"arbejdsgiver_ingen_plads", "Virksomheden har ikke længere plads", "arbejdsgiver", true},
	{"arbejdsgiver_kompetencer", "Virksomheden vurderer, at kompetencerne ikke passer", "arbejdsgiver", false},
	{"arbejdsgiver_sprog", "Danskkravet er ikke opfyldt", "arbejdsgiver", true},
	{"arbejdsgiver_intet_svar", "Virksomheden har ikke svaret", "arbejdsgiver", false},
	{"jobcenter_anden_indsats", "Borgeren skal først have en anden indsats", "jobcenter", true},
	{"jobcenter_ikke_egnet", "Jobcentret vurderer, at åbningen ikke er egnet", "jobcenter", false},
	{"jobcenter_placeret_andetsteds", "Borgeren er placeret et andet sted", "jobcenter", true},
	{"andet", "Anden årsag (se note)", "jobcenter", false},
}

// LookupRejectionReason finds a reason by code.
func LookupRejectionReason(code string) (RejectionReason, bool) {
	for _, r := range RejectionReasons {
		if r.Code == code {
			return r, true
		}
	}
	return RejectionReason{}, false
}

// MatchFactor is one part of a match's score with its Danish reason, as
// the matching module explained it when the match was proposed.
type MatchFactor struct {
	Name         string  `json:"name"`
	Contribution float64 `json:"contribution"`
	Reason       string  `json:"reason"`
}

// Match is a proposed pairing of a citizen and an opening and where it
// stands. Every change of state is kept as a MatchEvent.
type Match struct {
	ID          int64             `json:"id" gorm:"primaryKey"`
	JobcentreID int64             `json:"jobcentre_id"`
	CitizenID   int64             `json:"citizen_id"`
	OpeningID   int64             `json:"opening_id"`
	CompanyID   int64             `json:"company_id"`
	State       MatchState        `json:"state"`
	Score       float64           `json:"score"`
	Factors     List[MatchFactor] `json:"factors"`
	// RulesVersion names the rule table the score was made under.
	RulesVersion    string    `json:"rules_version"`
	RejectionReason string    `json:"rejection_reason,omitempty"`
	Note            string    `json:"note"`
	ConsultantID    *int64    `json:"consultant_id"`
	StateChangedAt  time.Time `json:"state_changed_at"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
	CreatedBy       *int64    `json:"created_by,omitempty"`
	UpdatedBy       *int64    `json:"updated_by,omitempty"`
	// Source says who started the match: the jobcentre, or the employer
	// by showing interest (then InterestAt and InterestMessage are set).
	Source          MatchSource `json:"source" gorm:"default:jobcenter"`
	InterestAt      *time.Time  `json:"interest_at"`
	InterestMessage string      `json:"interest_message"`

	// Stalled is computed on read: no movement for the jobcentre's limit.
	Stalled bool `json:"stalled" gorm:"-"`
	// History is every change of state, oldest first, when asked for.
	History []MatchEvent `json:"history,omitempty" gorm:"-"`
}

// MatchEvent is one change of a match's state: who, when, and why.
type MatchEvent struct {
	ID        int64      `json:"id" gorm:"primaryKey"`
	MatchID   int64      `json:"match_id"`
	FromState MatchState `json:"from_state,omitempty"` // absent on the first event
	ToState   MatchState `json:"to_state"`
	Reason    string     `json:"reason,omitempty"`
	Note      string     `json:"note,omitempty"`
	At        time.Time  `json:"at"`
	UserID    int64      `json:"user_id"`
}
