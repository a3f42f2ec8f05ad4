package progression

import (
	"math"
	"testing"

	"placering/models"
)

// The fixtures live in early 2027: week 1 starts on Monday 4 January.
var (
	w01    = models.ISOWeek{Year: 2027, Week: 1}
	jan4   = models.NewDate(2027, 1, 4)
	ladder = []models.PlanStep{{FromWeek: 1, Hours: 10}, {FromWeek: 3, Hours: 15}, {FromWeek: 5, Hours: 20}}
)

// placement is an active placement from jan4 with the ladder above.
func placement(id int64) models.Placement {
	p := models.Placement{ID: id, CitizenID: 1, Kind: models.KindPraktik, StartDate: jan4,
		EndDate: jan4.AddDays(7*26 - 1), Status: models.PlacementActive}
	p.Plan = ladder
	return p
}

// worked gives placement id consecutive weeks from week `from` with the
// given hours worked; a negative figure means an unreported week.
func worked(id int64, from models.ISOWeek, hs ...float64) []models.WeeklyHours {
	var out []models.WeeklyHours
	for i, h := range hs {
		if h < 0 {
			continue
		}
		w := from.AddWeeks(i)
		out = append(out, models.WeeklyHours{PlacementID: id, CitizenID: 1, Week: w, WeekStart: w.Monday(),
			HourValues: models.HourValues{Worked: h}})
	}
	return out
}

// absent marks weeks (by offset from w01) of rows as absent with reason.
func absent(rows []models.WeeklyHours, hours float64, reason models.AbsenceReason, weeks ...int) []models.WeeklyHours {
	for i := range rows {
		for _, k := range weeks {
			if rows[i].Week == w01.AddWeeks(k) {
				rows[i].Absent, rows[i].AbsenceReason = hours, reason
			}
		}
	}
	return rows
}

// wednesday of week w01+k, a day to compute as of.
func wednesday(k int) models.Date { return w01.AddWeeks(k).Monday().AddDays(2) }

func citizen(g models.TargetGroup, ps []models.Placement, hs []models.WeeklyHours) Citizen {
	return Citizen{ID: 1, TargetGroup: g, GroupEnteredOn: models.NewDate(2026, 12, 1), Placements: ps, Hours: hs}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func eqPtr(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil, want %g", name, want)
	} else if !near(*got, want) {
		t.Errorf("%s = %g, want %g", name, *got, want)
	}
}

func kinds(as []Alert) map[Kind]Alert {
	out := map[Kind]Alert{}
	for _, a := range as {
		out[a.Kind] = a
	}
	return out
}
