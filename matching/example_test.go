package matching_test

import (
	"fmt"
	"time"

	"placering/matching"
	"placering/models"
)

func ExampleOpeningIndex_TopN() {
	params := matching.DefaultRuleParams()
	params.AsOf = models.NewDate(2026, time.November, 23)
	citizen := matching.Citizen{
		ID: 7, TargetGroup: models.Gruppe2,
		GoalBranch: "transport_lager_logistik", GoalTitle: "Lager",
		DanishLevel: models.DanishBasic, Lat: 56.03, Lon: 12.59, MaxCommuteKm: 15, HoursCapacity: 10,
	}
	ix := matching.NewOpeningIndex([]matching.Opening{
		{ID: 1, CompanyID: 3, Kind: models.KindPraktik, Title: "Lagerarbejde", Branch: "transport_lager_logistik",
			Lat: 56.05, Lon: 12.55, HoursMin: 8, HoursMax: 20, SeatsFree: 2, Status: models.StatusOpen,
			StartDate: models.NewDate(2026, time.December, 1), MentorAvailable: true,
			VirksomhedscenterTargetGroups: []models.TargetGroup{models.Gruppe2}, RecentProposals: 2},
		{ID: 2, CompanyID: 4, Kind: models.KindLoentilskud, Title: "Lagermedarbejder", Branch: "transport_lager_logistik",
			Lat: 56.04, Lon: 12.58, HoursMin: 10, HoursMax: 30, SeatsFree: 1, Status: models.StatusOpen},
	})
	for _, p := range ix.TopN(citizen, matching.DefaultWeights(), params, 5) {
		fmt.Printf("opening %d: %.2f\n", p.OpeningID, p.Score)
		for _, f := range p.Factors {
			fmt.Printf("  %-17s %6.2f  %s\n", f.Name, f.Contribution, f.Reason)
		}
	}
	for _, e := range ix.Excluded(citizen, params) {
		fmt.Printf("opening %d excluded by %v\n", e.OpeningID, e.ExcludedBy)
	}
	// Output:
	// opening 1: 90.05
	//   jobmaal            30.00  Matcher jobmålet: Lager (samme branche, og titlen ligner)
	//   afstand            15.55  3,3 km fra hjemmet (grænse 15 km)
	//   timer              15.00  8–20 t/uge passer (kan nu 10 t), med plads til at gå op i timer
	//   mentor             10.00  Mentorstøtte på arbejdspladsen (gruppe 2 har brug for støtte)
	//   virksomhedscenter  10.00  Virksomhedscenter med fast aftale for gruppe 2
	//   opstart            10.00  Starter om 8 dage (2026-12-01)
	//   historik            0.00  Ingen relevant historik
	//   belastning         -0.50  2 nylige forslag til arbejdsgiveren (spreder belastningen)
	// opening 2 excluded by [R05-maalgruppe-tilladt-i-ordningen]
}

// Greedy gives the one mentor-backed praktik seat to the citizen who
// scores highest there; Assign sees that the group 2 citizen can use only
// that seat while the group 1 citizen has a løntilskud to go to.
func ExampleAssign() {
	params := matching.DefaultRuleParams()
	params.AsOf = models.NewDate(2026, time.November, 23)
	citizen := func(id int64, g models.TargetGroup) matching.Citizen {
		return matching.Citizen{ID: id, TargetGroup: g, GoalBranch: "butik_detail", GoalTitle: "Butiksassistent",
			Lat: 56.03, Lon: 12.59, MaxCommuteKm: 20, HoursCapacity: 20}
	}
	opening := func(id int64, k models.Kind, mentor bool) matching.Opening {
		return matching.Opening{ID: id, CompanyID: id, Kind: k, Title: "Butiksassistent",
			Branch: "butik_detail", Lat: 56.04, Lon: 12.59, HoursMin: 10, HoursMax: 25, SeatsFree: 1,
			Status: models.StatusOpen, MentorAvailable: mentor}
	}
	citizens := []matching.Citizen{citizen(1, models.Gruppe1), citizen(2, models.Gruppe2)}
	openings := []matching.Opening{
		opening(10, models.KindPraktik, true),      // both may take it
		opening(11, models.KindLoentilskud, false), // not group 2 (rule R05)
	}
	w := matching.DefaultWeights()
	for _, run := range []struct {
		name string
		a    matching.Assignment
	}{
		{"Greedy", matching.Greedy(citizens, openings, w, params)},
		{"Assign", matching.Assign(citizens, openings, w, params)},
	} {
		fmt.Printf("%s: objective %.2f\n", run.name, run.a.Objective)
		for _, p := range run.a.Pairs {
			fmt.Printf("  citizen %d → opening %d (%.2f)\n", p.CitizenID, p.OpeningID, p.Score)
		}
		for _, u := range run.a.Unassigned {
			fmt.Printf("  citizen %d unassigned: %s\n", u.CitizenID, u.Reason)
		}
	}
	// Output:
	// Greedy: objective 83.89
	//   citizen 1 → opening 10 (83.89)
	//   citizen 2 unassigned: Pladserne i den eneste egnede åbning blev taget af borgere med mindst lige så høj score
	// Assign: objective 162.78
	//   citizen 1 → opening 11 (78.89)
	//   citizen 2 → opening 10 (83.89)
}
