package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"placering/models"
	"placering/search"
)

// The corpus is a large, deterministic, plausible data set for benchmarks
// and load tests: openings and virksomhedscentre at companies in Danish
// towns, with Danish titles and tasks by branch. The same seed always
// gives the same documents.

// Town is a Danish town with its virksomhedscenter and a weight (roughly population,
// so that København gets more openings than Rønne).
type Town struct {
	Name     string
	Postcode string
	Lat, Lon float64
	Weight   int
}

// Towns used by the corpus.
var Towns = []Town{
	{"København", "1050", 55.6761, 12.5683, 30}, {"Aarhus", "8000", 56.1629, 10.2039, 14},
	{"Odense", "5000", 55.4038, 10.4024, 9}, {"Aalborg", "9000", 57.0488, 9.9217, 9},
	{"Esbjerg", "6700", 55.4765, 8.4594, 5}, {"Randers", "8900", 56.4607, 10.0364, 4},
	{"Kolding", "6000", 55.4904, 9.4722, 4}, {"Horsens", "8700", 55.8607, 9.8503, 4},
	{"Vejle", "7100", 55.7113, 9.5357, 4}, {"Roskilde", "4000", 55.6419, 12.0878, 4},
	{"Herning", "7400", 56.1393, 8.9738, 3}, {"Helsingør", "3000", 56.0361, 12.6136, 3},
	{"Silkeborg", "8600", 56.1697, 9.5451, 3}, {"Næstved", "4700", 55.2299, 11.7609, 3},
	{"Fredericia", "7000", 55.5657, 9.7526, 3}, {"Viborg", "8800", 56.4532, 9.4020, 3},
	{"Køge", "4600", 55.4580, 12.1821, 3}, {"Holstebro", "7500", 56.3601, 8.6161, 2},
	{"Taastrup", "2630", 55.6517, 12.2926, 3}, {"Slagelse", "4200", 55.4028, 11.3546, 2},
	{"Hillerød", "3400", 55.9267, 12.3109, 3}, {"Sønderborg", "6400", 54.9138, 9.7922, 2},
	{"Svendborg", "5700", 55.0598, 10.6068, 2}, {"Hjørring", "9800", 57.4642, 9.9823, 2},
	{"Holbæk", "4300", 55.7175, 11.7128, 2}, {"Frederikshavn", "9900", 57.4407, 10.5366, 2},
	{"Ballerup", "2750", 55.7317, 12.3633, 3}, {"Ringsted", "4100", 55.4426, 11.7901, 2},
	{"Haderslev", "6100", 55.2497, 9.4880, 2}, {"Skive", "7800", 56.5670, 9.0272, 1},
	{"Espergærde", "3060", 55.9930, 12.5480, 1}, {"Nykøbing Falster", "4800", 54.7691, 11.8743, 1},
	{"Rønne", "3700", 55.1009, 14.7066, 1}, {"Thisted", "7700", 56.9552, 8.6945, 1},
}

type branchWords struct {
	code    string
	titles  []string
	tasks   []string
	company []string
}

var corpusBranches = []branchWords{
	{"transport_lager_logistik",
		[]string{"Lagermedarbejder", "Lagerarbejde", "Truckfører", "Chauffør", "Pakkeriassistent", "Logistikmedarbejder", "Flyttemand", "Budchauffør", "Medhjælper på lageret"},
		[]string{"Pakning af varer.", "Plukning af ordrer.", "Truckkørsel på lageret.", "Modtagelse af gods.", "Optælling af lager.", "Kørsel med varer til kunder."},
		[]string{"Logistik", "Transport", "Fragt", "Lager"}},
	{"bygge_anlaeg",
		[]string{"Tømrerlærling", "Murerarbejdsmand", "Anlægsgartner", "Malerhjælper", "Stilladsmontør", "Byggepladsmedhjælper"},
		[]string{"Oprydning på byggepladsen.", "Hjælp til montage.", "Maling af vægge og lofter.", "Flisearbejde og belægning.", "Bæring af materialer."},
		[]string{"Byg", "Entreprise", "Tømrer", "Murer"}},
	{"butik_detail",
		[]string{"Butiksassistent", "Ekspedient", "Kasseassistent", "Salgsassistent", "Varepåfylder", "Butiksmedhjælper"},
		[]string{"Opfyldning af hylder.", "Betjening af kasse.", "Kundeservice i butikken.", "Prismærkning af varer.", "Modtagelse af varer."},
		[]string{"Butik", "Supermarked", "Detail", "Handel"}},
	{"rengoering_hotel_restauration_koekken",
		[]string{"Rengøringsassistent", "Servicemedarbejder", "Køkkenhjælper", "Opvasker", "Tjener", "Kok", "Stuepige", "Receptionist", "Kantinemedarbejder", "Rengøring af kontorer"},
		[]string{"Daglig rengøring af kontorer.", "Opvask og oprydning i køkkenet.", "Forberedelse af mad.", "Servering i restauranten.", "Klargøring af hotelværelser.", "Rengøring af fællesarealer."},
		[]string{"Rengøring", "Service", "Hotel", "Restaurant", "Kantine"}},
	{"pleje_omsorg_frisoer",
		[]string{"SOSU-hjælper", "Social- og sundhedshjælper", "Plejehjemsmedhjælper", "Frisørelev", "Hjemmehjælper", "Omsorgsmedhjælper"},
		[]string{"Personlig pleje af ældre.", "Praktisk hjælp i hjemmet.", "Aktiviteter med beboerne.", "Hårvask og klipning.", "Ledsagelse til aftaler."},
		[]string{"Plejecenter", "Omsorg", "Frisør", "Hjemmepleje"}},
	{"it_kommunikation",
		[]string{"IT-supporter", "Helpdeskmedarbejder", "Webudvikler", "Datamedarbejder"},
		[]string{"Support af brugere.", "Opsætning af computere.", "Test af software.", "Indtastning af data."},
		[]string{"IT", "Data", "Digital"}},
	{"industri_produktion",
		[]string{"Produktionsmedarbejder", "Maskinoperatør", "Svejser", "Fabriksarbejder", "Pakkerimedarbejder"},
		[]string{"Betjening af maskiner.", "Kvalitetskontrol.", "Pakning ved samlebånd.", "Svejsning af emner."},
		[]string{"Industri", "Produktion", "Metal", "Plast"}},
	{"landbrug_gartneri",
		[]string{"Gartnermedhjælper", "Landbrugsmedhjælper", "Staldmedhjælper", "Skovarbejder"},
		[]string{"Pasning af planter.", "Fodring af dyr.", "Høst og sortering.", "Vedligehold af grønne områder."},
		[]string{"Gartneri", "Landbrug", "Planteskole"}},
	{"kontor_administration",
		[]string{"Kontorassistent", "Administrativ medarbejder", "Bogholderassistent", "Receptionist"},
		[]string{"Arkivering af dokumenter.", "Telefonpasning.", "Bogføring af bilag.", "Postomdeling."},
		[]string{"Kontor", "Administration", "Regnskab"}},
	{"undervisning_boernepasning",
		[]string{"Pædagogmedhjælper", "Dagplejemedhjælper", "Skolemedhjælper"},
		[]string{"Leg med børnene.", "Hjælp ved måltider.", "Udeliv og ture."},
		[]string{"Børnehus", "Skole", "Institution"}},
	{"kultur_fritid_service",
		[]string{"Pedel", "Vicevært", "Vagt", "Idrætsmedhjælper"},
		[]string{"Små reparationer.", "Rundering og adgangskontrol.", "Klargøring af haller.", "Snerydning."},
		[]string{"Service", "Ejendom", "Fritid", "Sikkerhed"}},
	{"sundhed",
		[]string{"Portør", "Laboratoriemedhjælper", "Tandklinikassistent"},
		[]string{"Transport af patienter.", "Sterilisering af instrumenter.", "Modtagelse af prøver."},
		[]string{"Klinik", "Sundhed", "Hospital"}},
	{"offentlig_administration",
		[]string{"Administrativ medhjælper", "Arkivmedarbejder"},
		[]string{"Scanning af sager.", "Journalisering.", "Hjælp i borgerservice."},
		[]string{"Kommune", "Forvaltning"}},
}

var (
	qualifiers     = []string{"", "", "", "deltid", "fuldtid", "weekend", "morgenhold", "aftenhold", "med mentor", "i praktik"}
	generalTasks   = []string{"Oplæring ved erfaren kollega.", "Mødetid kl. 7.", "Fleksible arbejdstider.", "Mulighed for ansættelse bagefter.", "Godt arbejdsmiljø.", "Arbejdstøj udleveres."}
	companyPrefix  = []string{"Nord", "Syd", "Øst", "Vest", "Dansk", "Fyns", "Jysk", "Sjællands", "Kyst", "By", "Fjord", "Skov", "Havne", "Midt", "Nørre", "Søndre"}
	companySuffix  = []string{"ApS", "A/S", "I/S", "& Co", "Gruppen", "Partner"}
	corpusKinds    = []models.Kind{models.KindPraktik, models.KindPraktik, models.KindLoentilskud, models.KindIGU, models.KindFleksjob, models.KindOrdinaereTimer}
	corpusStatuses = []models.OpeningStatus{models.StatusOpen, models.StatusOpen, models.StatusOpen, models.StatusOpen, models.StatusOpen, models.StatusDraft, models.StatusFilled, models.StatusClosed}
)

// Corpus generates companies, openings and virksomhedscentre from a seed.
type Corpus struct {
	rng       *rand.Rand
	townTotal int
	companies []models.Company
}

// NewCorpus returns a generator with nCompanies companies.
func NewCorpus(seed uint64, nCompanies int) *Corpus {
	c := &Corpus{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, t := range Towns {
		c.townTotal += t.Weight
	}
	for i := range nCompanies {
		br := corpusBranches[c.rng.IntN(len(corpusBranches))]
		t := c.town()
		lat, lon := c.jitter(t)
		name := fmt.Sprintf("%s%s %s", pick(c.rng, companyPrefix), strings.ToLower(pick(c.rng, br.company)), pick(c.rng, companySuffix))
		c.companies = append(c.companies, models.Company{
			ID: int64(i + 1), JobcentreID: int64(1 + c.rng.IntN(98)),
			CompanyFields: models.CompanyFields{
				CVR: fmt.Sprintf("%08d", 10000000+c.rng.IntN(89999999)), Name: name, Branch: br.code,
				Town: t.Name, Postcode: t.Postcode, Lat: lat, Lon: lon,
			},
		})
	}
	return c
}

// Openings generates n opening documents with ids 1..n.
func (c *Corpus) Openings(n int) []search.Document {
	out := make([]search.Document, 0, n)
	for i := range n {
		co := c.companies[c.rng.IntN(len(c.companies))]
		br := branchOf(co.Branch)
		if c.rng.IntN(5) == 0 { // some companies post outside their branch
			br = corpusBranches[c.rng.IntN(len(corpusBranches))]
		}
		title := pick(c.rng, br.titles)
		if q := pick(c.rng, qualifiers); q != "" {
			title += " – " + q
		}
		var tasks []string
		for range 2 + c.rng.IntN(3) {
			tasks = append(tasks, pick(c.rng, br.tasks))
		}
		tasks = append(tasks, pick(c.rng, generalTasks))
		t := c.town()
		lat, lon := c.jitter(t)
		hmin := float64(5 + c.rng.IntN(26))
		seats := 1 + c.rng.IntN(5)
		o := models.Opening{ID: int64(i + 1), JobcentreID: co.JobcentreID, OpeningFields: models.OpeningFields{
			CompanyID: co.ID, Kind: pick(c.rng, corpusKinds), Title: title, Tasks: strings.Join(tasks, " "),
			Branch: br.code, Town: t.Name, Postcode: t.Postcode, Lat: lat, Lon: lon,
			HoursMin: hmin, HoursMax: hmin + float64(c.rng.IntN(16)), Seats: seats,
			StartDate:       models.NewDate(2027, 1, 1).AddDays(c.rng.IntN(365)),
			DanishLevel:     models.DanishLevels[c.rng.IntN(len(models.DanishLevels))],
			MentorAvailable: c.rng.IntN(5) < 2, Status: pick(c.rng, corpusStatuses),
		}}
		out = append(out, search.OpeningDoc(o, co.Name, c.rng.IntN(seats+1)))
	}
	return out
}

// Virksomhedscentre generates n virksomhedscenter documents with ids 1..n.
func (c *Corpus) Virksomhedscentre(n int) []search.Document {
	out := make([]search.Document, 0, n)
	for i := range n {
		co := c.companies[c.rng.IntN(len(c.companies))]
		var groups []models.TargetGroup
		for _, g := range models.TargetGroups {
			if c.rng.IntN(3) == 0 {
				groups = append(groups, g)
			}
		}
		v := models.Virksomhedscenter{ID: int64(i + 1), JobcentreID: co.JobcentreID,
			VirksomhedscenterFields: models.VirksomhedscenterFields{CompanyID: co.ID, Seats: 2 + c.rng.IntN(8), TargetGroups: groups}}
		if c.rng.IntN(2) == 0 {
			v.Mentors = []models.Mentor{{Name: "Mentor"}}
		}
		out = append(out, search.VirksomhedscenterDoc(v, co, c.rng.IntN(v.Seats+1)))
	}
	return out
}

func (c *Corpus) town() Town {
	n := c.rng.IntN(c.townTotal)
	for _, t := range Towns {
		if n < t.Weight {
			return t
		}
		n -= t.Weight
	}
	return Towns[0]
}

// jitter spreads places over about 10 km around the town virksomhedscenter.
func (c *Corpus) jitter(t Town) (lat, lon float64) {
	return t.Lat + (c.rng.Float64()-0.5)*0.09, t.Lon + (c.rng.Float64()-0.5)*0.16
}

func branchOf(code string) branchWords {
	for _, b := range corpusBranches {
		if b.code == code {
			return b
		}
	}
	return corpusBranches[0]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
