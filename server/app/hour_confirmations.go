package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Confirming hours: the employer hosting a placement confirms a week's
// worked hours or disputes them with a comment. A confirmation holds for
// the hours revision it was given for; a correction of the week makes it
// unconfirmed again (see models.HourConfirmation).

// WeekConfirmation is where one week's hours stand with the employer, as
// the week views show it.
type WeekConfirmation struct {
	State models.ConfirmationState `json:"state"`
	// By is the name of the employer user who confirmed or disputed, At
	// when; both empty while unconfirmed.
	By string     `json:"by"`
	At *time.Time `json:"at"`
	// Comment is the dispute's comment; ClaimedWorked the hours the
	// employer says were worked instead, when they said.
	Comment       string   `json:"comment"`
	ClaimedWorked *float64 `json:"claimed_worked"`
}

// ConfirmationResult is the answer to a confirmation or dispute.
type ConfirmationResult struct {
	Week models.ISOWeek `json:"week"`
	// Revision and Worked are the week's figures the answer concerns.
	Revision      int                      `json:"revision"`
	Worked        float64                  `json:"worked"`
	State         models.ConfirmationState `json:"state"`
	ConfirmedBy   string                   `json:"confirmed_by"`
	ConfirmedAt   time.Time                `json:"confirmed_at"`
	Comment       string                   `json:"comment"`
	ClaimedWorked *float64                 `json:"claimed_worked"`
}

// HoursSummary totals a placement's reported weeks that have begun: hours
// worked, and how many of them the employer has confirmed.
type HoursSummary struct {
	WorkedHours      float64 `json:"worked_hours"`
	ConfirmedHours   float64 `json:"confirmed_hours"`
	ReportedWeeks    int     `json:"reported_weeks"`
	ConfirmedWeeks   int     `json:"confirmed_weeks"`
	UnconfirmedWeeks int     `json:"unconfirmed_weeks"`
	DisputedWeeks    int     `json:"disputed_weeks"`
}

// WeekToConfirm is one week an employer has yet to confirm.
type WeekToConfirm struct {
	PlacementID int64 `json:"placement_id"`
	// CitizenName is the name employers see on the placement already.
	CitizenName string         `json:"citizen_name"`
	Week        models.ISOWeek `json:"week"`
	WeekStart   models.Date    `json:"week_start"`
	Worked      float64        `json:"worked"`
	Revision    int            `json:"revision"`
}

// ConfirmWindowWeeks is how far back WeeksToConfirm looks: an employer's
// list asks about the last quarter, not about every week of placements
// that ended long ago (those can still be confirmed one by one).
const ConfirmWindowWeeks = 13

// ConfirmWeek records that the employer confirms a week's worked hours.
// Worked or Revision in the input, when sent, must be the week's current
// figures; confirming a week already confirmed at its current revision is
// a conflict.
func (a *App) ConfirmWeek(ctx context.Context, u Actor, placementID int64, week string, in models.ConfirmInput) (ConfirmationResult, error) {
	if err := in.Validate().Err(); err != nil {
		return ConfirmationResult{}, err
	}
	return a.decideWeek(ctx, u, placementID, week, decision{state: models.ConfirmationConfirmed, seenWorked: in.Worked, seenRevision: in.Revision})
}

// DisputeWeek records that the employer disputes a week's worked hours,
// with a comment (and perhaps the figure they believe), and tells the
// citizen's consultant.
func (a *App) DisputeWeek(ctx context.Context, u Actor, placementID int64, week string, in models.DisputeInput) (ConfirmationResult, error) {
	if err := in.Validate().Err(); err != nil {
		return ConfirmationResult{}, err
	}
	return a.decideWeek(ctx, u, placementID, week, decision{state: models.ConfirmationDisputed, claimed: in.Worked, comment: in.Comment, seenRevision: in.Revision})
}

type decision struct {
	state        models.ConfirmationState
	seenWorked   *float64
	seenRevision *int
	claimed      *float64
	comment      string
}

func (a *App) decideWeek(ctx context.Context, u Actor, placementID int64, week string, d decision) (ConfirmationResult, error) {
	p, err := a.visiblePlacement(ctx, u, placementID)
	if err != nil {
		return ConfirmationResult{}, err
	}
	if p.Archived() {
		return ConfirmationResult{}, archived("placering")
	}
	if err := can(u, access.Create, access.Row(access.HourConfirmation, p.JobcentreID, p.CompanyID)); err != nil {
		return ConfirmationResult{}, err
	}
	w, err := models.ParseISOWeek(week)
	if err != nil {
		var errs models.FieldErrors
		errs.Add("iso_week", "Ugen skal skrives som ÅÅÅÅ-Wuu, fx 2027-W03.")
		return ConfirmationResult{}, errs
	}
	now := a.Now()
	if models.ISOWeekOf(models.DateOf(now)).Before(w) {
		return ConfirmationResult{}, models.Conflict("iso_week", fmt.Sprintf("%s er ikke begyndt endnu, så der er ingen timer at bekræfte.", weekLabel(w)))
	}
	hist, err := a.store.HourHistory(ctx, p.ID, w)
	if err != nil {
		return ConfirmationResult{}, err
	}
	if len(hist) == 0 {
		return ConfirmationResult{}, models.Conflict("iso_week", fmt.Sprintf("Der er ikke registreret timer for %s endnu, så der er intet at bekræfte.", strings.ToLower(weekLabel(w))))
	}
	cur := hist[len(hist)-1]
	changed := func(field string) error {
		return &models.Error{Code: models.EStale, Field: field, Message: fmt.Sprintf(
			"Timerne for %s er ændret, siden du så dem (nu %s timer, revision %d). Se ugen igen, før du svarer.", strings.ToLower(weekLabel(w)), hourFigure(cur.Worked), cur.Revision)}
	}
	if d.seenRevision != nil && *d.seenRevision != cur.Revision {
		return ConfirmationResult{}, changed("revision")
	}
	if d.seenWorked != nil && *d.seenWorked != cur.Worked {
		return ConfirmationResult{}, changed("worked")
	}
	latest, err := a.store.LatestHourConfirmations(ctx, []int64{p.ID}, w)
	if err != nil {
		return ConfirmationResult{}, err
	}
	if prev, ok := latest[p.ID][w]; ok && prev.Revision == cur.Revision && prev.State == d.state {
		msg := "Timerne for %s er allerede bekræftet."
		if d.state == models.ConfirmationDisputed {
			msg = "Timerne for %s er allerede bestridt. Jobcentret ser på sagen."
		}
		return ConfirmationResult{}, models.Conflict("iso_week", fmt.Sprintf(msg, strings.ToLower(weekLabel(w))))
	}
	row := models.HourConfirmation{PlacementID: p.ID, Week: w, WeekStart: w.Monday(), Revision: cur.Revision, State: d.state,
		Worked: cur.Worked, ClaimedWorked: d.claimed, Comment: d.comment, ByUser: u.ID, DecidedAt: now.UTC()}
	var to []models.User
	var notice Notice
	if d.state == models.ConfirmationDisputed {
		if to, notice, err = a.disputeNotice(ctx, p, w); err != nil {
			return ConfirmationResult{}, err
		}
	}
	if err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.AddHourConfirmation(ctx, &row); err != nil {
			return err
		}
		return a.notify(ctx, tx, to, notice) // no one when confirmed
	}); err != nil {
		return ConfirmationResult{}, err
	}
	if err := a.audit(ctx, u, "update", "placement", p.ID); err != nil {
		return ConfirmationResult{}, err
	}
	return ConfirmationResult{Week: w, Revision: cur.Revision, Worked: cur.Worked, State: d.state, ConfirmedBy: u.Name,
		ConfirmedAt: row.DecidedAt, Comment: row.Comment, ClaimedWorked: row.ClaimedWorked}, nil
}

// disputeNotice is what the citizen's consultant (caseConsultants) is told
// when the employer disputed a week. It names neither the citizen nor the
// comment: the link leads to the week, where the consultant reads them.
func (a *App) disputeNotice(ctx context.Context, p models.Placement, w models.ISOWeek) ([]models.User, Notice, error) {
	to, err := a.caseConsultants(ctx, p)
	if err != nil {
		return nil, Notice{}, err
	}
	company, err := a.store.CompanyNames(ctx, []int64{p.CompanyID})
	if err != nil {
		return nil, Notice{}, err
	}
	text := fmt.Sprintf("Arbejdsgiveren %s har bestridt timerne for %s i placering nr. %d. Se kommentaren, og ret timerne, hvis de er forkerte.",
		company[p.CompanyID], strings.ToLower(weekLabel(w)), p.ID)
	return to, Notice{Kind: models.NotifyHoursDisputed, Text: text,
		Link: "/placeringer/" + strconv.FormatInt(p.ID, 10) + "/uger/" + w.String(), Subject: "Arbejdsgiveren har bestridt timer"}, nil
}

// confirmationsOf gives, per placement and week of hours, where the
// week's current hours stand with the employer; weeks without hours are
// absent. week, when given, is the only week the hours are of.
func (a *App) confirmationsOf(ctx context.Context, placementIDs []int64, hours []models.WeeklyHours, week ...models.ISOWeek) (map[int64]map[models.ISOWeek]WeekConfirmation, error) {
	latest, err := a.store.LatestHourConfirmations(ctx, placementIDs, week...)
	if err != nil {
		return nil, err
	}
	var uids []int64
	for _, byWeek := range latest {
		for _, c := range byWeek {
			uids = append(uids, c.ByUser)
		}
	}
	names := map[int64]string{}
	if len(uids) > 0 {
		if names, err = a.store.UserNames(ctx, models.UniqueIDs(uids)); err != nil {
			return nil, err
		}
	}
	out := map[int64]map[models.ISOWeek]WeekConfirmation{}
	for _, h := range hours {
		if out[h.PlacementID] == nil {
			out[h.PlacementID] = map[models.ISOWeek]WeekConfirmation{}
		}
		wc := WeekConfirmation{State: models.ConfirmationNone}
		if c, ok := latest[h.PlacementID][h.Week]; ok && c.Revision == h.Revision {
			at := c.DecidedAt
			wc = WeekConfirmation{State: c.State, By: names[c.ByUser], At: &at, Comment: c.Comment, ClaimedWorked: c.ClaimedWorked}
		}
		out[h.PlacementID][h.Week] = wc
	}
	return out, nil
}

// withConfirmations sets each reported week's confirmation and totals the
// placement's hours.
func (a *App) withConfirmations(ctx context.Context, ph *PlacementHours) error {
	var hours []models.WeeklyHours
	for _, v := range ph.Weeks {
		if v.Hours != nil {
			hours = append(hours, *v.Hours)
		}
	}
	byWeek, err := a.confirmationsOf(ctx, []int64{ph.PlacementID}, hours)
	if err != nil {
		return err
	}
	thisWeek := models.ISOWeekOf(models.DateOf(a.Now()))
	for i := range ph.Weeks {
		v := &ph.Weeks[i]
		if v.Hours == nil {
			continue
		}
		c := byWeek[ph.PlacementID][v.Week]
		v.Confirmation = &c
		ph.Summary.add(thisWeek, *v.Hours, c.State)
	}
	return nil
}

// add counts one week's hours in the summary, unless the week has not
// begun (hours planned ahead, nothing worked yet).
func (s *HoursSummary) add(thisWeek models.ISOWeek, h models.WeeklyHours, state models.ConfirmationState) {
	if thisWeek.Before(h.Week) {
		return
	}
	s.ReportedWeeks++
	s.WorkedHours += h.Worked
	switch state {
	case models.ConfirmationConfirmed:
		s.ConfirmedWeeks++
		s.ConfirmedHours += h.Worked
	case models.ConfirmationDisputed:
		s.DisputedWeeks++
	default:
		s.UnconfirmedWeeks++
	}
}

// hoursSummary totals the worked and confirmed hours of placements ps.
func (a *App) hoursSummary(ctx context.Context, ps []models.Placement) (HoursSummary, error) {
	var out HoursSummary
	if len(ps) == 0 {
		return out, nil
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	hours, err := a.store.HoursOfPlacements(ctx, ids)
	if err != nil {
		return out, err
	}
	states, err := a.confirmationsOf(ctx, ids, hours)
	if err != nil {
		return out, err
	}
	thisWeek := models.ISOWeekOf(models.DateOf(a.Now()))
	for _, h := range hours {
		out.add(thisWeek, h, states[h.PlacementID][h.Week].State)
	}
	return out, nil
}

// withWeekConfirmation sets one week view's confirmation.
func (a *App) withWeekConfirmation(ctx context.Context, v *WeekView) error {
	if v.Hours == nil {
		return nil
	}
	byWeek, err := a.confirmationsOf(ctx, []int64{v.Hours.PlacementID}, []models.WeeklyHours{*v.Hours}, v.Week)
	if err != nil {
		return err
	}
	c := byWeek[v.Hours.PlacementID][v.Week]
	v.Confirmation = &c
	return nil
}

// WeeksToConfirm lists, for an employer, the weeks with hours at their
// company's placements that they have not confirmed or disputed at the
// current figures, over the last ConfirmWindowWeeks weeks up to this one,
// newest first. Other roles get an empty list.
func (a *App) WeeksToConfirm(ctx context.Context, u Actor) ([]WeekToConfirm, error) {
	out := []WeekToConfirm{}
	scope := access.ScopeOf(u)
	if !scope.Employer || scope.CompanyID == 0 {
		return out, nil
	}
	if err := can(u, access.Create, access.Row(access.HourConfirmation, 0, scope.CompanyID)); err != nil {
		return out, err
	}
	ps, err := a.companyPlacements(ctx, scope.CompanyID)
	if err != nil {
		return nil, err
	}
	live := map[int64]models.Placement{}
	var pids, cids []int64
	for _, p := range ps {
		if !p.Archived() && p.CompanyID == scope.CompanyID {
			live[p.ID] = p
			pids, cids = append(pids, p.ID), append(cids, p.CitizenID)
		}
	}
	if len(pids) == 0 {
		return out, nil
	}
	hours, err := a.store.HoursOfPlacements(ctx, pids)
	if err != nil {
		return nil, err
	}
	thisWeek := models.ISOWeekOf(models.DateOf(a.Now()))
	from := thisWeek.AddWeeks(-(ConfirmWindowWeeks - 1))
	var recent []models.WeeklyHours
	for _, h := range hours {
		if _, ok := live[h.PlacementID]; ok && !h.Week.Before(from) && !thisWeek.Before(h.Week) {
			recent = append(recent, h)
		}
	}
	states, err := a.confirmationsOf(ctx, pids, recent)
	if err != nil {
		return nil, err
	}
	names, err := a.placementCitizenNames(ctx, cids)
	if err != nil {
		return nil, err
	}
	var read []int64
	for _, h := range recent {
		if states[h.PlacementID][h.Week].State != models.ConfirmationNone {
			continue
		}
		out = append(out, WeekToConfirm{PlacementID: h.PlacementID, CitizenName: names[live[h.PlacementID].CitizenID],
			Week: h.Week, WeekStart: h.WeekStart, Worked: h.Worked, Revision: h.Revision})
		read = append(read, live[h.PlacementID].CitizenID)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Week != out[j].Week {
			return out[j].Week.Before(out[i].Week)
		}
		if out[i].CitizenName != out[j].CitizenName {
			return out[i].CitizenName < out[j].CitizenName
		}
		return out[i].PlacementID < out[j].PlacementID
	})
	if len(read) == 0 {
		return out, nil
	}
	return out, a.audit(ctx, u, "read", "citizen", models.UniqueIDs(read)...)
}

// weekLabel names a week as Danish workplaces say it, "Uge 3, 2027".
func weekLabel(w models.ISOWeek) string {
	return "Uge " + strconv.Itoa(w.Week) + ", " + strconv.Itoa(w.Year)
}

// hourFigure writes an hour figure the Danish way, "7,5".
func hourFigure(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// ClaimedHours is the figure the employer gave in a dispute, 0 for none.
func (c WeekConfirmation) ClaimedHours() float64 {
	if c.ClaimedWorked == nil {
		return 0
	}
	return *c.ClaimedWorked
}
