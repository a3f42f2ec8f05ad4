package demo

import (
	"strconv"
	"strings"

	"placering/models"
)

// Companies: the showcase and generated employers with valid CVR numbers
// and their contacts, and the virksomhedscentre virksomhedscentre with some of them.

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
		jc := virksomhedscenterIndex(s.Municipality)
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
		jc := g.pickVirksomhedscenter()
		t := pick(g.r, virksomhedscentre[jc].Towns)
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

func (g *generator) virksomhedscentre() {
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
				Notes:        pick(g.r, virksomhedscenterNotes),
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
