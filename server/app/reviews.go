package app

import (
	"context"
	"errors"
	"fmt"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// An opening an employer posts for a subsidised scheme (virksomhedspraktik,
// løntilskud, IGU, fleksjob) awaits the jobcentre's review
// (til_godkendelse): only its company and its jobcentre's staff see it, it
// is not indexed for search, and matching (which takes open openings only)
// leaves it out. A consultant of its jobcentre approves it (open) or sends
// it back with a comment (draft); the employer's next save submits it
// again. Each review is kept with the scheme's checklist as ticked.

// ReviewChecklists returns the checklist of every subsidised kind.
func (a *App) ReviewChecklists() []models.ReviewChecklist { return models.ReviewChecklists() }

// ApproveOpening approves an opening awaiting review: it goes live (open)
// and its company's employers are told.
func (a *App) ApproveOpening(ctx context.Context, u Actor, id int64, in models.ReviewInput) (models.Opening, error) {
	return a.review(ctx, u, id, in, nil, models.ReviewApproved)
}

// ReturnOpening sends an opening awaiting review back to its company as a
// draft with a comment saying what to change; the employers are told.
func (a *App) ReturnOpening(ctx context.Context, u Actor, id int64, in models.ReturnInput) (models.Opening, error) {
	errs := in.Validate()
	return a.review(ctx, u, id, in.ReviewInput, errs, models.ReviewReturned)
}

// review records decision d on an opening awaiting review (errs are the
// input's own problems so far) and moves its status, telling the employers.
func (a *App) review(ctx context.Context, u Actor, id int64, in models.ReviewInput, errs models.FieldErrors, d models.ReviewDecision) (models.Opening, error) {
	o, err := a.GetOpening(ctx, u, id)
	if err != nil {
		return models.Opening{}, err
	}
	if o.Archived() {
		return models.Opening{}, archived("åbning")
	}
	if err := can(u, access.Update, access.Row(access.OpeningReview, o.JobcentreID, o.CompanyID)); err != nil {
		return models.Opening{}, err
	}
	if o.Status != models.StatusToReview {
		return models.Opening{}, notAwaiting(o, nil)
	}
	checklist, cerrs := in.Checked(o.Kind)
	for _, fe := range cerrs {
		if !errs.Has(fe.Field) {
			errs = append(errs, fe)
		}
	}
	if err := errs.Err(); err != nil {
		return models.Opening{}, err
	}
	r := models.OpeningReview{OpeningID: o.ID, Decision: d, Checklist: checklist, Comment: in.Comment, ReviewedBy: u.ID, ReviewedAt: a.Now()}
	to := models.StatusOpen
	if d == models.ReviewReturned {
		to = models.StatusDraft
	}
	employers, err := employersOf(ctx, a.store, o.CompanyID)
	if err != nil {
		return models.Opening{}, err
	}
	err = a.store.ReviewOpening(ctx, &r, to, func(tx *store.Store) error {
		return a.notify(ctx, tx, employers, reviewNotice(o, r))
	})
	if errors.Is(err, store.ErrConflict) {
		return models.Opening{}, notAwaiting(o, err)
	}
	if err != nil {
		return models.Opening{}, notFound(err, "åbning")
	}
	a.invalidateMatching()
	return a.GetOpening(ctx, u, id)
}

func notAwaiting(o models.Opening, cause error) error {
	return models.Errorf(models.EConflict, "review opening", cause,
		fmt.Sprintf("Åbningen afventer ikke godkendelse (status: %s). Den er måske allerede godkendt eller sendt tilbage.", o.Status.Label()))
}

// reviewNotice tells the company's employers of a review, in Danish and
// English. It names the opening, never a citizen.
func reviewNotice(o models.Opening, r models.OpeningReview) Notice {
	link := fmt.Sprintf("/aabninger/%d", o.ID)
	if r.Decision == models.ReviewApproved {
		return Notice{Kind: models.NotifyOpeningApproved, Link: link,
			Text:    fmt.Sprintf("Jobcentret har godkendt åbningen %q. Den er nu åben og med i jobcentrets matchning.", o.Title),
			TextEN:  fmt.Sprintf("The jobcentre approved the opening %q. It is now open and part of the jobcentre's matching.", o.Title),
			Subject: "Åbningen er godkendt: " + o.Title}
	}
	return Notice{Kind: models.NotifyOpeningReturned, Link: link,
		Text: fmt.Sprintf("Jobcentret har sendt åbningen %q tilbage med denne kommentar: %s – Ret åbningen og gem den igen for at sende den til godkendelse.",
			o.Title, r.Comment),
		TextEN: fmt.Sprintf("The jobcentre sent the opening %q back with this comment: %s – Edit the opening and save it to submit it for approval again.",
			o.Title, r.Comment),
		Subject: "Åbningen er sendt tilbage: " + o.Title}
}

// submitNotice tells the jobcentre's consultants that an opening awaits
// their review.
func submitNotice(o models.Opening, company string) Notice {
	return Notice{Kind: models.NotifyOpeningToReview, Link: fmt.Sprintf("/aabninger/%d", o.ID),
		Text:    fmt.Sprintf("Ny åbning afventer godkendelse: %s hos %s", o.Title, company),
		Subject: "Ny åbning afventer godkendelse: " + o.Title}
}

// ReviewQueue lists the openings awaiting review that u may review: a
// consultant's own jobcentre's, every jobcentre's for an administrator
// (jobcentre narrows it). Oldest first, so none waits longest.
func (a *App) ReviewQueue(ctx context.Context, u Actor, jobcentre int64) ([]models.Opening, error) {
	if err := can(u, access.Update, access.Of(access.OpeningReview)); err != nil {
		return nil, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(jobcentre)
	if !ok {
		return []models.Opening{}, nil
	}
	items, _, err := a.store.ListOpenings(ctx, models.OpeningFilter{JobcentreID: jc, Statuses: []string{string(models.StatusToReview)},
		Page: models.Page{PerPage: models.MaxPerPage, Sort: "id"}})
	if err != nil {
		return nil, err
	}
	return items, a.withReviews(ctx, items)
}

// withReviews loads the latest review of each opening in os.
func (a *App) withReviews(ctx context.Context, os []models.Opening) error {
	ids := make([]int64, len(os))
	for i, o := range os {
		ids[i] = o.ID
	}
	latest, err := a.store.LatestOpeningReviews(ctx, ids)
	if err != nil {
		return err
	}
	for i := range os {
		if r, ok := latest[os[i].ID]; ok {
			os[i].Review = &r
		}
	}
	return nil
}

// mayReadToReview refuses an opening awaiting review to all but its
// company and its jobcentre's staff, as not found.
func mayReadToReview(u Actor, o models.Opening) error {
	if o.Status != models.StatusToReview {
		return nil
	}
	return can(u, access.Read, access.Row(access.OpeningReview, o.JobcentreID, o.CompanyID))
}

// hideToReview narrows f to the openings awaiting review that u may see:
// every one for an administrator, their own company's for an employer
// (whose lists hold nothing else), their own jobcentre's for a consultant,
// none for others.
func hideToReview(u Actor, f *models.OpeningFilter) {
	s := access.ScopeOf(u)
	if s.All || s.Employer && access.Allowed(u, access.Read, access.Row(access.OpeningReview, 0, s.CompanyID)) {
		return
	}
	f.HideToReview = true
	if s.JobcentreID != 0 && access.Allowed(u, access.Read, access.Row(access.OpeningReview, s.JobcentreID, 0)) {
		f.ToReviewOf = s.JobcentreID
	}
}

// reviewGate decides the status an opening is saved with when u may not
// review it (an employer): a subsidised opening goes to the jobcentre for
// review (til_godkendelse) whatever status was asked, unless it was live
// (open or pauset) and only its status (between those two) or its
// max_referrals changes, or it
// is withdrawn (closed, filled). before is nil for a new opening. It
// reports whether the opening was submitted now (the consultants are
// told).
func reviewGate(u Actor, jc int64, before, f *models.OpeningFields) bool {
	if !f.Kind.Subsidised() || access.Allowed(u, access.Update, access.Row(access.OpeningReview, jc, f.CompanyID)) {
		return false
	}
	switch f.Status {
	case models.StatusClosed, models.StatusFilled:
		return false
	case models.StatusOpen, models.StatusPaused:
		if before != nil && (before.Status == models.StatusOpen || before.Status == models.StatusPaused) {
			// The status and the enough-referrals limit are the
			// employer's to set; any other change is reviewed again.
			same := *before
			same.Status, same.MaxReferrals = f.Status, f.MaxReferrals
			if unchanged(same, *f) {
				return false
			}
		}
	}
	f.Status = models.StatusToReview
	return before == nil || before.Status != models.StatusToReview
}
