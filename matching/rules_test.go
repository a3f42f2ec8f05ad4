package matching

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"placering/models"
)

type ruleCase struct {
	name string
	rule RuleID
	edit func(c *Citizen, o *Opening, p *RuleParams)
	// excluded: the rule must fire. Otherwise it must not.
	excluded bool
	// exact, when set, is the whole excluded_by list (use []RuleID{} for
	// "eligible").
	exact []RuleID
}

func ruleCases() []ruleCase {
	eligible := []RuleID{}
	refugee := func(c *Citizen) {
		c.TargetGroup = models.Flygtning
		c.ArrivalDate = testToday.AddDays(-2 * 365)
		c.BirthDate = models.NewDate(1996, time.May, 1)
	}
	igu := func(o *Opening) { o.Kind = models.KindIGU; o.StartDate = models.Date{} }
	return []ruleCase{
		{"base pair is eligible", RuleFleksjob, func(c *Citizen, o *Opening, p *RuleParams) {}, false, eligible},

		// R01
		{"fleksjob for group 1", RuleFleksjob, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Kind = models.KindFleksjob
		}, true, []RuleID{RuleFleksjob, RuleKindGroup}},
		{"fleksjob for a refugee", RuleFleksjob, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			o.Kind = models.KindFleksjob
		}, true, []RuleID{RuleFleksjob, RuleKindGroup}},
		{"fleksjob even if an admin allows group 1", RuleFleksjob, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Kind = models.KindFleksjob
			p.AllowedGroups[models.KindFleksjob] = append(p.AllowedGroups[models.KindFleksjob], models.Gruppe1)
		}, true, []RuleID{RuleFleksjob}},
		{"fleksjob for ledig fleksjobvisiteret", RuleFleksjob, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.LedigFleksjobvisitert
			o.Kind = models.KindFleksjob
		}, false, eligible},

		// R02
		{"IGU for group 1", RuleIGUGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			igu(o)
		}, true, []RuleID{RuleIGUGroup, RuleKindGroup}},
		{"IGU for fleksjobvisiteret", RuleIGUGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.LedigFleksjobvisitert
			igu(o)
		}, true, []RuleID{RuleIGUGroup, RuleKindGroup}},
		{"IGU for a refugee in both windows", RuleIGUGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			igu(o)
		}, false, eligible},

		// R03: 18–40 inclusive, judged at the IGU start.
		{"IGU at 41", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(1985, time.November, 23) // 41 today
			igu(o)
		}, true, []RuleID{RuleIGUAge}},
		{"IGU the day before turning 41", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(1985, time.November, 24)
			igu(o)
		}, false, eligible},
		{"IGU at 17", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(2008, time.November, 24)
			igu(o)
		}, true, []RuleID{RuleIGUAge}},
		{"IGU on the 18th birthday", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(2008, time.November, 23)
			igu(o)
		}, false, eligible},
		{"IGU at 17 today but 18 at the start date", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(2008, time.December, 1)
			igu(o)
			o.StartDate = testToday.AddDays(14)
		}, false, eligible},
		{"IGU without a birth date", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.Date{}
			igu(o)
		}, true, []RuleID{RuleIGUAge}},
		{"IGU window widened by an admin", RuleIGUAge, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.BirthDate = models.NewDate(1980, time.January, 1)
			igu(o)
			p.IGUMaxAge = 50
		}, false, eligible},

		// R04: less than 5 years since arrival at the IGU start.
		{"IGU 5 years after arrival", RuleIGUResidence, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.ArrivalDate = models.NewDate(2021, time.November, 23)
			igu(o)
		}, true, []RuleID{RuleIGUResidence}},
		{"IGU a day short of 5 years", RuleIGUResidence, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.ArrivalDate = models.NewDate(2021, time.November, 24)
			igu(o)
		}, false, eligible},
		{"IGU starting after the window closes", RuleIGUResidence, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.ArrivalDate = models.NewDate(2021, time.December, 1)
			igu(o)
			o.StartDate = testToday.AddDays(30)
		}, true, []RuleID{RuleIGUResidence}},
		{"IGU without an arrival date", RuleIGUResidence, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			c.ArrivalDate = models.Date{}
			igu(o)
		}, true, []RuleID{RuleIGUResidence}},

		// R05
		{"løntilskud for group 2", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe2
			o.Kind = models.KindLoentilskud
		}, true, []RuleID{RuleKindGroup}},
		{"løntilskud for group 2 once an admin allows it", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe2
			o.Kind = models.KindLoentilskud
			p.AllowedGroups[models.KindLoentilskud] = append(p.AllowedGroups[models.KindLoentilskud], models.Gruppe2)
		}, false, eligible},
		{"løntilskud for a refugee", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			refugee(c)
			o.Kind = models.KindLoentilskud
		}, false, eligible},
		{"praktik for group 4 at an ordinary company", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe4
		}, true, []RuleID{RuleKindGroup}},
		{"praktik for group 4 at a virksomhedscenter for group 2 only", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe4
			o.VirksomhedscenterTargetGroups = []models.TargetGroup{models.Gruppe2}
		}, true, []RuleID{RuleKindGroup}},
		{"praktik for group 4 at a virksomhedscenter that takes group 4", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe4
			o.VirksomhedscenterTargetGroups = []models.TargetGroup{models.Gruppe2, models.Gruppe4}
		}, false, eligible},
		{"ordinary hours for group 4 even at a virksomhedscenter", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.Gruppe4
			o.Kind = models.KindOrdinaereTimer
			o.VirksomhedscenterTargetGroups = []models.TargetGroup{models.Gruppe4}
		}, true, []RuleID{RuleKindGroup}},
		{"praktik for ledig fleksjobvisiteret", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = models.LedigFleksjobvisitert
		}, true, []RuleID{RuleKindGroup}},
		{"an unknown kind", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Kind = "snusepraktik"
		}, true, []RuleID{RuleKindGroup}},
		{"an unknown target group", RuleKindGroup, func(c *Citizen, o *Opening, p *RuleParams) {
			c.TargetGroup = "matchgruppe2"
		}, true, []RuleID{RuleKindGroup}},

		// R06
		{"closed opening", RuleNotOpen, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Status = models.StatusClosed
		}, true, []RuleID{RuleNotOpen}},
		{"draft opening", RuleNotOpen, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Status = models.StatusDraft
		}, true, []RuleID{RuleNotOpen}},
		{"open opening", RuleNotOpen, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Status = models.StatusOpen
		}, false, eligible},
		{"filled opening", RuleNotOpen, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Status = models.StatusFilled
		}, true, []RuleID{RuleNotOpen}},

		// R07
		{"no free seat", RuleNoSeat, func(c *Citizen, o *Opening, p *RuleParams) {
			o.SeatsFree = 0
		}, true, []RuleID{RuleNoSeat}},
		{"one free seat", RuleNoSeat, func(c *Citizen, o *Opening, p *RuleParams) {
			o.SeatsFree = 1
		}, false, eligible},

		// R08: capacity 15, step 5.
		{"minimum 21 hours against 15", RuleHours, func(c *Citizen, o *Opening, p *RuleParams) {
			o.HoursMin, o.HoursMax = 21, 30
		}, true, []RuleID{RuleHours}},
		{"minimum 20 hours against 15 is the allowed step", RuleHours, func(c *Citizen, o *Opening, p *RuleParams) {
			o.HoursMin, o.HoursMax = 20, 30
		}, false, eligible},
		{"no step allowed", RuleHours, func(c *Citizen, o *Opening, p *RuleParams) {
			o.HoursMin, o.HoursMax = 16, 30
			p.StepUpHours = 0
		}, true, []RuleID{RuleHours}},
		{"capacity not assessed", RuleHours, func(c *Citizen, o *Opening, p *RuleParams) {
			c.HoursCapacity = 0
			o.HoursMin, o.HoursMax = 37, 37
		}, false, eligible},

		// R09
		{"good Danish required, basic held", RuleDanish, func(c *Citizen, o *Opening, p *RuleParams) {
			o.DanishLevel = models.DanishGood
		}, true, []RuleID{RuleDanish}},
		{"basic Danish required and held", RuleDanish, func(c *Citizen, o *Opening, p *RuleParams) {
			o.DanishLevel = models.DanishBasic
		}, false, eligible},
		{"basic Danish required, none held", RuleDanish, func(c *Citizen, o *Opening, p *RuleParams) {
			o.DanishLevel = models.DanishBasic
			c.DanishLevel = ""
		}, true, []RuleID{RuleDanish}},

		// R10
		{"licence required, none held", RuleLicence, func(c *Citizen, o *Opening, p *RuleParams) {
			o.DriversLicence = true
		}, true, []RuleID{RuleLicence}},
		{"licence required and held", RuleLicence, func(c *Citizen, o *Opening, p *RuleParams) {
			o.DriversLicence = true
			c.DriversLicence = true
		}, false, eligible},

		// R11: Helsingør to Hillerød is about 22 km.
		{"beyond the citizen's limit", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
		}, true, []RuleID{RuleCommute}},
		{"within a longer limit", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
			c.MaxCommuteKm = 25
		}, false, eligible},
		{"default limit when the citizen has none", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
			c.MaxCommuteKm = 0
			p.DefaultMaxCommuteKm = 15
		}, true, []RuleID{RuleCommute}},
		{"default limit that reaches", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
			c.MaxCommuteKm = 0
		}, false, eligible},
		{"citizen without an address", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.0, 9.0
			c.Lat, c.Lon = 0, 0
		}, false, eligible},
		{"exactly at the limit", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
			c.MaxCommuteKm = models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon)
		}, false, eligible},
		{"just past the limit", RuleCommute, func(c *Citizen, o *Opening, p *RuleParams) {
			o.Lat, o.Lon = 55.9270, 12.3000
			c.MaxCommuteKm = models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon) - 0.001
		}, true, []RuleID{RuleCommute}},

		// Several at once: every rule is reported, not just the first.
		{"several rules at once", RuleNoSeat, func(c *Citizen, o *Opening, p *RuleParams) {
			o.SeatsFree = 0
			o.Status = models.StatusClosed
			o.DriversLicence = true
			o.DanishLevel = models.DanishFluent
		}, true, []RuleID{RuleNotOpen, RuleNoSeat, RuleDanish, RuleLicence}},
	}
}

func TestRules(t *testing.T) {
	fired := map[RuleID]bool{}
	passed := map[RuleID]bool{}
	for _, tc := range ruleCases() {
		t.Run(tc.name, func(t *testing.T) {
			c, o, p := baseCitizen(), baseOpening(), testParams()
			tc.edit(&c, &o, &p)
			got := Check(c, o, p)
			if has := slices.Contains(got, tc.rule); has != tc.excluded {
				t.Fatalf("Check = %v; want %s fired = %v", got, tc.rule, tc.excluded)
			}
			if tc.exact != nil && !slices.Equal(got, tc.exact) {
				t.Fatalf("Check = %v, want %v", got, tc.exact)
			}
			if tc.excluded {
				fired[tc.rule] = true
			} else {
				passed[tc.rule] = true
			}
			// The hot-loop path must agree with Check.
			cp := compile(p)
			var q citizenQ
			q.reset(&c, cp)
			m := makeMeta(&o)
			pr := pair{q: &q, o: &o, m: &m, cp: cp}
			if pr.eligible() != (len(got) == 0) {
				t.Fatalf("eligible() = %v but Check = %v", pr.eligible(), got)
			}
			ev := Evaluate(c, o, DefaultWeights(), p)
			if ev.Eligible != (len(got) == 0) || !slices.Equal(ev.ExcludedBy, append([]RuleID{}, got...)) {
				t.Fatalf("Evaluate = %v %v, Check = %v", ev.Eligible, ev.ExcludedBy, got)
			}
		})
	}
	for _, r := range Rules() {
		if !fired[r.ID] || !passed[r.ID] {
			t.Errorf("rule %s lacks a test case (fired %v, passed %v)", r.ID, fired[r.ID], passed[r.ID])
		}
	}
}

func TestRuleTable(t *testing.T) {
	rs := Rules()
	seen := map[RuleID]bool{}
	for i, r := range rs {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if want := "R" + twoDigits(i+1) + "-"; !strings.HasPrefix(string(r.ID), want) {
			t.Errorf("rule %d has ID %s, want prefix %s", i, r.ID, want)
		}
		if r.Title == "" || r.Description == "" || r.LegalNote == "" || r.excludes == nil {
			t.Errorf("rule %s is incomplete", r.ID)
		}
	}
	// The table is a fresh value: changing one copy leaves the next alone.
	rs[0].Title = "changed"
	if Rules()[0].Title == "changed" {
		t.Error("Rules() shares state between calls")
	}
	tab := Describe(DefaultRuleParams())
	b, err := json.Marshal(tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version":"2026-11"`, `"id":"R03-igu-aldersvindue"`, `Alder 18–40 år`, `via virksomhedscenter: gruppe 4`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("rule table JSON lacks %s:\n%s", want, b)
		}
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func TestRuleParamsValidate(t *testing.T) {
	if err := DefaultRuleParams().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	p := DefaultRuleParams()
	p.IGUMaxAge = 10
	p.StepUpHours = -1
	p.AllowedGroups[models.KindPraktik] = append(p.AllowedGroups[models.KindPraktik], "gruppe9")
	err := p.Validate()
	fe, ok := err.(models.FieldErrors)
	if !ok || !fe.Has("igu_max_age") || !fe.Has("step_up_hours") || !fe.Has("allowed_groups") {
		t.Fatalf("Validate = %v", err)
	}
	// Defaults are fresh: the edit above did not leak.
	if len(DefaultRuleParams().AllowedGroups[models.KindPraktik]) != 4 {
		t.Fatal("DefaultRuleParams shares its maps")
	}
}

// The box pre-filter must never exclude a point the haversine keeps.
func TestCommuteBoxAgreesWithHaversine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cp := compile(testParams())
	for i := 0; i < 200000; i++ {
		c := baseCitizen()
		c.Lat, c.Lon = 54.5+r.Float64()*3.3, 8+r.Float64()*7
		c.MaxCommuteKm = 1 + r.Float64()*100
		o := baseOpening()
		// Points near the circle's edge, in every direction.
		ang := r.Float64() * 2 * math.Pi
		d := c.MaxCommuteKm * (0.98 + 0.04*r.Float64())
		o.Lat = c.Lat + d/kmPerDegLat*math.Sin(ang)
		o.Lon = c.Lon + d/(kmPerDegLat*math.Cos(c.Lat*math.Pi/180))*math.Cos(ang)
		var q citizenQ
		q.reset(&c, cp)
		m := makeMeta(&o)
		pr := pair{q: &q, o: &o, m: &m, cp: cp}
		want := models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon) > c.MaxCommuteKm
		if got := pr.beyondCommute(); got != want {
			t.Fatalf("beyondCommute = %v, haversine says %v (citizen %v,%v r=%v, opening %v,%v)",
				got, want, c.Lat, c.Lon, c.MaxCommuteKm, o.Lat, o.Lon)
		}
	}
}

// haversineKm must agree with models.DistanceKm, which the rest of the
// product uses: a pair at the limit must not flip between them.
func TestHaversineAgreesWithModels(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 100000; i++ {
		lat1, lon1 := denmarkPoint(r)
		lat2, lon2 := denmarkPoint(r)
		want := models.DistanceKm(lat1, lon1, lat2, lon2)
		got := haversineKm(lat1, lon1, math.Cos(lat1*degToRad), lat2, lon2, math.Cos(lat2*degToRad))
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Fatalf("haversineKm = %v, models.DistanceKm = %v", got, want)
		}
	}
}

func denmarkPoint(r *rand.Rand) (float64, float64) {
	return models.MinLat + r.Float64()*(models.MaxLat-models.MinLat), models.MinLon + r.Float64()*(models.MaxLon-models.MinLon)
}

// distanceFloor must stay below the true distance anywhere on the globe.
func TestDistanceFloor(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	cp := compile(testParams())
	for i := 0; i < 200000; i++ {
		c, o := baseCitizen(), baseOpening()
		c.Lat, c.Lon = -89+178*r.Float64(), -180+360*r.Float64()
		switch i % 3 {
		case 0: // nearby
			o.Lat, o.Lon = c.Lat+0.5*(r.Float64()-0.5), c.Lon+0.5*(r.Float64()-0.5)
		case 1: // around the 0.2 rad switch
			o.Lat, o.Lon = c.Lat+23*(r.Float64()-0.5), c.Lon+23*(r.Float64()-0.5)
		default:
			o.Lat, o.Lon = -89+178*r.Float64(), -180+360*r.Float64()
		}
		o.Lat = max(-90, min(90, o.Lat))
		var q citizenQ
		q.reset(&c, cp)
		m := makeMeta(&o)
		pr := pair{q: &q, o: &o, m: &m, cp: cp}
		if f, d := pr.distanceFloor(), models.DistanceKm(c.Lat, c.Lon, o.Lat, o.Lon); f > d*(1+1e-12) {
			t.Fatalf("floor %v above distance %v for %v,%v → %v,%v", f, d, c.Lat, c.Lon, o.Lat, o.Lon)
		}
	}
}
