package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"placering/matching/progression"
	"placering/models"
	"placering/server/app"
	"placering/store"
	"placering/store/storetest"
)

// progressionLoad is a generated jobcentre with a caseload's worth of
// placements and weekly hours.
type progressionLoad struct {
	jc         models.Jobcentre
	consultant models.User
	active     []models.Placement // one running placement per citizen
	hours      int
}

// loadToday is the day the load data is generated and computed for.
var loadToday = time.Date(2027, time.March, 3, 10, 0, 0, 0, time.UTC)

// generateProgressionLoad creates n citizens in one jobcentre, each with a
// chain of placements over the last two years: three of about 26 weeks
// that ended (completed or interrupted) and a running fourth. Every week
// of every placement has hours that climb the plan with noise, some
// absence and, at ordinary-hours jobs, ordinary hours. Rows go in with
// multi-row inserts (store.ImportPlacements, store.ImportHours).
func generateProgressionLoad(tb testing.TB, st *store.Store, n int) progressionLoad {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, uint64(n)))
	var ld progressionLoad
	ld.jc = models.Jobcentre{MunicipalityNo: "101", Name: "Jobcenter København"}
	must2(tb, st.CreateJobcentre(ctx, &ld.jc))
	ld.consultant = models.User{Email: "kons@load.test", Name: "Konsulent", PasswordHash: "x", Role: models.RoleConsultant, JobcentreID: &ld.jc.ID}
	must2(tb, st.CreateUser(ctx, &ld.consultant))

	branches := []string{"transport_lager_logistik", "bygge_anlaeg", "butik_detail", "rengoering_hotel_restauration_koekken", "pleje_omsorg_frisoer"}
	companies := make([]models.Company, 50)
	for i := range companies {
		companies[i] = models.Company{JobcentreID: ld.jc.ID, CompanyFields: models.CompanyFields{CVR: cvr(10000000 + i*37), Name: fmt.Sprintf("Virksomhed %d", i),
			Branch: branches[i%len(branches)]}}
		must2(tb, st.CreateCompany(ctx, &companies[i]))
	}

	groups := []models.TargetGroup{models.Gruppe1, models.Gruppe1, models.Gruppe1, models.Gruppe2, models.Gruppe2, models.Gruppe2,
		models.Gruppe3, models.Flygtning, models.LedigFleksjobvisitert, models.Gruppe4}
	today := models.DateOf(loadToday)
	now := models.ISOWeekOf(today)
	citizens := make([]models.Citizen, n)
	must2(tb, st.Tx(ctx, func(tx *store.Store) error {
		for i := range citizens {
			g := groups[i%len(groups)]
			c := models.Citizen{JobcentreID: ld.jc.ID, CPRMasked: "010190-XXXX", CPRHash: fmt.Sprintf("load-%d", i), CPRCipher: "x",
				CitizenFields: models.CitizenFields{Name: fmt.Sprintf("Borger %d", i), TargetGroup: g, ConsultantID: &ld.consultant.ID,
					GroupEnteredOn: today.AddDays(-rng.IntN(900))}}
			if g == models.Flygtning {
				c.ArrivalDate = c.GroupEnteredOn
			}
			if err := tx.CreateCitizen(ctx, &c); err != nil {
				return err
			}
			citizens[i] = c
		}
		return nil
	}))

	kinds := []models.Kind{models.KindPraktik, models.KindPraktik, models.KindLoentilskud, models.KindOrdinaereTimer}
	var ps []models.Placement
	for _, c := range citizens {
		start := now.AddWeeks(-104 + rng.IntN(3))
		for k := 0; k < 4; k++ {
			weeks := 26
			p := models.Placement{JobcentreID: ld.jc.ID, CitizenID: c.ID, CompanyID: companies[rng.IntN(len(companies))].ID,
				Kind: kinds[(k+rng.IntN(2))%len(kinds)], StartDate: start.Monday(), Status: models.PlacementCompleted}
			p.Plan = models.DefaultPlan(float64(5+rng.IntN(6)), float64(15+rng.IntN(16)))
			if k < 3 {
				p.EndDate = start.AddWeeks(weeks - 1).Sunday()
				p.EndedOn = p.EndDate
				p.Outcome = models.OutcomeOther
				if rng.IntN(5) == 0 {
					p.Status, p.Outcome = models.PlacementInterrupted, ""
				}
			} else {
				p.Status, p.EndDate = models.PlacementActive, today.AddDays(7*(4+rng.IntN(20)))
			}
			ps = append(ps, p)
			start = start.AddWeeks(weeks)
		}
	}
	must2(tb, st.ImportPlacements(ctx, ps))

	batch := make([]models.WeeklyHours, 0, 50000)
	flush := func() {
		must2(tb, st.ImportHours(ctx, batch))
		ld.hours += len(batch)
		batch = batch[:0]
	}
	reasons := []models.AbsenceReason{models.AbsenceIllness, models.AbsenceIllness, models.AbsenceNoShow, models.AbsenceOther}
	for _, p := range ps {
		if p.Status == models.PlacementActive {
			ld.active = append(ld.active, p)
		}
		last := models.ISOWeekOf(p.LastDay())
		if now.Before(last) {
			last = now
		}
		level := 0.0
		for w := models.ISOWeekOf(p.StartDate); !last.Before(w); w = w.AddWeeks(1) {
			plan := p.PlannedFor(w)
			level = min(plan, level+rng.Float64()*3)
			v := models.HourValues{Worked: float64(int(level*2)) / 2}
			if plan > 0 && rng.IntN(20) == 0 {
				v.Absent, v.AbsenceReason, v.Worked = plan-v.Worked/2, reasons[rng.IntN(len(reasons))], v.Worked/2
			}
			if p.Kind == models.KindOrdinaereTimer {
				v.Ordinary = v.Worked
			}
			batch = append(batch, models.WeeklyHours{PlacementID: p.ID, JobcentreID: p.JobcentreID, CitizenID: p.CitizenID, Week: w, WeekStart: w.Monday(),
				HourValues: v, HourStamp: models.HourStamp{Source: models.SourceConsultant, EnteredBy: ld.consultant.ID, EnteredAt: loadToday}})
			if len(batch) == cap(batch) {
				flush()
			}
		}
	}
	flush()
	return ld
}

// cvr makes a valid CVR number near n (the modulus-11 check).
func cvr(n int) string {
	for ; ; n++ {
		s := fmt.Sprint(n)
		if models.ValidCVR(s) {
			return s
		}
	}
}

func must2(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// The generator and the jobcentre-wide alert run, at a small size on
// every backend: the run finds alerts of the kinds the data provokes, and
// a consultant's page of them is theirs and audited.
func TestJobcentreAlertsOnGeneratedLoad(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			st := storetest.Open(t, b)
			ld := generateProgressionLoad(t, st, 40)
			if len(ld.active) != 40 || ld.hours < 40*100 {
				t.Fatalf("generated %d active placements and %d weeks", len(ld.active), ld.hours)
			}
			a := app.New(app.Deps{Store: st, Now: func() time.Time { return loadToday }})
			ctx := context.Background()
			all, err := a.JobcentreAlerts(ctx, store.CitizenFilterLite{JobcentreID: ld.jc.ID})
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[progression.Kind]int{}
			for i, it := range all {
				kinds[it.Kind]++
				if i > 0 && it.Due.Before(all[i-1].Due) {
					t.Fatal("alerts are not in due order")
				}
			}
			for _, k := range []progression.Kind{progression.KindDeadline, progression.KindRule225} {
				if kinds[k] == 0 {
					t.Errorf("no %s alerts in two years of generated data: %v", k, kinds)
				}
			}
			one, err := a.JobcentreAlerts(ctx, store.CitizenFilterLite{JobcentreID: ld.jc.ID, IDs: []int64{ld.active[0].CitizenID}})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range one {
				if it.CitizenID != ld.active[0].CitizenID {
					t.Fatalf("alert for another citizen: %+v", it)
				}
			}
			res, err := a.Alerts(ctx, &ld.consultant, app.AlertFilter{Page: models.Page{PerPage: 10}})
			if err != nil || res.Total != int64(len(all)) || len(res.Items) != min(10, len(all)) {
				t.Fatalf("consultant's page: %d of %d, %v", len(res.Items), res.Total, err)
			}
		})
	}
}

// The jobcentre's alerts are cached per process; a write made through
// another replica must still show at once. Here the second App stands
// for another replica on the same database.
func TestCachedAlertsFollowWritesOfOtherReplicas(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			st := storetest.Open(t, b)
			ld := generateProgressionLoad(t, st, 12)
			now := func() time.Time { return loadToday }
			replica1, replica2 := app.New(app.Deps{Store: st, Now: now}), app.New(app.Deps{Store: st, Now: now})
			ctx := context.Background()
			whole := store.CitizenFilterLite{JobcentreID: ld.jc.ID}
			before, err := replica1.JobcentreAlerts(ctx, whole)
			if err != nil || len(before) == 0 {
				t.Fatalf("alerts before: %d, %v", len(before), err)
			}
			victim := before[0].CitizenID
			if err := replica2.ArchiveCitizen(ctx, &ld.consultant, victim); err != nil {
				t.Fatal(err)
			}
			after, err := replica1.JobcentreAlerts(ctx, whole)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range after {
				if it.CitizenID == victim {
					t.Fatalf("replica 1 still shows alerts of a citizen archived on replica 2: %+v", it)
				}
			}
			if len(after) >= len(before) {
				t.Fatalf("%d alerts before the archive, %d after", len(before), len(after))
			}
			// Hours entered on replica 2 for a few placements: replica 1
			// recomputes those citizens only, and must agree with a
			// replica that computes everything afresh.
			week := models.ISOWeekOf(models.DateOf(loadToday)).String()
			in := app.BulkHoursInput{}
			for _, p := range ld.active[1:4] {
				zero, planned := 0.0, 30.0
				seen, err := replica2.HoursOfWeek(ctx, &ld.consultant, p.ID, week)
				if err != nil {
					t.Fatal(err)
				}
				var rev *int
				if seen.Hours != nil {
					rev = &seen.Hours.Revision // changing a saved week names the revision read
				}
				in.Items = append(in.Items, app.BulkHoursItem{PlacementID: p.ID, ISOWeek: week,
					HoursInput: models.HoursInput{Worked: &zero, Planned: &planned, Revision: rev}})
			}
			if _, err := replica2.SaveHoursBulk(ctx, &ld.consultant, in); err != nil {
				t.Fatal(err)
			}
			spliced, err := replica1.JobcentreAlerts(ctx, whole)
			if err != nil {
				t.Fatal(err)
			}
			full, err := (app.New(app.Deps{Store: st, Now: now})).JobcentreAlerts(ctx, whole)
			if err != nil {
				t.Fatal(err)
			}
			keys := func(items []app.AlertItem) []string {
				out := make([]string, len(items))
				for i, it := range items {
					out[i] = it.Key
				}
				return out
			}
			if !slices.Equal(keys(spliced), keys(full)) {
				t.Fatalf("after hours on replica 2, replica 1 has %d alerts, a fresh computation %d:\n%v\n%v",
					len(spliced), len(full), keys(spliced), keys(full))
			}
			if slices.Equal(keys(spliced), keys(after)) {
				t.Fatal("entering zero hours against a plan of 30 changed no alert; the test proves nothing")
			}
		})
	}
}
