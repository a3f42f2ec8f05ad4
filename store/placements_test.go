package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"placering/matching/report"
	"placering/models"
	"placering/store"
)

// placementFixture is a jobcentre with a company, an opening with two
// seats and two citizens.
type placementFixture struct {
	fixture
	opening  models.Opening
	citizens []models.Citizen
}

func seedPlacements(t *testing.T, s *store.Store) placementFixture {
	t.Helper()
	ctx := context.Background()
	f := placementFixture{fixture: seed(t, s)}
	f.opening = models.Opening{JobcentreID: f.jc.ID, OpeningFields: models.OpeningFields{CompanyID: f.company.ID, Kind: models.KindPraktik,
		Title: "Lagermedhjælper", Branch: "transport_lager_logistik", HoursMin: 10, HoursMax: 25, Seats: 2, Status: models.StatusOpen}}
	if err := s.CreateOpening(ctx, &f.opening); err != nil {
		t.Fatal(err)
	}
	for i, g := range []models.TargetGroup{models.Gruppe1, models.Gruppe2} {
		c := models.Citizen{JobcentreID: f.jc.ID, CPRMasked: "010190-XXXX", CPRHash: fmt.Sprintf("pl-%d", i), CPRCipher: "x",
			CitizenFields: models.CitizenFields{Name: fmt.Sprintf("Borger %d", i), TargetGroup: g, GroupEnteredOn: models.NewDate(2026, 10, 1)}}
		if err := s.CreateCitizen(ctx, &c); err != nil {
			t.Fatal(err)
		}
		f.citizens = append(f.citizens, c)
	}
	return f
}

func (f placementFixture) placement(c models.Citizen, status models.PlacementStatus) models.Placement {
	oid := f.opening.ID
	p := models.Placement{JobcentreID: f.jc.ID, CitizenID: c.ID, OpeningID: &oid, CompanyID: f.company.ID, Kind: models.KindPraktik,
		StartDate: models.NewDate(2027, 1, 4), EndDate: models.NewDate(2027, 4, 4), Status: status}
	p.Plan = models.DefaultPlan(10, 25)
	return p
}

func TestPlacementDetailsRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		p.TargetHours = 22.5
		p.CompanyMentor = &models.Mentor{Name: "Lone Berg", Phone: "12345678"}
		p.Note = "Starter kl. 8"
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetPlacement(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Plan) != 4 || got.Plan[3] != (models.PlanStep{FromWeek: 7, Hours: 25}) || got.TargetHours != 22.5 ||
			got.CompanyMentor == nil || got.CompanyMentor.Name != "Lone Berg" || got.JobcentreMentor != nil || got.Evaluation != nil ||
			got.Note != "Starter kl. 8" || !got.EndedOn.IsZero() {
			t.Fatalf("details lost on the way: %+v", got)
		}

		before := got
		got.Status, got.Outcome, got.EndedOn = models.PlacementCompleted, models.OutcomeWageSubsidy, models.NewDate(2027, 3, 31)
		got.Evaluation = &models.PlacementEvaluation{Completion: models.CompletionFull, TasksSolved: "Varemodtagelse",
			Competences: []models.CompetenceRating{{Name: "Mødestabilitet", Rating: 5}}, CitizenView: "Godt forløb", EvaluatedOn: models.NewDate(2027, 3, 31)}
		if err := s.UpdatePlacement(ctx, &got, before); err != nil {
			t.Fatal(err)
		}
		again, _ := s.GetPlacement(ctx, p.ID)
		if again.Status != models.PlacementCompleted || again.Outcome != models.OutcomeWageSubsidy || again.EndedOn != models.NewDate(2027, 3, 31) ||
			again.Evaluation == nil || again.Evaluation.Competences[0].Rating != 5 || again.Evaluation.EvaluatedOn != models.NewDate(2027, 3, 31) {
			t.Fatalf("update lost fields: %+v", again)
		}
		// A second writer who read the placement while it was active loses.
		stale := before
		stale.Status = models.PlacementInterrupted
		if err := s.UpdatePlacement(ctx, &stale, before); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("update from a stale status: %v, want ErrConflict", err)
		}
		taken, _ := s.SeatsTaken(ctx, []int64{f.opening.ID})
		if taken[f.opening.ID] != 0 {
			t.Fatalf("a completed placement still holds a seat: %v", taken)
		}
	})
}

func TestCreatePlacementTakesASeat(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		for i := 0; i < 2; i++ {
			p := f.placement(f.citizens[i%2], models.PlacementPlanned)
			if err := s.CreatePlacement(ctx, &p); err != nil {
				t.Fatal(err)
			}
		}
		third := f.placement(f.citizens[0], models.PlacementPlanned)
		if err := s.CreatePlacement(ctx, &third); !errors.Is(err, store.ErrNoSeat) {
			t.Fatalf("third placement on two seats: %v", err)
		}
		list, total, err := s.ListPlacements(ctx, models.PlacementFilter{JobcentreID: f.jc.ID, ActiveOn: models.NewDate(2027, 2, 1)})
		if err != nil || total != 2 || len(list) != 2 {
			t.Fatalf("active on 1 February: %d %v", total, err)
		}
		if _, total, _ := s.ListPlacements(ctx, models.PlacementFilter{ActiveOn: models.NewDate(2026, 12, 1)}); total != 0 {
			t.Fatalf("placements active before they start: %d", total)
		}
		u := models.User{Email: "k@x.dk", PasswordHash: "x", Role: models.RoleConsultant, JobcentreID: &f.jc.ID}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		c := f.citizens[1]
		c.ConsultantID = &u.ID
		if err := s.UpdateCitizen(ctx, &c); err != nil {
			t.Fatal(err)
		}
		mine, total, err := s.ListPlacements(ctx, models.PlacementFilter{ConsultantID: u.ID})
		if err != nil || total != 1 || mine[0].CitizenID != c.ID {
			t.Fatalf("placements of the consultant's citizens: %d %v", total, err)
		}
		if err := s.ArchiveCitizen(ctx, c.ID, nil); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := s.ListPlacements(ctx, models.PlacementFilter{ConsultantID: u.ID}); total != 1 {
			t.Fatalf("an archived citizen's placements without LiveCitizens: %d, want 1", total)
		}
		if _, total, _ := s.ListPlacements(ctx, models.PlacementFilter{ConsultantID: u.ID, LiveCitizens: true}); total != 0 {
			t.Fatalf("an archived citizen's placements with LiveCitizens: %d, want 0", total)
		}
		if _, total, _ := s.ListPlacements(ctx, models.PlacementFilter{JobcentreID: f.jc.ID, LiveCitizens: true}); total != 1 {
			t.Fatalf("live citizens' placements: %d, want 1", total)
		}
	})
}

// CreatePlacement is the one way to create a placement, directly or from a
// started match: once a seat is taken either way, the other is refused
// with ErrNoSeat and leaves nothing behind.
func TestCreatePlacementRefusesFullOpening(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		o := mkOpening(t, s, f, 1, "transport_lager_logistik")
		a, b := mkCitizen(t, s, f.jc.ID, 1), mkCitizen(t, s, f.jc.ID, 2)
		m := mkMatch(t, s, a, o, models.MatchAgreed, time.Now().UTC())
		if err := s.TransitionMatch(ctx, m.ID, startOf(m, 1)); err != nil {
			t.Fatal(err)
		}
		oid := o.ID
		direct := models.Placement{JobcentreID: f.jc.ID, CitizenID: b.ID, OpeningID: &oid, CompanyID: f.company.ID,
			Kind: models.KindFleksjob, StartDate: models.DateOf(time.Now()), Status: models.PlacementPlanned}
		if err := s.CreatePlacement(ctx, &direct); !errors.Is(err, store.ErrNoSeat) {
			t.Fatalf("direct placement on a full opening: %v, want ErrNoSeat", err)
		}
		if direct.ID != 0 {
			t.Fatalf("refused placement got id %d", direct.ID)
		}
		_, total, err := s.ListPlacements(ctx, models.PlacementFilter{OpeningID: o.ID})
		if err != nil || total != 1 {
			t.Fatalf("placements at the opening: %d %v, want 1", total, err)
		}
		// A finished placement holds no seat, so history may still be recorded.
		done := direct
		done.Status = models.PlacementCompleted
		if err := s.CreatePlacement(ctx, &done); err != nil {
			t.Fatalf("completed placement on a full opening: %v", err)
		}
		// A second started match is refused the same way.
		m2 := mkMatch(t, s, b, o, models.MatchAgreed, time.Now().UTC())
		if err := s.TransitionMatch(ctx, m2.ID, startOf(m2, 1)); !errors.Is(err, store.ErrNoSeat) {
			t.Fatalf("started match on a full opening: %v, want ErrNoSeat", err)
		}
	})
}

func entry(p models.Placement, week string, worked float64, by int64) store.HourEntry {
	w, err := models.ParseISOWeek(week)
	if err != nil {
		panic(err)
	}
	return store.HourEntry{Placement: p, Week: w, Values: models.HourValues{Worked: worked}, Source: models.SourceConsultant, By: by, At: time.Now()}
}

func TestHourCorrectionsKeepHistory(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementPlanned)
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		first, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 10, 7)})
		if err != nil {
			t.Fatal(err)
		}
		if !first[0].Changed || first[0].Hours.Revision != 1 || first[0].Hours.ID == 0 {
			t.Fatalf("first save: %+v", first[0])
		}
		if got, _ := s.GetPlacement(ctx, p.ID); got.Status != models.PlacementActive {
			t.Fatalf("worked hours on a planned placement should mark it active, status %s", got.Status)
		}
		same, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 10, 8)})
		if err != nil || same[0].Changed || same[0].Hours.Revision != 1 {
			t.Fatalf("saving the same figures again: %+v %v", same, err)
		}
		fix := entry(p, "2027-W02", 12, 8)
		fix.Values.Absent, fix.Values.AbsenceReason, fix.Source, fix.Note = 3, models.AbsenceIllness, models.SourceMentor, "Rettet efter timeseddel"
		one := 1
		fix.ExpectedRevision = &one
		second, err := s.SaveHours(ctx, []store.HourEntry{fix})
		if err != nil || !second[0].Changed || second[0].Hours.Revision != 2 || second[0].Hours.ID != first[0].Hours.ID {
			t.Fatalf("correction: %+v %v", second, err)
		}
		hist, err := s.HourHistory(ctx, p.ID, fix.Week)
		if err != nil || len(hist) != 2 {
			t.Fatalf("history: %+v %v", hist, err)
		}
		if hist[0].Worked != 10 || hist[0].EnteredBy != 7 || hist[0].Source != models.SourceConsultant ||
			hist[1].Worked != 12 || hist[1].Absent != 3 || hist[1].EnteredBy != 8 || hist[1].Source != models.SourceMentor || hist[1].Note != "Rettet efter timeseddel" {
			t.Fatalf("history does not show both versions with who entered them: %+v", hist)
		}
		cur, _ := s.HoursOfPlacement(ctx, p.ID)
		if len(cur) != 1 || cur[0].Worked != 12 || cur[0].Revision != 2 || cur[0].Week.String() != "2027-W02" || cur[0].WeekStart != models.NewDate(2027, 1, 11) {
			t.Fatalf("current value is not the latest revision: %+v", cur)
		}
		// A client still holding revision 1 cannot overwrite revision 2.
		late := entry(p, "2027-W02", 9, 7)
		late.ExpectedRevision = &one
		var stale *store.StaleRevisionError
		if _, err := s.SaveHours(ctx, []store.HourEntry{late}); !errors.As(err, &stale) || !errors.Is(err, store.ErrConflict) || stale.Current[0] != 2 {
			t.Fatalf("stale revision: %v", err)
		}
	})
}

// A bulk save lands whole or not at all, whether one entry is stale or the
// database refuses one.
func TestBulkHoursAllOrNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		q := f.placement(f.citizens[1], models.PlacementActive)
		for _, x := range []*models.Placement{&p, &q} {
			if err := s.CreatePlacement(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W01", 10, 1)}); err != nil {
			t.Fatal(err)
		}
		zero := 0
		staleOne := entry(p, "2027-W01", 11, 1)
		staleOne.ExpectedRevision = &zero // the client thinks the week is empty
		batch := []store.HourEntry{entry(p, "2027-W02", 10, 1), entry(q, "2027-W01", 8, 1), staleOne, entry(q, "2027-W02", 9, 1)}
		var stale *store.StaleRevisionError
		if _, err := s.SaveHours(ctx, batch); !errors.As(err, &stale) || len(stale.Items) != 1 || stale.Items[0] != 2 {
			t.Fatalf("stale entry: %v", err)
		}
		refused := entry(q, "2027-W03", 5, 1)
		refused.Values.Ordinary = 6 // the schema's check: ordinary hours are part of worked hours
		if _, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 10, 1), entry(q, "2027-W01", 8, 1), refused}); err == nil {
			t.Fatal("the database accepted more ordinary than worked hours")
		}
		for _, x := range []models.Placement{p, q} {
			rows, _ := s.HoursOfPlacement(ctx, x.ID)
			if x.ID == p.ID && len(rows) != 1 || x.ID == q.ID && len(rows) != 0 {
				t.Fatalf("a failed bulk save left rows behind for placement %d: %+v", x.ID, rows)
			}
		}
		saved, err := s.SaveHours(ctx, batch[:2])
		if err != nil || len(saved) != 2 || !saved[0].Changed || !saved[1].Changed || saved[0].Hours.ID == saved[1].Hours.ID {
			t.Fatalf("good bulk save: %+v %v", saved, err)
		}
	})
}

// Two consultants correct the same week at once without a revision: both
// land as revisions one after the other, or the second fails cleanly; the
// history never has a gap or a duplicate.
func TestConcurrentHourSaves(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		const n = 6
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W05", float64(10+i), int64(i+1))})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, store.ErrConflict):
				t.Fatalf("unexpected error: %v", err)
			}
		}
		hist, _ := s.HourHistory(ctx, p.ID, models.ISOWeek{Year: 2027, Week: 5})
		if len(hist) != ok || ok == 0 {
			t.Fatalf("%d saves succeeded but history has %d revisions", ok, len(hist))
		}
		for i, h := range hist {
			if h.Revision != i+1 {
				t.Fatalf("revisions %+v", hist)
			}
		}
		cur, _ := s.HoursOfPlacement(ctx, p.ID)
		if len(cur) != 1 || cur[0].Revision != len(hist) || cur[0].Worked != hist[len(hist)-1].Worked {
			t.Fatalf("current %+v is not the last revision %+v", cur, hist[len(hist)-1])
		}
	})
}

func TestHoursForProgressionAndReports(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		q := f.placement(f.citizens[1], models.PlacementActive)
		q.OpeningID, q.Kind = nil, models.KindOrdinaereTimer
		for _, x := range []*models.Placement{&p, &q} {
			if err := s.CreatePlacement(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		five := 5.0
		var rows []models.WeeklyHours
		// 2027-W04 is 25–31 January; 2027-W05 (1–7 February) has its
		// Thursday in February; 2026-W53 belongs to December 2026.
		for _, w := range []string{"2026-W53", "2027-W04", "2027-W05"} {
			wk, _ := models.ParseISOWeek(w)
			rows = append(rows, models.WeeklyHours{PlacementID: p.ID, JobcentreID: f.jc.ID, CitizenID: p.CitizenID, Week: wk, WeekStart: wk.Monday(),
				HourValues: models.HourValues{Worked: 10, Planned: &five}, HourStamp: models.HourStamp{Source: models.SourceConsultant, EnteredBy: 1, EnteredAt: time.Now()}})
			rows = append(rows, models.WeeklyHours{PlacementID: q.ID, JobcentreID: f.jc.ID, CitizenID: q.CitizenID, Week: wk, WeekStart: wk.Monday(),
				HourValues: models.HourValues{Worked: 4, Ordinary: 4, Absent: 1, AbsenceReason: models.AbsenceIllness}, HourStamp: models.HourStamp{Source: models.SourceEmployer, EnteredBy: 1, EnteredAt: time.Now()}})
		}
		if err := s.ImportHours(ctx, rows); err != nil {
			t.Fatal(err)
		}
		got, err := s.HoursForProgression(ctx, store.HoursFilter{JobcentreID: f.jc.ID, Since: models.NewDate(2027, 1, 1)})
		if err != nil || len(got) != 4 {
			t.Fatalf("hours since 1 January: %d %v", len(got), err)
		}
		for _, h := range got {
			switch h.PlacementID {
			case p.ID:
				if h.Planned == nil || *h.Planned != 5 || h.Worked != 10 || h.CitizenID != p.CitizenID {
					t.Fatalf("row %+v", h)
				}
			case q.ID:
				if h.Planned != nil || h.Ordinary != 4 || h.Absent != 1 || h.AbsenceReason != models.AbsenceIllness {
					t.Fatalf("row %+v", h)
				}
			}
			if h.Week.Monday() != h.WeekStart || h.Week.Year != 2027 {
				t.Fatalf("week %s vs start %s", h.Week, h.WeekStart)
			}
		}
		hist, _ := s.HourHistory(ctx, p.ID, models.ISOWeek{Year: 2027, Week: 4})
		if len(hist) != 1 || hist[0].Revision != 1 {
			t.Fatalf("imported hours need their first revision: %+v", hist)
		}

		weeks, err := s.HoursByGroupWeek(ctx, f.jc.ID, models.NewDate(2026, 12, 1), models.NewDate(2027, 2, 28))
		if err != nil {
			t.Fatal(err)
		}
		byWeek := map[string]report.GroupWeek{}
		for _, w := range weeks {
			byWeek[w.WeekStart.String()+"/"+string(w.TargetGroup)] = w
		}
		for key, want := range map[string]report.GroupWeek{
			"2026-12-28/gruppe1": {CitizenWeeks: 1, Worked: 10}, "2027-01-25/gruppe1": {CitizenWeeks: 1, Worked: 10},
			"2027-02-01/gruppe1": {CitizenWeeks: 1, Worked: 10}, "2027-01-25/gruppe2": {CitizenWeeks: 1, Worked: 4},
		} {
			if got := byWeek[key]; got.CitizenWeeks != want.CitizenWeeks || got.Worked != want.Worked {
				t.Errorf("%s: %+v, want %+v (all %+v)", key, got, want, weeks)
			}
		}
		// 2026-W53 (28 December) has its Thursday in December, so a report
		// from January leaves it out.
		if janOn, _ := s.HoursByGroupWeek(ctx, f.jc.ID, models.NewDate(2027, 1, 1), models.NewDate(2027, 1, 31)); len(janOn) != 2 {
			t.Errorf("January's weeks: %+v", janOn)
		}
		ord, err := s.OrdinaryHourMonths(ctx, f.jc.ID, models.NewDate(2027, 1, 1), models.NewDate(2027, 1, 31))
		if err != nil || len(ord) != 1 || ord[0].CitizenID != q.CitizenID || ord[0].Month != models.NewDate(2027, 1, 1) {
			t.Fatalf("ordinary hours in January: %+v %v", ord, err)
		}
		ps, err := s.ReportPlacements(ctx, f.jc.ID)
		if err != nil || len(ps) != 2 {
			t.Fatalf("report placements: %+v %v", ps, err)
		}
		for _, x := range ps {
			if x.Branch != "transport_lager_logistik" || x.StartDate != models.NewDate(2027, 1, 4) {
				t.Fatalf("branch from the opening or else the company: %+v", x)
			}
		}
	})
}

func TestAlertAcksAndSettings(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		a := models.AlertAck{JobcentreID: f.jc.ID, AlertKey: "frist:gruppe1_placering_13:c1:2027-01-01", Kind: "frist", CitizenID: f.citizens[0].ID,
			Note: "Plan aftalt", AckedBy: 1, AckedAt: time.Now().UTC()}
		if err := s.AckAlert(ctx, &a); err != nil {
			t.Fatal(err)
		}
		twice := a
		twice.ID = 0
		if err := s.AckAlert(ctx, &twice); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second acknowledgement: %v", err)
		}
		acks, err := s.AlertAcks(ctx, f.jc.ID)
		if err != nil || acks[a.AlertKey].Note != "Plan aftalt" {
			t.Fatalf("acks: %+v %v", acks, err)
		}
		if _, err := s.GetProgressionSettings(ctx, f.jc.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no settings yet: %v", err)
		}
		for _, params := range []string{`{"stagnation_weeks":3}`, `{"stagnation_weeks":5}`} {
			if err := s.SaveProgressionSettings(ctx, &store.ProgressionSettings{JobcentreID: f.jc.ID, Params: params}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.GetProgressionSettings(ctx, f.jc.ID)
		if err != nil || got.Params != `{"stagnation_weeks":5}` {
			t.Fatalf("settings: %+v %v", got, err)
		}
	})
}

// Matching's history factor rewards a branch where hours rose; the store
// tells which past placements saw that, from the first and last week.
func TestPlacementHistoryTellsRisingHours(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		rising := f.placement(f.citizens[0], models.PlacementPlanned)
		flat := f.placement(f.citizens[1], models.PlacementPlanned)
		for _, p := range []*models.Placement{&rising, &flat} {
			if err := s.CreatePlacement(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.SaveHours(ctx, []store.HourEntry{
			entry(rising, "2027-W03", 15, 7), entry(rising, "2027-W01", 8, 7), entry(rising, "2027-W02", 20, 7),
			entry(flat, "2027-W01", 12, 7), entry(flat, "2027-W02", 15, 7), entry(flat, "2027-W03", 12, 7),
		})
		if err != nil {
			t.Fatal(err)
		}
		hist, err := s.PlacementHistory(ctx, []int64{f.citizens[0].ID, f.citizens[1].ID})
		if err != nil {
			t.Fatal(err)
		}
		if h := hist[f.citizens[0].ID]; len(h) != 1 || !h[0].HoursRising || h[0].Branch != "transport_lager_logistik" {
			t.Fatalf("8 h in the first week, 15 h in the last: want rising, got %+v", h)
		}
		if h := hist[f.citizens[1].ID]; len(h) != 1 || h[0].HoursRising {
			t.Fatalf("12 h first and last: want not rising, got %+v", h)
		}
	})
}

func TestPlacementsOfJobcentreInWeek(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive) // 4 January – 4 April 2027
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		for week, want := range map[string]int{"2026-W50": 0, "2027-W01": 1, "2027-W13": 1, "2027-W14": 0, "2027-W20": 0} {
			w, err := models.ParseISOWeek(week)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.PlacementsOfJobcentreInWeek(ctx, f.jc.ID, nil, w)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != want {
				t.Errorf("%s: %d placements, want %d", week, len(got), want)
			}
		}
	})
}

// HourHistories reads a week's revisions of many placements at once and
// agrees with HourHistory placement by placement.
func TestHourHistoriesOfManyPlacements(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		q := f.placement(f.citizens[1], models.PlacementActive)
		r := f.placement(f.citizens[0], models.PlacementActive)
		r.OpeningID, r.Kind = nil, models.KindOrdinaereTimer
		for _, x := range []*models.Placement{&p, &q, &r} {
			if err := s.CreatePlacement(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		rev := func(e store.HourEntry, n int) store.HourEntry { e.ExpectedRevision = &n; return e }
		for _, e := range []store.HourEntry{
			entry(p, "2027-W03", 10, 1), rev(entry(p, "2027-W03", 12, 2), 1), rev(entry(p, "2027-W03", 14, 3), 2),
			entry(q, "2027-W03", 20, 1), entry(q, "2027-W04", 21, 1),
			entry(r, "2027-W04", 30, 1),
		} {
			if _, err := s.SaveHours(ctx, []store.HourEntry{e}); err != nil {
				t.Fatal(err)
			}
		}
		w3 := models.ISOWeek{Year: 2027, Week: 3}
		got, err := s.HourHistories(ctx, []int64{p.ID, q.ID, r.ID, p.ID}, w3)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || len(got[p.ID]) != 3 || len(got[q.ID]) != 1 || got[r.ID] != nil {
			t.Fatalf("histories of week 3: %+v", got)
		}
		for _, x := range []models.Placement{p, q, r} {
			one, err := s.HourHistory(ctx, x.ID, w3)
			if err != nil {
				t.Fatal(err)
			}
			if len(one) != len(got[x.ID]) {
				t.Fatalf("placement %d: %d revisions alone, %d in the batch", x.ID, len(one), len(got[x.ID]))
			}
			for i := range one {
				if one[i].ID != got[x.ID][i].ID || one[i].Revision != i+1 || one[i].PlacementID != x.ID || one[i].Worked != got[x.ID][i].Worked {
					t.Fatalf("placement %d revision %d: %+v alone, %+v in the batch", x.ID, i, one[i], got[x.ID][i])
				}
			}
		}
		if got[p.ID][2].Worked != 14 {
			t.Fatalf("current revision of p: %+v", got[p.ID][2])
		}
		if none, err := s.HourHistories(ctx, nil, w3); err != nil || len(none) != 0 {
			t.Fatalf("no placements: %v %v", none, err)
		}
	})
}

// A date stored before dates had a range (a year-10000 end date) reads as
// unset: listing the jobcentre's placements never fails because of it.
func TestStoredOddDateNeverBreaksAList(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if err := s.Exec(ctx, "UPDATE placements SET end_date = '10000-03-19' WHERE id = ?", p.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Exec(ctx, "UPDATE placement_hours SET iso_week = '9999-W01' WHERE placement_id = ?", p.ID); err != nil {
			t.Fatal(err)
		}
		items, _, err := s.ListPlacements(ctx, models.PlacementFilter{JobcentreID: f.jc.ID})
		if err != nil || len(items) != 1 {
			t.Fatalf("list with an odd stored date: %v, %d items", err, len(items))
		}
		got, err := s.GetPlacement(ctx, p.ID)
		if err != nil || !got.EndDate.IsZero() || got.StartDate != p.StartDate {
			t.Fatalf("odd end date reads as %v (start %v), %v", got.EndDate, got.StartDate, err)
		}
	})
}

// Changing a saved week needs the revision the client read; creating a
// week needs none, and neither does sending a week's figures again.
func TestChangingASavedWeekNeedsItsRevision(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seedPlacements(t, s)
		p := f.placement(f.citizens[0], models.PlacementActive)
		if err := s.CreatePlacement(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 10, 7)}); err != nil {
			t.Fatalf("a new week without a revision: %v", err)
		}
		if _, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 10, 7)}); err != nil {
			t.Fatalf("the same figures again: %v", err)
		}
		_, err := s.SaveHours(ctx, []store.HourEntry{entry(p, "2027-W02", 12, 8)})
		var unread *store.MissingRevisionError
		if !errors.As(err, &unread) || len(unread.Items) != 1 || unread.Current[0] != 1 {
			t.Fatalf("a change without the revision: %v", err)
		}
		hist, _ := s.HourHistory(ctx, p.ID, models.ISOWeek{Year: 2027, Week: 2})
		if len(hist) != 1 || hist[0].Worked != 10 {
			t.Fatalf("the refused change was written: %+v", hist)
		}
	})
}
