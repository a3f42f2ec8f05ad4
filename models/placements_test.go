package models

import (
	"encoding/json"
	"testing"
)

func TestParseISOWeek(t *testing.T) {
	good := []struct {
		in     string
		monday Date
	}{
		{"2027-W01", NewDate(2027, 1, 4)},
		{"2027-W03", NewDate(2027, 1, 18)},
		{"2026-W53", NewDate(2026, 12, 28)}, // 2026 has 53 weeks
		{"2025-W01", NewDate(2024, 12, 30)}, // week 1 can start in December
		{"2021-W52", NewDate(2021, 12, 27)},
	}
	for _, tc := range good {
		w, err := ParseISOWeek(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if w.Monday() != tc.monday || w.String() != tc.in || ISOWeekOf(tc.monday.AddDays(6)) != w {
			t.Errorf("%s: monday %s, string %s", tc.in, w.Monday(), w)
		}
	}
	for _, bad := range []string{"", "2027-W3", "2027W03", "2027-w03", "2027-W00", "2027-W53", "27-W03x", "2027-03", "abcd-Wef", "2027-W03 "} {
		if _, err := ParseISOWeek(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestISOWeekArithmetic(t *testing.T) {
	w := ISOWeek{2026, 52}
	if got := w.AddWeeks(2); got != (ISOWeek{2027, 1}) {
		t.Errorf("2026-W52 + 2 = %s, want 2027-W01 (2026 has 53 weeks)", got)
	}
	if got := (ISOWeek{2027, 1}).WeeksSince(w); got != 2 {
		t.Errorf("weeks since = %d, want 2", got)
	}
	if got := w.WeeksSince(ISOWeek{2027, 1}); got != -2 {
		t.Errorf("weeks since backwards = %d, want -2", got)
	}
	if !w.Before(ISOWeek{2027, 1}) || (ISOWeek{2027, 1}).Before(w) {
		t.Error("Before is wrong across a year")
	}
	b, _ := json.Marshal(ISOWeek{2027, 3})
	var back ISOWeek
	if string(b) != `"2027-W03"` || json.Unmarshal(b, &back) != nil || back != (ISOWeek{2027, 3}) {
		t.Errorf("JSON round trip: %s %v", b, back)
	}
}

func TestPlanLadder(t *testing.T) {
	plan := []PlanStep{{1, 10}, {3, 15}, {5, 20}}
	for n, want := range map[int]float64{0: 0, 1: 10, 2: 10, 3: 15, 4: 15, 5: 20, 40: 20} {
		if got := PlannedHours(plan, n); got != want {
			t.Errorf("week %d: %g, want %g", n, got, want)
		}
	}
	if PlanTop(plan) != 20 {
		t.Error("top of the plan")
	}
	got := DefaultPlan(10, 25)
	want := []PlanStep{{1, 10}, {3, 15}, {5, 20}, {7, 25}}
	if len(got) != len(want) {
		t.Fatalf("default plan %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("default plan %v, want %v", got, want)
		}
	}
	if p := DefaultPlan(0, 8); len(p) != 1 || p[0].Hours != 8 {
		t.Errorf("a small opening: %v", p)
	}
}

func TestPlacementWeeks(t *testing.T) {
	p := Placement{StartDate: NewDate(2027, 1, 6), EndDate: NewDate(2027, 1, 20), Status: PlacementActive}
	p.Plan = []PlanStep{{1, 10}, {2, 12}}
	cases := []struct {
		w      ISOWeek
		covers bool
		no     int
		plan   float64
	}{
		{ISOWeek{2026, 53}, false, 0, 0},
		{ISOWeek{2027, 1}, true, 1, 10}, // starts on a Wednesday: week 1 all the same
		{ISOWeek{2027, 2}, true, 2, 12},
		{ISOWeek{2027, 3}, true, 3, 12}, // ends on the Wednesday of week 3
		{ISOWeek{2027, 4}, false, 4, 0},
	}
	for _, tc := range cases {
		if p.Covers(tc.w) != tc.covers || p.WeekNo(tc.w) != tc.no || p.PlannedFor(tc.w) != tc.plan {
			t.Errorf("%s: covers %v no %d plan %g", tc.w, p.Covers(tc.w), p.WeekNo(tc.w), p.PlannedFor(tc.w))
		}
	}
	p.Status, p.EndedOn = PlacementInterrupted, NewDate(2027, 1, 8)
	if p.Covers(ISOWeek{2027, 2}) {
		t.Error("an interrupted placement covers weeks after it ended")
	}
	if got := DefaultEndDate(KindPraktik, NewDate(2027, 1, 4)); got != NewDate(2027, 4, 4) {
		t.Errorf("13 weeks of praktik from 4 January end %s, want 2027-04-04", got)
	}
	if !DefaultEndDate(KindFleksjob, NewDate(2027, 1, 4)).IsZero() {
		t.Error("a fleksjob has no planned end")
	}
}

func TestPlacementStatusMoves(t *testing.T) {
	allowed := map[[2]PlacementStatus]bool{
		{PlacementPlanned, PlacementActive}: true, {PlacementPlanned, PlacementInterrupted}: true,
		{PlacementActive, PlacementCompleted}: true, {PlacementActive, PlacementInterrupted}: true,
	}
	for _, from := range PlacementStatuses {
		for _, to := range PlacementStatuses {
			if from.CanMoveTo(to) != allowed[[2]PlacementStatus{from, to}] {
				t.Errorf("%s → %s: %v", from, to, from.CanMoveTo(to))
			}
		}
	}
}

func TestPlacementFieldsValidate(t *testing.T) {
	ok := PlacementFields{CitizenID: 1, CompanyID: 2, Kind: KindPraktik, StartDate: NewDate(2027, 1, 4)}
	if errs := ok.Validate(); len(errs) != 0 || ok.Status != PlacementPlanned {
		t.Fatalf("valid placement: %v (status %q)", errs, ok.Status)
	}
	bad := PlacementFields{Kind: "kontor", StartDate: NewDate(2027, 1, 4), EndDate: NewDate(2027, 1, 1), Status: PlacementActive}
	bad.Outcome = OutcomeOrdinaryJob
	bad.Plan = []PlanStep{{2, 10}, {2, 60}}
	bad.TargetHours = -1
	bad.CompanyMentor = &Mentor{Email: "ikke-en-mail"}
	bad.Evaluation = &PlacementEvaluation{Completion: "måske", Competences: []CompetenceRating{{Name: "Samarbejde", Rating: 9}}}
	errs := bad.Validate()
	for _, f := range []string{"citizen_id", "company_id", "kind", "end_date", "outcome", "plan[0].from_week", "plan[1].from_week", "plan[1].hours",
		"target_hours", "company_mentor.name", "company_mentor.email", "evaluation.completion", "evaluation.competences[0].rating"} {
		if !errs.Has(f) {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
	done := ok
	done.Status = PlacementCompleted
	if errs := done.Validate(); !errs.Has("outcome") {
		t.Errorf("a completed placement needs an outcome: %v", errs)
	}
}

func TestHoursInputValidate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		name   string
		in     HoursInput
		fields []string
	}{
		{"fine", HoursInput{Worked: f(12), Absent: 3, AbsenceReason: AbsenceIllness, Ordinary: f(2)}, nil},
		{"worked missing", HoursInput{}, []string{"worked"}},
		{"negative", HoursInput{Worked: f(-1), Planned: f(-2)}, []string{"worked", "planned"}},
		{"over 80", HoursInput{Worked: f(81)}, []string{"worked"}},
		{"together over 80", HoursInput{Worked: f(50), Absent: 40, AbsenceReason: AbsenceOther}, []string{"absent"}},
		{"absence without reason", HoursInput{Worked: f(0), Absent: 10}, []string{"absence_reason"}},
		{"reason without absence", HoursInput{Worked: f(10), AbsenceReason: AbsenceNoShow}, []string{"absence_reason"}},
		{"unknown reason and source", HoursInput{Worked: f(10), Absent: 1, AbsenceReason: "ferie", Source: "borger"}, []string{"absence_reason", "source"}},
		{"ordinary above worked", HoursInput{Worked: f(5), Ordinary: f(6)}, []string{"ordinary"}},
	}
	for _, tc := range cases {
		errs := tc.in.ValidateAs("items[2].")
		if len(errs) != len(tc.fields) {
			t.Errorf("%s: %v", tc.name, errs)
		}
		for _, fld := range tc.fields {
			if !errs.Has("items[2]." + fld) {
				t.Errorf("%s: no error for %s: %v", tc.name, fld, errs)
			}
		}
	}
	in := HoursInput{Worked: f(7)}
	if v := in.Values(KindOrdinaereTimer); v.Ordinary != 7 {
		t.Errorf("ordinary hours placement: ordinary %g, want all 7 worked", v.Ordinary)
	}
	if v := in.Values(KindPraktik); v.Ordinary != 0 {
		t.Errorf("praktik: ordinary %g, want 0", v.Ordinary)
	}
}
