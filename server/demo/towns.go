package demo

import "placering/models"

// The demo's geography: three real jobcentres with their real municipality
// numbers, and real towns (or, in København, districts) with their real
// postcodes, approximate virksomhedscenter coordinates and real street names. Points
// are chosen a little inland of the virksomhedscenter where a town lies on the coast,
// so that the jitter added to each address stays on land.

// town is a place inside a municipality. Its postal district (name,
// postcode, point) comes from models' place table, which the search page's
// "distance from" box uses too, so the demo's towns are always places a
// user can search from.
type town struct {
	models.Place
	Local   string // what locals call it, for company names: "Nordvest"
	Streets []string
}

// place looks a demo town up in models' place table by postcode.
func place(postcode, name string) models.Place {
	p, ok := models.PlaceByPostcode(postcode)
	if !ok || p.Name != name {
		panic("demo: " + postcode + " " + name + " is not in models' place table") // a bug in the tables
	}
	return p
}

// virksomhedscenter is one jobcentre and the towns it serves.
type virksomhedscenter struct {
	MunicipalityNo string
	Name           string  // the jobcentre's own name
	Slug           string  // ASCII, for demo e-mail addresses
	Weight         int     // share of companies and citizens, by population
	Lat, Lon       float64 // roughly the jobcentre's address
	Towns          []town
}

var virksomhedscentre = []virksomhedscenter{
	{
		MunicipalityNo: "217", Name: "Jobcenter Helsingør", Slug: "helsingor", Weight: 30,
		Lat: 56.0305, Lon: 12.5930,
		Towns: []town{
			{place("3000", "Helsingør"), "Helsingør", []string{
				"Stengade", "Kongevejen", "Rasmus Knudsens Vej", "Gurrevej", "Kongekildevej",
				"Marienlyst Allé", "Bøssemagergade", "Prøvestensvej", "Industrivej", "Rønnebær Allé",
			}},
			{place("3070", "Snekkersten"), "Snekkersten", []string{
				"Snekkersten Stationsvej", "Strandvejen", "Kystvej", "Borsvej", "Hovedvejen",
			}},
			{place("3060", "Espergærde"), "Espergærde", []string{
				"Mørdrupvej", "Espergærde Stationsvej", "Vapnagaard", "Lundegårdsvej", "Mårumvej",
			}},
			{place("3100", "Hornbæk"), "Hornbæk", []string{
				"Nørregade", "Havnevej", "Ny Strandvej", "Sauntevej",
			}},
			{place("3150", "Hellebæk"), "Hellebæk", []string{
				"Nordre Strandvej", "Skovvej", "Hellebæk Stationsvej",
			}},
			{place("3140", "Ålsgårde"), "Ålsgårde", []string{
				"Hornbækvej", "Ålsgårde Stationsvej", "Gammel Hellebækvej",
			}},
			{place("3080", "Tikøb"), "Tikøb", []string{
				"Tikøb Stationsvej", "Esrumvej", "Gurrevej",
			}},
		},
	},
	{
		MunicipalityNo: "151", Name: "Jobcenter Ballerup", Slug: "ballerup", Weight: 25,
		Lat: 55.7310, Lon: 12.3630,
		Towns: []town{
			{place("2750", "Ballerup"), "Ballerup", []string{
				"Baltorpvej", "Ballerup Byvej", "Telegrafvej", "Lautrupvang", "Lautrupbjerg",
				"Banegårdspladsen", "Hold-an Vej", "Industriparken", "Tempovej", "Grøften",
			}},
			{place("2740", "Skovlunde"), "Skovlunde", []string{
				"Skovlunde Byvej", "Ejbydalsvej", "Ørnebjergvej", "Mileparken", "Gl. Klausdalsbrovej",
			}},
			{place("2760", "Måløv"), "Måløv", []string{
				"Måløv Hovedgade", "Måløv Byvej", "Værkstedsvej", "Søndergårds Allé",
			}},
		},
	},
	{
		MunicipalityNo: "101", Name: "Jobcenter København", Slug: "kobenhavn", Weight: 45,
		Lat: 55.6760, Lon: 12.5610,
		Towns: []town{
			{place("1360", "København K"), "Indre By", []string{
				"Frederiksborggade", "Nørre Voldgade", "Købmagergade", "Store Kongensgade", "Gothersgade",
			}},
			{place("1620", "København V"), "Vesterbro", []string{
				"Vesterbrogade", "Istedgade", "Enghavevej", "Sønder Boulevard", "Kingosgade",
			}},
			{place("2200", "København N"), "Nørrebro", []string{
				"Nørrebrogade", "Jagtvej", "Tagensvej", "Rantzausgade", "Mimersgade",
			}},
			{place("2100", "København Ø"), "Østerbro", []string{
				"Østerbrogade", "Nordre Frihavnsgade", "Strandboulevarden", "Vognmagervej",
			}},
			{place("2300", "København S"), "Amager", []string{
				"Amagerbrogade", "Englandsvej", "Holmbladsgade", "Kastrupvej", "Sundholmsvej",
			}},
			{place("2450", "København SV"), "Sydhavnen", []string{
				"Sydhavnsgade", "Borgbjergsvej", "Sjælør Boulevard", "Mozarts Plads",
			}},
			{place("2400", "København NV"), "Nordvest", []string{
				"Frederikssundsvej", "Rentemestervej", "Glasvej", "Bispebjerg Bakke", "Tomsgårdsvej",
			}},
			{place("2500", "Valby"), "Valby", []string{
				"Valby Langgade", "Gammel Køge Landevej", "Toftegårds Allé", "Vigerslev Allé", "Carl Jacobsens Vej",
			}},
			{place("2720", "Vanløse"), "Vanløse", []string{
				"Jernbane Allé", "Ålekistevej", "Slotsherrensvej", "Hulgårdsvej",
			}},
			{place("2700", "Brønshøj"), "Brønshøj", []string{
				"Frederikssundsvej", "Brønshøj Torv", "Krabbesholmvej", "Bellahøjvej",
			}},
		},
	},
}
