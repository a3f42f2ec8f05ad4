package app_test

import (
	"context"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
	"placering/store"
)

// BenchmarkUIPagesAtScale measures the app calls behind the browser's
// pages of issue 5 on the same load as BenchmarkProgressionAtScale (5,000
// active placements, 20,000 in all, two years of weekly hours):
//
//   - sheet: one page (50 rows) of the bulk hours page for the whole
//     jobcentre, and for a consultant with a caseload of 100 citizens
//     (the load gives every citizen to one consultant, so the bench hands
//     100 of them to a second one the first time it runs on a schema);
//   - alert-list: the first page of the alert dashboard, for the whole
//     jobcentre and for that consultant's citizens (a consultant's default);
//   - placements-of: the placement list narrowed to that consultant.
//
// Run it like BenchmarkProgressionAtScale, e.g.
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	PROGRESSION_BENCH_SCHEMA=bench_progression \
//	  go test -run '^$' -bench UIPagesAtScale -benchtime 10x ./server/app/
func BenchmarkUIPagesAtScale(b *testing.B) {
	ctx := context.Background()
	st, ld, _ := openProgressionLoad(b)
	a := app.New(app.Deps{Store: st, Now: func() time.Time { return loadToday }})
	week := models.ISOWeekOf(models.DateOf(loadToday))
	caseload := caseloadConsultant(b, st, ld, 100)

	for _, mine := range []bool{false, true} {
		name, u := "sheet-jobcentre", &ld.consultant
		if mine {
			name, u = "sheet-caseload100", &caseload
		}
		b.Run(name, func(b *testing.B) {
			var total int64
			for i := 0; i < b.N; i++ {
				s, err := a.HoursSheet(ctx, u, app.HoursSheetFilter{Week: week, OnlyMine: mine, Page: models.Page{PerPage: 50}})
				if err != nil {
					b.Fatal(err)
				}
				total = s.Total
			}
			b.ReportMetric(float64(total), "rows")
		})
	}
	b.Run("alert-list-jobcentre", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := a.AlertList(ctx, &ld.consultant, app.AlertFilter{Page: models.Page{PerPage: 50}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("alert-list-caseload100", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := a.AlertList(ctx, &caseload, app.AlertFilter{Page: models.Page{PerPage: 50}, ConsultantID: caseload.ID}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("placements-of", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := a.ListPlacementsOf(ctx, &caseload, models.PlacementFilter{Page: models.Page{PerPage: 25}, Statuses: []string{"aktiv"}},
				caseload.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// caseloadConsultant is a second consultant of the load's jobcentre who is
// responsible for n of its citizens, made on first use.
func caseloadConsultant(b *testing.B, st *store.Store, ld progressionLoad, n int) models.User {
	b.Helper()
	ctx := context.Background()
	if u, err := st.UserByEmail(ctx, "kons2@load.test"); err == nil {
		return u
	}
	u := models.User{Email: "kons2@load.test", Name: "Konsulent 2", PasswordHash: "x", Role: models.RoleConsultant, JobcentreID: &ld.jc.ID}
	must2(b, st.CreateUser(ctx, &u))
	cs, err := st.ProgressionCitizens(ctx, store.CitizenFilterLite{JobcentreID: ld.jc.ID})
	must2(b, err)
	for _, pc := range cs[:min(n, len(cs))] {
		c, err := st.GetCitizen(ctx, pc.ID)
		must2(b, err)
		c.ConsultantID = &u.ID
		must2(b, st.UpdateCitizen(ctx, &c))
	}
	return u
}
