package matching

import (
	"math"

	"placering/models"
)

// Weights are a jobcentre's weighting of the score factors. The seven
// factor weights are the most points each factor can give and must sum to
// 100, so a score reads as "points out of 100". The penalties are separate
// because they only subtract.
type Weights struct {
	Goal              float64 `json:"goal"`              // jobmål: branch and title
	Distance          float64 `json:"distance"`          // closer is better, relative to the citizen's limit
	Hours             float64 `json:"hours"`             // fits now, and room to grow
	Mentor            float64 `json:"mentor"`            // mentor where the citizen needs one
	Virksomhedscenter float64 `json:"virksomhedscenter"` // virksomhedscenter that takes the citizen's group
	Start             float64 `json:"start"`             // starts soon
	History           float64 `json:"history"`           // hours rose in this branch before

	// BreakdownPenalty is subtracted when a placement at the same company
	// broke down: repeating it is rarely right, but a consultant may still
	// choose it, so it is a penalty, not a rule.
	BreakdownPenalty float64 `json:"breakdown_penalty"`
	// Load spreading: LoadPenaltyPerProposal points per recent proposal, at
	// most LoadPenaltyMax. Kept small on purpose: it only reorders openings
	// whose scores are within LoadPenaltyMax points, so the same few
	// employers are not flooded, and never buries a clearly better match.
	LoadPenaltyPerProposal float64 `json:"load_penalty_per_proposal"`
	LoadPenaltyMax         float64 `json:"load_penalty_max"`
}

// DefaultWeights returns the documented defaults:
//
//	goal 30: the sources' first matching criterion is a "concrete and
//	         realistic employment goal" and job likelihood "in the company or
//	         the same branch" (DOMAIN.md §7.15).
//	distance 20: a placement the citizen cannot reach does not last.
//	hours 15: hour progression is how groups are measured (§5).
//	mentor 10, virksomhedscenter 10: support for the citizens far from the
//	         labour market (§4, §7.11).
//	start 10: refugees are to be offered a placement within 2–4 weeks, group 1
//	         "as quickly as possible" (§3).
//	history 5: continuity with a branch where hours rose (§5.8).
//	breakdown penalty 25; load 0.25 per recent proposal, at most 2.
func DefaultWeights() Weights {
	return Weights{
		Goal: 30, Distance: 20, Hours: 15, Mentor: 10, Virksomhedscenter: 10, Start: 10, History: 5,
		BreakdownPenalty:       25,
		LoadPenaltyPerProposal: 0.25,
		LoadPenaltyMax:         2,
	}
}

// sum is the most points the positive factors can give.
func (w Weights) sum() float64 {
	return w.Goal + w.Distance + w.Hours + w.Mentor + w.Virksomhedscenter + w.Start + w.History
}

// Validate checks weights an administrator typed, in Danish.
func (w Weights) Validate() error {
	var e models.FieldErrors
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"goal", w.Goal}, {"distance", w.Distance}, {"hours", w.Hours}, {"mentor", w.Mentor},
		{"virksomhedscenter", w.Virksomhedscenter}, {"start", w.Start}, {"history", w.History},
		{"breakdown_penalty", w.BreakdownPenalty},
		{"load_penalty_per_proposal", w.LoadPenaltyPerProposal}, {"load_penalty_max", w.LoadPenaltyMax},
	} {
		if math.IsNaN(f.v) || f.v < 0 || f.v > 100 {
			e.Add(f.name, "Vægten skal være et tal mellem 0 og 100.")
		}
	}
	if len(e) == 0 && math.Abs(w.sum()-100) > 0.001 {
		e.Add("weights", "Vægtene for de syv faktorer skal tilsammen give 100 (nu %.2f).", w.sum())
	}
	if w.LoadPenaltyMax > 5 {
		e.Add("load_penalty_max", "Belastningsstraffen må højst være 5 point; den skal kun skille næsten lige gode forslag.")
	}
	return e.Err()
}
