package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/store"
)

// An employer shows interest in a candidate of their own opening by its
// reference (POST /openings/{id}/interest). The reference is resolved
// against the same set the candidate list shows, so a forged reference, or
// one of another opening, names nobody. The interest creates the match on
// the consultants' board (or marks the pair's match that is there), marked
// as coming from the employer, and tells the consultants; the employer
// then follows it by an employer-safe state, never the rejection reason.
// Each company may show interest a number of times per calendar month
// (the jobcentre's contact quota, Danish time), counted under a lock on
// the company's row in the same transaction as the write.

// InterestInput is an employer's interest in one candidate.
type InterestInput struct {
	CandidateRef string `json:"candidate_ref"`
	Message      string `json:"message,omitempty"`
}

// Validate checks the reference is there and the message not a novel.
func (in *InterestInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	in.CandidateRef = strings.TrimSpace(in.CandidateRef)
	if in.CandidateRef == "" {
		errs.Add("candidate_ref", "Angiv kandidatens reference (candidate_ref fra kandidatlisten).")
	} else if len(in.CandidateRef) > 100 {
		errs.Add("candidate_ref", "Referencen er for lang.")
	}
	models.CheckText(&errs, "message", in.Message, models.MaxLongText, false, true)
	return errs
}

// InterestState is where an employer's interest stands, as the employer
// may see it: the match's state, with foreslaaet as interesse_sendt and
// afvist as afsluttet (why is not for the employer).
type InterestState string

// The interest states.
const (
	InterestSent      InterestState = "interesse_sendt"
	InterestContacted InterestState = "kontaktet"
	InterestInterview InterestState = "samtale"
	InterestAgreed    InterestState = "aftalt"
	InterestStarted   InterestState = "startet"
	InterestEnded     InterestState = "afsluttet"
)

// InterestStates lists the states in the order an interest moves.
var InterestStates = []InterestState{InterestSent, InterestContacted, InterestInterview, InterestAgreed, InterestStarted, InterestEnded}

// Valid reports whether s is a state.
func (s InterestState) Valid() bool { return slices.Contains(InterestStates, s) }

// Label is the state in Danish.
func (s InterestState) Label() string {
	return map[InterestState]string{InterestSent: "Interesse sendt", InterestContacted: "Kandidaten er kontaktet",
		InterestInterview: "Samtale", InterestAgreed: "Aftalt", InterestStarted: "Startet", InterestEnded: "Afsluttet"}[s]
}

func interestState(s models.MatchState) InterestState {
	switch s {
	case models.MatchProposed:
		return InterestSent
	case models.MatchRejected:
		return InterestEnded
	}
	return InterestState(s)
}

// EmployerInterest is an interest as the employer sees it: no citizen id,
// no name, no rejection reason.
type EmployerInterest struct {
	ID           int64         `json:"id"`
	CandidateRef string        `json:"candidate_ref"`
	State        InterestState `json:"state"`
	CreatedAt    time.Time     `json:"created_at"`
	Message      string        `json:"message"`
}

func (a *App) employerInterest(m models.Match) EmployerInterest {
	out := EmployerInterest{ID: m.ID, CandidateRef: a.Vault.CandidateRef(m.OpeningID, m.CitizenID), State: interestState(m.State),
		Message: m.InterestMessage}
	if m.InterestAt != nil {
		out.CreatedAt = m.InterestAt.UTC()
	}
	return out
}

// interestOpening loads an opening for an interest action: one the actor
// may act on, live.
func (a *App) interestOpening(ctx context.Context, u Actor, id int64, act access.Action) (models.Opening, error) {
	o, err := a.store.GetOpening(ctx, id)
	if err != nil {
		return o, notFound(err, "åbning")
	}
	if err := can(u, act, access.Row(access.Interest, o.JobcentreID, o.CompanyID)); err != nil {
		return models.Opening{}, err
	}
	if o.Archived() {
		return models.Opening{}, archived("åbning")
	}
	return o, nil
}

// ShowInterest records the employer's interest in one candidate of their
// opening. created is false when they had shown interest in the candidate
// before: the same interest is returned and the quota is not used again.
func (a *App) ShowInterest(ctx context.Context, u Actor, openingID int64, in InterestInput) (EmployerInterest, bool, error) {
	o, err := a.interestOpening(ctx, u, openingID, access.Create)
	if err != nil {
		return EmployerInterest{}, false, err
	}
	switch o.Status {
	case models.StatusOpen:
	case models.StatusPaused:
		return EmployerInterest{}, false, models.Conflict("status", "Åbningen er sat på pause, fordi den har fået nok henvisninger. Genåbn den for at vise interesse for flere kandidater.")
	default:
		return EmployerInterest{}, false, models.Conflict("status", "Der kan kun vises interesse for kandidater til en åben åbning.")
	}
	if err := in.Validate().Err(); err != nil {
		return EmployerInterest{}, false, err
	}
	list, err := a.eligibleCandidates(ctx, o)
	if err != nil {
		return EmployerInterest{}, false, err
	}
	i := slices.IndexFunc(list, func(c eligibleCandidate) bool { return c.CandidateRef == in.CandidateRef })
	if i < 0 {
		return EmployerInterest{}, false, &models.Error{Code: models.ENotFound, Field: "candidate_ref", Message: "Kandidaten findes ikke på denne åbnings kandidatliste."}
	}
	cand := list[i]
	q, err := a.contactQuota(ctx, o.JobcentreID)
	if err != nil {
		return EmployerInterest{}, false, err
	}
	now := a.Now().UTC()
	since, until := monthOf(now)
	m := models.Match{JobcentreID: o.JobcentreID, CitizenID: cand.citizen.ID, OpeningID: o.ID, CompanyID: o.CompanyID,
		State: models.MatchProposed, Score: cand.proposal.Score, RulesVersion: matching.RulesVersion, StateChangedAt: now,
		CreatedBy: &u.ID, UpdatedBy: &u.ID, UpdatedAt: now, Source: models.SourceInterest, InterestAt: &now, InterestMessage: in.Message}
	for _, f := range cand.proposal.Factors {
		m.Factors = append(m.Factors, models.MatchFactor{Name: f.Name, Contribution: f.Contribution, Reason: f.Reason})
	}
	var (
		got     models.Match
		created bool
	)
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		var err error
		got, created, err = tx.ShowInterest(ctx, store.Interest{Match: &m, Limit: q.InterestsPerCompanyMonth, Since: since, Until: until})
		if err != nil || !created {
			return err
		}
		company, err := tx.GetCompany(ctx, o.CompanyID)
		if err != nil {
			return err
		}
		to, err := consultantsOf(ctx, tx, o.JobcentreID)
		if err != nil {
			return err
		}
		text := fmt.Sprintf("Arbejdsgiveren %s har vist interesse for en kandidat til %s.", company.Name, o.Title)
		return a.notify(ctx, tx, to, Notice{Kind: models.NotifyInterest, Text: text, Link: fmt.Sprintf("/tavle#match-%d", got.ID),
			Subject: "En arbejdsgiver har vist interesse for en kandidat"})
	})
	if errors.Is(err, store.ErrQuotaUsed) {
		return EmployerInterest{}, false, quotaUsed(q.InterestsPerCompanyMonth, now)
	}
	if err != nil {
		return EmployerInterest{}, false, err
	}
	if err := a.audit(ctx, u, "update", "match", got.ID); err != nil {
		return EmployerInterest{}, false, err
	}
	return a.employerInterest(got), created, nil
}

// quotaUsed is the 429 that says when the quota resets.
func quotaUsed(n int, now time.Time) error {
	t := now.In(copenhagen)
	next := t.AddDate(0, 1, 1-t.Day())
	return &models.Error{Code: models.EThrottled, Field: "candidate_ref", Err: store.ErrQuotaUsed, Message: fmt.Sprintf(
		"Virksomheden har brugt sine %d henvendelser i %s. Der kan vises interesse igen fra 1. %s %d.",
		n, danishMonths[t.Month()-1], danishMonths[next.Month()-1], next.Year())}
}

// monthOf returns the calendar month (Danish time) that t falls in, as
// UTC instants: [since, until).
func monthOf(t time.Time) (since, until time.Time) {
	l := t.In(copenhagen)
	first := time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, copenhagen)
	return first.UTC(), first.AddDate(0, 1, 0).UTC()
}

// OpeningInterests lists the interests shown in candidates of an opening,
// newest first, as the employer may see them.
func (a *App) OpeningInterests(ctx context.Context, u Actor, openingID int64) ([]EmployerInterest, error) {
	o, err := a.interestOpening(ctx, u, openingID, access.Read)
	if err != nil {
		return nil, err
	}
	ms, err := a.store.InterestsOf(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	out := make([]EmployerInterest, 0, len(ms))
	for _, m := range ms {
		out = append(out, a.employerInterest(m))
	}
	return out, nil
}

// ReopenOpening opens a paused opening again (the employer of its company
// or the jobcentre's staff); only a paused opening can be reopened.
func (a *App) ReopenOpening(ctx context.Context, u Actor, id int64) (models.Opening, error) {
	o, err := a.GetOpening(ctx, u, id)
	if err != nil {
		return o, err
	}
	if err := mayEditOpening(u, o); err != nil {
		return models.Opening{}, err
	}
	if o.Status != models.StatusPaused {
		return models.Opening{}, models.Conflict("status", "Kun en åbning, der er sat på pause, kan genåbnes.")
	}
	if err := a.store.ReopenOpening(ctx, id, a.Now().UTC(), u.ID); err != nil {
		return models.Opening{}, conflict(err, "status", "Kun en åbning, der er sat på pause, kan genåbnes.")
	}
	a.invalidateMatching()
	if err := a.audit(ctx, u, "update", "opening", id); err != nil {
		return models.Opening{}, err
	}
	return a.GetOpening(ctx, u, id)
}

// transition moves a match and, when the move makes it a referral,
// pauses its opening once max_referrals is reached and tells the
// company's employers and the jobcentre's consultants, in one transaction.
func (a *App) transition(ctx context.Context, m models.Match, t store.Transition) (paused bool, err error) {
	if !slices.Contains(models.ReferralStates, t.To) {
		return false, a.store.TransitionMatch(ctx, m.ID, t)
	}
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.TransitionMatch(ctx, m.ID, t); err != nil {
			return err
		}
		var err error
		if paused, err = tx.PauseIfEnoughReferrals(ctx, m.OpeningID, t.At, t.By); err != nil || !paused {
			return err
		}
		o, err := tx.GetOpening(ctx, m.OpeningID)
		if err != nil {
			return err
		}
		emp, err := employersOf(ctx, tx, o.CompanyID)
		if err != nil {
			return err
		}
		cons, err := consultantsOf(ctx, tx, o.JobcentreID)
		if err != nil {
			return err
		}
		link := fmt.Sprintf("/aabninger/%d", o.ID)
		if err := a.notify(ctx, tx, emp, Notice{Kind: models.NotifyOpeningPaused, Link: link,
			Text:    fmt.Sprintf("Åbningen %s har fået nok henvisninger og er sat på pause. Genåbn den, hvis I vil se flere kandidater.", o.Title),
			TextEN:  fmt.Sprintf("The opening %s has enough referrals and is paused. Reopen it to see more candidates.", o.Title),
			Subject: "Åbningen er sat på pause (nok henvisninger)"}); err != nil {
			return err
		}
		return a.notify(ctx, tx, cons, Notice{Kind: models.NotifyOpeningPaused, Link: link,
			Text: fmt.Sprintf("Åbningen %s har nået sit antal henvisninger og er sat på pause.", o.Title)})
	})
	if paused {
		a.invalidateMatching()
	}
	return paused, err
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
