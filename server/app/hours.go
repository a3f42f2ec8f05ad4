package app

import (
	"context"
	"errors"
	"strconv"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Weekly hours: jobcentre staff enter them for their jobcentre's
// placements, an employer (or the workplace mentor using the employer's
// login) for placements at their own company. Every save is kept as a
// revision; see store.SaveHours.

// MaxBulkHours bounds one bulk save: a consultant's whole caseload for a
// few weeks, not a data migration.
const MaxBulkHours = 1000

// HoursRow is a saved week: the current figures, the planned hours that
// apply (the week's own, else the plan's), and whether the save changed
// anything.
type HoursRow struct {
	models.WeeklyHours
	PlannedEffective float64 `json:"planned_effective"`
	Changed          bool    `json:"changed"`
}

// BulkHoursItem is one week in a bulk save.
type BulkHoursItem struct {
	PlacementID int64  `json:"placement_id"`
	ISOWeek     string `json:"iso_week"`
	models.HoursInput
}

// BulkHoursInput is a bulk save.
type BulkHoursInput struct {
	Items []BulkHoursItem `json:"items"`
}

// BulkHoursResult reports a bulk save, item by item in the input's order.
type BulkHoursResult struct {
	Items     []HoursRow `json:"items"`
	Saved     int        `json:"saved"`
	Unchanged int        `json:"unchanged"`
}

// StaleHoursError says which weeks someone else saved since the client read
// them, one field error per item. It is a conflict (409).
type StaleHoursError struct{ Errs models.FieldErrors }

func (e *StaleHoursError) Error() string { return e.Errs.Error() }

// Unwrap gives a stale error (the code) and the field errors (every item),
// so handlers report the code and list each week.
func (e *StaleHoursError) Unwrap() []error {
	return []error{&models.Error{Code: models.EStale, Field: e.Errs[0].Field, Message: e.Errs[0].Message}, e.Errs}
}

// MissingRevisionsError says which items change a saved week without the
// revision the client read, one field error per item. It asks for the
// version (428).
type MissingRevisionsError struct{ Errs models.FieldErrors }

func (e *MissingRevisionsError) Error() string { return e.Errs.Error() }

// Unwrap gives the code and the field errors (every item).
func (e *MissingRevisionsError) Unwrap() []error {
	return []error{&models.Error{Code: models.EPrecondition, Field: e.Errs[0].Field, Message: e.Errs[0].Message}, e.Errs}
}

// SaveWeek saves one week of a placement (PUT …/hours/{iso_week}).
func (a *App) SaveWeek(ctx context.Context, u Actor, placementID int64, week string, in models.HoursInput) (HoursRow, error) {
	if _, err := a.visiblePlacement(ctx, u, placementID); err != nil {
		return HoursRow{}, err
	}
	res, err := a.saveHours(ctx, u, []BulkHoursItem{{PlacementID: placementID, ISOWeek: week, HoursInput: in}}, "")
	if err != nil {
		return HoursRow{}, err
	}
	hideNotes(u, &res.Items[0].HourStamp)
	return res.Items[0], nil
}

// SaveHoursBulk saves many weeks, of any placements the actor may enter
// hours for, in one transaction. Every problem with every item is reported
// at once, and nothing is saved unless everything can be.
func (a *App) SaveHoursBulk(ctx context.Context, u Actor, in BulkHoursInput) (BulkHoursResult, error) {
	if err := can(u, access.Update, access.Of(access.Hours)); err != nil {
		return BulkHoursResult{}, err
	}
	var errs models.FieldErrors
	switch {
	case len(in.Items) == 0:
		errs.Add("items", "Listen er tom. Send mindst én uge.")
	case len(in.Items) > MaxBulkHours:
		errs.Add("items", "Højst %d uger ad gangen (der er %d).", MaxBulkHours, len(in.Items))
	}
	if err := errs.Err(); err != nil {
		return BulkHoursResult{}, err
	}
	res, err := a.saveHours(ctx, u, in.Items, "items")
	for i := range res.Items {
		hideNotes(u, &res.Items[i].HourStamp)
	}
	return res, err
}

// saveHours checks and saves items. list names the input list for field
// names ("items" gives "items[3].worked"); "" means a single week, whose
// fields are named bare.
func (a *App) saveHours(ctx context.Context, u Actor, items []BulkHoursItem, list string) (BulkHoursResult, error) {
	prefix := func(i int) string {
		if list == "" {
			return ""
		}
		return list + "[" + strconv.Itoa(i) + "]."
	}
	ids := make([]int64, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.PlacementID)
	}
	rows, err := a.store.PlacementsByID(ctx, ids)
	if err != nil {
		return BulkHoursResult{}, err
	}
	byID := make(map[int64]models.Placement, len(rows))
	for _, p := range rows {
		byID[p.ID] = p
	}
	now := a.Now()
	thisWeek := models.ISOWeekOf(models.DateOf(now))
	var errs models.FieldErrors
	entries := make([]store.HourEntry, len(items))
	first := map[string]int{}
	for i, it := range items {
		pre := prefix(i)
		errs = append(errs, it.ValidateAs(pre)...)
		errs = append(errs, internalNoteErrs(u, it.HoursInput, pre)...)
		p, ok := byID[it.PlacementID]
		if !ok || p.Archived() || can(u, access.Update, access.Row(access.Hours, p.JobcentreID, p.CompanyID)) != nil {
			errs.Add(pre+"placement_id", "Placeringen findes ikke, eller du har ikke adgang til den.")
		}
		w, werr := models.ParseISOWeek(it.ISOWeek)
		if werr != nil {
			errs.Add(pre+"iso_week", "Ugen skal skrives som ÅÅÅÅ-Wuu, fx %s.", thisWeek)
		}
		if !ok || werr != nil {
			continue
		}
		key := strconv.FormatInt(p.ID, 10) + "/" + w.String()
		if j, dup := first[key]; dup {
			errs.Add(pre+"iso_week", "Ugen %s for denne placering står allerede i listen (%s[%d]).", w, list, j)
			continue
		}
		first[key] = i
		if !p.Covers(w) {
			errs.Add(pre+"iso_week", "Uge %s ligger uden for placeringen (%s).", w, placementPeriod(p))
		}
		v := it.Values(p.Kind)
		if thisWeek.Before(w) && (v.Worked > 0 || v.Absent > 0 || v.Ordinary > 0) {
			errs.Add(pre+"worked", "Uge %s er ikke begyndt endnu; kun planlagte timer kan angives.", w)
		}
		src, serr := sourceFor(u, it.Source)
		if serr != "" {
			errs.Add(pre+"source", "%s", serr)
		}
		entries[i] = store.HourEntry{Placement: p, Week: w, Values: v, Source: src, Note: it.Note, InternalNote: internalNote(u, it.HoursInput), By: u.ID, At: now, ExpectedRevision: it.Revision}
	}
	if err := errs.Err(); err != nil {
		return BulkHoursResult{}, err
	}
	saved, err := a.store.SaveHours(ctx, entries)
	var stale *store.StaleRevisionError
	var unread *store.MissingRevisionError
	switch {
	case errors.As(err, &stale):
		var se models.FieldErrors
		for k, i := range stale.Items {
			se.Add(prefix(i)+"revision", "Ugen er gemt af en anden, siden du hentede den (nu revision %d). Hent den igen, og ret derefter.", stale.Current[k])
		}
		return BulkHoursResult{}, &StaleHoursError{Errs: se}
	case errors.As(err, &unread):
		var se models.FieldErrors
		for k, i := range unread.Items {
			se.Add(prefix(i)+"revision", "Ugen er allerede gemt (revision %d). Send den revision, du har set, så en andens rettelse ikke overskrives.", unread.Current[k])
		}
		return BulkHoursResult{}, &MissingRevisionsError{Errs: se}
	case errors.Is(err, store.ErrConflict):
		return BulkHoursResult{}, &models.Error{Code: models.EStale, Field: list, Err: err, Message: "En af ugerne blev gemt af en anden samtidig. Prøv igen."}
	case err != nil:
		return BulkHoursResult{}, err
	}
	res := BulkHoursResult{Items: make([]HoursRow, len(saved))}
	pids := make([]int64, 0, len(saved))
	for i, s := range saved {
		res.Items[i] = HoursRow{WeeklyHours: s.Hours, PlannedEffective: plannedOf(entries[i].Placement, s.Hours), Changed: s.Changed}
		if s.Changed {
			res.Saved++
			pids = append(pids, s.Hours.PlacementID)
		} else {
			res.Unchanged++
		}
	}
	if len(pids) > 0 {
		if err := a.audit(ctx, u, "update", "placement", models.UniqueIDs(pids)...); err != nil {
			return BulkHoursResult{}, err
		}
	}
	return res, nil
}

// sourceFor decides who is recorded as having reported the hours: by
// default the user's role; a consultant may record that the workplace
// mentor reported them, an employer user may be that mentor.
func sourceFor(u Actor, asked models.HourSource) (models.HourSource, string) {
	employer := access.ScopeOf(u).Employer
	own := models.SourceConsultant
	if employer {
		own = models.SourceEmployer
	}
	switch {
	case asked == "" || !asked.Valid():
		return own, "" // an unknown source is already reported by validation
	case asked == own || asked == models.SourceMentor:
		return asked, ""
	case employer:
		return own, "Som arbejdsgiver kan du angive arbejdsgiver eller virksomhedsmentor som kilde."
	}
	return own, "Jobcentrets medarbejdere kan angive konsulent eller virksomhedsmentor som kilde."
}

func plannedOf(p models.Placement, h models.WeeklyHours) float64 {
	if h.Planned != nil {
		return *h.Planned
	}
	return p.PlannedFor(h.Week)
}

func placementPeriod(p models.Placement) string {
	if last := p.LastDay(); !last.IsZero() {
		return p.StartDate.String() + " – " + last.String()
	}
	return "fra " + p.StartDate.String()
}

// WeekView is one week of a placement: the plan for it and, when hours
// have been entered, the current figures (and, for one week, their
// history of revisions).
type WeekView struct {
	Week             models.ISOWeek        `json:"iso_week"`
	WeekStart        models.Date           `json:"week_start"`
	PlannedEffective float64               `json:"planned_effective"`
	Reported         bool                  `json:"reported"`
	Hours            *models.WeeklyHours   `json:"hours"`
	History          []models.HourRevision `json:"history,omitempty"`
	// Confirmation is where the week's current hours stand with the
	// employer; null for a week without hours.
	Confirmation *WeekConfirmation `json:"confirmation"`
}

// PlacementHours is a placement's weeks from its first to its last (or to
// the current week, for one still running), with the plan for each.
type PlacementHours struct {
	PlacementID int64      `json:"placement_id"`
	Weeks       []WeekView `json:"weeks"`
	// Summary totals the weeks that have begun: worked and confirmed.
	Summary HoursSummary `json:"summary"`
}

// HoursOfPlacement returns a placement's weeks and records the read.
func (a *App) HoursOfPlacement(ctx context.Context, u Actor, id int64) (PlacementHours, error) {
	p, err := a.visiblePlacement(ctx, u, id)
	if err != nil {
		return PlacementHours{}, err
	}
	rows, err := a.store.HoursOfPlacement(ctx, id)
	if err != nil {
		return PlacementHours{}, err
	}
	byWeek := make(map[models.ISOWeek]models.WeeklyHours, len(rows))
	lastWeek := models.ISOWeekOf(models.DateOf(a.Now()))
	if last := p.LastDay(); !last.IsZero() && models.ISOWeekOf(last).Before(lastWeek) {
		lastWeek = models.ISOWeekOf(last)
	}
	for _, r := range rows {
		byWeek[r.Week] = r
		if lastWeek.Before(r.Week) {
			lastWeek = r.Week // planned figures entered ahead
		}
	}
	out := PlacementHours{PlacementID: id, Weeks: []WeekView{}}
	for w := models.ISOWeekOf(p.StartDate); !lastWeek.Before(w); w = w.AddWeeks(1) {
		v := weekView(p, w, byWeek)
		if v.Hours != nil {
			hideNotes(u, &v.Hours.HourStamp)
		}
		out.Weeks = append(out.Weeks, v)
	}
	if err := a.withConfirmations(ctx, &out); err != nil {
		return PlacementHours{}, err
	}
	return out, a.audit(ctx, u, "read", "citizen", p.CitizenID)
}

// HoursOfWeek returns one week of a placement with every revision.
func (a *App) HoursOfWeek(ctx context.Context, u Actor, id int64, week string) (WeekView, error) {
	p, err := a.visiblePlacement(ctx, u, id)
	if err != nil {
		return WeekView{}, err
	}
	w, err := models.ParseISOWeek(week)
	if err != nil {
		var errs models.FieldErrors
		errs.Add("iso_week", "Ugen skal skrives som ÅÅÅÅ-Wuu, fx 2027-W03.")
		return WeekView{}, errs
	}
	hist, err := a.store.HourHistory(ctx, id, w)
	if err != nil {
		return WeekView{}, err
	}
	byWeek := map[models.ISOWeek]models.WeeklyHours{}
	if len(hist) > 0 {
		cur, err := a.store.HoursOfPlacement(ctx, id)
		if err != nil {
			return WeekView{}, err
		}
		for _, r := range cur {
			byWeek[r.Week] = r
		}
	}
	v := weekView(p, w, byWeek)
	v.History = hist
	if v.History == nil {
		v.History = []models.HourRevision{}
	}
	if v.Hours != nil {
		hideNotes(u, &v.Hours.HourStamp)
	}
	for i := range v.History {
		hideNotes(u, &v.History[i].HourStamp)
	}
	if err := a.withWeekConfirmation(ctx, &v); err != nil {
		return WeekView{}, err
	}
	return v, a.audit(ctx, u, "read", "citizen", p.CitizenID)
}

// hideNotes applies the split of a week's notes: the internal note is the
// jobcentre's own and is blanked for an employer; the note stays, being
// the one meant for the employer.
func hideNotes(u Actor, s *models.HourStamp) {
	if !access.SeesInternalNotes(u) {
		s.InternalNote = ""
	}
}

// internalNote is the internal note a save writes: an employer's save
// keeps the week's current one (nil), staff write what they sent.
func internalNote(u Actor, in models.HoursInput) *string {
	if access.ScopeOf(u).Employer {
		return nil
	}
	return &in.InternalNote
}

// internalNoteErrs refuses an internal note from an employer.
func internalNoteErrs(u Actor, in models.HoursInput, prefix string) models.FieldErrors {
	var errs models.FieldErrors
	if access.ScopeOf(u).Employer && in.InternalNote != "" {
		errs.Add(prefix+"internal_note", "Som arbejdsgiver kan du ikke skrive jobcentrets interne note. Brug feltet note.")
	}
	return errs
}

func weekView(p models.Placement, w models.ISOWeek, byWeek map[models.ISOWeek]models.WeeklyHours) WeekView {
	v := WeekView{Week: w, WeekStart: w.Monday(), PlannedEffective: p.PlannedFor(w)}
	if h, ok := byWeek[w]; ok {
		v.Hours, v.Reported = &h, true
		v.PlannedEffective = plannedOf(p, h)
	}
	return v
}

// scopeJobcentre decides which jobcentre a jobcentre-wide call is about:
// the actor's own, or for an administrator the one asked for.
func scopeJobcentre(u Actor, asked int64) (int64, error) {
	return access.ScopeOf(u).Jobcentre(asked)
}
