package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Calls the browser UI needs beside the API's: a placement list narrowed
// to one consultant's citizens, the week sheet of the bulk hours page, and
// the alert list with masked CPR numbers. The same rules hold as in
// placements.go, hours.go and progression.go: tenancy and role are checked
// here, and every citizen shown is audited as read.

// ListPlacementsOf lists placements like ListPlacements, narrowed to the
// citizens consultantID is responsible for (0: no narrowing). Only
// jobcentre staff know who is responsible for whom, so only they may ask.
func (a *App) ListPlacementsOf(ctx context.Context, u Actor, f models.PlacementFilter, consultantID int64) (ListResult[PlacementView], error) {
	if consultantID == 0 {
		return a.ListPlacements(ctx, u, f)
	}
	// Only jobcentre staff know who is responsible for whom.
	if err := can(u, access.Read, access.Of(access.User)); err != nil {
		return ListResult[PlacementView]{}, err
	}
	jc, ok := access.ScopeOf(u).ListJobcentre(f.JobcentreID)
	if !ok {
		return page([]PlacementView{}, 0, f.Page), nil
	}
	// The store narrows, sorts and pages: live placements of the
	// consultant's live citizens, latest start first unless asked otherwise.
	f.JobcentreID, f.ConsultantID, f.LiveCitizens, f.IncludeArchived = jc, consultantID, true, false
	items, total, err := a.store.ListPlacements(ctx, f)
	if err != nil {
		return ListResult[PlacementView]{}, fmt.Errorf("placements of consultant %d: %w", consultantID, err)
	}
	views, err := a.placementViews(ctx, u, items)
	if err != nil {
		return ListResult[PlacementView]{}, err
	}
	return page(views, total, f.Page), nil
}

// HoursSheetFilter selects the rows of the bulk hours page.
type HoursSheetFilter struct {
	Week models.ISOWeek
	// OnlyMine keeps a consultant's own citizens (those they are
	// responsible for); it means nothing for other roles.
	OnlyMine bool
	Page     models.Page
}

// HoursSheetRow is one placement on the bulk hours page: what it is, the
// plan for the week, and the week's revisions so far (oldest first; the
// last is the current figures).
type HoursSheetRow struct {
	PlacementView
	CPRMasked string
	// WeekNo is the week's number within the placement (1 = first week).
	WeekNo int
	// PlanHours is the plan ladder's hours for the week; a week's own
	// planned figure, when entered, overrides it.
	PlanHours float64
	History   []models.HourRevision
	// Confirmation is where the week's current hours stand with the
	// employer; nil while none are entered.
	Confirmation *WeekConfirmation
}

// Current is the week's current figures, or nil when none are entered.
func (r HoursSheetRow) Current() *models.HourRevision {
	if len(r.History) == 0 {
		return nil
	}
	return &r.History[len(r.History)-1]
}

// HoursSheet is one page of the week's rows.
type HoursSheet struct {
	Week models.ISOWeek
	ListResult[HoursSheetRow]
}

// HoursSheet lists the placements the actor enters hours for in one week,
// by citizen name: for staff their jobcentre's placements that cover the
// week (optionally only their own citizens'), for an employer their
// company's. The citizens on the page are audited as read.
func (a *App) HoursSheet(ctx context.Context, u Actor, f HoursSheetFilter) (HoursSheet, error) {
	if err := can(u, access.Read, access.Of(access.Hours)); err != nil {
		return HoursSheet{}, err
	}
	out := HoursSheet{Week: f.Week, ListResult: page([]HoursSheetRow{}, 0, f.Page)}
	if f.Week.IsZero() {
		return out, missing("uge")
	}
	scope := access.ScopeOf(u)
	var (
		ps     []models.Placement
		names  map[int64]string
		masked = map[int64]string{}
		err    error
	)
	if scope.Employer {
		if scope.CompanyID == 0 {
			return out, nil
		}
		if ps, err = a.companyPlacements(ctx, scope.CompanyID); err != nil {
			return HoursSheet{}, err
		}
		ids := make([]int64, len(ps))
		for i, p := range ps {
			ids[i] = p.CitizenID
		}
		if names, err = a.placementCitizenNames(ctx, ids); err != nil {
			return HoursSheet{}, err
		}
	} else {
		jc, ok := scope.ListJobcentre(0) // an administrator sees every jobcentre's
		if !ok {
			return out, nil
		}
		cf := store.CitizenFilterLite{JobcentreID: jc}
		if f.OnlyMine {
			cf.ConsultantID = u.ID
		}
		cs, err := a.store.ProgressionCitizens(ctx, cf)
		if err != nil {
			return HoursSheet{}, fmt.Errorf("hours sheet citizens: %w", err)
		}
		names = make(map[int64]string, len(cs))
		var ids []int64
		if f.OnlyMine {
			ids = make([]int64, 0, len(cs))
		}
		for _, c := range cs {
			names[c.ID] = c.Name
			if f.OnlyMine {
				ids = append(ids, c.ID)
			}
		}
		if ps, err = a.store.PlacementsOfJobcentreInWeek(ctx, jc, ids, f.Week); err != nil {
			return HoursSheet{}, fmt.Errorf("hours sheet placements: %w", err)
		}
	}
	kept := make([]models.Placement, 0, len(ps))
	for _, p := range ps {
		if _, live := names[p.CitizenID]; live && !p.Archived() && p.Covers(f.Week) {
			kept = append(kept, p)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if c := strings.Compare(strings.ToLower(names[kept[i].CitizenID]), strings.ToLower(names[kept[j].CitizenID])); c != 0 {
			return c < 0
		}
		return kept[i].ID < kept[j].ID
	})
	pg := f.Page.Normalized()
	lo := min(len(kept), (pg.Page-1)*pg.PerPage)
	hi := min(len(kept), lo+pg.PerPage)
	rows := kept[lo:hi]
	if len(rows) == 0 {
		out.Total = int64(len(kept))
		return out, nil
	}
	cids, coids := make([]int64, len(rows)), make([]int64, len(rows))
	for i, p := range rows {
		cids[i], coids[i] = p.CitizenID, p.CompanyID
	}
	companies, err := a.store.CompanyNames(ctx, coids)
	if err != nil {
		return HoursSheet{}, fmt.Errorf("hours sheet companies: %w", err)
	}
	if !scope.Employer {
		// Staff see the masked CPR number beside the name, to tell
		// namesakes apart; employers know the person they host by name.
		cs, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{IDs: cids})
		if err != nil {
			return HoursSheet{}, fmt.Errorf("hours sheet cpr: %w", err)
		}
		for _, c := range cs {
			masked[c.ID] = c.CPRMasked
		}
	}
	pids := make([]int64, len(rows))
	for i, p := range rows {
		pids[i] = p.ID
	}
	hists, err := a.store.HourHistories(ctx, pids, f.Week)
	if err != nil {
		return HoursSheet{}, fmt.Errorf("hours sheet history: %w", err)
	}
	var current []models.WeeklyHours
	for _, hist := range hists {
		if n := len(hist); n > 0 {
			current = append(current, models.WeeklyHours{PlacementID: hist[n-1].PlacementID, Week: hist[n-1].Week, HourStamp: models.HourStamp{Revision: hist[n-1].Revision}})
		}
	}
	confirmations, err := a.confirmationsOf(ctx, pids, current, f.Week)
	if err != nil {
		return HoursSheet{}, fmt.Errorf("hours sheet confirmations: %w", err)
	}
	items := make([]HoursSheetRow, len(rows))
	for i, p := range rows {
		hist := hists[p.ID]
		for i := range hist {
			hideNotes(u, &hist[i].HourStamp)
		}
		if scope.Employer {
			p.Note, p.Evaluation = "", nil
		}
		items[i] = HoursSheetRow{
			PlacementView: PlacementView{Placement: p, CitizenName: names[p.CitizenID], CompanyName: companies[p.CompanyID]},
			CPRMasked:     masked[p.CitizenID], WeekNo: p.WeekNo(f.Week), PlanHours: p.PlannedFor(f.Week), History: hist,
		}
		if c, ok := confirmations[p.ID][f.Week]; ok {
			items[i].Confirmation = &c
		}
	}
	if err := a.audit(ctx, u, "read", "citizen", models.UniqueIDs(cids)...); err != nil {
		return HoursSheet{}, err
	}
	out.ListResult = page(items, int64(len(kept)), f.Page)
	return out, nil
}

// companyPlacements reads every live placement at a company, page by page:
// a company hosts tens, not thousands.
func (a *App) companyPlacements(ctx context.Context, companyID int64) ([]models.Placement, error) {
	var out []models.Placement
	for n := 1; ; n++ {
		items, total, err := a.store.ListPlacements(ctx, models.PlacementFilter{
			Page: models.Page{Page: n, PerPage: models.MaxPerPage, Sort: "id"}, CompanyID: companyID})
		if err != nil {
			return nil, fmt.Errorf("placements of company %d: %w", companyID, err)
		}
		out = append(out, items...)
		if len(items) == 0 || int64(len(out)) >= total || n >= MaxBulkHours/models.MaxPerPage {
			return out, nil
		}
	}
}

// AlertRow is an alert with the citizen's masked CPR number, so that a
// consultant can tell two citizens of the same name apart.
type AlertRow struct {
	AlertItem
	CPRMasked string `json:"cpr_masked"`
}

// AlertList is Alerts with masked CPR numbers. Access and the audit of the
// citizens on the page are Alerts'.
func (a *App) AlertList(ctx context.Context, u Actor, f AlertFilter) (ListResult[AlertRow], error) {
	res, err := a.Alerts(ctx, u, f)
	if err != nil {
		return ListResult[AlertRow]{}, err
	}
	out := ListResult[AlertRow]{Items: make([]AlertRow, len(res.Items)), Total: res.Total, Page: res.Page, PerPage: res.PerPage}
	ids := make([]int64, len(res.Items))
	for i, it := range res.Items {
		ids[i] = it.CitizenID
		out.Items[i] = AlertRow{AlertItem: it}
	}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{IDs: models.UniqueIDs(ids)})
	if err != nil {
		return ListResult[AlertRow]{}, fmt.Errorf("alert citizens: %w", err)
	}
	masked := make(map[int64]string, len(cs))
	for _, c := range cs {
		masked[c.ID] = c.CPRMasked
	}
	for i := range out.Items {
		out.Items[i].CPRMasked = masked[out.Items[i].CitizenID]
	}
	return out, nil
}
