package derived

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"placering/matching"
	"placering/store"
)

// SnapshotTTL bounds how old the match snapshot may be. It is a derived
// copy of the database, so each replica keeps its own; writes in this
// process drop it at once (Invalidate), writes on another replica are seen
// within the TTL.
const SnapshotTTL = 15 * time.Second

// Rebuilding the snapshot reads only the openings changed since the last
// read, with an overlap that covers transactions committing a little after
// their updated_at and replica clocks a little apart; a full read now and
// then catches anything older (and renamed companies).
const (
	RowsOverlap    = 30 * time.Second
	RowsFullReload = 10 * time.Minute
)

// RecentProposalWindow is how far back proposals per employer are counted.
const RecentProposalWindow = 30 * 24 * time.Hour

// OpeningSource is what the match snapshot is built from; *store.Store is
// one.
type OpeningSource interface {
	// OpeningsForMatching returns the openings changed since the time
	// given (all live, open ones for the zero time).
	OpeningsForMatching(ctx context.Context, changedSince time.Time) ([]store.MatchingOpening, error)
	// SeatsTaken counts the taken seats of the openings (nil: of all).
	SeatsTaken(ctx context.Context, openingIDs []int64) (map[int64]int, error)
	// RecentProposalsByCompany counts proposals per company since then.
	RecentProposalsByCompany(ctx context.Context, since time.Time) (map[int64]int, error)
}

// Openings keeps the match snapshot of one process; see the package
// documentation for the contract. The zero value is ready to use.
type Openings struct {
	mu   sync.Mutex
	rows *openingRows
	snap *Snapshot
}

// openingRows is every live, open opening as last read from the database.
type openingRows struct {
	fullAt time.Time // local clock: when the last full read was made
	mark   time.Time // database clock: newest updated_at seen
	rows   map[int64]store.MatchingOpening
}

// Snapshot is every open opening of the marketplace, indexed for fast
// ranking. It holds no jobcentre's virksomhedscentre: a request views it through
// its own (Index.View), so one index serves every tenant. It is never
// modified once built.
type Snapshot struct {
	built time.Time
	// Index ranks the openings.
	Index *matching.OpeningIndex
	byID  map[int64]SnapOpening
}

// SnapOpening is what a snapshot remembers of an opening beyond the
// index: the names for display and the row's version, to check it against
// the database.
type SnapOpening struct {
	Opening matching.Opening
	Company string
	Town    string
	Seats   int // all seats, taken or not
	Updated time.Time
}

// Opening returns what the snapshot holds of opening id.
func (s *Snapshot) Opening(id int64) SnapOpening { return s.byID[id] }

// Seats is the opening's number of seats, taken or not.
func (s *Snapshot) Seats(id int64) int { return s.byID[id].Seats }

// Openings returns the snapshot's openings as a jobcentre with the given
// virksomhedscentre sees them, in id order.
func (s *Snapshot) Openings(agr matching.Virksomhedscentre) []matching.Opening {
	out := make([]matching.Opening, 0, len(s.byID))
	for _, so := range s.byID {
		o := so.Opening
		o.VirksomhedscenterTargetGroups = agr[o.CompanyID]
		out = append(out, o)
	}
	slices.SortFunc(out, func(x, y matching.Opening) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// Invalidate drops the snapshot after a write that changes what matching
// sees (an opening, a seat, a proposal count); the next Snapshot call
// rebuilds it from the changed rows.
func (c *Openings) Invalidate() {
	c.mu.Lock()
	c.snap = nil
	c.mu.Unlock()
}

// Current is the snapshot kept, nil when none; tests use it to tell a
// reused snapshot from a rebuilt one.
func (c *Openings) Current() *Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.snap
}

// Snapshot returns the snapshot, rebuilding it from src when missing or
// older than SnapshotTTL by the clock now.
func (c *Openings) Snapshot(ctx context.Context, src OpeningSource, now func() time.Time) (*Snapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.snap; s != nil && now().Sub(s.built) < SnapshotTTL {
		return s, nil
	}
	rows, err := c.refreshRows(ctx, src, now)
	if err != nil {
		return nil, err
	}
	taken, err := src.SeatsTaken(ctx, nil)
	if err != nil {
		return nil, err
	}
	recent, err := src.RecentProposalsByCompany(ctx, now().Add(-RecentProposalWindow))
	if err != nil {
		return nil, err
	}
	s := &Snapshot{built: now(), byID: make(map[int64]SnapOpening, len(rows.rows))}
	ops := make([]matching.Opening, 0, len(rows.rows))
	for _, r := range rows.rows {
		o := matching.Opening{
			ID: r.ID, CompanyID: r.CompanyID, JobcentreID: r.JobcentreID, Kind: r.Kind, Title: r.Title, Branch: r.Branch,
			Lat: r.Lat, Lon: r.Lon, HoursMin: r.HoursMin, HoursMax: r.HoursMax, SeatsFree: max(0, r.Seats-taken[r.ID]),
			StartDate: r.StartDate, Status: r.Status, DanishLevel: r.DanishLevel, DriversLicence: r.DriversLicence,
			MentorAvailable: r.MentorAvailable, RecentProposals: recent[r.CompanyID],
		}
		ops = append(ops, o)
		s.byID[r.ID] = SnapOpening{Opening: o, Company: r.CompanyName, Town: r.Town, Seats: r.Seats, Updated: r.UpdatedAt}
	}
	s.Index = matching.NewOpeningIndex(ops)
	c.snap = s
	return s, nil
}

// refreshRows brings the rows up to date: a full read the first time and
// every RowsFullReload, otherwise only the rows changed since. The caller
// holds c.mu.
func (c *Openings) refreshRows(ctx context.Context, src OpeningSource, now func() time.Time) (*openingRows, error) {
	r := c.rows
	if r == nil || now().Sub(r.fullAt) >= RowsFullReload {
		all, err := src.OpeningsForMatching(ctx, time.Time{})
		if err != nil {
			return nil, err
		}
		r = &openingRows{fullAt: now(), rows: make(map[int64]store.MatchingOpening, len(all))}
		for _, o := range all {
			r.rows[o.ID] = o
			if o.UpdatedAt.After(r.mark) {
				r.mark = o.UpdatedAt
			}
		}
		c.rows = r
		return r, nil
	}
	changed, err := src.OpeningsForMatching(ctx, r.mark.Add(-RowsOverlap))
	if err != nil {
		return nil, err
	}
	for _, o := range changed {
		if o.Live() {
			r.rows[o.ID] = o
		} else {
			delete(r.rows, o.ID)
		}
		if o.UpdatedAt.After(r.mark) {
			r.mark = o.UpdatedAt
		}
	}
	return r, nil
}
