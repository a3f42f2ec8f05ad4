package demo

import (
	"placering/models"
)

// Openings: how many of each kind, at which companies, with hours and
// lengths that fit the kind.

// kindShares is how openings are spread over the kinds: praktik is the most
// common way into a company, IGU the rarest.
var kindShares = []struct {
	Kind  models.Kind
	Share int // per cent
}{
	{models.KindPraktik, 36},
	{models.KindLoentilskud, 20},
	{models.KindIGU, 10},
	{models.KindFleksjob, 16},
	{models.KindOrdinaereTimer, 18},
}

func (g *generator) openings() {
	vc := map[int]bool{}
	for _, v := range g.d.Virksomhedscentre {
		vc[v.CompanyIndex] = true
	}
	var kinds []models.Kind
	for _, s := range kindShares {
		for range NumOpenings * s.Share / 100 {
			kinds = append(kinds, s.Kind)
		}
	}
	for len(kinds) < NumOpenings {
		kinds = append(kinds, models.KindPraktik)
	}
	g.r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })

	// The employer's company gets a handful of openings so its portal is
	// not empty; every branch gets at least one; the rest go anywhere.
	byBranch := map[string][]int{}
	for i, c := range g.d.Companies {
		byBranch[c.Branch] = append(byBranch[c.Branch], i)
	}
	companyFor := func(i int) int {
		switch {
		case i < 4:
			return g.employerCo
		case i < 4+len(models.Branches):
			return pick(g.r, byBranch[models.Branches[i-4].Code])
		}
		return g.r.IntN(len(g.d.Companies))
	}
	for i, k := range kinds {
		ci := companyFor(i)
		g.addOpening(ci, k, vc[ci])
	}
}

func (g *generator) addOpening(ci int, kind models.Kind, isVirksomhedscenter bool) {
	co := g.d.Companies[ci]
	j := pick(g.r, jobs[co.Branch])
	minH, maxH := g.hours(kind)
	seats := []int{1, 1, 1, 1, 2, 2, 3, 4}[g.r.IntN(8)]

	// Start on a Monday within the next six months.
	start := g.today.AddDays(7 + g.r.IntN(180))
	start = start.AddDays((8 - int(start.Time().Weekday())) % 7)

	danishLevel := j.Danish
	if kind == models.KindIGU && danishLevel.Rank() > models.DanishBasic.Rank() {
		danishLevel = models.DanishBasic // IGU is for newcomers still learning Danish
	}
	if g.r.IntN(5) == 0 && danishLevel.Rank() > 0 {
		danishLevel = models.DanishLevels[danishLevel.Rank()-1] // some employers are flexible
	}

	status := models.StatusOpen
	switch n := g.r.IntN(100); {
	case n < 5:
		status = models.StatusDraft
	case n < 11:
		status = models.StatusFilled
	case n < 14:
		status = models.StatusClosed
	}

	postedBy := g.consultant[co.JobcentreIndex]
	if ci == g.employerCo {
		postedBy = g.employerUser
	}
	g.d.Openings = append(g.d.Openings, Opening{
		OpeningFields: models.OpeningFields{
			Kind:            kind,
			Title:           j.Title,
			Tasks:           j.Tasks + " " + pick(g.r, kindNotes[kind]),
			Branch:          co.Branch,
			Address:         co.Address,
			Postcode:        co.Postcode,
			Town:            co.Town,
			Lat:             co.Lat,
			Lon:             co.Lon,
			HoursMin:        minH,
			HoursMax:        maxH,
			Seats:           seats,
			StartDate:       start,
			DurationWeeks:   g.duration(kind),
			DanishLevel:     danishLevel,
			DriversLicence:  j.Licence,
			PhysicalDemands: j.Physical,
			MentorAvailable: isVirksomhedscenter || g.r.IntN(10) < 6,
			Status:          status,
		},
		JobcentreIndex: co.JobcentreIndex,
		CompanyIndex:   ci,
		PostedByIndex:  postedBy,
	})
}

// hours returns plausible weekly hours for a kind: praktik often starts low
// and is stepped up, fleksjob is reduced hours, ordinære timer are a few
// hours, løntilskud and IGU are close to full time.
func (g *generator) hours(kind models.Kind) (minH, maxH float64) {
	var mins, maxs []float64
	switch kind {
	case models.KindPraktik:
		mins, maxs = []float64{6, 8, 8, 10, 12, 15}, []float64{15, 20, 20, 25, 30}
	case models.KindFleksjob:
		mins, maxs = []float64{8, 10, 10, 12}, []float64{15, 18, 20, 20}
	case models.KindOrdinaereTimer:
		mins, maxs = []float64{3, 5, 5, 8}, []float64{10, 12, 15, 15}
	case models.KindLoentilskud:
		mins, maxs = []float64{20, 25, 30}, []float64{30, 37, 37}
	case models.KindIGU:
		mins, maxs = []float64{25, 30, 37}, []float64{37}
	}
	minH, maxH = pick(g.r, mins), pick(g.r, maxs)
	if minH > maxH {
		minH, maxH = maxH, minH
	}
	return minH, maxH
}

// duration returns weeks; 0 means open-ended, as for a fleksjob or a
// standing arrangement of ordinary hours.
func (g *generator) duration(kind models.Kind) int {
	switch kind {
	case models.KindPraktik:
		return pick(g.r, []int{2, 4, 4, 6, 8, 13})
	case models.KindLoentilskud:
		return pick(g.r, []int{13, 26, 26, 52})
	case models.KindIGU:
		return 104
	case models.KindFleksjob:
		return pick(g.r, []int{0, 0, 26, 52})
	default:
		return pick(g.r, []int{0, 0, 12, 26})
	}
}
