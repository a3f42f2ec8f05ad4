package searchtest

import (
	"strconv"
	"time"

	"placering/models"
	"placering/search"
)

// The fixtures are a small, hand-made world around Helsingør with a few
// openings elsewhere, chosen so that every contract case has documents
// that must match and documents that must not. They are built from models
// with the package's document builders, so the builders are part of what
// the suite checks.

// Places used by the fixtures.
var (
	Helsingoer  = search.Point{Lat: 56.0361, Lon: 12.6136}
	Espergaerde = search.Point{Lat: 55.9930, Lon: 12.5480} // about 6 km from Helsingør
	Hilleroed   = search.Point{Lat: 55.9267, Lon: 12.3109} // about 23 km
	Koebenhavn  = search.Point{Lat: 55.6761, Lon: 12.5683} // about 40 km
	Aarhus      = search.Point{Lat: 56.1629, Lon: 10.2039}
)

// Branch codes used by the fixtures.
const (
	brRengoering = "rengoering_hotel_restauration_koekken"
	brTransport  = "transport_lager_logistik"
	brPleje      = "pleje_omsorg_frisoer"
	brService    = "kultur_fritid_service"
	brButik      = "butik_detail"
	brIndustri   = "industri_produktion"
)

// Company ids.
const (
	CNordkysten = 1 // Nordkysten Rengøring ApS, Helsingør
	CVigier     = 2 // VIGIER Service ApS, Hillerød: the 'vigile' lesson
	COeresund   = 3 // Øresund Transport A/S, Espergærde
	CMarienlyst = 4 // Hotel Marienlyst, Helsingør
	CBoegebakke = 5 // Plejecenter Bøgebakken, København (jobcentre 2)
	CKvickly    = 6 // Kvickly Aarhus (jobcentre 3)
)

// Companies returns the fixture companies, by id.
func Companies() map[int64]models.Company {
	mk := func(id, jc int64, cvr, name, branch, town string, p search.Point) models.Company {
		return models.Company{ID: id, JobcentreID: jc, CompanyFields: models.CompanyFields{
			CVR: cvr, Name: name, Branch: branch, Town: town, Lat: p.Lat, Lon: p.Lon,
			Address: "Strandvejen 1", Postcode: "3000",
			Contacts: []models.Contact{{Name: "Kontakt Person", Email: "kontakt@example.dk", Phone: "+45 11 22 33 44"}},
			Notes:    "Intern note om borger Jens Hansen",
		}}
	}
	cs := []models.Company{
		mk(CNordkysten, 1, "11111111", "Nordkysten Rengøring ApS", brRengoering, "Helsingør", Helsingoer),
		mk(CVigier, 1, "22222222", "VIGIER Service ApS", brService, "Hillerød", Hilleroed),
		mk(COeresund, 1, "33333333", "Øresund Transport A/S", brTransport, "Espergærde", Espergaerde),
		mk(CMarienlyst, 1, "44444444", "Hotel Marienlyst", brRengoering, "Helsingør", Helsingoer),
		mk(CBoegebakke, 2, "55555555", "Plejecenter Bøgebakken", brPleje, "København", Koebenhavn),
		mk(CKvickly, 3, "66666666", "Kvickly Aarhus", brButik, "Aarhus", Aarhus),
	}
	out := make(map[int64]models.Company, len(cs))
	for _, c := range cs {
		out[c.ID] = c
	}
	return out
}

// opening describes a fixture opening compactly.
type opening struct {
	id            int64
	title, tasks  string
	company       int64
	town          string
	at            search.Point
	dLat, dLon    float64 // offset from the town virksomhedscenter, so distances differ
	kind          models.Kind
	branch        string
	status        models.OpeningStatus
	hmin, hmax    float64
	seats, free   int
	start         string
	mentor        bool
	danish        models.DanishLevel
	jobcentre     int64
	driversNeeded bool
}

var openings = []opening{
	{101, "Rengøring af kontorer", "Daglig rengøring af kontorer og fællesarealer.", CNordkysten, "Helsingør", Helsingoer, 0.001, 0.001,
		models.KindPraktik, brRengoering, models.StatusOpen, 15, 25, 2, 1, "2027-02-01", true, models.DanishBasic, 1, false},
	{102, "Medhjælper på lageret", "Pakning af varer og optælling.", COeresund, "Espergærde", Espergaerde, 0, 0,
		models.KindLoentilskud, brTransport, models.StatusOpen, 20, 30, 1, 1, "2027-01-15", false, models.DanishNone, 1, false},
	{103, "Lagerarbejde", "Truckkørsel og plukning af ordrer.", COeresund, "Hillerød", Hilleroed, 0, 0,
		models.KindPraktik, brTransport, models.StatusOpen, 10, 20, 3, 3, "2027-03-01", true, models.DanishBasic, 1, true},
	{104, "Truckfører til lager", "Kørsel med gaffeltruck.", COeresund, "Espergærde", Espergaerde, 0.002, -0.002,
		models.KindOrdinaereTimer, brTransport, models.StatusOpen, 5, 10, 1, 0, "2027-01-10", false, models.DanishGood, 1, true},
	{105, "Køkkenhjælp i restaurant", "Forberedelse af mad og opvask.", CMarienlyst, "Helsingør", Helsingoer, 0.004, 0.003,
		models.KindLoentilskud, brRengoering, models.StatusOpen, 25, 37, 2, 2, "2027-04-01", true, models.DanishNone, 1, false},
	{106, "Vagt og service", "Rundering og adgangskontrol.", CVigier, "Hillerød", Hilleroed, 0.001, 0,
		models.KindPraktik, brService, models.StatusOpen, 20, 37, 1, 1, "2027-05-01", false, models.DanishFluent, 1, false},
	{107, "SOSU-hjælper i hjemmeplejen", "Personlig pleje og praktisk hjælp.", CBoegebakke, "København", Koebenhavn, 0, 0,
		models.KindFleksjob, brPleje, models.StatusOpen, 10, 15, 2, 1, "2027-02-15", true, models.DanishGood, 2, false},
	{108, "Social- og sundhedshjælper på plejecenter", "Omsorg for ældre beboere.", CBoegebakke, "København", Koebenhavn, 0.003, 0.001,
		models.KindLoentilskud, brPleje, models.StatusOpen, 25, 30, 1, 1, "2027-03-15", false, models.DanishGood, 2, false},
	{109, "Opvask i køkken", "Opvask og oprydning efter frokost.", CMarienlyst, "Helsingør", Helsingoer, 0.006, -0.002,
		models.KindIGU, brRengoering, models.StatusOpen, 15, 20, 1, 1, "2027-06-01", true, models.DanishNone, 1, false},
	{110, "Butiksassistent", "Opfyldning af hylder og kundeservice.", CKvickly, "Aarhus", Aarhus, 0, 0,
		models.KindPraktik, brButik, models.StatusOpen, 20, 30, 2, 2, "2027-01-20", false, models.DanishBasic, 3, false},
	{111, "Rengøring & opvask <script>alert(1)</script>", "Hotelværelser.", CMarienlyst, "Helsingør", Helsingoer, -0.002, 0.001,
		models.KindPraktik, brRengoering, models.StatusDraft, 10, 10, 1, 1, "", false, models.DanishNone, 1, false},
	{112, "Bager", "Bagning af brød.", CKvickly, "Aarhus", Aarhus, 0.002, 0.002,
		models.KindOrdinaereTimer, brIndustri, models.StatusFilled, 30, 37, 1, 0, "2027-02-10", false, models.DanishBasic, 3, false},
}

// Opening returns fixture opening id as a model, with its company name.
func Opening(id int64) (models.Opening, string) {
	cs := Companies()
	for _, o := range openings {
		if o.id != id {
			continue
		}
		start, err := models.ParseDate(o.start)
		if err != nil {
			panic(err)
		}
		m := models.Opening{ID: o.id, JobcentreID: o.jobcentre, OpeningFields: models.OpeningFields{
			CompanyID: o.company, Kind: o.kind, Title: o.title, Tasks: o.tasks, Branch: o.branch,
			Address: "Havnegade 2", Postcode: "3000", Town: o.town,
			Lat: o.at.Lat + o.dLat, Lon: o.at.Lon + o.dLon,
			HoursMin: o.hmin, HoursMax: o.hmax, Seats: o.seats, StartDate: start, DurationWeeks: 13,
			DanishLevel: o.danish, DriversLicence: o.driversNeeded, MentorAvailable: o.mentor, Status: o.status,
		}}
		m.CreatedAt = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		return m, cs[o.company].Name
	}
	panic("searchtest: no fixture opening " + strconv.FormatInt(id, 10))
}

// OpeningDocs returns the documents of every fixture opening.
func OpeningDocs() []search.Document {
	out := make([]search.Document, 0, len(openings))
	for _, o := range openings {
		m, company := Opening(o.id)
		out = append(out, search.OpeningDoc(m, company, o.free))
	}
	return out
}

// FixtureVirksomhedscenter is a fixture virksomhedscenter with its free seats.
type FixtureVirksomhedscenter struct {
	V    models.Virksomhedscenter
	Free int
}

// Virksomhedscentre returns the fixture virksomhedscentre.
func Virksomhedscentre() []FixtureVirksomhedscenter {
	from, _ := models.ParseDate("2027-01-01")
	to, _ := models.ParseDate("2027-12-31")
	mk := func(id, company, jc int64, seats, free int, groups []models.TargetGroup, mentors int) FixtureVirksomhedscenter {
		v := models.Virksomhedscenter{ID: id, JobcentreID: jc, VirksomhedscenterFields: models.VirksomhedscenterFields{
			CompanyID: company, ValidFrom: from, ValidTo: to, Seats: seats, TargetGroups: groups,
			Notes: "Borger Jens Hansen, CPR 010203-1234, starter mandag",
		}}
		for i := range mentors {
			v.Mentors = append(v.Mentors, models.Mentor{Name: "Mentor " + strconv.Itoa(i), Phone: "+45 99 88 77 66", Email: "mentor@example.dk"})
		}
		return FixtureVirksomhedscenter{v, free}
	}
	return []FixtureVirksomhedscenter{
		mk(201, CNordkysten, 1, 4, 2, []models.TargetGroup{models.Gruppe2, models.Gruppe3}, 1),
		mk(202, CBoegebakke, 2, 3, 0, []models.TargetGroup{models.Gruppe4, models.Flygtning}, 0),
		mk(203, COeresund, 1, 5, 5, []models.TargetGroup{models.Gruppe2}, 2),
	}
}

// VirksomhedscenterDocs returns the documents of the fixture virksomhedscentre.
func VirksomhedscenterDocs() []search.Document {
	cs := Companies()
	var out []search.Document
	for _, v := range Virksomhedscentre() {
		out = append(out, search.VirksomhedscenterDoc(v.V, cs[v.V.CompanyID], v.Free))
	}
	return out
}

// CompanyDocs returns the documents of the fixture companies.
func CompanyDocs() []search.Document {
	cs := Companies()
	var out []search.Document
	for id := int64(1); id <= int64(len(cs)); id++ {
		out = append(out, search.CompanyDoc(cs[id]))
	}
	return out
}
