package demo

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"placering/models"
)

var today = models.NewDate(2026, time.March, 2)

// TestGenerateIsValid checks, for several seeds, every rule a loader and
// the API would enforce: sizes, validation, identifiers, references.
func TestGenerateIsValid(t *testing.T) {
	for _, seed := range []uint64{1, 2, 20260302} {
		d := Generate(seed, today)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			checkCounts(t, d)
			checkValidate(t, d)
			checkIdentifiers(t, d)
			checkUsers(t, d)
			checkReferences(t, d)
			checkPlausible(t, d)
		})
	}
}

func checkCounts(t *testing.T, d *Dataset) {
	if len(d.Jobcentres) < 3 {
		t.Errorf("%d jobcentres; want at least 3", len(d.Jobcentres))
	}
	want := map[string]string{"217": "Helsingør", "151": "Ballerup", "101": "København"}
	for _, j := range d.Jobcentres {
		if city, ok := want[j.MunicipalityNo]; ok && strings.Contains(j.Name, city) {
			delete(want, j.MunicipalityNo)
		}
	}
	if len(want) > 0 {
		t.Errorf("jobcentres missing: %v", want)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"companies", len(d.Companies), 200},
		{"virksomhedscentre", len(d.Virksomhedscentre), 15},
		{"openings", len(d.Openings), 500},
		{"citizens", len(d.Citizens), 1000},
	} {
		if c.got < c.want {
			t.Errorf("%d %s; want at least %d", c.got, c.what, c.want)
		}
	}

	perBranch := map[string]int{}
	for _, c := range d.Companies {
		perBranch[c.Branch]++
	}
	minGood, maxOther := 1<<30, 0
	for _, b := range models.Branches {
		n := perBranch[b.Code]
		if n == 0 {
			t.Errorf("no company in branch %s", b.Code)
		}
		if b.GoodProspect {
			minGood = min(minGood, n)
		} else {
			maxOther = max(maxOther, n)
		}
	}
	if minGood <= maxOther {
		t.Errorf("good-prospect branches have as few as %d companies, others up to %d; want more in the good ones", minGood, maxOther)
	}

	kinds := map[models.Kind]int{}
	openBranches := map[string]bool{}
	for _, o := range d.Openings {
		kinds[o.Kind]++
		openBranches[o.Branch] = true
	}
	for _, k := range models.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no opening of kind %s", k)
		}
	}
	if len(openBranches) != len(models.Branches) {
		t.Errorf("openings cover %d branches; want all %d", len(openBranches), len(models.Branches))
	}

	groups := map[models.TargetGroup]int{}
	for _, c := range d.Citizens {
		groups[c.TargetGroup]++
	}
	for _, g := range models.TargetGroups {
		if groups[g] < 20 {
			t.Errorf("%d citizens in %s; want every group well represented", groups[g], g)
		}
	}
}

// checkValidate runs each entity's models validation with the id fields a
// loader would fill in, and checks that validation changes nothing: the
// generated data is already in normal form.
func checkValidate(t *testing.T, d *Dataset) {
	for i, c := range d.Companies {
		f := c.CompanyFields
		f.Contacts = append([]models.Contact(nil), c.Contacts...)
		if errs := f.Validate(); len(errs) > 0 {
			t.Errorf("company %d %q: %v", i, c.Name, errs)
		}
		if !reflect.DeepEqual(f, c.CompanyFields) {
			t.Errorf("company %d: Validate normalised %+v to %+v", i, c.CompanyFields, f)
		}
	}
	for i, v := range d.Virksomhedscentre {
		f := v.VirksomhedscenterFields
		f.CompanyID = int64(v.CompanyIndex + 1)
		id := int64(v.ConsultantIndex + 1)
		f.ConsultantID = &id
		f.Mentors = append([]models.Mentor(nil), v.Mentors...)
		if errs := f.Validate(); len(errs) > 0 {
			t.Errorf("virksomhedscenter %d: %v", i, errs)
		}
	}
	for i, o := range d.Openings {
		f := o.OpeningFields
		f.CompanyID = int64(o.CompanyIndex + 1)
		if errs := f.Validate(); len(errs) > 0 {
			t.Errorf("opening %d %q: %v", i, o.Title, errs)
		}
		f.CompanyID = 0
		if f != o.OpeningFields {
			t.Errorf("opening %d: Validate normalised %+v to %+v", i, o.OpeningFields, f)
		}
	}
	for i, c := range d.Citizens {
		f := c.CitizenFields
		if errs := f.Validate(); len(errs) > 0 {
			t.Errorf("citizen %d %q: %v", i, c.Name, errs)
		}
		if f != c.CitizenFields {
			t.Errorf("citizen %d: Validate normalised %+v to %+v", i, c.CitizenFields, f)
		}
	}
}

func checkIdentifiers(t *testing.T, d *Dataset) {
	cvrs := map[string]bool{}
	names := map[string]bool{}
	for i, c := range d.Companies {
		if !models.ValidCVR(c.CVR) {
			t.Errorf("company %d: invalid CVR %q", i, c.CVR)
		}
		if cvrs[c.CVR] {
			t.Errorf("company %d: duplicate CVR %s", i, c.CVR)
		}
		cvrs[c.CVR] = true
		if names[c.Name] {
			t.Errorf("company %d: duplicate name %q", i, c.Name)
		}
		names[c.Name] = true
	}

	cprs := map[string]bool{}
	for i, c := range d.Citizens {
		if len(c.CPR) != 10 || !models.ValidCPR(c.CPR) {
			t.Errorf("citizen %d: invalid CPR %q", i, c.CPR)
			continue
		}
		if cprs[c.CPR] {
			t.Errorf("citizen %d: duplicate CPR %s", i, c.CPR)
		}
		cprs[c.CPR] = true
		// The century read back from the seventh digit must give an
		// adult of working age on the generation date.
		birth, _ := models.CPRBirthDate(c.CPR)
		if age := ageOn(birth, today.Time()); age < 18 || age > 64 {
			t.Errorf("citizen %d: CPR %s means age %d; want 18–64", i, c.CPR, age)
		}
	}
}

func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.YearDay() < birth.YearDay() {
		age--
	}
	return age
}

func checkUsers(t *testing.T, d *Dataset) {
	roles := map[models.Role]int{}
	emails := map[string]bool{}
	consultantOf := map[int]bool{}
	for i, u := range d.Users {
		roles[u.Role]++
		if !u.Role.Valid() {
			t.Errorf("user %d: invalid role %q", i, u.Role)
		}
		if emails[u.Email] || !strings.HasSuffix(u.Email, "@"+Domain) {
			t.Errorf("user %d: e-mail %q duplicate or outside %s", i, u.Email, Domain)
		}
		emails[u.Email] = true
		if u.Password == "" || u.Name == "" {
			t.Errorf("user %d: empty password or name", i)
		}
		if u.PasswordHash != "" || u.ID != 0 || u.JobcentreID != nil || u.CompanyID != nil {
			t.Errorf("user %d: ids or hash set; the loader assigns them", i)
		}
		switch u.Role {
		case models.RoleAdmin:
			if u.JobcentreIndex != -1 || u.CompanyIndex != -1 {
				t.Errorf("admin %d tied to a jobcentre or company", i)
			}
		case models.RoleConsultant, models.RoleEventStaff:
			if u.JobcentreIndex < 0 || u.CompanyIndex != -1 {
				t.Errorf("%s %d: jobcentre %d, company %d", u.Role, i, u.JobcentreIndex, u.CompanyIndex)
			}
			if u.Role == models.RoleConsultant {
				consultantOf[u.JobcentreIndex] = true
			}
		case models.RoleEmployer:
			if u.CompanyIndex < 0 || u.CompanyIndex >= len(d.Companies) || u.JobcentreIndex != -1 {
				t.Errorf("employer %d: company %d, jobcentre %d", i, u.CompanyIndex, u.JobcentreIndex)
			}
		}
	}
	for _, r := range []models.Role{models.RoleAdmin, models.RoleConsultant, models.RoleEmployer, models.RoleEventStaff} {
		if roles[r] == 0 {
			t.Errorf("no demo user with role %s", r)
		}
	}
	for j := range d.Jobcentres {
		if !consultantOf[j] {
			t.Errorf("jobcentre %d has no consultant", j)
		}
	}
	if !emails["konsulent.helsingor@"+Domain] {
		t.Errorf("konsulent.helsingor@%s missing", Domain)
	}
}

// checkReferences inserts the data set in the order the Dataset comment
// gives, the way a loader would, and checks that every index is in range and
// refers to a row already inserted, of the right kind and tenant.
func checkReferences(t *testing.T, d *Dataset) {
	inserted := map[string]map[int]bool{"jc": {}, "user": {}, "co": {}}
	ref := func(kind string, i int, what string) {
		t.Helper()
		if !inserted[kind][i] {
			t.Errorf("%s refers to %s %d, not inserted yet", what, kind, i)
		}
	}
	for i := range d.Jobcentres {
		inserted["jc"][i] = true
	}
	for i, u := range d.Users {
		if u.CompanyIndex == -1 {
			if u.JobcentreIndex != -1 {
				ref("jc", u.JobcentreIndex, "user")
			}
			inserted["user"][i] = true
		}
	}
	for i, c := range d.Companies {
		ref("jc", c.JobcentreIndex, "company")
		ref("user", c.CreatedByIndex, "company")
		if d.Users[c.CreatedByIndex].JobcentreIndex != c.JobcentreIndex {
			t.Errorf("company %d created by another jobcentre's user", i)
		}
		inserted["co"][i] = true
	}
	for i, u := range d.Users {
		if u.CompanyIndex != -1 {
			ref("co", u.CompanyIndex, "employer")
			inserted["user"][i] = true
		}
	}
	seenCo := map[int]bool{}
	for i, v := range d.Virksomhedscentre {
		ref("co", v.CompanyIndex, "virksomhedscenter")
		ref("user", v.ConsultantIndex, "virksomhedscenter")
		if seenCo[v.CompanyIndex] {
			t.Errorf("virksomhedscenter %d: second virksomhedscenter with company %d", i, v.CompanyIndex)
		}
		seenCo[v.CompanyIndex] = true
		if d.Companies[v.CompanyIndex].JobcentreIndex != v.JobcentreIndex {
			t.Errorf("virksomhedscenter %d: jobcentre differs from its company's", i)
		}
		if u := d.Users[v.ConsultantIndex]; u.Role != models.RoleConsultant || u.JobcentreIndex != v.JobcentreIndex {
			t.Errorf("virksomhedscenter %d: responsible user %d is not a consultant of its jobcentre", i, v.ConsultantIndex)
		}
	}
	for i, o := range d.Openings {
		ref("co", o.CompanyIndex, "opening")
		ref("user", o.PostedByIndex, "opening")
		co := d.Companies[o.CompanyIndex]
		if co.JobcentreIndex != o.JobcentreIndex || co.Branch != o.Branch {
			t.Errorf("opening %d: jobcentre or branch differs from its company's", i)
		}
		switch u := d.Users[o.PostedByIndex]; u.Role {
		case models.RoleEmployer:
			if u.CompanyIndex != o.CompanyIndex {
				t.Errorf("opening %d posted by another company's employer", i)
			}
		case models.RoleConsultant:
			if u.JobcentreIndex != o.JobcentreIndex {
				t.Errorf("opening %d posted by another jobcentre's consultant", i)
			}
		default:
			t.Errorf("opening %d posted by a %s", i, u.Role)
		}
	}
	for i, c := range d.Citizens {
		ref("jc", c.JobcentreIndex, "citizen")
		ref("user", c.ConsultantIndex, "citizen")
		if u := d.Users[c.ConsultantIndex]; u.Role != models.RoleConsultant || u.JobcentreIndex != c.JobcentreIndex {
			t.Errorf("citizen %d: consultant of another jobcentre", i)
		}
	}
}

// checkPlausible checks the domain rules the validation does not know:
// places near their jobcentre, hours that fit the scheme, dates in order.
func checkPlausible(t *testing.T, d *Dataset) {
	near := func(what string, i, jc int, lat, lon float64) {
		t.Helper()
		if !models.InDenmark(lat, lon) {
			t.Errorf("%s %d at %.4f,%.4f is outside Denmark", what, i, lat, lon)
		}
		c := virksomhedscentre[jc]
		if km := models.DistanceKm(lat, lon, c.Lat, c.Lon); km > 20 {
			t.Errorf("%s %d is %.0f km from %s", what, i, km, c.Name)
		}
	}
	for i, c := range d.Companies {
		near("company", i, c.JobcentreIndex, c.Lat, c.Lon)
	}
	for i, c := range d.Citizens {
		near("citizen", i, c.JobcentreIndex, c.Lat, c.Lon)
	}

	bands := map[models.Kind][2]float64{ // min hours ≥ [0], max hours ≤ [1]
		models.KindPraktik:        {5, 30},
		models.KindFleksjob:       {8, 25},
		models.KindOrdinaereTimer: {3, 15},
		models.KindLoentilskud:    {20, 37},
		models.KindIGU:            {25, 37},
	}
	open := 0
	for i, o := range d.Openings {
		b := bands[o.Kind]
		if o.HoursMin < b[0] || o.HoursMax > b[1] || o.HoursMin > o.HoursMax {
			t.Errorf("opening %d (%s): %g–%g hours; want within %g–%g", i, o.Kind, o.HoursMin, o.HoursMax, b[0], b[1])
		}
		if o.Seats < 1 || o.Seats > 4 {
			t.Errorf("opening %d: %d seats; want 1–4", i, o.Seats)
		}
		if !today.Before(o.StartDate) || today.AddDays(200).Before(o.StartDate) {
			t.Errorf("opening %d starts %s; want within about six months after %s", i, o.StartDate, today)
		}
		if o.Status == models.StatusOpen {
			open++
		}
	}
	if open < len(d.Openings)*3/4 {
		t.Errorf("only %d of %d openings are open; want most", open, len(d.Openings))
	}

	for i, v := range d.Virksomhedscentre {
		if v.Seats < 3 || v.Seats > 10 {
			t.Errorf("virksomhedscenter %d: %d seats; want 3–10", i, v.Seats)
		}
		if y := v.ValidFrom.Time().Year(); y < 2025 || y > 2027 {
			t.Errorf("virksomhedscenter %d: valid from %s", i, v.ValidFrom)
		}
		if !v.ValidFrom.Before(v.ValidTo) || v.ValidTo.Before(today) {
			t.Errorf("virksomhedscenter %d: %s–%s is not current", i, v.ValidFrom, v.ValidTo)
		}
	}

	consent := 0
	for i, c := range d.Citizens {
		if c.ConsentShare {
			consent++
		}
		if c.MaxCommuteKm < 5 || c.MaxCommuteKm > 40 || c.HoursCapacity < 3 || c.HoursCapacity > 30 {
			t.Errorf("citizen %d: commute %g km, capacity %g hours", i, c.MaxCommuteKm, c.HoursCapacity)
		}
		if today.Before(c.GroupEnteredOn) || c.GroupEnteredOn.IsZero() {
			t.Errorf("citizen %d entered the group on %s", i, c.GroupEnteredOn)
		}
		if c.TargetGroup == models.Flygtning {
			if c.ArrivalDate.IsZero() || today.Before(c.ArrivalDate) || c.GroupEnteredOn.Before(c.ArrivalDate) {
				t.Errorf("refugee %d: arrived %s, entered group %s", i, c.ArrivalDate, c.GroupEnteredOn)
			}
		} else if !c.ArrivalDate.IsZero() {
			t.Errorf("citizen %d is not a refugee but has an arrival date", i)
		}
	}
	if share := float64(consent) / float64(len(d.Citizens)); share < 0.5 || share > 0.7 {
		t.Errorf("consent share %.2f; want about 0.6", share)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(7, today), Generate(7, today)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed and date differ")
	}
	c := Generate(8, today)
	if reflect.DeepEqual(a.Citizens, c.Citizens) || reflect.DeepEqual(a.Companies, c.Companies) {
		t.Fatal("different seeds give the same data")
	}
	if z := Generate(7, models.Date{}); z.Today != DefaultToday {
		t.Fatalf("zero date gave Today %s; want %s", z.Today, DefaultToday)
	}
}

func TestShowcaseCompanies(t *testing.T) {
	d := Generate(1, today)
	for i, s := range showcase {
		if d.Companies[i].Name != s.Name || d.Companies[i].Town != s.Town {
			t.Errorf("company %d = %q in %s; want %q in %s", i, d.Companies[i].Name, d.Companies[i].Town, s.Name, s.Town)
		}
	}
	var employer *User
	for i := range d.Users {
		if d.Users[i].Role == models.RoleEmployer {
			employer = &d.Users[i]
		}
	}
	if employer == nil || d.Companies[employer.CompanyIndex].Name != "Helsingør Lager & Logistik ApS" {
		t.Fatalf("employer not tied to Helsingør Lager & Logistik ApS: %+v", employer)
	}
	n := 0
	for _, o := range d.Openings {
		if o.CompanyIndex == employer.CompanyIndex {
			n++
		}
	}
	if n < 3 {
		t.Errorf("employer's company has %d openings; want a few to show", n)
	}
}

func TestCVRCheckDigit(t *testing.T) {
	g := &generator{r: rand.New(rand.NewPCG(3, 3)), cvrs: map[string]bool{}}
	for range 2000 {
		if s := g.cvr(); !models.ValidCVR(s) {
			t.Fatalf("cvr() = %s, invalid", s)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Helsingør Lager & Logistik ApS": "helsingoer-lager-logistik",
		"Kantinen i Valby A/S":           "kantinen-i-valby",
		"Café Østerbro":                  "cafe-oesterbro",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q; want %q", in, got, want)
		}
	}
}
