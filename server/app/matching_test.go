package app_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/models"
	"placering/search/memsearch"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/store"
	"placering/store/storetest"
)

// clock is a settable time source for App.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type world struct {
	app     *app.App
	clock   *clock
	admin   *models.User
	cons    *models.User
	jc      models.Jobcentre
	citizen models.Citizen
	praktik models.Opening
	newApp  func() *app.App // another replica on the same database
	store   *store.Store    // the app's, for setting up rows
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newWorld(t *testing.T, b storetest.Backend) *world {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, b)
	vault, err := cprvault.New(bytes.Repeat([]byte{7}, cprvault.KeySize))
	must(t, err)
	w := &world{clock: &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}, store: st}
	w.newApp = func() *app.App {
		return app.New(app.Deps{Store: st, Vault: vault, Index: memsearch.New(), Now: w.clock.now})
	}
	w.app = w.newApp()
	w.jc = models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	must(t, st.CreateJobcentre(ctx, &w.jc))
	// A second tenant, with default settings, for the administrator's board.
	must(t, st.CreateJobcentre(ctx, &models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}))
	admin, err := w.app.CreateUser(ctx, nil, app.UserInput{Email: "admin@test.dk", Name: "Admin", Password: "hemmelig-kode-123", Role: models.RoleAdmin})
	must(t, err)
	cons, err := w.app.CreateUser(ctx, nil, app.UserInput{Email: "kons@test.dk", Name: "Kons", Password: "hemmelig-kode-123",
		Role: models.RoleConsultant, JobcentreID: &w.jc.ID})
	must(t, err)
	w.admin, w.cons = &admin, &cons
	co := models.Company{JobcentreID: w.jc.ID, CompanyFields: models.CompanyFields{CVR: "10150817", Name: "Kronborg Lager ApS",
		Branch: "transport_lager_logistik", Town: "Helsingør", Lat: 56.036, Lon: 12.612}}
	must(t, st.CreateCompany(ctx, &co))
	cpr := "2011903456"
	w.citizen, err = w.app.CreateCitizen(ctx, w.cons, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
		Name: "Peter Gruppe", TargetGroup: models.Gruppe1, GoalBranch: "transport_lager_logistik", GoalTitle: "Lagermedarbejder",
		DanishLevel: models.DanishFluent, Lat: 56.035, Lon: 12.605, MaxCommuteKm: 20, HoursCapacity: 25}})
	must(t, err)
	w.praktik, err = w.app.CreateOpening(ctx, w.cons, models.OpeningFields{CompanyID: co.ID, Kind: models.KindPraktik,
		Title: "Lagermedarbejder i praktik", HoursMin: 10, HoursMax: 25, Seats: 1, StartDate: models.DateOf(w.clock.now()).AddDays(14)})
	must(t, err)
	return w
}

func eachBackend(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			fn(t, newWorld(t, b))
		})
	}
}

// A match stalls after the jobcentre's own number of days without a change
// of state; a move resets the clock; a final state never stalls.
func TestStalledFollowsTheJobcentreSetting(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		m, err := w.app.ProposeMatch(ctx, w.cons, app.ProposeInput{CitizenID: w.citizen.ID, OpeningID: w.praktik.ID})
		must(t, err)
		s := app.DefaultSettings(w.jc.ID)
		s.StalledAfterDays = 3
		_, err = w.app.SaveMatchingSettings(ctx, w.admin, s)
		must(t, err)

		stalled := func() (bool, int64) {
			t.Helper()
			got, err := w.app.GetMatch(ctx, w.cons, m.ID)
			must(t, err)
			list, err := w.app.ListMatches(ctx, w.cons, models.MatchFilter{}, true)
			must(t, err)
			return got.Stalled, list.Total
		}
		if st, n := stalled(); st || n != 0 {
			t.Fatalf("fresh match stalled: %v, %d listed", st, n)
		}
		w.clock.add(4 * 24 * time.Hour)
		if st, n := stalled(); !st || n != 1 {
			t.Fatalf("4 days in one state with a 3-day limit: stalled %v, %d listed", st, n)
		}
		_, err = w.app.MoveMatch(ctx, w.cons, m.ID, app.MoveInput{State: models.MatchContacted})
		must(t, err)
		w.clock.add(2 * 24 * time.Hour)
		if st, n := stalled(); st || n != 0 {
			t.Fatalf("2 days after a move: stalled %v, %d listed", st, n)
		}
		// An administrator's board across jobcentres uses each one's limit.
		list, err := w.app.ListMatches(ctx, w.admin, models.MatchFilter{}, true)
		must(t, err)
		if list.Total != 0 {
			t.Fatalf("admin board: %d stalled", list.Total)
		}
		w.clock.add(2 * 24 * time.Hour)
		if list, err = w.app.ListMatches(ctx, w.admin, models.MatchFilter{}, true); err != nil || list.Total != 1 || !list.Items[0].Stalled {
			t.Fatalf("admin board after 4 days: %+v %v", list, err)
		}
		_, err = w.app.MoveMatch(ctx, w.cons, m.ID, app.MoveInput{State: models.MatchRejected, Reason: "borger_transport"})
		must(t, err)
		w.clock.add(30 * 24 * time.Hour)
		if st, n := stalled(); st || n != 0 {
			t.Fatalf("a rejected match stalled: %v, %d", st, n)
		}
	})
}

// Another replica changes an opening: this replica's snapshot is seconds
// old, yet it never shows the stale proposal.
func TestProposalsAreCheckedAgainstTheDatabase(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		proposed := func() bool {
			t.Helper()
			res, err := w.app.CitizenMatches(ctx, w.cons, w.citizen.ID, 20, false)
			must(t, err)
			for _, it := range res.Items {
				if it.OpeningID == w.praktik.ID {
					return true
				}
			}
			return false
		}
		if !proposed() {
			t.Fatal("praktik not proposed to a group 1 citizen")
		}
		// Nothing changed: the snapshot is reused, not rebuilt per request.
		snap := w.app.Snapshot()
		if proposed(); w.app.Snapshot() != snap {
			t.Fatal("an unchanged snapshot was rebuilt")
		}
		other := w.newApp()
		_, err := other.UpdateOpening(ctx, w.cons, w.praktik.ID, func(f *models.OpeningFields) error {
			f.Kind = models.KindIGU // refugees only
			return nil
		})
		must(t, err)
		if proposed() {
			t.Fatal("an opening changed to IGU on another replica is still proposed to a group 1 citizen")
		}
		_, err = other.UpdateOpening(ctx, w.cons, w.praktik.ID, func(f *models.OpeningFields) error {
			f.Kind = models.KindPraktik
			return nil
		})
		must(t, err)
		w.clock.add(time.Minute) // past the snapshot's lifetime
		if !proposed() {
			t.Fatal("praktik not proposed again")
		}
		// The other replica fills the only seat.
		cpr := "0101851234"
		c2, err := other.CreateCitizen(ctx, w.cons, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
			Name: "Anden Borger", TargetGroup: models.Gruppe1, Lat: 56.03, Lon: 12.6, HoursCapacity: 20}})
		must(t, err)
		m, err := other.ProposeMatch(ctx, w.cons, app.ProposeInput{CitizenID: c2.ID, OpeningID: w.praktik.ID})
		must(t, err)
		for _, st := range []models.MatchState{models.MatchAgreed, models.MatchStarted} {
			_, err = other.MoveMatch(ctx, w.cons, m.ID, app.MoveInput{State: st})
			must(t, err)
		}
		if proposed() {
			t.Fatal("an opening whose last seat was taken on another replica is still proposed")
		}
	})
}

// Two equally good openings: the one whose employer has had fewer recent
// proposals comes first, and the list says why.
func TestLoadSpreadingFavoursTheLessBusyEmployer(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		co := models.Company{JobcentreID: w.jc.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Øresund Lager A/S",
			Branch: "transport_lager_logistik", Town: "Helsingør", Lat: 56.036, Lon: 12.612}}
		must(t, w.store.CreateCompany(ctx, &co))
		twin, err := w.app.CreateOpening(ctx, w.cons, models.OpeningFields{CompanyID: co.ID, Kind: models.KindPraktik,
			Title: w.praktik.Title, HoursMin: 10, HoursMax: 25, Seats: 1, StartDate: w.praktik.StartDate})
		must(t, err)
		order := func() (first, second app.MatchItem) {
			t.Helper()
			res, err := w.app.CitizenMatches(ctx, w.cons, w.citizen.ID, 2, false)
			must(t, err)
			if len(res.Items) != 2 {
				t.Fatalf("want the two praktik openings, got %+v", res.Items)
			}
			return res.Items[0], res.Items[1]
		}
		first, second := order()
		if first.Score != second.Score || first.OpeningID != w.praktik.ID {
			t.Fatalf("equal openings without proposals: %v (%v) before %v (%v)", first.OpeningID, first.Score, second.OpeningID, second.Score)
		}
		// Three other citizens are proposed to the first employer.
		for _, cpr := range []string{"0101801234", "0202801234", "0303801234"} {
			c, err := w.app.CreateCitizen(ctx, w.cons, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
				Name: "Borger " + cpr[:4], TargetGroup: models.Gruppe1, Lat: 56.03, Lon: 12.6, HoursCapacity: 20}})
			must(t, err)
			_, err = w.app.ProposeMatch(ctx, w.cons, app.ProposeInput{CitizenID: c.ID, OpeningID: w.praktik.ID})
			must(t, err)
		}
		w.clock.add(time.Minute) // proposal counts reach the index within its lifetime
		first, second = order()
		if first.OpeningID != twin.ID || second.OpeningID != w.praktik.ID || second.Score >= first.Score {
			t.Fatalf("the busier employer's opening should come second: %v (%v), %v (%v)", first.OpeningID, first.Score, second.OpeningID, second.Score)
		}
		for _, f := range second.Factors {
			if f.Name == "belastning" && (f.Contribution != -0.75 || f.Reason == "") {
				t.Fatalf("load factor: %+v", f)
			}
		}
	})
}

// Starting a match on an opening whose placement would end after 2100 is
// refused like a direct create, not stored with the end date dropped.
func TestStartingAMatchPastTheDateRangeIsRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		far, err := w.app.CreateOpening(ctx, w.cons, models.OpeningFields{CompanyID: w.praktik.CompanyID, Kind: models.KindPraktik,
			Title: w.praktik.Title, HoursMin: 10, HoursMax: 25, Seats: 1, StartDate: models.NewDate(2100, 10, 1), DurationWeeks: 26})
		must(t, err)
		m, err := w.app.ProposeMatch(ctx, w.cons, app.ProposeInput{CitizenID: w.citizen.ID, OpeningID: far.ID})
		must(t, err)
		for _, s := range []models.MatchState{models.MatchContacted, models.MatchInterview, models.MatchAgreed} {
			_, err := w.app.MoveMatch(ctx, w.cons, m.ID, app.MoveInput{State: s})
			must(t, err)
		}
		_, err = w.app.MoveMatch(ctx, w.cons, m.ID, app.MoveInput{State: models.MatchStarted})
		var fe models.FieldErrors
		if !errors.As(err, &fe) || !fe.Has("state") || !strings.Contains(fe.For("state"), "2100") {
			t.Fatalf("start past 2100: %v", err)
		}
		got, err := w.app.ListPlacements(ctx, w.cons, models.PlacementFilter{CitizenID: w.citizen.ID})
		must(t, err)
		if got.Total != 0 {
			t.Fatalf("a placement was stored: %+v", got.Items)
		}
	})
}
