package app

import (
	"testing"

	"placering/matching"
	"placering/models"
)

// TestEmployerBands: the distance bands' edges, and the fit band counting
// only the goal, hours and start factors.
func TestEmployerBands(t *testing.T) {
	for km, want := range map[float64]DistanceBand{0: DistanceUnder5, 4.99: DistanceUnder5, 5: Distance5to10, 9.99: Distance5to10,
		10: Distance10to20, 19.99: Distance10to20, 20: DistanceOver20, 250: DistanceOver20} {
		if got := bandOf(km); got != want {
			t.Errorf("bandOf(%v) = %s, want %s", km, got, want)
		}
	}
	w := matching.DefaultWeights()
	fs := func(goal, hours, start, hidden float64) []matching.Factor {
		return []matching.Factor{{Name: matching.FactorGoal, Contribution: goal}, {Name: matching.FactorHours, Contribution: hours},
			{Name: matching.FactorStart, Contribution: start}, {Name: matching.FactorDistance, Contribution: hidden},
			{Name: matching.FactorMentor, Contribution: hidden}, {Name: matching.FactorVirksomhedscenter, Contribution: hidden}}
	}
	for _, c := range []struct {
		f    []matching.Factor
		want Fit
	}{
		{fs(w.Goal, w.Hours, w.Start, 0), FitVeryGood},
		{fs(w.Goal*0.6, w.Hours*0.6, w.Start, 0), FitGood},
		{fs(0, w.Hours*0.5, w.Start*0.5, 0), FitPossible},
		{fs(0, w.Hours*0.5, w.Start*0.5, 100), FitPossible}, // hidden factors never lift the band
	} {
		if got := fitOf(c.f, w); got != c.want {
			t.Errorf("fitOf(%v) = %s, want %s", c.f, got, c.want)
		}
	}
	c := models.Citizen{CitizenFields: models.CitizenFields{GoalBranch: "butik_detail", HoursCapacity: 12}}
	for got, want := range map[string]string{
		goalText(c, w.Goal, w.Goal):           "Jobmålet er i samme branche, og stillingen ligner det",
		goalText(c, 0.6*w.Goal, w.Goal):       "Jobmålet er i samme branche som åbningen",
		goalText(c, 0.2*w.Goal, w.Goal):       "Stillingen ligner jobmålet, men branchen er en anden",
		goalText(c, 0, w.Goal):                "Jobmålet er i en anden branche",
		goalText(models.Citizen{}, 0, w.Goal): "Intet jobmål registreret",
		hoursText(12, 15, 20):                 "Kan endnu ikke arbejde åbningens mindste timetal",
		hoursText(12, 10, 20):                 "Timetallet passer, med plads til at gå op i timer",
		hoursText(12, 10, 12):                 "Timetallet passer",
		hoursText(0, 10, 12):                  "Timetallet er ikke vurderet endnu",
	} {
		if got != want {
			t.Errorf("reason %q, want %q", got, want)
		}
	}
}
