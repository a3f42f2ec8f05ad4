package matching

import (
	"math/rand/v2"
	"time"

	"placering/models"
)

var testToday = models.NewDate(2026, time.November, 23)

func testParams() RuleParams {
	p := DefaultRuleParams()
	p.AsOf = testToday
	return p
}

// baseCitizen and baseOpening form an eligible pair: a group 1 citizen in
// Helsingør who wants warehouse work, and a warehouse praktik 3 km away.
func baseCitizen() Citizen {
	return Citizen{
		ID: 1, JobcentreID: 1,
		TargetGroup:    models.Gruppe1,
		GroupEnteredOn: testToday.AddDays(-60),
		BirthDate:      models.NewDate(1995, time.March, 10),
		GoalBranch:     "transport_lager_logistik",
		GoalTitle:      "Lagermedarbejder",
		DanishLevel:    models.DanishBasic,
		Lat:            56.0300, Lon: 12.5900,
		MaxCommuteKm:  20,
		HoursCapacity: 15,
		ConsentShare:  true,
	}
}

func baseOpening() Opening {
	return Opening{
		ID: 100, CompanyID: 10, JobcentreID: 1,
		Kind:   models.KindPraktik,
		Title:  "Lagermedarbejder til varemodtagelse",
		Branch: "transport_lager_logistik",
		Lat:    56.0500, Lon: 12.5500,
		HoursMin: 10, HoursMax: 25,
		SeatsFree: 2,
		StartDate: testToday.AddDays(7),
		Status:    models.StatusOpen,
	}
}

// Synthetic data for property tests and benchmarks. Values are spread so
// that every rule fires now and then and scores vary.
var (
	testBranches = []string{"transport_lager_logistik", "bygge_anlaeg", "butik_detail",
		"rengoering_hotel_restauration_koekken", "pleje_omsorg_frisoer", "it_kommunikation"}
	testTitles = []string{"Lagermedarbejder", "Truckfører på lager", "Butiksassistent", "Kassemedarbejder",
		"Rengøringsassistent", "Køkkenmedhjælper", "Plejehjemsassistent", "Murerarbejdsmand",
		"Chauffør", "IT-supporter", "Pedelmedhjælper", "Opvasker i kantine"}
	testKinds = []models.Kind{models.KindPraktik, models.KindPraktik, models.KindPraktik,
		models.KindLoentilskud, models.KindOrdinaereTimer, models.KindFleksjob, models.KindIGU}
	testGroups = []models.TargetGroup{models.Gruppe1, models.Gruppe1, models.Gruppe2, models.Gruppe3,
		models.Gruppe4, models.LedigFleksjobvisitert, models.Flygtning, models.Flygtning}
)

// region is a lat/lon rectangle synthetic data is spread over.
type region struct{ lat0, lat1, lon0, lon1 float64 }

// northZealand is about 55 × 50 km around Helsingør and Hillerød.
var northZealand = region{55.70, 56.20, 12.00, 12.80}

func (g region) point(r *rand.Rand) (float64, float64) {
	return g.lat0 + r.Float64()*(g.lat1-g.lat0), g.lon0 + r.Float64()*(g.lon1-g.lon0)
}

func randOpening(r *rand.Rand, id int64, g region, seats int) Opening {
	lat, lon := g.point(r)
	minH := float64(r.IntN(6) * 5)
	o := Opening{
		ID: id, CompanyID: 1 + r.Int64N(id/3+1), JobcentreID: 1,
		Kind:   testKinds[r.IntN(len(testKinds))],
		Title:  testTitles[r.IntN(len(testTitles))],
		Branch: testBranches[r.IntN(len(testBranches))],
		Lat:    lat, Lon: lon,
		HoursMin:        minH,
		HoursMax:        minH + float64(r.IntN(4)*5),
		SeatsFree:       seats,
		StartDate:       testToday.AddDays(r.IntN(150) - 30),
		Status:          models.StatusOpen,
		DanishLevel:     models.DanishLevels[r.IntN(3)],
		DriversLicence:  r.IntN(8) == 0,
		MentorAvailable: r.IntN(3) == 0,
		RecentProposals: r.IntN(10),
	}
	if o.HoursMax == 0 {
		o.HoursMax = 5
	}
	if r.IntN(40) == 0 {
		o.Status = models.StatusClosed
	}
	if r.IntN(6) == 0 {
		o.VirksomhedscenterTargetGroups = []models.TargetGroup{models.Gruppe2, models.Gruppe3, models.Gruppe4}
	}
	if r.IntN(10) == 0 {
		o.StartDate = models.Date{}
	}
	return o
}

func randCitizen(r *rand.Rand, id int64, g region, commuteKm float64) Citizen {
	lat, lon := g.point(r)
	grp := testGroups[r.IntN(len(testGroups))]
	c := Citizen{
		ID: id, JobcentreID: 1,
		TargetGroup:    grp,
		BirthDate:      testToday.AddDays(-365*18 - r.IntN(365*45)),
		GoalBranch:     testBranches[r.IntN(len(testBranches))],
		GoalTitle:      testTitles[r.IntN(len(testTitles))],
		DanishLevel:    models.DanishLevels[r.IntN(4)],
		DriversLicence: r.IntN(2) == 0,
		Lat:            lat, Lon: lon,
		MaxCommuteKm:  commuteKm * (0.5 + r.Float64()),
		HoursCapacity: float64(5 + r.IntN(7)*5),
		ConsentShare:  r.IntN(4) != 0,
	}
	if grp == models.Flygtning {
		c.ArrivalDate = testToday.AddDays(-r.IntN(365 * 7))
	}
	for k := r.IntN(3); k > 0; k-- {
		c.History = append(c.History, PastPlacement{
			CompanyID:   1 + r.Int64N(id/3+50),
			Branch:      testBranches[r.IntN(len(testBranches))],
			Kind:        models.KindPraktik,
			BrokeDown:   r.IntN(4) == 0,
			HoursRising: r.IntN(2) == 0,
			Ended:       testToday.AddDays(-r.IntN(700)),
		})
	}
	return c
}
