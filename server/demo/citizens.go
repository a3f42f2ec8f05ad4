package demo

import (
	"fmt"
	"strconv"
	"time"

	"placering/models"
)

// Citizens: target groups, names, ages and valid CPR numbers, and the
// jobcentre each belongs to.

// groupShares is how citizens spread over the target groups.
var groupShares = []struct {
	Group models.TargetGroup
	Share int // per cent
}{
	{models.Gruppe1, 25},
	{models.Gruppe2, 20},
	{models.Gruppe3, 14},
	{models.Gruppe4, 9},
	{models.LedigFleksjobvisitert, 12},
	{models.Flygtning, 20},
}

func (g *generator) citizens() {
	var groups []models.TargetGroup
	for _, s := range groupShares {
		for range NumCitizens * s.Share / 100 {
			groups = append(groups, s.Group)
		}
	}
	for len(groups) < NumCitizens {
		groups = append(groups, models.Gruppe1)
	}
	g.r.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
	for _, tg := range groups {
		g.addCitizen(tg)
	}
}

func (g *generator) addCitizen(tg models.TargetGroup) {
	refugee := tg == models.Flygtning
	jc := g.pickVirksomhedscenter()
	if refugee && g.r.IntN(3) == 0 {
		jc = virksomhedscenterIndex("217") // Helsingør's refugee effort is in DOMAIN.md
	}
	o := pickWeighted(g.r, generalOrigins)
	if refugee {
		o = pickWeighted(g.r, refugeeOrigins)
	}
	first, last, male := g.person(o)
	name := first + " " + last
	if o == &danish && g.r.IntN(5) == 0 {
		name = first + " " + pick(g.r, danish.Last) + " " + last // a middle name
	}

	minAge, maxAge := 18, 64
	switch tg {
	case models.LedigFleksjobvisitert, models.Gruppe3:
		minAge = 30
	case models.Flygtning:
		maxAge = 55
	}
	birth := g.birthDate(minAge, maxAge)
	if refugee && o != &ukrainian && g.r.IntN(5) == 0 {
		// People arriving without papers that give a birthday are
		// registered as born on 1 January, so such CPR numbers are common
		// (and make look-ups by date ambiguous, which the demo should show).
		birth = time.Date(birth.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
	}

	c := models.CitizenFields{Name: name, TargetGroup: tg}
	t := pick(g.r, virksomhedscentre[jc].Towns)
	c.Lat, c.Lon = g.jitter(t.Lat, t.Lon, 0.012)

	if refugee {
		c.ArrivalDate = g.today.AddDays(-(14 + g.r.IntN(3*365)))
		c.GroupEnteredOn = c.ArrivalDate.AddDays(g.r.IntN(30))
		if g.today.Before(c.GroupEnteredOn) {
			c.GroupEnteredOn = g.today
		}
	} else {
		c.GroupEnteredOn = g.today.AddDays(-(7 + g.r.IntN(700)))
	}

	// A goal is set early in a course, so a few (mostly the least ready)
	// have none yet.
	if !(tg == models.Gruppe4 && g.r.IntN(2) == 0) && g.r.IntN(12) != 0 {
		b := g.goalBranch()
		c.GoalBranch = b
		c.GoalTitle = pick(g.r, jobs[b]).Title
	}

	switch {
	case refugee:
		years := g.today.Time().Sub(c.ArrivalDate.Time()).Hours() / 24 / 365
		levels := []models.DanishLevel{none, none, basic}
		if years > 1 {
			levels = []models.DanishLevel{none, basic, basic, good}
		}
		c.DanishLevel = pick(g.r, levels)
		c.DriversLicence = g.r.IntN(7) == 0
	case o == &danish:
		c.DanishLevel = fluent
		c.DriversLicence = g.r.IntN(10) < 6
	default:
		c.DanishLevel = pick(g.r, []models.DanishLevel{basic, good, good, fluent, fluent})
		c.DriversLicence = g.r.IntN(10) < 4
	}

	c.MaxCommuteKm = pick(g.r, []float64{5, 10, 10, 15, 20, 20, 25, 30, 40})
	c.HoursCapacity = g.capacity(tg)
	c.ConsentShare = g.r.IntN(10) < 6
	if g.r.IntN(10) < 7 {
		c.Phone = g.phone()
	}
	if g.r.IntN(2) == 0 {
		c.Email = asciiLower(first) + "." + asciiLower(last) + strconv.Itoa(10+g.r.IntN(90)) + "@borger." + Domain
	}

	g.d.Citizens = append(g.d.Citizens, Citizen{
		CitizenFields:   c,
		ConsentKinds:    consentKinds(tg, c.ConsentShare),
		CPR:             g.cpr(birth, male),
		JobcentreIndex:  jc,
		ConsultantIndex: g.consultant[jc],
	})
}

// consentKinds are the kinds a consenting demo citizen agreed to be shown
// for: praktik and løntilskud, plus fleksjob for those approved for it and
// IGU for refugees. It draws no random numbers, so the rest of the data
// set stays as it was.
func consentKinds(tg models.TargetGroup, consent bool) []models.Kind {
	if !consent {
		return nil
	}
	out := []models.Kind{models.KindPraktik, models.KindLoentilskud}
	switch tg {
	case models.LedigFleksjobvisitert:
		out = []models.Kind{models.KindPraktik, models.KindFleksjob}
	case models.Flygtning:
		out = append(out, models.KindIGU)
	}
	return out
}

// goalBranch favours the good-prospect branches, as consultants do.
func (g *generator) goalBranch() string {
	if g.r.IntN(3) != 0 {
		var good []string
		for _, b := range models.Branches {
			if b.GoodProspect {
				good = append(good, b.Code)
			}
		}
		return pick(g.r, good)
	}
	return pick(g.r, models.Branches).Code
}

// capacity returns the weekly hours a citizen can work now: the further
// from the labour market, the fewer.
func (g *generator) capacity(tg models.TargetGroup) float64 {
	var lo, hi int
	switch tg {
	case models.Gruppe1:
		lo, hi = 12, 30
	case models.Gruppe2:
		lo, hi = 5, 15
	case models.Gruppe3:
		lo, hi = 3, 12
	case models.Gruppe4:
		lo, hi = 3, 8
	case models.LedigFleksjobvisitert:
		lo, hi = 6, 20
	default: // refugees: full-time programme, often part of it Danish lessons
		lo, hi = 15, 30
	}
	return float64(lo + g.r.IntN(hi-lo+1))
}

// birthDate returns a date on which someone is between minAge and maxAge
// years old today, both inclusive.
func (g *generator) birthDate(minAge, maxAge int) time.Time {
	t := g.today.Time()
	latest := t.AddDate(-minAge, 0, 0)
	earliest := t.AddDate(-maxAge-1, 0, 1)
	days := int(latest.Sub(earliest).Hours() / 24)
	return earliest.AddDate(0, 0, g.r.IntN(days+1))
}

// cpr returns a new, unique CPR number for someone born on birth: DDMMYY,
// a seventh digit that means the right century in CPR-kontoret's table,
// two random digits, and a last digit odd for men and even for women.
func (g *generator) cpr(birth time.Time, male bool) string {
	yy := birth.Year() % 100
	for {
		var seventh int
		switch {
		case birth.Year() < 2000:
			seventh = g.r.IntN(4) // 0–3 mean 1900–1999 for any year
		case yy <= 36:
			seventh = pick(g.r, []int{4, 5, 6, 7, 8, 9})
		default:
			seventh = 5 + g.r.IntN(4) // 5–8 mean 2000–2057
		}
		last := 2 * g.r.IntN(5)
		if male {
			last++
		}
		s := fmt.Sprintf("%02d%02d%02d%d%02d%d", birth.Day(), int(birth.Month()), yy, seventh, g.r.IntN(100), last)
		if !g.cprs[s] {
			g.cprs[s] = true
			return s
		}
	}
}

// person returns a first name, a last name and whether the person is male.
func (g *generator) person(o *origin) (first, last string, male bool) {
	male = g.r.IntN(2) == 0
	if male {
		first = pick(g.r, o.Male)
	} else {
		first = pick(g.r, o.Female)
	}
	return first, pick(g.r, o.Last), male
}

func (g *generator) pickVirksomhedscenter() int {
	total := 0
	for _, c := range virksomhedscentre {
		total += c.Weight
	}
	n := g.r.IntN(total)
	for i, c := range virksomhedscentre {
		if n < c.Weight {
			return i
		}
		n -= c.Weight
	}
	return len(virksomhedscentre) - 1
}
