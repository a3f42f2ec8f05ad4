package progression

import (
	"testing"

	"placering/models"
)

func TestMetrics(t *testing.T) {
	type want struct {
		current, avg4, trend, planMet, progress float64
		sinceIncrease                           int
		lastIncrease                            models.ISOWeek
		noTrend, noPlanMet                      bool
	}
	cases := []struct {
		name string
		hs   []models.WeeklyHours
		asOf models.Date
		want want
	}{
		{
			// 10,10,15,15,20: slope of y on x=0..4 is 25/10 = 2.5 h/week.
			name: "rising along the ladder", hs: worked(1, w01, 10, 10, 15, 15, 20), asOf: wednesday(4),
			want: want{current: 20, avg4: 15, trend: 2.5, planMet: 1, progress: 0.75, sinceIncrease: 0, lastIncrease: w01.AddWeeks(4)},
		},
		{
			// Week 2 unreported: the average and trend use only what was reported,
			// and the trend's x keeps the real distance between weeks.
			name: "a week not reported", hs: worked(1, w01, 10, -1, 15), asOf: wednesday(2),
			want: want{current: 15, avg4: 12.5, trend: 2.5, planMet: 25.0 / 25.0, progress: 12.5 / 20, sinceIncrease: 0, lastIncrease: w01.AddWeeks(2)},
		},
		{
			name: "flat after one step up", hs: worked(1, w01, 10, 15, 15, 15, 15, 15), asOf: wednesday(5),
			want: want{current: 15, avg4: 15, trend: 12.5 / 17.5, planMet: 60.0 / 70, progress: 0.75, sinceIncrease: 4, lastIncrease: w01.AddWeeks(1)},
		},
		{
			// Back to 15 after a week off is recovery, not progression.
			name: "dip and recovery is no increase", hs: worked(1, w01, 10, 15, 0, 15), asOf: wednesday(3),
			want: want{current: 15, avg4: 10, trend: 0, planMet: 40.0 / 50, progress: 0.5, sinceIncrease: 2, lastIncrease: w01.AddWeeks(1)},
		},
		{
			// Half an hour more is below MinIncreaseHours (1).
			name: "too small a rise is no increase", hs: worked(1, w01, 10, 10.5), asOf: wednesday(1),
			want: want{current: 10.5, avg4: 10.25, trend: 0.5, planMet: 20.5 / 20, progress: 10.25 / 20, sinceIncrease: 1, lastIncrease: w01},
		},
		{
			name: "one week only: no trend", hs: worked(1, w01, 8), asOf: wednesday(0),
			want: want{current: 8, avg4: 8, planMet: 0.8, progress: 0.4, sinceIncrease: 0, lastIncrease: w01, noTrend: true},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyse(citizen(models.Gruppe1, []models.Placement{placement(1)}, tc.hs), DefaultSettings(), tc.asOf, FullSeries)
			m := r.Metrics
			eqPtr(t, "current", m.CurrentHours, tc.want.current)
			eqPtr(t, "average_4_weeks", m.Average4Weeks, tc.want.avg4)
			if tc.want.noTrend {
				if m.TrendPerWeek != nil {
					t.Errorf("trend = %g from one point", *m.TrendPerWeek)
				}
			} else {
				eqPtr(t, "trend", m.TrendPerWeek, tc.want.trend)
			}
			eqPtr(t, "plan_met_share", m.PlanMetShare, tc.want.planMet)
			eqPtr(t, "target_progress", m.TargetProgress, tc.want.progress)
			if m.WeeksSinceIncrease == nil || *m.WeeksSinceIncrease != tc.want.sinceIncrease {
				t.Errorf("weeks_since_increase = %v, want %d", m.WeeksSinceIncrease, tc.want.sinceIncrease)
			}
			if m.LastIncreaseWeek != tc.want.lastIncrease {
				t.Errorf("last_increase_week = %s, want %s", m.LastIncreaseWeek, tc.want.lastIncrease)
			}
			if m.TargetHours != 20 {
				t.Errorf("target = %g, want the ladder's top 20", m.TargetHours)
			}
		})
	}
}

func TestMetricsWithoutHours(t *testing.T) {
	r := Analyse(citizen(models.Gruppe1, []models.Placement{placement(1)}, nil), DefaultSettings(), wednesday(2), FullSeries)
	m := r.Metrics
	if m.CurrentHours != nil || m.Average4Weeks != nil || m.TrendPerWeek != nil || m.WeeksSinceIncrease != nil || m.PlanMetShare != nil {
		t.Fatalf("metrics computed from nothing: %+v", m)
	}
	if m.PlannedHours != 15 {
		t.Errorf("planned hours in placement week 3 = %g, want 15", m.PlannedHours)
	}
	if len(r.Series) != 3 || r.Series[0].Week != w01 || r.Series[0].Planned != 10 || r.Series[0].Reported {
		t.Errorf("series should run from the placement's first week with the plan: %+v", r.Series)
	}
	if len(r.Alerts) != 0 {
		t.Errorf("alerts without hours: %+v", r.Alerts)
	}
}

func TestSeriesSumsPlacementsAndHonoursOwnPlan(t *testing.T) {
	p1 := placement(1)
	p2 := models.Placement{ID: 2, CitizenID: 1, Kind: models.KindOrdinaereTimer, StartDate: jan4.AddDays(7), Status: models.PlacementActive}
	p2.Plan = []models.PlanStep{{FromWeek: 1, Hours: 4}}
	hs := worked(1, w01, 10, 10, 12)
	own := 8.0
	hs[1].Planned = &own // week 2 of placement 1 planned at 8, not the ladder's 10
	extra := worked(2, w01.AddWeeks(1), 3, 4)
	extra[0].Ordinary, extra[1].Ordinary = 3, 4
	s := Series([]models.Placement{p1, p2}, append(hs, extra...), w01, w01.AddWeeks(3))
	if len(s) != 4 {
		t.Fatalf("%d points, want 4", len(s))
	}
	want := []struct{ planned, worked, ordinary float64 }{{10, 10, 0}, {8 + 4, 13, 3}, {15 + 4, 16, 4}, {15 + 4, 0, 0}}
	for i, w := range want {
		p := s[i]
		if !near(p.Planned, w.planned) || !near(p.Worked, w.worked) || !near(p.Ordinary, w.ordinary) {
			t.Errorf("week %s: planned %g worked %g ordinary %g, want %+v", p.Week, p.Planned, p.Worked, p.Ordinary, w)
		}
	}
	if s[3].Reported || s[3].PlanMet != nil {
		t.Errorf("unreported week looks reported: %+v", s[3])
	}
	if len(s[1].Placements) != 2 {
		t.Errorf("week 2 is covered by both placements: %v", s[1].Placements)
	}
	if s[1].PlanMet == nil || !near(*s[1].PlanMet, 13.0/12) {
		t.Errorf("plan met in week 2 = %v, want 13/12", s[1].PlanMet)
	}
}

func TestRule225(t *testing.T) {
	asOf := models.NewDate(2027, 3, 3)
	p := placement(1)
	p.StartDate = models.NewDate(2026, 1, 5)
	p.EndDate = models.Date{}
	old := worked(1, models.ISOWeekOf(models.NewDate(2026, 2, 23)), 10) // 23 Feb 2026: outside the 12 months
	inside := worked(1, models.ISOWeekOf(models.NewDate(2026, 3, 9)), 10, 10, 10)
	hs := append(old, inside...)
	for i := range hs {
		hs[i].Ordinary = 10
	}
	cases := []struct {
		name     string
		group    models.TargetGroup
		entered  models.Date
		applies  bool
		expected float64
		onTrack  bool
	}{
		{"a full year under the rule", models.Gruppe1, models.NewDate(2025, 1, 1), true, 225, false},
		{"half a year under the rule", models.Gruppe2, asOf.AddDays(-26 * 7), true, 112.5, false},
		{"exempt group", models.Gruppe3, models.NewDate(2025, 1, 1), false, 225, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Citizen{ID: 1, TargetGroup: tc.group, GroupEnteredOn: tc.entered, Placements: []models.Placement{p}, Hours: hs}
			r := Analyse(c, DefaultSettings(), asOf, WindowOnly).Metrics.Rule225
			if r.Applies != tc.applies || r.OrdinaryHours != 30 || r.Required != 225 || r.Remaining != 195 ||
				!near(r.ExpectedByNow, tc.expected) || r.OnTrack != tc.onTrack {
				t.Errorf("got %+v", r)
			}
			if r.From != models.NewDate(2026, 3, 4) {
				t.Errorf("window starts %s, want 2026-03-04", r.From)
			}
		})
	}
}

func TestLeastSquares(t *testing.T) {
	cases := []struct {
		xs, ys []float64
		slope  float64
		ok     bool
	}{
		{[]float64{0, 1, 2}, []float64{5, 7, 9}, 2, true},
		{[]float64{0, 1, 2, 3}, []float64{10, 10, 10, 10}, 0, true},
		{[]float64{0, 2}, []float64{20, 10}, -5, true},
		{[]float64{0, 1, 2, 3}, []float64{1, 3, 2, 4}, 0.8, true},
		{[]float64{3}, []float64{1}, 0, false},
		{[]float64{3, 3}, []float64{1, 2}, 0, false},
	}
	for _, tc := range cases {
		got, ok := leastSquares(tc.xs, tc.ys)
		if ok != tc.ok || !near(got, tc.slope) {
			t.Errorf("leastSquares(%v, %v) = %g, %v; want %g, %v", tc.xs, tc.ys, got, ok, tc.slope, tc.ok)
		}
	}
}

func TestWeekIndex(t *testing.T) {
	mon := models.NewDate(2027, 1, 4)
	for days, want := range map[int]int{0: 0, 6: 0, 7: 1, 13: 1, -1: -1, -7: -1, -8: -2} {
		if got := weekIndex(mon, mon.AddDays(days)); got != want {
			t.Errorf("day %+d: week %d, want %d", days, got, want)
		}
	}
}
