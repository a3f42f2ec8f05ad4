package app

import (
	"context"
	"errors"
	"fmt"

	"placering/matching"
	"placering/models"
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
	if len([]rune(in.Note)) > models.MaxLongText {
		errs.Add("note", "Noten må højst være %d tegn.", models.MaxLongText)
	}
	return errs
}

// MoveInput moves a match to another state.
type MoveInput struct {
	State  models.MatchState `json:"state"`
	Reason string            `json:"reason"`
	Note   string            `json:"note"`
}

// ProposeMatch records a proposal for a citizen of the actor's jobcentre,
// with the score and reasons matching gives it. Pairs the rules exclude are
// refused, naming the rules.
func (a *App) ProposeMatch(ctx context.Context, u Actor, in ProposeInput) (models.Match, error) {
	if !isAdmin(u) && !isConsultant(u) {
		return models.Match{}, forbid("kun jobcentrets medarbejdere kan foreslå match")
	}
	errs := in.Validate()
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	c, err := a.citizen(ctx, u, in.CitizenID)
	if err != nil {
		errs.Add("citizen_id", "Borgeren findes ikke i dit jobcenter.")
	}
	o, oerr := a.Store.GetOpening(ctx, in.OpeningID)
	if oerr != nil || o.Archived() {
		errs.Add("opening_id", "Åbningen findes ikke.")
	}
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	cs, err := a.toMatchingCitizens(ctx, []models.Citizen{c})
	if err != nil {
		return models.Match{}, err
	}
	os, err := a.toMatchingOpenings(ctx, []models.Opening{o})
	if err != nil {
		return models.Match{}, err
	}
	s, err := a.settings(ctx, c.JobcentreID)
	if err != nil {
		return models.Match{}, err
	}
	ev := matching.Evaluate(cs[0], os[0], s.Weights, s.RuleParams)
	if !ev.Eligible {
		titles := ruleTitles(ev.ExcludedBy)
		errs.Add("opening_id", "Reglerne udelukker parret: %s.", titles)
		return models.Match{}, errs
	}
	now := a.Now().UTC()
	m := models.Match{JobcentreID: c.JobcentreID, CitizenID: c.ID, OpeningID: o.ID, CompanyID: o.CompanyID,
		State: models.MatchProposed, Score: ev.Score, Note: in.Note, StateChangedAt: now, CreatedBy: &u.ID, UpdatedBy: &u.ID}
	if isConsultant(u) {
		m.ConsultantID = &u.ID
	}
	for _, f := range ev.Factors {
		m.Factors = append(m.Factors, models.MatchFactor{Name: f.Name, Contribution: f.Contribution, Reason: f.Reason})
	}
	if err := a.Store.CreateMatch(ctx, &m); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return models.Match{}, &ConflictError{Field: "opening_id", Message: "Borgeren har allerede et åbent match med denne åbning."}
		}
		return models.Match{}, err
	}
	a.invalidateMatching() // the employer's recent-proposal count changed
	m.History, _ = a.history(ctx, m.ID)
	return m, a.audit(ctx, u, "update", "citizen", c.ID)
}

func ruleTitles(ids []matching.RuleID) string {
	titles := map[matching.RuleID]string{}
	for _, r := range matching.Rules() {
		titles[r.ID] = r.Title
	}
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += "; "
		}
		if t, ok := titles[id]; ok {
			out += t
		} else {
			out += string(id)
		}
	}
	return out
}

func (a *App) history(ctx context.Context, id int64) ([]models.MatchEvent, error) {
	h, err := a.Store.MatchHistory(ctx, []int64{id})
	return h[id], err
}

// ListMatches lists match records of the actor's jobcentre, each flagged
// when it has stalled.
func (a *App) ListMatches(ctx context.Context, u Actor, f store.MatchFilter, stalledOnly bool) (ListResult[models.Match], error) {
	if !isAdmin(u) && !isConsultant(u) {
		return ListResult[models.Match]{}, forbid("kun jobcentrets medarbejdere kan se match")
	}
	if !isAdmin(u) {
		if u.JobcentreID == nil {
			return page([]models.Match{}, 0, f.Page), nil
		}
		f.JobcentreID = *u.JobcentreID
	}
	if stalledOnly {
		f.StalledBefore = a.Now().Add(-StalledAfter)
	}
	items, total, err := a.Store.ListMatches(ctx, f)
	if err != nil {
		return ListResult[models.Match]{}, err
	}
	for i := range items {
		a.flagStalled(&items[i])
	}
	return page(items, total, f.Page), nil
}

func (a *App) flagStalled(m *models.Match) {
	m.Stalled = !m.State.Final() && a.Now().Sub(m.StateChangedAt) > StalledAfter
}

// GetMatch returns a match record with its history.
func (a *App) GetMatch(ctx context.Context, u Actor, id int64) (models.Match, error) {
	if !isAdmin(u) && !isConsultant(u) {
		return models.Match{}, forbid("kun jobcentrets medarbejdere kan se match")
	}
	m, err := a.Store.GetMatch(ctx, id)
	if err != nil {
		return m, notFound(err, "match")
	}
	if !isAdmin(u) && !sameJobcentre(u, m.JobcentreID) {
		return models.Match{}, fmt.Errorf("match %d: %w", id, ErrNotFound)
	}
	a.flagStalled(&m)
	if m.History, err = a.history(ctx, id); err != nil {
		return models.Match{}, err
	}
	return m, nil
}

// MoveMatch moves a match along the pipeline. Afvist needs a reason from
// the fixed list; startet creates the placement, which takes one of the
// opening's seats, and is refused when none is free.
func (a *App) MoveMatch(ctx context.Context, u Actor, id int64, in MoveInput) (models.Match, error) {
	m, err := a.GetMatch(ctx, u, id)
	if err != nil {
		return m, err
	}
	var errs models.FieldErrors
	switch {
	case !in.State.Valid():
		errs.Add("state", "Ukendt status %q.", in.State)
	case !m.State.CanMoveTo(in.State):
		errs.Add("state", "Et match kan ikke gå fra %s til %s.", m.State.Label(), in.State.Label())
	}
	if in.State == models.MatchRejected {
		r, ok := models.LookupRejectionReason(in.Reason)
		switch {
		case in.Reason == "":
			errs.Add("reason", "Angiv en årsag til afvisningen.")
		case !ok:
			errs.Add("reason", "Ukendt årsag %q.", in.Reason)
		case r.Code == "andet" && in.Note == "":
			errs.Add("note", "Skriv årsagen i noten, når du vælger 'Anden årsag'.")
		}
	} else if in.Reason != "" {
		errs.Add("reason", "En årsag hører kun til en afvisning.")
	}
	if len([]rune(in.Note)) > models.MaxLongText {
		errs.Add("note", "Noten må højst være %d tegn.", models.MaxLongText)
	}
	if err := errs.Err(); err != nil {
		return models.Match{}, err
	}
	t := store.Transition{From: m.State, To: in.State, Reason: in.Reason, Note: in.Note, By: u.ID, At: a.Now().UTC()}
	if in.State == models.MatchStarted {
		o, err := a.Store.GetOpening(ctx, m.OpeningID)
		if err != nil {
			return models.Match{}, notFound(err, "åbning")
		}
		start := o.StartDate
		if today := models.DateOf(a.Now()); start.IsZero() || start.Before(today) {
			start = today
		}
		end := models.Date{}
		if o.DurationWeeks > 0 {
			end = start.AddDays(7 * o.DurationWeeks)
		}
		openingID := o.ID
		status := models.PlacementPlanned
		if !models.DateOf(a.Now()).Before(start) {
			status = models.PlacementActive
		}
		t.Placement = &models.Placement{JobcentreID: m.JobcentreID, CitizenID: m.CitizenID, OpeningID: &openingID,
			CompanyID: o.CompanyID, Kind: o.Kind, StartDate: start, EndDate: end, Status: status}
		t.Placement.CreatedBy, t.Placement.UpdatedBy = &u.ID, &u.ID
		t.SeatsOf = &o
	}
	if err := a.Store.TransitionMatch(ctx, id, t); err != nil {
		switch {
		case errors.Is(err, store.ErrNoSeat):
			return models.Match{}, &ConflictError{Field: "state", Message: "Åbningen har ingen ledige pladser."}
		case errors.Is(err, store.ErrConflict):
			return models.Match{}, &ConflictError{Field: "state", Message: "Matchet er flyttet af en anden i mellemtiden. Genindlæs og prøv igen."}
		}
		return models.Match{}, err
	}
	if in.State == models.MatchStarted {
		a.invalidateMatching()
	}
	return a.GetMatch(ctx, u, id)
}
