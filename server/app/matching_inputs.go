package app

import (
	"context"

	"placering/matching"
	"placering/models"
	"placering/server/derived"
)

// What matching is fed: the snapshot of open openings (kept by package
// derived), a jobcentre's virksomhedscentre, and citizens and openings mapped
// onto the matching package's view.

// invalidateMatching drops the match snapshot after a write that changes
// what matching sees (an opening, a seat, a proposal count); the next
// request rebuilds it from the changed rows. Virksomhedscentre are read per
// request.
func (a *App) invalidateMatching() { a.matching.Invalidate() }

// openingIndex returns the match snapshot, rebuilding it when missing or
// older than derived.SnapshotTTL.
func (a *App) openingIndex(ctx context.Context) (*derived.Snapshot, error) {
	return a.matching.Snapshot(ctx, a.store, a.Now)
}

// virksomhedscentre returns jobcentre jc's valid virksomhedscentre, by
// company. They are few, so they are read fresh for every request.
func (a *App) virksomhedscentre(ctx context.Context, jc int64) (matching.Virksomhedscentre, error) {
	out := matching.Virksomhedscentre{}
	if jc == 0 {
		return out, nil
	}
	rows, err := a.store.ActiveVirksomhedscentre(ctx, jc, models.DateOf(a.Now()))
	if err != nil {
		return nil, err
	}
	for _, v := range rows {
		out[v.CompanyID] = append(out[v.CompanyID], v.TargetGroups...)
	}
	return out, nil
}

// toMatchingOpenings maps openings onto the matching package's view as
// jobcentre jc sees them: free seats, jc's virksomhedscentre
// with the company, and recent proposals per employer (from every
// jobcentre: it is the employer who should not be flooded).
func (a *App) toMatchingOpenings(ctx context.Context, jc int64, rows []models.Opening) ([]matching.Opening, error) {
	var ids []int64 // nil: count every opening's seats in one query
	if len(rows) < 1000 {
		ids = make([]int64, len(rows))
		for i, o := range rows {
			ids[i] = o.ID
		}
	}
	taken, err := a.store.SeatsTaken(ctx, ids)
	if err != nil {
		return nil, err
	}
	groups, err := a.virksomhedscentre(ctx, jc)
	if err != nil {
		return nil, err
	}
	recent, err := a.store.RecentProposalsByCompany(ctx, a.Now().Add(-derived.RecentProposalWindow))
	if err != nil {
		return nil, err
	}
	out := make([]matching.Opening, len(rows))
	for i, o := range rows {
		status := o.Status
		if o.Archived() {
			status = models.StatusClosed // archived openings are never proposed
		}
		out[i] = matching.Opening{
			ID: o.ID, CompanyID: o.CompanyID, JobcentreID: o.JobcentreID, Kind: o.Kind, Title: o.Title, Branch: o.Branch,
			Lat: o.Lat, Lon: o.Lon, HoursMin: o.HoursMin, HoursMax: o.HoursMax, SeatsFree: max(0, o.Seats-taken[o.ID]),
			StartDate: o.StartDate, Status: status, DanishLevel: o.DanishLevel, DriversLicence: o.DriversLicence,
			MentorAvailable: o.MentorAvailable, VirksomhedscenterTargetGroups: groups[o.CompanyID], RecentProposals: recent[o.CompanyID],
		}
	}
	return out, nil
}

// toMatchingCitizens maps citizens onto the matching view, with their
// placement history.
func (a *App) toMatchingCitizens(ctx context.Context, rows []models.Citizen) ([]matching.Citizen, error) {
	ids := make([]int64, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	history, err := a.store.PlacementHistory(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]matching.Citizen, len(rows))
	for i, c := range rows {
		mc := matching.Citizen{
			ID: c.ID, JobcentreID: c.JobcentreID, TargetGroup: c.TargetGroup, GroupEnteredOn: c.GroupEnteredOn,
			ArrivalDate: c.ArrivalDate, BirthDate: c.BirthDate, GoalBranch: c.GoalBranch, GoalTitle: c.GoalTitle,
			DanishLevel: c.DanishLevel, DriversLicence: c.DriversLicence, Lat: c.Lat, Lon: c.Lon,
			MaxCommuteKm: c.MaxCommuteKm, HoursCapacity: c.HoursCapacity, ConsentShare: c.ConsentShare,
		}
		for _, p := range history[c.ID] {
			mc.History = append(mc.History, matching.PastPlacement{CompanyID: p.CompanyID, Branch: p.Branch, Kind: p.Kind,
				BrokeDown: p.Status == models.PlacementInterrupted, Ended: p.EndDate, HoursRising: p.HoursRising})
		}
		out[i] = mc
	}
	return out, nil
}
