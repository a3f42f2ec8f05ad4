package demo

// The demo's geography: three real jobcentres with their real municipality
// numbers, and real towns (or, in København, districts) with their real
// postcodes, approximate centre coordinates and real street names. Points
// are chosen a little inland of the centre where a town lies on the coast,
// so that the jitter added to each address stays on land.

// town is a place inside a municipality.
type town struct {
	Name     string // as the postal district is written: "København NV"
	Postcode string
	Local    string // what locals call it, for company names: "Nordvest"
	Lat, Lon float64
	Streets  []string
}

// centre is one jobcentre and the towns it serves.
type centre struct {
	MunicipalityNo string
	Name           string  // the jobcentre's own name
	Slug           string  // ASCII, for demo e-mail addresses
	Weight         int     // share of companies and citizens, by population
	Lat, Lon       float64 // roughly the jobcentre's address
	Towns          []town
}

var centres = []centre{
	{
		MunicipalityNo: "217", Name: "Jobcenter Helsingør", Slug: "helsingor", Weight: 30,
		Lat: 56.0305, Lon: 12.5930,
		Towns: []town{
			{"Helsingør", "3000", "Helsingør", 56.0300, 12.5950, []string{
				"Stengade", "Kongevejen", "Rasmus Knudsens Vej", "Gurrevej", "Kongekildevej",
				"Marienlyst Allé", "Bøssemagergade", "Prøvestensvej", "Industrivej", "Rønnebær Allé",
			}},
			{"Snekkersten", "3070", "Snekkersten", 55.9990, 12.5800, []string{
				"Snekkersten Stationsvej", "Strandvejen", "Kystvej", "Borsvej", "Hovedvejen",
			}},
			{"Espergærde", "3060", "Espergærde", 55.9920, 12.5450, []string{
				"Mørdrupvej", "Espergærde Stationsvej", "Vapnagaard", "Lundegårdsvej", "Mårumvej",
			}},
			{"Hornbæk", "3100", "Hornbæk", 56.0830, 12.4560, []string{
				"Nørregade", "Havnevej", "Ny Strandvej", "Sauntevej",
			}},
			{"Hellebæk", "3150", "Hellebæk", 56.0660, 12.5450, []string{
				"Nordre Strandvej", "Skovvej", "Hellebæk Stationsvej",
			}},
			{"Ålsgårde", "3140", "Ålsgårde", 56.0720, 12.5250, []string{
				"Hornbækvej", "Ålsgårde Stationsvej", "Gammel Hellebækvej",
			}},
			{"Tikøb", "3080", "Tikøb", 55.9720, 12.4680, []string{
				"Tikøb Stationsvej", "Esrumvej", "Gurrevej",
			}},
		},
	},
	{
		MunicipalityNo: "151", Name: "Jobcenter Ballerup", Slug: "ballerup", Weight: 25,
		Lat: 55.7310, Lon: 12.3630,
		Towns: []town{
			{"Ballerup", "2750", "Ballerup", 55.7310, 12.3630, []string{
				"Baltorpvej", "Ballerup Byvej", "Telegrafvej", "Lautrupvang", "Lautrupbjerg",
				"Banegårdspladsen", "Hold-an Vej", "Industriparken", "Tempovej", "Grøften",
			}},
			{"Skovlunde", "2740", "Skovlunde", 55.7220, 12.4010, []string{
				"Skovlunde Byvej", "Ejbydalsvej", "Ørnebjergvej", "Mileparken", "Gl. Klausdalsbrovej",
			}},
			{"Måløv", "2760", "Måløv", 55.7480, 12.3230, []string{
				"Måløv Hovedgade", "Måløv Byvej", "Værkstedsvej", "Søndergårds Allé",
			}},
		},
	},
	{
		MunicipalityNo: "101", Name: "Jobcenter København", Slug: "kobenhavn", Weight: 45,
		Lat: 55.6760, Lon: 12.5610,
		Towns: []town{
			{"København K", "1360", "Indre By", 55.6820, 12.5730, []string{
				"Frederiksborggade", "Nørre Voldgade", "Købmagergade", "Store Kongensgade", "Gothersgade",
			}},
			{"København V", "1620", "Vesterbro", 55.6700, 12.5500, []string{
				"Vesterbrogade", "Istedgade", "Enghavevej", "Sønder Boulevard", "Kingosgade",
			}},
			{"København N", "2200", "Nørrebro", 55.6960, 12.5450, []string{
				"Nørrebrogade", "Jagtvej", "Tagensvej", "Rantzausgade", "Mimersgade",
			}},
			{"København Ø", "2100", "Østerbro", 55.7090, 12.5760, []string{
				"Østerbrogade", "Nordre Frihavnsgade", "Strandboulevarden", "Vognmagervej",
			}},
			{"København S", "2300", "Amager", 55.6600, 12.5980, []string{
				"Amagerbrogade", "Englandsvej", "Holmbladsgade", "Kastrupvej", "Sundholmsvej",
			}},
			{"København SV", "2450", "Sydhavnen", 55.6500, 12.5400, []string{
				"Sydhavnsgade", "Borgbjergsvej", "Sjælør Boulevard", "Mozarts Plads",
			}},
			{"København NV", "2400", "Nordvest", 55.7060, 12.5250, []string{
				"Frederikssundsvej", "Rentemestervej", "Glasvej", "Bispebjerg Bakke", "Tomsgårdsvej",
			}},
			{"Valby", "2500", "Valby", 55.6630, 12.5130, []string{
				"Valby Langgade", "Gammel Køge Landevej", "Toftegårds Allé", "Vigerslev Allé", "Carl Jacobsens Vej",
			}},
			{"Vanløse", "2720", "Vanløse", 55.6870, 12.4900, []string{
				"Jernbane Allé", "Ålekistevej", "Slotsherrensvej", "Hulgårdsvej",
			}},
			{"Brønshøj", "2700", "Brønshøj", 55.7050, 12.4980, []string{
				"Frederikssundsvej", "Brønshøj Torv", "Krabbesholmvej", "Bellahøjvej",
			}},
		},
	},
}
