package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/store"
)

// ProposeInput creates a match record from a proposal.
type ProposeInput struct {
	CitizenID int64  `json:"citizen_id"`
	OpeningID int64  `json:"opening_id"`
	Note      string `json:"note"`
}

// Validate checks the ids are there and the note is not a novel.
func (in *ProposeInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if in.CitizenID <= 0 {
		errs.Add("citizen_id", "Vælg en borger.")
	}
	if in.OpeningID <= 0 {
		errs.Add("opening_id", "Vælg en åbning.")
	}
	models.CheckText(&errs, "note", in.Note, models.MaxLongText, false, true)
	return errs
}

// MoveInput moves a match to another state.
type MoveInput struct {
	State  models.MatchState `json:"state"`
	Reason string            `json:"reason"`
	Note   string            `json:"note"`
}

// Validate checks the input on its own; MoveMatch checks it against the
// match's present state.
func (in *MoveInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if !in.State.Valid() {
		errs.Add("state", "Ukendt status %q. Mulige: %s.", in.State, stateList(models.MatchStates))
	}
	if in.State == models.MatchRejected {
		r, ok := models.LookupRejectionReason(in.Reason)
		switch {
		case in.Reason == "":
			errs.Add("reason", "Angiv en årsag til afvisningen fra den faste liste (GET /api/v1/matching/rejection-reasons).")
		case models.TextProblem(in.Reason, false) != "":
			errs.Add("reason", "%s", models.TextProblem(in.Reason, false))
		case !ok:
			errs.Add("reason", "Ukendt årsag %q. Vælg en fra den faste liste (GET /api/v1/matching/rejection-reasons).", in.Reason)
		case r.Code == "andet" && strings.TrimSpace(in.Note) == "":
			errs.Add("note", "Skriv årsagen i noten, når du vælger 'Anden årsag'.")
		}
	} else if in.Reason != "" {
		errs.Add("reason", "En årsag hører kun til en afvisning.")
	}
	models.CheckText(&errs, "note", in.Note, models.MaxLongText, false, true)
	return errs
}

func stateList(ss []models.MatchState) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	if len(parts) == 0 {
		return "ingen"
	}
	return strings.Join(parts, ", ")
}

// ProposeMatch records a proposal for a citizen of the actor's jobcentre,
// with the score and reasons matching gives it. Pairs the rules exclude are
// refused, naming the rules.
func (a *App) ProposeMatch(ctx context.Context, u Actor, in ProposeInput) (models.Match, error) {
	if err := can(u, access.Create, access.Of(access.Match)); err != nil {
		return models.Match{}, err
	}
	errs := in.Validate()
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	c, err := a.citizen(ctx, u, in.CitizenID)
	switch {
	case errors.Is(err, models.ErrNotFound):
		errs.Add("citizen_id", "Borgeren findes ikke i dit jobcenter.")
	case err != nil:
		return models.Match{}, err
	case c.Archived():
		errs.Add("citizen_id", "Borgeren er arkiveret.")
	}
	o, err := a.store.GetOpening(ctx, in.OpeningID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		errs.Add("opening_id", "Åbningen findes ikke.")
	case err != nil:
		return models.Match{}, err
	case o.Archived():
		errs.Add("opening_id", "Åbningen er arkiveret.")
	}
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, []models.Citizen{c})
	if err != nil {
		return models.Match{}, err
	}
	os, err := a.toMatchingOpenings(ctx, c.JobcentreID, []models.Opening{o})
	if err != nil {
		return models.Match{}, err
	}
	s, err := a.settings(ctx, c.JobcentreID)
	if err != nil {
		return models.Match{}, err
	}
	ev := matching.Evaluate(cs[0], os[0], s.Weights, s.RuleParams)
	if !ev.Eligible {
		errs.Add("opening_id", "Reglerne udelukker parret: %s.", ruleTitles(ev.ExcludedBy))
		return models.Match{}, errs
	}
	now := a.Now().UTC()
	m := models.Match{JobcentreID: c.JobcentreID, CitizenID: c.ID, OpeningID: o.ID, CompanyID: o.CompanyID,
		State: models.MatchProposed, Score: ev.Score, RulesVersion: matching.RulesVersion, Note: in.Note, StateChangedAt: now,
		CreatedBy: &u.ID, UpdatedBy: &u.ID}
	if u.Role == models.RoleConsultant {
		m.ConsultantID = &u.ID
	}
	for _, f := range ev.Factors {
		m.Factors = append(m.Factors, models.MatchFactor{Name: f.Name, Contribution: f.Contribution, Reason: f.Reason})
	}
	if err := a.store.CreateMatch(ctx, &m); err != nil {
		return models.Match{}, conflict(err, "opening_id", "Borgeren har allerede et åbent match med denne åbning.")
	}
	// The employer's recent-proposal count changed, but it only moves a
	// penalty of at most a few points; the snapshot's TTL is soon enough,
	// and sparing a rebuild per proposal keeps the board quick.
	if m.History, err = a.history(ctx, m.ID); err != nil {
		return models.Match{}, err
	}
	return m, a.audit(ctx, u, "update", "citizen", c.ID)
}

func ruleTitles(ids []matching.RuleID) string {
	titles := map[matching.RuleID]string{}
	for _, r := range matching.Rules() {
		titles[r.ID] = r.Title
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
		if t, ok := titles[id]; ok {
			parts[i] = t + " (" + string(id) + ")"
		}
	}
	return strings.Join(parts, "; ")
}

func (a *App) history(ctx context.Context, id int64) ([]models.MatchEvent, error) {
	h, err := a.store.MatchHistory(ctx, []int64{id})
	return h[id], err
}

// stalledLimits returns each jobcentre's stalled limit, for the ones given.
func (a *App) stalledLimits(ctx context.Context, jcs []int64) (map[int64]time.Duration, error) {
	out := make(map[int64]time.Duration, len(jcs))
	for _, jc := range jcs {
		if _, ok := out[jc]; ok {
			continue
		}
		s, err := a.settings(ctx, jc)
		if err != nil {
			return nil, err
		}
		out[jc] = time.Duration(s.StalledAfterDays) * 24 * time.Hour
	}
	return out, nil
}

// ListMatches lists the match records of the actor's jobcentre, each with
// its history and flagged when it has stalled (no change of state for the
// jobcentre's stalled limit). stalledOnly keeps just those. The records
// are about citizens, so the read is audited.
func (a *App) ListMatches(ctx context.Context, u Actor, f models.MatchFilter, stalledOnly bool) (ListResult[models.Match], error) {
	if err := can(u, access.Read, access.Of(access.Match)); err != nil {
		return ListResult[models.Match]{}, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(f.JobcentreID)
	if !ok {
		return page([]models.Match{}, 0, f.Page), nil
	}
	f.JobcentreID = jc
	if stalledOnly {
		var jcs []int64
		if f.JobcentreID != 0 {
			jcs = []int64{f.JobcentreID}
		} else {
			all, err := a.store.ListJobcentres(ctx)
			if err != nil {
				return ListResult[models.Match]{}, err
			}
			for _, j := range all {
				jcs = append(jcs, j.ID)
			}
		}
		limits, err := a.stalledLimits(ctx, jcs)
		if err != nil {
			return ListResult[models.Match]{}, err
		}
		f.StalledBefore = make(map[int64]time.Time, len(limits))
		for jc, d := range limits {
			f.StalledBefore[jc] = a.Now().Add(-d)
		}
	}
	items, total, err := a.store.ListMatches(ctx, f)
	if err != nil {
		return ListResult[models.Match]{}, err
	}
	if err := a.complete(ctx, items); err != nil {
		return ListResult[models.Match]{}, err
	}
	if len(items) > 0 {
		ids := make([]int64, len(items))
		for i, m := range items {
			ids[i] = m.CitizenID
		}
		if err := a.audit(ctx, u, "read", "citizen", ids...); err != nil {
			return ListResult[models.Match]{}, err
		}
	}
	return page(items, total, f.Page), nil
}

// complete fills each match's history and stalled flag.
func (a *App) complete(ctx context.Context, ms []models.Match) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]int64, len(ms))
	jcs := make([]int64, len(ms))
	for i, m := range ms {
		ids[i], jcs[i] = m.ID, m.JobcentreID
	}
	hist, err := a.store.MatchHistory(ctx, ids)
	if err != nil {
		return err
	}
	limits, err := a.stalledLimits(ctx, jcs)
	if err != nil {
		return err
	}
	for i := range ms {
		m := &ms[i]
		m.History = hist[m.ID]
		if m.History == nil {
			m.History = []models.MatchEvent{}
		}
		m.Stalled = !m.State.Final() && a.Now().Sub(m.StateChangedAt) > limits[m.JobcentreID]
	}
	return nil
}

// GetMatch returns a match record with its history, and records the read.
func (a *App) GetMatch(ctx context.Context, u Actor, id int64) (models.Match, error) {
	m, err := a.match(ctx, u, id)
	if err != nil {
		return m, err
	}
	return m, a.audit(ctx, u, "read", "citizen", m.CitizenID)
}

// match loads a match the actor may see, complete, without an audit entry.
func (a *App) match(ctx context.Context, u Actor, id int64) (models.Match, error) {
	if err := can(u, access.Read, access.Of(access.Match)); err != nil {
		return models.Match{}, err
	}
	m, err := a.store.GetMatch(ctx, id)
	if err != nil {
		return models.Match{}, notFound(err, "match")
	}
	// Another jobcentre's match is reported as missing, like its citizen.
	if err := can(u, access.Read, access.Row(access.Match, m.JobcentreID, 0)); err != nil {
		return models.Match{}, err
	}
	ms := []models.Match{m}
	if err := a.complete(ctx, ms); err != nil {
		return models.Match{}, err
	}
	return ms[0], nil
}

// MoveMatch moves a match along the pipeline. Afvist needs a reason from
// the fixed list; startet (only from aftalt) creates the placement stub,
// which takes one of the opening's seats, and is refused when none is free.
// An illegal move is a validation error naming the moves that are allowed.
func (a *App) MoveMatch(ctx context.Context, u Actor, id int64, in MoveInput) (models.Match, error) {
	m, err := a.match(ctx, u, id)
	if err != nil {
		return m, err
	}
	if err := can(u, access.Update, access.Row(access.Match, m.JobcentreID, 0)); err != nil {
		return models.Match{}, err
	}
	errs := in.Validate()
	if in.State.Valid() && !m.State.CanMoveTo(in.State) {
		if next := m.State.Next(); len(next) == 0 {
			errs.Add("state", "Matchet er %s og kan ikke flyttes længere.", strings.ToLower(m.State.Label()))
		} else {
			errs.Add("state", "Et match kan ikke gå fra %s til %s. Herfra kan det gå til: %s.",
				strings.ToLower(m.State.Label()), strings.ToLower(in.State.Label()), stateList(next))
		}
	}
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	now := a.Now().UTC()
	t := store.Transition{From: m.State, To: in.State, Reason: in.Reason, Note: in.Note, By: u.ID, At: now}
	if in.State == models.MatchStarted {
		o, err := a.store.GetOpening(ctx, m.OpeningID)
		if err != nil {
			return models.Match{}, notFound(err, "åbning")
		}
		today := models.DateOf(a.Now())
		start := o.StartDate
		if start.IsZero() || start.Before(today) {
			start = today
		}
		end := models.DefaultEndDate(o.Kind, start) // the scheme's usual length
		if o.DurationWeeks > 0 {
			end = start.AddDays(7*o.DurationWeeks - 1)
		}
		if !models.InRange(end) {
			// The direct create refuses this too; a match must not slip past.
			errs.Add("state", "Placeringen ville slutte efter %d-12-31; ret åbningens startdato eller varighed.", models.MaxYear)
			return models.Match{}, errs
		}
		status := models.PlacementPlanned
		if !today.Before(start) {
			status = models.PlacementActive
		}
		openingID := o.ID
		t.Placement = &models.Placement{JobcentreID: m.JobcentreID, CitizenID: m.CitizenID, OpeningID: &openingID,
			CompanyID: o.CompanyID, Kind: o.Kind, StartDate: start, EndDate: end, Status: status}
		// A first hours ladder from the opening's range; the consultant
		// adjusts it on the placement.
		t.Placement.Plan = models.DefaultPlan(o.HoursMin, o.HoursMax)
		t.Placement.CreatedBy, t.Placement.UpdatedBy = &u.ID, &u.ID
	}
	if _, err := a.transition(ctx, m, t); err != nil { // interests.go: may pause the opening
		switch {
		case errors.Is(err, store.ErrNoSeat):
			return models.Match{}, &models.Error{Code: models.EConflict, Field: "state", Err: err,
				Message: "Åbningen har ingen ledige pladser, så matchet kan ikke startes. Afvis matchet, eller få virksomheden til at åbne en plads mere."}
		case errors.Is(err, store.ErrNotFound):
			return models.Match{}, &models.Error{Code: models.EConflict, Field: "state", Err: err, Message: "Åbningen er arkiveret, så matchet kan ikke startes."}
		case errors.Is(err, store.ErrConflict):
			return models.Match{}, &models.Error{Code: models.EStale, Field: "state", Err: err, Message: "Matchet er flyttet af en anden i mellemtiden. Genindlæs og prøv igen."}
		}
		return models.Match{}, err
	}
	if in.State == models.MatchStarted {
		a.invalidateMatching() // a seat is taken
	}
	if m, err = a.match(ctx, u, id); err != nil {
		return models.Match{}, err
	}
	return m, a.audit(ctx, u, "update", "citizen", m.CitizenID)
}
