package report

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"placering/models"
)

func day(y int, m time.Month, d int) models.Date { return models.NewDate(y, m, d) }

func at(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return &t
}

// sample is a small jobcentre over February and March 2027.
func sample() Input {
	const transport = "transport_lager_logistik"
	return Input{
		Citizens: []Citizen{
			{ID: 1, TargetGroup: models.Gruppe2, GroupEnteredOn: day(2027, 1, 10), CreatedAt: *at(2026, 12, 1)},
			// No entry date: counts from registration, in March.
			{ID: 2, TargetGroup: models.Gruppe1, CreatedAt: *at(2027, 3, 5)},
			// Archived before February: not counted.
			{ID: 3, TargetGroup: models.Gruppe2, GroupEnteredOn: day(2026, 6, 1), ArchivedAt: at(2027, 1, 20)},
			// Archived in February: counted in February only.
			{ID: 4, TargetGroup: models.Gruppe1, GroupEnteredOn: day(2027, 1, 1), ArchivedAt: at(2027, 2, 15)},
			{ID: 5, TargetGroup: models.Gruppe2, GroupEnteredOn: day(2027, 2, 1)},
			{ID: 6, TargetGroup: models.Gruppe2, GroupEnteredOn: day(2027, 2, 1)},
		},
		Placements: []Placement{
			{ID: 1, CitizenID: 1, Kind: models.KindPraktik, Status: models.PlacementActive, StartDate: day(2027, 2, 11), EndDate: day(2027, 5, 1), Branch: transport},
			{ID: 2, CitizenID: 4, Kind: models.KindLoentilskud, Status: models.PlacementCompleted, StartDate: day(2027, 1, 5), EndDate: day(2027, 3, 31),
				EndedOn: day(2027, 2, 10), Outcome: models.OutcomeOrdinaryJob},
			{ID: 3, CitizenID: 2, Kind: models.KindPraktik, Status: models.PlacementInterrupted, StartDate: day(2027, 3, 10), EndDate: day(2027, 4, 10),
				EndedOn: day(2027, 3, 20)},
			{ID: 4, CitizenID: 99, Kind: models.KindPraktik, Status: models.PlacementActive, StartDate: day(2027, 2, 1)}, // unknown citizen
			{ID: 5, CitizenID: 5, Kind: models.KindPraktik, Status: models.PlacementPlanned, StartDate: day(2027, 2, 21)},
		},
		Hours: []GroupWeek{
			{WeekStart: day(2027, 1, 25), TargetGroup: models.Gruppe2, CitizenWeeks: 2, Worked: 20}, // Thursday 28 January
			{WeekStart: day(2027, 2, 1), TargetGroup: models.Gruppe2, CitizenWeeks: 1, Worked: 15},
			{WeekStart: day(2027, 2, 22), TargetGroup: models.Gruppe1, CitizenWeeks: 2, Worked: 10},
			{WeekStart: day(2027, 3, 29), TargetGroup: models.Gruppe1, CitizenWeeks: 1, Worked: 40}, // Thursday 1 April
		},
		Ordinary: []CitizenMonth{{CitizenID: 1, Month: day(2027, 2, 1)}, {CitizenID: 4, Month: day(2027, 3, 1)}},
	}
}

func build(t *testing.T) MonthlyReport {
	t.Helper()
	f, to, err := ParseMonthRange("2027-02", "2027-03")
	if err != nil {
		t.Fatal(err)
	}
	return Build(sample(), 7, f, to, time.Date(2027, 4, 2, 8, 0, 0, 0, time.UTC))
}

func group(t *testing.T, r MonthlyReport, month, g string) ReportGroup {
	t.Helper()
	for _, m := range r.Months {
		if m.Month != month {
			continue
		}
		for _, rg := range m.Groups {
			if rg.TargetGroup == g {
				return rg
			}
		}
	}
	t.Fatalf("no group %s in %s", g, month)
	return ReportGroup{}
}

func near(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }

func kb(ks []KindBranchCount) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k.Kind)+"/"+k.Branch+"="+string(rune('0'+k.Count)))
	}
	return strings.Join(s, " ")
}

func TestBuild(t *testing.T) {
	r := build(t)
	if r.JobcentreID != 7 || r.From != "2027-02" || r.To != "2027-03" || len(r.Months) != 2 || r.Months[1].Month != "2027-03" {
		t.Fatalf("report: %+v", r)
	}
	if n := len(r.Months[0].Groups); n != len(models.TargetGroups)+1 || r.Months[0].Groups[n-1].TargetGroup != AllGroups {
		t.Fatalf("groups: %+v", r.Months[0].Groups)
	}

	g2 := group(t, r, "2027-02", string(models.Gruppe2))
	if g2.Citizens != 3 || g2.InPlacement != 2 || g2.WithOrdinaryHours != 1 || g2.InPlacementOrOrdinary != 2 || !near(g2.Share, 2.0/3) {
		t.Errorf("February group 2 counts: %+v", g2)
	}
	if got := kb(g2.Started); got != "virksomhedspraktik/=1 virksomhedspraktik/transport_lager_logistik=1" {
		t.Errorf("February group 2 started: %s", got)
	}
	if g2.FirstPlacements != 2 || !near(g2.DaysToFirstPlacementAvg, 26) || !near(g2.DaysToFirstPlacementMedian, 26) {
		t.Errorf("February group 2 first placements: %d %v %v", g2.FirstPlacements, g2.DaysToFirstPlacementAvg, g2.DaysToFirstPlacementMedian)
	}
	if !near(g2.AvgWeeklyHours, 15) || !near(g2.AvgWeeklyHoursChange, 5) {
		t.Errorf("February group 2 hours: %v %v", g2.AvgWeeklyHours, g2.AvgWeeklyHoursChange)
	}
	if g2.TargetGroupLabel != models.Gruppe2.Label() || len(g2.Ended) != 0 || len(g2.Outcomes) != 0 {
		t.Errorf("February group 2: %+v", g2)
	}

	g1 := group(t, r, "2027-02", string(models.Gruppe1))
	if g1.Citizens != 1 || g1.InPlacement != 1 || g1.WithOrdinaryHours != 0 || !near(g1.Share, 1) || len(g1.Started) != 0 {
		t.Errorf("February group 1 counts: %+v", g1)
	}
	if kb(g1.Ended) != "loentilskud/=1" || g1.Completed != 1 || g1.Interrupted != 0 ||
		len(g1.Outcomes) != 1 || g1.Outcomes[0].Outcome != models.OutcomeOrdinaryJob || g1.Outcomes[0].Count != 1 {
		t.Errorf("February group 1 ended: %+v", g1)
	}
	if !near(g1.AvgWeeklyHours, 5) || g1.AvgWeeklyHoursChange != nil || g1.FirstPlacements != 0 || g1.DaysToFirstPlacementAvg != nil {
		t.Errorf("February group 1 hours and first placements: %+v", g1)
	}

	all := group(t, r, "2027-02", AllGroups)
	if all.Citizens != 4 || all.InPlacement != 3 || all.WithOrdinaryHours != 1 || all.InPlacementOrOrdinary != 3 || !near(all.Share, 0.75) ||
		all.FirstPlacements != 2 || all.Completed != 1 || all.TargetGroupLabel != "Alle målgrupper" {
		t.Errorf("February total: %+v", all)
	}
	if !near(all.AvgWeeklyHours, 25.0/3) || !near(all.AvgWeeklyHoursChange, 25.0/3-10) {
		t.Errorf("February total hours: %v %v", all.AvgWeeklyHours, all.AvgWeeklyHoursChange)
	}
	if g3 := group(t, r, "2027-02", string(models.Gruppe3)); g3.Citizens != 0 || g3.Share != nil || g3.AvgWeeklyHours != nil {
		t.Errorf("empty group: %+v", g3)
	}

	g1 = group(t, r, "2027-03", string(models.Gruppe1))
	if g1.Citizens != 1 || g1.InPlacement != 1 || kb(g1.Started) != "virksomhedspraktik/=1" || kb(g1.Ended) != "virksomhedspraktik/=1" ||
		g1.Interrupted != 1 || g1.Completed != 0 || g1.FirstPlacements != 0 {
		t.Errorf("March group 1: %+v", g1)
	}
	if len(g1.Outcomes) != 1 || g1.Outcomes[0].Outcome != "" || g1.Outcomes[0].Label != "Intet udfald angivet" {
		t.Errorf("March group 1 outcomes: %+v", g1.Outcomes)
	}
	all = group(t, r, "2027-03", AllGroups)
	if all.Citizens != 4 || all.InPlacement != 3 || all.WithOrdinaryHours != 0 || all.AvgWeeklyHours != nil || all.AvgWeeklyHoursChange != nil {
		t.Errorf("March total: %+v", all)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := build(t).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\ufeffMåned;Målgruppe;Nøgletal;Ordning;Branche;Udfald;Værdi\n") {
		t.Fatalf("header: %q", out[:min(len(out), 80)])
	}
	for _, row := range []string{
		"2027-02;Alle målgrupper;Andel i placering eller med ordinære timer;;;;0,750",
		"2027-02;Alle målgrupper;Gennemsnitlige timer pr. uge;;;;8,3",
		"2027-02;Alle målgrupper;Ændring i timer pr. uge fra måneden før;;;;-1,7",
		"2027-02;Alle målgrupper;Dage fra målgruppe til første placering, median;;;;26,0",
		"2027-02;Alle målgrupper;Placeringer startet;Virksomhedspraktik;Transport, lager og logistik;;1",
		"2027-03;Alle målgrupper;Udfald;;;Intet udfald angivet;1",
		"2027-03;Alle målgrupper;Gennemsnitlige timer pr. uge;;;;\n",
	} {
		if !strings.Contains(out, row) {
			t.Errorf("CSV lacks %q", row)
		}
	}
}

func TestParseMonthRange(t *testing.T) {
	f, to, err := ParseMonthRange("2027-01", "2029-12")
	if err != nil || f != time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) || to != time.Date(2029, 12, 1, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("36 months: %v %v %v", f, to, err)
	}
	for _, c := range []struct{ from, to, field string }{
		{"2027-13", "2027-12", "from"}, {"2027-1", "2027-02", "from"}, {"2027-01", "juni", "to"},
		{"2027-06", "2027-01", "to"}, {"2027-01", "2030-01", "to"},
	} {
		_, _, err := ParseMonthRange(c.from, c.to)
		var fe models.FieldErrors
		if !errors.As(err, &fe) || len(fe) != 1 || fe[0].Field != c.field {
			t.Errorf("%s–%s: %v", c.from, c.to, err)
		}
	}
}

func TestSpanOf(t *testing.T) {
	s := SpanOf(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if s.HoursFrom != day(2026, 12, 1) || s.OrdinaryFrom != day(2027, 1, 1) || s.Last != day(2027, 2, 28) {
		t.Fatalf("span: %+v", s)
	}
}
