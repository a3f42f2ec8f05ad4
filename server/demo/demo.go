// Package demo generates a realistic, entirely made-up Danish data set for
// demonstrations and load tests: jobcentres in Helsingør, Ballerup and
// København, companies with valid CVR numbers, virksomhedscentre, openings of
// every kind and citizens in every target group with valid CPR numbers.
//
// The package is pure: it touches no database, clock or network. The same
// seed and date always give the same data, so a demo looks the same on every
// machine and a test can rely on it.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"placering/models"
)

// Password is the password of every demo user. It is printed when the demo
// is loaded; a demo database must never hold real data.
const Password = "placering-demo"

// Domain is the mail domain of every generated e-mail address, so that a
// demo never mails a real person or company.
const Domain = "demo.placering.dk"

// Minimum sizes of a generated data set.
const (
	NumCompanies         = 200
	NumVirksomhedscentre = 15
	NumOpenings          = 500
	NumCitizens          = 1000
)

// DefaultToday is the date Generate uses when given the zero Date.
var DefaultToday = models.NewDate(2026, time.January, 5)

// Dataset is a complete demo data set. Entities refer to each other by
// index into the Dataset's slices (CompanyIndex, JobcentreIndex, …) because
// ids are assigned by the database when the rows are inserted; an index of
// -1 means "none". All id fields inside the embedded models types are zero,
// and password hashes are empty.
//
// A loader inserts the entities in this order, recording the id each row
// gets, and fills each id field from the matching index before inserting:
//
//  1. Jobcentres.
//  2. Users whose CompanyIndex is -1 (JobcentreID from JobcentreIndex;
//     PasswordHash from hashing Password).
//  3. Companies (JobcentreID; CreatedBy from CreatedByIndex).
//  4. Users whose CompanyIndex is set: the employer, tied to its company.
//  5. Virksomhedscentre (JobcentreID, CompanyID, ConsultantID).
//  6. Openings (JobcentreID, CompanyID, PostedBy).
//  7. Citizens (JobcentreID, ConsultantID; the CPR number is encrypted and
//     hashed by the citizen store as for any other citizen).
//
// Every entity passes its models Validate method once its id fields are set.
type Dataset struct {
	Seed  uint64
	Today models.Date

	Jobcentres        []models.Jobcentre
	Users             []User
	Companies         []Company
	Virksomhedscentre []Virksomhedscenter
	Openings          []Opening
	Citizens          []Citizen
}

// User is a demo login.
type User struct {
	models.User

	// Password is the plaintext password, for printing on start.
	Password string

	JobcentreIndex int // -1 for the admin
	CompanyIndex   int // set only for the employer
}

// Company is a demo company.
type Company struct {
	models.CompanyFields

	JobcentreIndex int // the jobcentre that registered and edits it
	CreatedByIndex int // the consultant who registered it
}

// Virksomhedscenter is a demo agreement. CompanyID and ConsultantID in the
// embedded fields are zero; the loader sets them from the indexes.
type Virksomhedscenter struct {
	models.VirksomhedscenterFields

	JobcentreIndex  int
	CompanyIndex    int
	ConsultantIndex int // the responsible consultant
}

// Opening is a demo opening. CompanyID in the embedded fields is zero; the
// loader sets it from CompanyIndex.
type Opening struct {
	models.OpeningFields

	JobcentreIndex int // always the company's
	CompanyIndex   int
	PostedByIndex  int // the employer for their own company, otherwise the consultant
}

// Citizen is a made-up citizen.
type Citizen struct {
	models.CitizenFields

	// CPR is the ten-digit CPR number without dash. It is generated, valid
	// by models.ValidCPR and consistent with the citizen's age and gender,
	// and not a real person's except by coincidence.
	CPR string

	JobcentreIndex  int
	ConsultantIndex int
}

// Generate returns the demo data set for seed, with dates relative to today
// (start dates in the coming months, ages on that day). Give it a fixed
// date, not time.Now, wherever the output must not change; the zero Date
// means DefaultToday.
func Generate(seed uint64, today models.Date) *Dataset {
	if today.IsZero() {
		today = DefaultToday
	}
	g := &generator{
		// The second PCG word is fixed so that seed alone decides the stream.
		r:     rand.New(rand.NewPCG(seed, 0x706c6163657269)),
		today: today,
		d:     &Dataset{Seed: seed, Today: today},
		cvrs:  map[string]bool{},
		cprs:  map[string]bool{},
		names: map[string]bool{},
	}
	g.jobcentres()
	g.staff()
	g.companies()
	g.employer()
	g.centres()
	g.openings()
	g.citizens()
	return g.d
}

// generator holds the state of one Generate call; there is no package-level
// mutable state, so concurrent calls are safe.
type generator struct {
	r     *rand.Rand
	today models.Date
	d     *Dataset

	consultant   []int // per jobcentre: index of its consultant in d.Users
	employerCo   int   // index of the employer's company in d.Companies
	employerUser int   // index of the employer in d.Users

	cvrs, cprs, names map[string]bool
}

func (g *generator) jobcentres() {
	for _, c := range centres {
		g.d.Jobcentres = append(g.d.Jobcentres, models.Jobcentre{MunicipalityNo: c.MunicipalityNo, Name: c.Name})
	}
}

// staff creates every user not tied to a company: the admin, one consultant
// per jobcentre and the event staff (at Ballerup, which holds the matching
// event in DOMAIN.md).
func (g *generator) staff() {
	g.addUser("admin@"+Domain, "Anne Administrator", models.RoleAdmin, -1, -1)
	consultantNames := []string{"Mette Sørensen", "Jonas Holm", "Sara Nielsen"}
	g.consultant = make([]int, len(centres))
	for i, c := range centres {
		name := consultantNames[i%len(consultantNames)]
		g.consultant[i] = g.addUser("konsulent."+c.Slug+"@"+Domain, name, models.RoleConsultant, i, -1)
	}
	g.addUser("event@"+Domain, "Kasper Møller", models.RoleEventStaff, centreIndex("151"), -1)
}

func (g *generator) addUser(email, name string, role models.Role, jc, co int) int {
	g.d.Users = append(g.d.Users, User{
		User:           models.User{Email: email, Name: name, Role: role},
		Password:       Password,
		JobcentreIndex: jc,
		CompanyIndex:   co,
	})
	return len(g.d.Users) - 1
}

// employer ties the demo employer to the first company, so the employer
// portal shows a recognisable firm with openings.
func (g *generator) employer() {
	co := g.d.Companies[g.employerCo]
	g.employerUser = g.addUser("arbejdsgiver@"+Domain, co.Contacts[0].Name, models.RoleEmployer, -1, g.employerCo)
}

func centreIndex(municipalityNo string) int {
	for i, c := range centres {
		if c.MunicipalityNo == municipalityNo {
			return i
		}
	}
	panic("demo: unknown municipality " + municipalityNo) // a bug in the tables
}

func townOf(jc int, name string) town {
	for _, t := range centres[jc].Towns {
		if t.Name == name {
			return t
		}
	}
	panic("demo: unknown town " + name) // a bug in the tables
}

// showcase companies come first, with fixed names, so demos and the
// employer login show familiar examples.
var showcase = []struct {
	Name, Branch, Municipality, Town string
}{
	{"Helsingør Lager & Logistik ApS", "transport_lager_logistik", "217", "Helsingør"},
	{"Netto Espergærde", "butik_detail", "217", "Espergærde"},
	{"Bygma Ballerup", "bygge_anlaeg", "151", "Ballerup"},
	{"Kantinen i Valby A/S", "rengoering_hotel_restauration_koekken", "101", "Valby"},
	{"Plejecentret Snekkersten", "pleje_omsorg_frisoer", "217", "Snekkersten"},
	{"Lautrup IT-Service ApS", "it_kommunikation", "151", "Ballerup"},
}

func (g *generator) companies() {
	branches := g.branchQuota(NumCompanies)
	for i, s := range showcase {
		jc := centreIndex(s.Municipality)
		g.names[s.Name] = true
		g.addCompany(s.Name, s.Branch, jc, townOf(jc, s.Town))
		// Take the showcase's branch out of the quota so totals still add up.
		for j := len(showcase); j < len(branches); j++ {
			if branches[j] == s.Branch {
				branches[i], branches[j] = branches[j], branches[i]
				break
			}
		}
	}
	g.employerCo = 0
	rest := branches[len(showcase):]
	g.r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	for _, b := range rest {
		jc := g.pickCentre()
		t := pick(g.r, centres[jc].Towns)
		g.addCompany(g.companyName(b, t), b, jc, t)
	}
}

// branchQuota spreads n over the branches, three times as many in each
// good-prospect branch as in the others, every branch at least once.
func (g *generator) branchQuota(n int) []string {
	weights := make([]int, len(models.Branches))
	total := 0
	for i, b := range models.Branches {
		weights[i] = 1
		if b.GoodProspect {
			weights[i] = 3
		}
		total += weights[i]
	}
	out := make([]string, 0, n)
	for i, b := range models.Branches {
		k := max(1, n*weights[i]/total)
		for range k {
			out = append(out, b.Code)
		}
	}
	// Fill the rounding remainder from the top of the list, where the
	// good-prospect branches are.
	for i := 0; len(out) < n; i++ {
		out = append(out, models.Branches[i%len(models.Branches)].Code)
	}
	return out
}

func (g *generator) companyName(branch string, t town) string {
	templates := companyTemplates[branch]
	for attempt := 0; ; attempt++ {
		name := strings.NewReplacer(
			"{by}", t.Local,
			"{navn}", pick(g.r, danish.Last),
			"{fornavn}", pick(g.r, danish.Female),
		).Replace(pick(g.r, templates))
		if attempt > 20 {
			// Town and template combinations are finite; a numbered
			// branch office is still a plausible name.
			name += " " + strconv.Itoa(attempt)
		}
		if !g.names[name] {
			g.names[name] = true
			return name
		}
	}
}

func (g *generator) addCompany(name, branch string, jc int, t town) {
	lat, lon := g.jitter(t.Lat, t.Lon, 0.006)
	contacts := []models.Contact{g.contact(name, branch, 0)}
	if g.r.IntN(3) == 0 {
		contacts = append(contacts, g.contact(name, branch, 1))
	}
	var notes string
	if g.r.IntN(4) == 0 {
		notes = pick(g.r, companyNotes)
	}
	g.d.Companies = append(g.d.Companies, Company{
		CompanyFields: models.CompanyFields{
			CVR:      g.cvr(),
			Name:     name,
			Branch:   branch,
			Address:  g.address(t),
			Postcode: t.Postcode,
			Town:     t.Name,
			Lat:      lat,
			Lon:      lon,
			Contacts: contacts,
			Notes:    notes,
		},
		JobcentreIndex: jc,
		CreatedByIndex: g.consultant[jc],
	})
}

// contact makes the rank-th contact person of a company.
func (g *generator) contact(company, branch string, rank int) models.Contact {
	first, last, _ := g.person(&danish)
	// The first contact is the most senior, a second one someone closer
	// to the daily work.
	titles := contactTitles[branch]
	title := titles[0]
	if rank > 0 {
		title = pick(g.r, titles[1:])
	}
	return models.Contact{
		Name:  first + " " + last,
		Title: title,
		Email: asciiLower(first) + "@" + slug(company) + "." + Domain,
		Phone: g.phone(),
	}
}

// cvr returns a new, unique, valid CVR number: seven random digits (the
// first not zero) and the modulus-11 check digit, skipping the numbers whose
// check digit would be 10, as the CVR register does.
func (g *generator) cvr() string {
	weights := [7]int{2, 7, 6, 5, 4, 3, 2}
	for {
		var b [8]byte
		sum := 0
		for i := range 7 {
			d := g.r.IntN(10)
			if i == 0 {
				d = 1 + g.r.IntN(9)
			}
			b[i] = byte('0' + d)
			sum += d * weights[i]
		}
		check := (11 - sum%11) % 11
		if check == 10 {
			continue
		}
		b[7] = byte('0' + check)
		s := string(b[:])
		if !g.cvrs[s] {
			g.cvrs[s] = true
			return s
		}
	}
}

func (g *generator) centres() {
	// Virksomhedscentre are mostly in the good-prospect branches, where the
	// company effort is concentrated; never the employer's demo company, so
	// its portal stays simple.
	var good, other []int
	for i, c := range g.d.Companies {
		switch {
		case i == g.employerCo:
		case isGoodProspect(c.Branch):
			good = append(good, i)
		default:
			other = append(other, i)
		}
	}
	g.r.Shuffle(len(good), func(i, j int) { good[i], good[j] = good[j], good[i] })
	g.r.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
	chosen := append(good[:NumVirksomhedscentre-3:NumVirksomhedscentre-3], other[:3]...)

	groups := []models.TargetGroup{models.Gruppe1, models.Gruppe2, models.Gruppe3, models.Gruppe4, models.Flygtning}
	for _, ci := range chosen {
		co := g.d.Companies[ci]
		from := g.today.AddDays(-g.r.IntN(240))
		to := from.AddDays(pick(g.r, []int{365, 365, 547})) // one year, some 18 months
		// Two or three groups, in the UI's order, without duplicates.
		perm := g.r.Perm(len(groups))[:2+g.r.IntN(2)]
		var tg []models.TargetGroup
		for _, gi := range groups {
			for _, p := range perm {
				if groups[p] == gi {
					tg = append(tg, gi)
				}
			}
		}
		mentors := make([]models.Mentor, 1+g.r.IntN(2))
		for i := range mentors {
			first, last, _ := g.person(&danish)
			mentors[i] = models.Mentor{
				Name:  first + " " + last,
				Phone: g.phone(),
				Email: asciiLower(first) + "." + asciiLower(last) + "@" + slug(co.Name) + "." + Domain,
			}
		}
		g.d.Virksomhedscentre = append(g.d.Virksomhedscentre, Virksomhedscenter{
			VirksomhedscenterFields: models.VirksomhedscenterFields{
				ValidFrom:    from,
				ValidTo:      to,
				Seats:        3 + g.r.IntN(8),
				TargetGroups: tg,
				Mentors:      mentors,
				Notes:        pick(g.r, centreNotes),
			},
			JobcentreIndex:  co.JobcentreIndex,
			CompanyIndex:    ci,
			ConsultantIndex: g.consultant[co.JobcentreIndex],
		})
	}
}

func isGoodProspect(code string) bool {
	for _, b := range models.Branches {
		if b.Code == code {
			return b.GoodProspect
		}
	}
	return false
}

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

func (g *generator) addOpening(ci int, kind models.Kind, isCentre bool) {
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
			MentorAvailable: isCentre || g.r.IntN(10) < 6,
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
	jc := g.pickCentre()
	if refugee && g.r.IntN(3) == 0 {
		jc = centreIndex("217") // Helsingør's refugee effort is in DOMAIN.md
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
	t := pick(g.r, centres[jc].Towns)
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
		CPR:             g.cpr(birth, male),
		JobcentreIndex:  jc,
		ConsultantIndex: g.consultant[jc],
	})
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

func (g *generator) pickCentre() int {
	total := 0
	for _, c := range centres {
		total += c.Weight
	}
	n := g.r.IntN(total)
	for i, c := range centres {
		if n < c.Weight {
			return i
		}
		n -= c.Weight
	}
	return len(centres) - 1
}

func (g *generator) address(t town) string {
	n := strconv.Itoa(1 + g.r.IntN(150))
	if g.r.IntN(8) == 0 {
		n += string(rune('A' + g.r.IntN(4)))
	}
	return pick(g.r, t.Streets) + " " + n
}

// phone returns a Danish eight-digit number written "+45 12 34 56 78".
// Mobile-looking numbers start with 2, 3, 4, 5, 6 or 7 and 9 in Denmark.
func (g *generator) phone() string {
	first := pick(g.r, []int{2, 3, 4, 5, 6, 7, 9})
	n := first*10_000_000 + g.r.IntN(10_000_000)
	s := strconv.Itoa(n)
	return "+45 " + s[0:2] + " " + s[2:4] + " " + s[4:6] + " " + s[6:8]
}

// jitter moves a point up to about spread degrees of latitude (and the same
// distance in longitude) so that addresses in a town do not coincide, and
// rounds to six decimals (about 10 cm), as geocoders give them.
func (g *generator) jitter(lat, lon, spread float64) (float64, float64) {
	dLat := (g.r.Float64()*2 - 1) * spread
	dLon := (g.r.Float64()*2 - 1) * spread / math.Cos(lat*math.Pi/180)
	return round6(lat + dLat), round6(lon + dLon)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickWeighted(r *rand.Rand, xs []weightedOrigin) *origin {
	total := 0
	for _, x := range xs {
		total += x.Weight
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < x.Weight {
			return x.O
		}
		n -= x.Weight
	}
	return xs[len(xs)-1].O
}

// asciiLower lower-cases s and spells Danish and other letters in ASCII, as
// e-mail addresses are written in practice ("Søren" → "soeren").
func asciiLower(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		case r == 'é', r == 'è':
			b.WriteByte('e')
		case r == 'ö':
			b.WriteByte('o')
		case r == 'ü':
			b.WriteByte('u')
		case r == 'ł':
			b.WriteByte('l')
		case r == 'ą':
			b.WriteByte('a')
		case r == 'ę':
			b.WriteByte('e')
		case r == 'ó':
			b.WriteByte('o')
		case r == 'ć':
			b.WriteByte('c')
		case r == 'ś':
			b.WriteByte('s')
		case r == 'ż', r == 'ź':
			b.WriteByte('z')
		case r == 'ń':
			b.WriteByte('n')
		case r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// slug turns a company name into a host-name label: "Helsingør Lager &
// Logistik ApS" → "helsingoer-lager-logistik".
func slug(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		a := strings.Trim(asciiLower(w), "-")
		switch a {
		case "", "aps", "as", "a/s", "is", "og":
			continue
		}
		parts = append(parts, a)
	}
	s := strings.Join(parts, "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}
