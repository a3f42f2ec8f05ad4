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
	"math/rand/v2"
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

// Virksomhedscenter is a demo virksomhedscenter. CompanyID and ConsultantID in the
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

	// ConsentKinds are the kinds of opening the citizen consented to be
	// shown to employers for (none without the general consent).
	ConsentKinds []models.Kind

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
	g.virksomhedscentre()
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
	for _, c := range virksomhedscentre {
		g.d.Jobcentres = append(g.d.Jobcentres, models.Jobcentre{MunicipalityNo: c.MunicipalityNo, Name: c.Name})
	}
}

// staff creates every user not tied to a company: the admin, one consultant
// per jobcentre and the event staff (at Ballerup, which holds the matching
// event in DOMAIN.md).
func (g *generator) staff() {
	g.addUser("admin@"+Domain, "Anne Administrator", models.RoleAdmin, -1, -1)
	consultantNames := []string{"Mette Sørensen", "Jonas Holm", "Sara Nielsen"}
	g.consultant = make([]int, len(virksomhedscentre))
	for i, c := range virksomhedscentre {
		name := consultantNames[i%len(consultantNames)]
		g.consultant[i] = g.addUser("konsulent."+c.Slug+"@"+Domain, name, models.RoleConsultant, i, -1)
	}
	g.addUser("event@"+Domain, "Kasper Møller", models.RoleEventStaff, virksomhedscenterIndex("151"), -1)
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

func virksomhedscenterIndex(municipalityNo string) int {
	for i, c := range virksomhedscentre {
		if c.MunicipalityNo == municipalityNo {
			return i
		}
	}
	panic("demo: unknown municipality " + municipalityNo) // a bug in the tables
}

func townOf(jc int, name string) town {
	for _, t := range virksomhedscentre[jc].Towns {
		if t.Name == name {
			return t
		}
	}
	panic("demo: unknown town " + name) // a bug in the tables
}
