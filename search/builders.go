package search

import (
	"strconv"

	"placering/models"
)

// The builders copy what search needs from the models and nothing else:
// no contact persons, mentors' names or phone numbers, notes (free text
// that may name a citizen) or consultant ids. Citizens are never indexed.
//
// Archived rows should not be indexed at all: the caller deletes them from
// the index instead of building a document.

// OpeningDoc builds the search document of an opening. companyName is the
// name of the company that offers it and seatsFree the seats not yet taken
// (the caller counts placements; it is clamped to 0..Seats).
//
// An opening with HoursMax 0 or below HoursMin is read as having a fixed
// number of hours, HoursMin, so that the hours-range filter treats it as a
// range of one value.
func OpeningDoc(o models.Opening, companyName string, seatsFree int) Document {
	hoursMax := o.HoursMax
	if hoursMax < o.HoursMin {
		hoursMax = o.HoursMin
	}
	d := Document{
		FieldID:              strconv.FormatInt(o.ID, 10),
		FieldTitle:           o.Title,
		FieldTasks:           o.Tasks,
		FieldCompanyName:     companyName,
		FieldTown:            o.Town,
		FieldPostcode:        o.Postcode,
		FieldBranch:          o.Branch,
		FieldKind:            string(o.Kind),
		FieldStatus:          string(o.Status),
		FieldHoursMin:        o.HoursMin,
		FieldHoursMax:        hoursMax,
		FieldSeats:           o.Seats,
		FieldSeatsFree:       clamp(seatsFree, 0, o.Seats),
		FieldDurationWeeks:   o.DurationWeeks,
		FieldMentorAvailable: o.MentorAvailable,
		FieldDanishLevel:     o.DanishLevel.Rank(),
		FieldDanishLevelCode: string(orNone(o.DanishLevel)),
		FieldDriversLicence:  o.DriversLicence,
		FieldPhysicalDemands: string(o.PhysicalDemands),
		FieldJobcentreID:     o.JobcentreID,
		FieldCompanyID:       o.CompanyID,
	}
	if !o.StartDate.IsZero() {
		d[FieldStartDate] = o.StartDate.String()
		d[FieldStartDateInt] = DateInt(o.StartDate)
	}
	setGeo(d, o.Lat, o.Lon)
	return d
}

// VirksomhedscenterDoc builds the search document of a virksomhedscenter
// virksomhedscenter at company c. seatsFree is clamped to 0..Seats.
//
// The title names the kind of place and the company's branch, so that a
// search for "køkken" finds the virksomhedscentre in the kitchen branch; the company
// name stays in company_name, where it gets no typo tolerance.
func VirksomhedscenterDoc(v models.Virksomhedscenter, c models.Company, seatsFree int) Document {
	groups := make([]string, len(v.TargetGroups))
	for i, g := range v.TargetGroups {
		groups[i] = string(g)
	}
	title := "Virksomhedscenter"
	if c.Branch != "" {
		title += " – " + models.BranchLabel(c.Branch)
	}
	d := Document{
		FieldID:              strconv.FormatInt(v.ID, 10),
		FieldTitle:           title,
		FieldCompanyName:     c.Name,
		FieldTown:            c.Town,
		FieldPostcode:        c.Postcode,
		FieldBranch:          c.Branch,
		FieldSeats:           v.Seats,
		FieldSeatsFree:       clamp(seatsFree, 0, v.Seats),
		FieldTargetGroups:    groups,
		FieldMentorAvailable: len(v.Mentors) > 0,
		FieldJobcentreID:     v.JobcentreID,
		FieldCompanyID:       v.CompanyID,
	}
	if !v.ValidFrom.IsZero() {
		d[FieldValidFrom] = v.ValidFrom.String()
	}
	if !v.ValidTo.IsZero() {
		d[FieldValidTo] = v.ValidTo.String()
	}
	setGeo(d, c.Lat, c.Lon)
	return d
}

// CompanyDoc builds the search document of a company: its name, CVR
// number, branch and town. company_id repeats the id so that the employer
// filter (Query.CompanyIDs) works the same on every index.
func CompanyDoc(c models.Company) Document {
	d := Document{
		FieldID:          strconv.FormatInt(c.ID, 10),
		FieldCompanyName: c.Name,
		FieldCVR:         c.CVR,
		FieldBranch:      c.Branch,
		FieldTown:        c.Town,
		FieldPostcode:    c.Postcode,
		FieldJobcentreID: c.JobcentreID,
		FieldCompanyID:   c.ID,
	}
	setGeo(d, c.Lat, c.Lon)
	return d
}

// DateInt turns a date into a sortable number, 2027-01-15 → 20270115, or 0
// for the zero date. Numbers sort and filter in every backend; dates as
// strings do not.
func DateInt(d models.Date) int {
	if d.IsZero() {
		return 0
	}
	t := d.Time()
	return t.Year()*10000 + int(t.Month())*100 + t.Day()
}

// setGeo stores the point unless it is unset (0,0), which Meilisearch
// would take for a real place in the Gulf of Guinea.
func setGeo(d Document, lat, lon float64) {
	if lat == 0 && lon == 0 {
		return
	}
	d[FieldGeo] = map[string]any{"lat": lat, "lng": lon}
}

func clamp(n, lo, hi int) int {
	if n > hi {
		n = hi
	}
	if n < lo {
		n = lo
	}
	return n
}

func orNone(l models.DanishLevel) models.DanishLevel {
	if l == "" {
		return models.DanishNone
	}
	return l
}
