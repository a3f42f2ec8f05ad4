package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"placering/models"
	"placering/store"
)

func mkCitizen(t *testing.T, s *store.Store, jc int64, n int) models.Citizen {
	t.Helper()
	c := models.Citizen{JobcentreID: jc, CPRMasked: "010190-XXXX", CPRHash: fmt.Sprintf("hash-%d", n), CPRCipher: "x",
		CitizenFields: models.CitizenFields{Name: fmt.Sprintf("Borger %d", n), TargetGroup: models.Gruppe1, ConsentShare: n%2 == 0}}
	if err := s.CreateCitizen(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func mkOpening(t *testing.T, s *store.Store, f fixture, seats int, branch string) models.Opening {
	t.Helper()
	o := models.Opening{JobcentreID: f.jc.ID, OpeningFields: models.OpeningFields{CompanyID: f.company.ID, Kind: models.KindFleksjob,
		Title: "Lagermedarbejder", Branch: branch, HoursMin: 10, HoursMax: 20, Seats: seats, Status: models.StatusOpen}}
	if err := s.CreateOpening(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// mkMatch stores a match in state st, changed at the given time.
func mkMatch(t *testing.T, s *store.Store, c models.Citizen, o models.Opening, st models.MatchState, at time.Time) models.Match {
	t.Helper()
	m := models.Match{JobcentreID: c.JobcentreID, CitizenID: c.ID, OpeningID: o.ID, CompanyID: o.CompanyID, State: st, StateChangedAt: at}
	if err := s.CreateMatch(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func startOf(m models.Match, by int64) store.Transition {
	oid := m.OpeningID
	return store.Transition{From: models.MatchAgreed, To: models.MatchStarted, By: by, At: time.Now().UTC(),
		Placement: &models.Placement{JobcentreID: m.JobcentreID, CitizenID: m.CitizenID, OpeningID: &oid, CompanyID: m.CompanyID,
			Kind: models.KindFleksjob, StartDate: models.DateOf(time.Now()), Status: models.PlacementActive}}
}

// Many consultants start matches on one opening at the same moment: exactly
// as many succeed as there are seats, the rest fail with ErrNoSeat and
// leave nothing behind (no state change, no event, no placement).
func TestStartClaimsSeatsAtomically(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		o := mkOpening(t, s, f, 3, "transport_lager_logistik")
		const n = 8
		ms := make([]models.Match, n)
		for i := range ms {
			ms[i] = mkMatch(t, s, mkCitizen(t, s, f.jc.ID, i), o, models.MatchAgreed, time.Now().UTC())
		}
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range ms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.TransitionMatch(ctx, ms[i].ID, startOf(ms[i], 1))
			}()
		}
		wg.Wait()
		ok := 0
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, store.ErrNoSeat):
				m, gerr := s.GetMatch(ctx, ms[i].ID)
				h, herr := s.MatchHistory(ctx, []int64{ms[i].ID})
				if gerr != nil || herr != nil || m.State != models.MatchAgreed || len(h[ms[i].ID]) != 1 {
					t.Fatalf("a refused start half-wrote: state %s, %d events", m.State, len(h[ms[i].ID]))
				}
			default:
				t.Fatalf("start %d: %v", i, err)
			}
		}
		taken, err := s.SeatsTaken(ctx, []int64{o.ID})
		if err != nil {
			t.Fatal(err)
		}
		if ok != 3 || taken[o.ID] != 3 {
			t.Fatalf("%d starts succeeded and %d seats are taken, want 3 and 3", ok, taken[o.ID])
		}
		// A start moves only from the state it was read in.
		if err := s.TransitionMatch(ctx, ms[0].ID, store.Transition{From: models.MatchAgreed, To: models.MatchRejected, By: 1, At: time.Now()}); err != nil && !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale move: %v", err)
		}
	})
}

func TestStartOnArchivedOpeningIsRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		o := mkOpening(t, s, f, 2, "transport_lager_logistik")
		m := mkMatch(t, s, mkCitizen(t, s, f.jc.ID, 1), o, models.MatchAgreed, time.Now().UTC())
		if err := s.ArchiveOpening(ctx, o.ID, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.TransitionMatch(ctx, m.ID, startOf(m, 1)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("start on an archived opening: %v", err)
		}
		if got, _ := s.GetMatch(ctx, m.ID); got.State != models.MatchAgreed {
			t.Fatalf("state changed to %s", got.State)
		}
	})
}

func TestListMatchesStalledPerJobcentre(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		jcB := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
		if err := s.CreateJobcentre(ctx, &jcB); err != nil {
			t.Fatal(err)
		}
		o := mkOpening(t, s, f, 9, "transport_lager_logistik")
		now := time.Now().UTC()
		old := now.Add(-10 * 24 * time.Hour)
		oldA := mkMatch(t, s, mkCitizen(t, s, f.jc.ID, 1), o, models.MatchContacted, old)
		mkMatch(t, s, mkCitizen(t, s, f.jc.ID, 2), o, models.MatchContacted, now) // fresh
		mkMatch(t, s, mkCitizen(t, s, f.jc.ID, 3), o, models.MatchStarted, old)   // final
		mkMatch(t, s, mkCitizen(t, s, f.jc.ID, 4), o, models.MatchRejected, old)  // final
		oldB := mkMatch(t, s, mkCitizen(t, s, jcB.ID, 5), o, models.MatchProposed, old)

		ids := func(f models.MatchFilter) []int64 {
			t.Helper()
			ms, _, err := s.ListMatches(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, m := range ms {
				out = append(out, m.ID)
			}
			return out
		}
		// A's limit is 7 days, B's 14: only A's old open match has stalled.
		got := ids(models.MatchFilter{StalledBefore: map[int64]time.Time{f.jc.ID: now.Add(-7 * 24 * time.Hour), jcB.ID: now.Add(-14 * 24 * time.Hour)}})
		if len(got) != 1 || got[0] != oldA.ID {
			t.Fatalf("stalled: %v, want [%d]", got, oldA.ID)
		}
		got = ids(models.MatchFilter{StalledBefore: map[int64]time.Time{jcB.ID: now.Add(-7 * 24 * time.Hour)}})
		if len(got) != 1 || got[0] != oldB.ID {
			t.Fatalf("stalled in B: %v, want [%d]", got, oldB.ID)
		}
		if got := ids(models.MatchFilter{StalledBefore: map[int64]time.Time{}}); len(got) != 0 {
			t.Fatalf("no jobcentre named, yet stalled: %v", got)
		}
		if got := ids(models.MatchFilter{JobcentreID: f.jc.ID, Kinds: []string{"fleksjob"}, States: []string{"kontaktet"}}); len(got) != 2 {
			t.Fatalf("filter by jobcentre, kind and state: %v", got)
		}
	})
}

// Matching reads whole jobcentres at once: lists of ids far beyond what
// one SQL statement may bind must work on both databases.
func TestMatchingReadsLargeIDLists(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		o := mkOpening(t, s, f, 5, "")
		c1, c2 := mkCitizen(t, s, f.jc.ID, 1), mkCitizen(t, s, f.jc.ID, 2)
		m := mkMatch(t, s, c1, o, models.MatchAgreed, time.Now().UTC())
		if err := s.TransitionMatch(ctx, m.ID, startOf(m, 1)); err != nil {
			t.Fatal(err)
		}
		big := make([]int64, 70000)
		for i := range big {
			big[i] = int64(i + 1_000_000)
		}
		big = append(big, c1.ID, c2.ID)
		cs, err := s.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: f.jc.ID, IDs: big})
		if err != nil || len(cs) != 2 {
			t.Fatalf("citizens by 70,000 ids: %d, %v", len(cs), err)
		}
		// Consent per kind: c1 has only the general consent_share (false
		// here) and a fleksjob consent; c2 the general one and praktik.
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(s.SetCitizenConsents(ctx, c1.ID, []models.Kind{models.KindFleksjob}, 1, time.Now()))
		must(s.SetCitizenConsents(ctx, c2.ID, []models.Kind{models.KindPraktik, models.KindIGU}, 1, time.Now()))
		must(s.SetCitizenConsents(ctx, c2.ID, []models.Kind{models.KindPraktik}, 1, time.Now())) // IGU withdrawn
		cs, err = s.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: f.jc.ID, ConsentKind: models.KindPraktik})
		if err != nil || len(cs) != 1 || cs[0].ID != c2.ID {
			t.Fatalf("consent for praktik: %v, %v", cs, err)
		}
		for _, k := range []models.Kind{models.KindIGU, models.KindLoentilskud} {
			if cs, err = s.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: f.jc.ID, ConsentKind: k}); err != nil || len(cs) != 0 {
				t.Fatalf("consent for %s: %v, %v", k, cs, err)
			}
		}
		got, err := s.CitizenConsents(ctx, []int64{c1.ID, c2.ID})
		if err != nil || len(got[c1.ID]) != 1 || got[c1.ID][0].Kind != models.KindFleksjob || len(got[c2.ID]) != 1 || got[c2.ID][0].RecordedBy != 1 {
			t.Fatalf("consents: %+v, %v", got, err)
		}
		hist, err := s.PlacementHistory(ctx, big)
		if err != nil || len(hist[c1.ID]) != 1 || len(hist[c2.ID]) != 0 {
			t.Fatalf("placement history: %v, %v", hist, err)
		}
		// The opening has no branch of its own: the company's stands in.
		if p := hist[c1.ID][0]; p.Branch != "transport_lager_logistik" || p.CompanyID != f.company.ID || p.Status != models.PlacementActive {
			t.Fatalf("history row: %+v", p)
		}
		taken, err := s.SeatsTaken(ctx, append(big, o.ID))
		if err != nil || taken[o.ID] != 1 {
			t.Fatalf("seats taken by 70,000 ids: %v, %v", taken, err)
		}
	})
}
