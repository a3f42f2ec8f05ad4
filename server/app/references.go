package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// The reference form (udtalelse): the employer of the company where a
// citizen was placed writes which tasks the citizen solved and rates six
// general competences, once the placement has begun; the jobcentre's
// consultants read and print it for the citizen's job search. A reference
// is about the citizen, so every read is audited as a read of the citizen.

// ReferenceWindowDays is how close to its end a placement must be before
// the employer's home lists its reference as one to write.
const ReferenceWindowDays = 14

// ReferenceHistoryDays is how long after a placement ended its missing
// reference is still listed as one to write.
const ReferenceHistoryDays = 180

// ReferenceView is a stored reference with the names of who wrote it.
// WrittenBy and WrittenAt are the first save; UpdatedBy and UpdatedAt the
// latest. Revision counts the saves (1 for the first); a correction sends
// back the revision it read.
type ReferenceView struct {
	PlacementID int64                       `json:"placement_id"`
	TasksSolved models.List[string]         `json:"tasks_solved"`
	Competences models.ReferenceCompetences `json:"competences"`
	Comment     string                      `json:"comment"`
	Revision    int                         `json:"revision"`
	WrittenBy   string                      `json:"written_by"`
	WrittenAt   time.Time                   `json:"written_at"`
	UpdatedBy   string                      `json:"updated_by"`
	UpdatedAt   time.Time                   `json:"updated_at"`
}

// ReferenceToWrite is a placement at the employer's company whose
// reference is due: it has ended, or ends within ReferenceWindowDays, and
// none is written yet.
type ReferenceToWrite struct {
	PlacementID int64       `json:"placement_id"`
	CitizenName string      `json:"citizen_name"`
	Kind        models.Kind `json:"kind"`
	StartDate   models.Date `json:"start_date"`
	// LastDay is the day it ended, or its planned last day.
	LastDay models.Date `json:"last_day"`
	Ended   bool        `json:"ended"`
	// Link is the form's page in the browser UI.
	Link string `json:"link"`
}

func referenceRow(p models.Placement) access.Resource {
	return access.Row(access.Reference, p.JobcentreID, p.CompanyID)
}

// ReferenceLink is the browser page of placement id's reference form.
func ReferenceLink(placementID int64) string {
	return "/placeringer/" + strconv.FormatInt(placementID, 10) + "/udtalelse"
}

// errNoReference is the answer when no reference is written yet.
func errNoReference(err error) error {
	return &models.Error{Code: models.ENotFound, Op: "reference", Err: err,
		Message: "Der er endnu ikke skrevet en udtalelse om placeringen."}
}

// referencePlacement loads a placement whose reference u may act on with
// act, without auditing.
func (a *App) referencePlacement(ctx context.Context, u Actor, id int64, act access.Action) (models.Placement, error) {
	if err := can(u, access.Read, access.Of(access.Reference)); err != nil {
		return models.Placement{}, err
	}
	p, err := a.visiblePlacement(ctx, u, id)
	if err != nil {
		return p, err
	}
	return p, can(u, act, referenceRow(p))
}

// GetReference returns the reference of placement id: for the employer of
// its company and the jobcentre's staff. Not found when none is written.
func (a *App) GetReference(ctx context.Context, u Actor, placementID int64) (ReferenceView, error) {
	p, err := a.referencePlacement(ctx, u, placementID, access.Read)
	if err != nil {
		return ReferenceView{}, err
	}
	r, err := a.store.GetReference(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return ReferenceView{}, errNoReference(err)
	}
	if err != nil {
		return ReferenceView{}, err
	}
	v, err := a.referenceView(ctx, r)
	if err != nil {
		return ReferenceView{}, err
	}
	return v, a.audit(ctx, u, "read", "citizen", p.CitizenID)
}

// CanWriteReference reports whether u may write placement p's reference
// now (the page draws its link by it): u's role and company, and the
// placement has begun.
func (a *App) CanWriteReference(u Actor, p models.Placement) bool {
	return access.Allowed(u, access.Update, referenceRow(p)) && a.referenceOpen(p) == nil
}

// referenceOpen says whether a reference may be written for p: once the
// placement has begun (not while planned or before its start date), and
// not for an archived placement.
func (a *App) referenceOpen(p models.Placement) error {
	today := models.DateOf(a.Now())
	switch {
	case p.Archived():
		return archived("placering")
	case p.Status == models.PlacementPlanned || p.StartDate.IsZero() || today.Before(p.StartDate):
		return models.Conflict("status", "Udtalelsen kan først skrives, når placeringen er begyndt.")
	}
	return nil
}

// SaveReference writes the reference of placement id (PUT): the first save
// creates it, later ones correct it and must name the revision they read.
// Only an employer of the placement's company writes; the citizen's
// consultant (else the jobcentre's consultants) is told in the app and by
// mail, without the citizen's name. created reports the first save.
func (a *App) SaveReference(ctx context.Context, u Actor, placementID int64, in models.ReferenceInput) (v ReferenceView, created bool, err error) {
	p, err := a.referencePlacement(ctx, u, placementID, access.Update)
	if err != nil {
		return ReferenceView{}, false, err
	}
	if err := a.referenceOpen(p); err != nil {
		return ReferenceView{}, false, err
	}
	if err := in.Validate().Err(); err != nil {
		return ReferenceView{}, false, err
	}
	old, err := a.store.GetReference(ctx, p.ID)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return ReferenceView{}, false, err
	}
	revision := 0
	switch {
	case exists && in.Revision == nil:
		return ReferenceView{}, false, &models.Error{Code: models.EPrecondition, Field: "revision",
			Message: "Udtalelsen er allerede skrevet. Send den revision, du har læst (revision), for at rette den."}
	case exists && *in.Revision != old.Revision, !exists && in.Revision != nil && *in.Revision != 0:
		return ReferenceView{}, false, staleReference(nil)
	case exists:
		revision = old.Revision
	}
	now := a.Now().UTC()
	r := models.PlacementReference{PlacementID: p.ID, TasksSolved: in.TasksSolved, Competences: in.Competences,
		Comment: in.Comment, WrittenBy: u.ID, WrittenAt: now, UpdatedBy: u.ID, UpdatedAt: now}
	if exists {
		r.WrittenBy, r.WrittenAt = old.WrittenBy, old.WrittenAt
	}
	to, notice, err := a.referenceNotice(ctx, p, !exists)
	if err != nil {
		return ReferenceView{}, false, err
	}
	if err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SaveReference(ctx, &r, revision); err != nil {
			return err
		}
		return a.notify(ctx, tx, to, notice)
	}); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return ReferenceView{}, false, staleReference(err)
		}
		return ReferenceView{}, false, notFound(err, "placering")
	}
	action := "update"
	if !exists {
		action = "create"
	}
	if err := a.audit(ctx, u, action, "reference", p.ID); err != nil {
		return ReferenceView{}, false, err
	}
	v, err = a.referenceView(ctx, r)
	return v, !exists, err
}

func staleReference(err error) error {
	return &models.Error{Code: models.EStale, Field: "revision", Err: err,
		Message: "Udtalelsen er gemt af en anden i mellemtiden. Genindlæs den, og ret derefter."}
}

// referenceNotice is what the citizen's consultant (caseConsultants) is
// told when the company wrote or corrected the reference. The text names
// the company, the scheme and the period, never the citizen: it also goes
// out by mail.
func (a *App) referenceNotice(ctx context.Context, p models.Placement, first bool) ([]models.User, Notice, error) {
	to, err := a.caseConsultants(ctx, p)
	if err != nil {
		return nil, Notice{}, err
	}
	names, err := a.store.CompanyNames(ctx, []int64{p.CompanyID})
	if err != nil {
		return nil, Notice{}, err
	}
	period := "fra " + p.StartDate.Time().Format("02.01.2006")
	if last := p.LastDay(); !last.IsZero() {
		period += " til " + last.Time().Format("02.01.2006")
	}
	verb, subject := "har skrevet", "Udtalelse fra virksomhed"
	if !first {
		verb, subject = "har rettet", "Udtalelse rettet af virksomhed"
	}
	text := fmt.Sprintf("%s %s udtalelsen om en placering (%s, %s, placering nr. %d).",
		names[p.CompanyID], verb, p.Kind.Label(), period, p.ID)
	return to, Notice{Kind: models.NotifyReferenceWritten, Text: text, Link: ReferenceLink(p.ID), Subject: subject}, nil
}

// referenceView adds the writers' names.
func (a *App) referenceView(ctx context.Context, r models.PlacementReference) (ReferenceView, error) {
	names, err := a.store.UserNames(ctx, []int64{r.WrittenBy, r.UpdatedBy})
	if err != nil {
		return ReferenceView{}, err
	}
	tasks := r.TasksSolved
	if tasks == nil {
		tasks = models.List[string]{}
	}
	return ReferenceView{PlacementID: r.PlacementID, TasksSolved: tasks, Competences: r.Competences, Comment: r.Comment,
		Revision: r.Revision, WrittenBy: names[r.WrittenBy], WrittenAt: r.WrittenAt, UpdatedBy: names[r.UpdatedBy], UpdatedAt: r.UpdatedAt}, nil
}

// ReferencesToWrite lists the placements at an employer's company whose
// reference is due and not written: begun, and ended within the last
// ReferenceHistoryDays or ending within ReferenceWindowDays; soonest
// first. Only for employers (others are refused as by the write rule).
func (a *App) ReferencesToWrite(ctx context.Context, u Actor) ([]ReferenceToWrite, error) {
	if err := can(u, access.Update, access.Of(access.Reference)); err != nil {
		return nil, err
	}
	s := access.ScopeOf(u)
	if !s.Employer || s.CompanyID == 0 {
		return []ReferenceToWrite{}, nil
	}
	today := models.DateOf(a.Now())
	ps, err := a.store.PlacementsWithoutReference(ctx, s.CompanyID, today,
		today.AddDays(-ReferenceHistoryDays), today.AddDays(ReferenceWindowDays))
	if err != nil {
		return nil, err
	}
	views, err := a.placementViews(ctx, u, ps)
	if err != nil {
		return nil, err
	}
	out := make([]ReferenceToWrite, len(views))
	for i, v := range views {
		last := v.LastDay()
		out[i] = ReferenceToWrite{PlacementID: v.ID, CitizenName: v.CitizenName, Kind: v.Kind, StartDate: v.StartDate,
			LastDay: last, Ended: v.Status.Final() || last.Before(today), Link: ReferenceLink(v.ID)}
	}
	return out, nil
}

// ReferenceWritten reports whether placement id has a reference, for a
// placement page that draws the links to it; false for a reader who may
// not read references.
func (a *App) ReferenceWritten(ctx context.Context, u Actor, placementID int64) (bool, error) {
	p, err := a.referencePlacement(ctx, u, placementID, access.Read)
	if err != nil {
		return false, nil
	}
	_, err = a.store.GetReference(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
