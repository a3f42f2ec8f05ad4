// Package matching pairs citizens with openings the way a skilled
// virksomhedskonsulent would, and says why. It is pure: citizens and
// openings in, ranked proposals out. No database, no HTTP, no clock unless
// RuleParams.AsOf is left zero.
//
// # Pieces
//
//   - Eligibility (rules.go) is a hard gate kept as a versioned table of
//     rules (RulesVersion, Rules, Describe). Check returns every rule that
//     excludes a pair, for the API's excluded_by. The numbers and the
//     per-kind target-group table live in RuleParams (params.go), which an
//     administrator may edit; DefaultRuleParams documents the defaults.
//   - The score (score.go) is 0–100 from weighted factors (Weights,
//     weights.go), each returned as a Factor with a Danish one-line reason.
//     The factor contributions always sum to the score.
//   - TopN and Candidates (topn.go) rank openings for a citizen and
//     citizens for an opening (omvendt jobformidling). OpeningIndex
//     (index.go) is the fast path for TopN: keep one for the whole
//     marketplace and query it through a jobcentre's IndexView, which
//     adds that jobcentre's virksomhedscentre.
//   - Assign (assign.go, mcmf.go) is the exactly optimal batch assignment;
//     Greedy is the baseline it is measured against.
//
// # For the service layer
//
// Map models.Citizen and models.Opening onto Citizen and Opening: fill
// Opening.SeatsFree (seats minus started placements), the target groups of
// the jobcentre's valid virksomhedscenter with the company,
// RecentProposals, and Citizen.History from past placements. Pass only the
// citizens the caller may see (own jobcentre; for employers only
// ConsentShare), since matching ranks what it is given. Set RuleParams.AsOf
// to today.
//
//	ix := matching.NewOpeningIndex(openings)           // once, rebuild on change
//	v := ix.View(virksomhedscentreOfTheJobcentre)              // per request, cheap
//	props := v.TopN(citizen, weights, params, 20)       // GET /citizens/{id}/matches
//	excl := v.TopExcluded(citizen, weights, params, 20) // ?include=excluded
//	cands := matching.Candidates(opening, citizens, weights, params, 20)
//	a := matching.Assign(citizens, openings, weights, params) // POST /matching/assign
//
// Proposal, Exclusion and Assignment marshal to the JSON API's contract
// (/api/v1/citizens/{id}/matches, /api/v1/matching/assign) as they are.
//
// # Load spreading
//
// Among near-equal scores, openings whose employer has had few recent
// proposals go first. This is a small, visible penalty (the "belastning"
// factor: 0.25 points per recent proposal, at most 2 by default), not a
// hidden re-sort, so the same score drives TopN, Candidates and Assign and
// a consultant can see why a busier employer came second. Exactly equal
// scores then go to fewer recent proposals, then the lower ID.
package matching
