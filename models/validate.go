package models

import "strconv"

// Validation normalises (trims) and checks the writable fields of each
// entity, collecting every problem. Cross-row rules (does the company exist,
// is it the caller's tenant) belong to the layer that can look rows up.

// Limits that keep numbers plausible.
const (
	MaxWeeklyHours   = 48  // EU working-time ceiling
	MaxSeats         = 500 // more is a typo, not a company
	MaxDurationWeeks = 156 // IGU runs up to two years; leave room
	MaxCommuteKm     = 300
)

// Validate normalises and checks a company's fields.
func (f *CompanyFields) Validate() FieldErrors {
	trim(&f.CVR, &f.Name, &f.Branch, &f.Address, &f.Postcode, &f.Town, &f.Notes)
	var c checker
	if c.required("cvr", f.CVR) && !ValidCVR(f.CVR) {
		c.errs.Add("cvr", "CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen.")
	}
	c.short("name", f.Name, true)
	c.branch("branch", f.Branch, true)
	c.short("address", f.Address, false)
	c.postcode(f.Postcode)
	c.short("town", f.Town, false)
	c.coords(f.Lat, f.Lon, false)
	c.long("notes", f.Notes)
	if len(f.Contacts) > 50 {
		c.errs.Add("contacts", "Højst 50 kontaktpersoner.")
	}
	for i := range f.Contacts {
		p := &f.Contacts[i]
		trim(&p.Name, &p.Title, &p.Email, &p.Phone)
		c.short(fieldIndex("contacts", i, "name"), p.Name, true)
		c.short(fieldIndex("contacts", i, "title"), p.Title, false)
		c.email(fieldIndex("contacts", i, "email"), p.Email)
		c.short(fieldIndex("contacts", i, "phone"), p.Phone, false)
	}
	return c.errs
}

// Validate normalises and checks a virksomhedscenter.
func (f *VirksomhedscenterFields) Validate() FieldErrors {
	trim(&f.Notes)
	var c checker
	if f.CompanyID <= 0 {
		c.errs.Add("company_id", "Vælg den virksomhed, aftalen er med.")
	}
	if f.ValidFrom.IsZero() {
		c.errs.Add("valid_from", "Angiv hvornår aftalen starter.")
	}
	if !f.ValidTo.IsZero() && !f.ValidFrom.IsZero() && f.ValidTo.Before(f.ValidFrom) {
		c.errs.Add("valid_to", "Slutdatoen ligger før startdatoen.")
	}
	seats(&c, f.Seats)
	if len(f.TargetGroups) == 0 {
		c.errs.Add("target_groups", "Vælg mindst én målgruppe, centret tager imod.")
	}
	seen := map[TargetGroup]bool{}
	for _, g := range f.TargetGroups {
		if !g.Valid() {
			c.errs.Add("target_groups", "Ukendt målgruppe %q.", g)
		}
		if seen[g] {
			c.errs.Add("target_groups", "Målgruppen %q står der to gange.", g)
		}
		seen[g] = true
	}
	if len(f.Mentors) > 50 {
		c.errs.Add("mentors", "Højst 50 mentorer.")
	}
	for i := range f.Mentors {
		m := &f.Mentors[i]
		trim(&m.Name, &m.Phone, &m.Email)
		c.short(fieldIndex("mentors", i, "name"), m.Name, true)
		c.short(fieldIndex("mentors", i, "phone"), m.Phone, false)
		c.email(fieldIndex("mentors", i, "email"), m.Email)
	}
	c.long("notes", f.Notes)
	return c.errs
}

// Validate normalises and checks an opening's fields. An empty status is
// set to open, an empty Danish level to none.
func (f *OpeningFields) Validate() FieldErrors {
	trim(&f.Title, &f.Tasks, &f.Branch, &f.Address, &f.Postcode, &f.Town)
	var c checker
	if f.CompanyID <= 0 {
		c.errs.Add("company_id", "Vælg virksomheden, åbningen er hos.")
	}
	if f.Kind == "" {
		c.errs.Add("kind", "Vælg ordning (praktik, løntilskud, IGU, fleksjob eller ordinære timer).")
	} else if !f.Kind.Valid() {
		c.errs.Add("kind", "Ukendt ordning %q.", f.Kind)
	}
	c.short("title", f.Title, true)
	c.long("tasks", f.Tasks)
	c.branch("branch", f.Branch, true)
	c.short("address", f.Address, false)
	c.postcode(f.Postcode)
	c.short("town", f.Town, false)
	c.coords(f.Lat, f.Lon, false)
	if f.HoursMin < 0 || f.HoursMin > MaxWeeklyHours {
		c.errs.Add("hours_min", "Timer pr. uge skal være mellem 0 og %d.", MaxWeeklyHours)
	}
	if f.HoursMax <= 0 || f.HoursMax > MaxWeeklyHours {
		c.errs.Add("hours_max", "Højeste antal timer pr. uge skal være mellem 1 og %d.", MaxWeeklyHours)
	}
	if f.HoursMin > f.HoursMax && !c.errs.Has("hours_min") && !c.errs.Has("hours_max") {
		c.errs.Add("hours_min", "Mindste antal timer (%g) er større end højeste (%g).", f.HoursMin, f.HoursMax)
	}
	seats(&c, f.Seats)
	if f.DurationWeeks < 0 || f.DurationWeeks > MaxDurationWeeks {
		c.errs.Add("duration_weeks", "Varigheden skal være mellem 0 og %d uger.", MaxDurationWeeks)
	}
	if f.DanishLevel == "" {
		f.DanishLevel = DanishNone
	}
	if !f.DanishLevel.Valid() {
		c.errs.Add("danish_level", "Ukendt danskniveau %q.", f.DanishLevel)
	}
	if !f.PhysicalDemands.Valid() {
		c.errs.Add("physical_demands", "Ukendt fysisk krav %q.", f.PhysicalDemands)
	}
	if f.Status == "" {
		f.Status = StatusOpen
	}
	if !f.Status.Valid() {
		c.errs.Add("status", "Ukendt status %q.", f.Status)
	}
	if f.MaxReferrals != nil && (*f.MaxReferrals < 1 || *f.MaxReferrals > MaxReferralsLimit) {
		c.errs.Add("max_referrals", "Antal henvisninger skal være mellem 1 og %d (eller tomt for ingen grænse).", MaxReferralsLimit)
	}
	return c.errs
}

// MaxReferralsLimit is the highest max_referrals an opening may set.
const MaxReferralsLimit = 1000

// Validate normalises and checks a citizen's fields. The CPR number is
// checked by the caller, which alone sees it.
func (f *CitizenFields) Validate() FieldErrors {
	trim(&f.Name, &f.Email, &f.Phone, &f.GoalBranch, &f.GoalTitle)
	var c checker
	c.short("name", f.Name, true)
	c.email("email", f.Email)
	c.short("phone", f.Phone, false)
	if f.TargetGroup == "" {
		c.errs.Add("target_group", "Vælg målgruppe.")
	} else if !f.TargetGroup.Valid() {
		c.errs.Add("target_group", "Ukendt målgruppe %q.", f.TargetGroup)
	}
	if f.TargetGroup == Flygtning && f.ArrivalDate.IsZero() {
		c.errs.Add("arrival_date", "Angiv dato for boligplacering (ankomst) for flygtninge og familiesammenførte.")
	}
	c.branch("goal_branch", f.GoalBranch, false)
	c.short("goal_title", f.GoalTitle, false)
	if f.DanishLevel == "" {
		f.DanishLevel = DanishNone
	}
	if !f.DanishLevel.Valid() {
		c.errs.Add("danish_level", "Ukendt danskniveau %q.", f.DanishLevel)
	}
	c.coords(f.Lat, f.Lon, false)
	if f.MaxCommuteKm < 0 || f.MaxCommuteKm > MaxCommuteKm {
		c.errs.Add("max_commute_km", "Længste transport skal være mellem 0 og %d km.", MaxCommuteKm)
	}
	if f.HoursCapacity < 0 || f.HoursCapacity > MaxWeeklyHours {
		c.errs.Add("hours_capacity", "Timer pr. uge skal være mellem 0 og %d.", MaxWeeklyHours)
	}
	return c.errs
}

func seats(c *checker, n int) {
	if n < 1 {
		c.errs.Add("seats", "Der skal være mindst 1 plads.")
	} else if n > MaxSeats {
		c.errs.Add("seats", "Højst %d pladser.", MaxSeats)
	}
}

func fieldIndex(list string, i int, field string) string {
	return list + "[" + strconv.Itoa(i) + "]." + field
}
