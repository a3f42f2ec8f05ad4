package derived

import (
	"context"
	"sync"
	"testing"
	"time"

	"placering/matching"
	"placering/models"
	"placering/store"
)

// source is an OpeningSource in memory that records what it was asked.
type source struct {
	mu    sync.Mutex
	rows  []store.MatchingOpening
	taken map[int64]int
	since []time.Time // OpeningsForMatching's arguments
}

func (s *source) OpeningsForMatching(_ context.Context, since time.Time) ([]store.MatchingOpening, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.since = append(s.since, since)
	var out []store.MatchingOpening
	for _, r := range s.rows {
		if since.IsZero() && !r.Live() {
			continue
		}
		if r.UpdatedAt.After(since) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *source) SeatsTaken(context.Context, []int64) (map[int64]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int64]int{}
	for k, v := range s.taken {
		out[k] = v
	}
	return out, nil
}

func (s *source) RecentProposalsByCompany(context.Context, time.Time) (map[int64]int, error) {
	return map[int64]int{}, nil
}

func (s *source) set(rows ...store.MatchingOpening) {
	s.mu.Lock()
	s.rows = rows
	s.mu.Unlock()
}

func opening(id int64, updated time.Time, status models.OpeningStatus) store.MatchingOpening {
	var o store.MatchingOpening
	o.ID, o.CompanyID, o.Seats, o.Status, o.UpdatedAt, o.Kind = id, 10*id, 2, status, updated, models.KindPraktik
	return o
}

func TestOpeningsSnapshot(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	now := t0
	clock := func() time.Time { return now }
	src := &source{taken: map[int64]int{1: 1}}
	src.set(opening(1, t0.Add(-time.Hour), models.StatusOpen), opening(2, t0.Add(-time.Hour), models.StatusOpen),
		opening(3, t0.Add(-time.Hour), models.StatusClosed))
	var c Openings
	if c.Current() != nil {
		t.Fatal("a snapshot before the first build")
	}
	s1, err := c.Snapshot(ctx, src, clock)
	if err != nil {
		t.Fatal(err)
	}
	if got := s1.Openings(matching.Virksomhedscentre{20: {models.Gruppe2}}); len(got) != 2 || got[0].ID != 1 || got[1].ID != 2 ||
		got[0].SeatsFree != 1 || got[1].VirksomhedscenterTargetGroups[0] != models.Gruppe2 || s1.Seats(1) != 2 || c.Current() != s1 {
		t.Fatalf("snapshot openings: %+v", got)
	}
	// Within the TTL the snapshot is reused, whatever changed.
	now = t0.Add(SnapshotTTL - time.Second)
	src.set(opening(1, t0.Add(-time.Hour), models.StatusOpen), opening(2, now, models.StatusClosed))
	if s, _ := c.Snapshot(ctx, src, clock); s != s1 {
		t.Fatal("rebuilt within the TTL")
	}
	// Past it, only the changed rows are read, with the overlap.
	now = t0.Add(SnapshotTTL)
	s2, _ := c.Snapshot(ctx, src, clock)
	if s2 == s1 || len(s2.Openings(nil)) != 1 {
		t.Fatalf("after the TTL: %+v", s2.Openings(nil))
	}
	if last := src.since[len(src.since)-1]; !last.Equal(t0.Add(-time.Hour - RowsOverlap)) {
		t.Fatalf("incremental read since %v", last)
	}
	// Invalidate forces a rebuild at once.
	c.Invalidate()
	if c.Current() != nil {
		t.Fatal("invalidated snapshot kept")
	}
	if s3, _ := c.Snapshot(ctx, src, clock); s3 == s2 {
		t.Fatal("not rebuilt after Invalidate")
	}
	// After RowsFullReload the rows are read whole again.
	now = t0.Add(RowsFullReload)
	c.Invalidate()
	c.Snapshot(ctx, src, clock)
	if last := src.since[len(src.since)-1]; !last.IsZero() {
		t.Fatalf("full reload read since %v", last)
	}
}

// Run with -race: concurrent requests share one snapshot.
func TestOpeningsConcurrent(t *testing.T) {
	src := &source{}
	src.set(opening(1, time.Now(), models.StatusOpen))
	var c Openings
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				s, err := c.Snapshot(context.Background(), src, time.Now)
				if err != nil || len(s.Openings(nil)) != 1 {
					t.Errorf("snapshot: %v", err)
					return
				}
				c.Invalidate()
			}
		}()
	}
	wg.Wait()
}
