package demo

// Name tables. Person names are common names in each group, in the spelling
// usually seen in Danish registers; the combinations are random, so any
// resemblance to a real person is accidental.

// origin is a naming tradition a generated person is drawn from.
type origin struct {
	Key                string
	Male, Female, Last []string
}

var (
	danish = origin{
		Key: "dk",
		Male: []string{
			"Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels", "Christian",
			"Martin", "Anders", "Jesper", "Morten", "Mads", "Rasmus", "Mikkel", "Kasper", "Frederik", "Jonas",
			"Mathias", "Emil", "Oliver", "Lucas", "Tobias", "Nikolaj", "Kim", "Bo", "Ole", "Per",
			"Hans", "Poul", "Brian", "Kenneth", "René", "Claus", "Torben", "Steen", "Allan", "Dennis",
		},
		Female: []string{
			"Anne", "Kirsten", "Mette", "Hanne", "Helle", "Lene", "Susanne", "Marianne", "Camilla", "Louise",
			"Charlotte", "Maria", "Pia", "Lone", "Tina", "Gitte", "Bente", "Karen", "Ida", "Julie",
			"Sofie", "Emma", "Freja", "Laura", "Cecilie", "Sara", "Mathilde", "Line", "Nanna", "Maja",
			"Trine", "Rikke", "Signe", "Katrine", "Birgitte", "Inge", "Jette", "Dorthe", "Malene", "Stine",
		},
		Last: []string{
			"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
			"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
			"Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen",
			"Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen", "Holm", "Kristiansen",
			"Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Mogensen", "Jacobsen",
			"Nissen", "Dahl", "Kjær", "Bak", "Vestergaard", "Lauridsen", "Bech", "Skov", "Friis", "Brandt",
		},
	}
	syrian = origin{
		Key: "sy",
		Male: []string{
			"Mohammad", "Ahmad", "Mahmoud", "Khaled", "Omar", "Ali", "Hussein", "Yousef", "Ibrahim",
			"Abdullah", "Bilal", "Rami", "Hassan", "Tarek", "Fadi", "Samer", "Amer", "Walid",
		},
		Female: []string{
			"Fatima", "Aya", "Rasha", "Hala", "Nour", "Lina", "Reem", "Rania", "Dima", "Layla",
			"Amal", "Hiba", "Salma", "Yasmin", "Ghada",
		},
		Last: []string{
			"Al-Hassan", "Al-Ahmad", "Khalil", "Haddad", "Ibrahim", "Mustafa", "Hamdan", "Al-Khatib",
			"Darwish", "Saleh", "Najjar", "Othman", "Hussein", "Al-Ali", "Suleiman", "Kurdi", "Shaker", "Youssef",
		},
	}
	eritrean = origin{
		Key: "er",
		Male: []string{
			"Yonas", "Dawit", "Filmon", "Tesfalem", "Habtom", "Mehari", "Kibrom", "Samuel", "Yohannes",
			"Berhane", "Tekle", "Semere", "Mussie", "Abel", "Biniam",
		},
		Female: []string{
			"Senait", "Helen", "Selam", "Rahel", "Saba", "Mebrat", "Luwam", "Feven", "Yodit", "Ruta",
			"Tsega", "Hiwet", "Winta", "Nebiat",
		},
		Last: []string{
			"Tesfay", "Gebremedhin", "Haile", "Tekle", "Berhe", "Kidane", "Woldu", "Ghebreyesus", "Abraha",
			"Mehari", "Habte", "Tsegay", "Yemane", "Asmerom", "Negash",
		},
	}
	afghan = origin{
		Key: "af",
		Male: []string{
			"Ahmad", "Mohammad", "Ali", "Hamid", "Farid", "Najib", "Rahim", "Sayed", "Jawad", "Mustafa",
			"Hekmat", "Nasir", "Zabihullah", "Shafiq", "Wahid", "Rahmatullah",
		},
		Female: []string{
			"Fatima", "Zahra", "Maryam", "Fereshta", "Parisa", "Shabnam", "Nilofar", "Mina", "Sima", "Roya",
			"Zainab", "Latifa", "Farzana", "Mahbooba",
		},
		Last: []string{
			"Ahmadi", "Rahimi", "Hashimi", "Sultani", "Noori", "Haidari", "Karimi", "Azizi", "Rezaei",
			"Mohammadi", "Hussaini", "Sharifi", "Amiri", "Popal", "Stanikzai", "Wardak",
		},
	}
	ukrainian = origin{
		Key: "ua",
		Male: []string{
			"Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Ivan", "Yurii", "Oleh",
			"Vasyl", "Taras", "Maksym", "Bohdan", "Artem", "Vitalii",
		},
		Female: []string{
			"Olena", "Tetiana", "Nataliia", "Oksana", "Iryna", "Svitlana", "Yuliia", "Kateryna", "Liudmyla",
			"Anastasiia", "Viktoriia", "Mariia", "Halyna", "Daria", "Alina",
		},
		// Surnames that do not change with gender, so no -skyi/-ska pairs.
		Last: []string{
			"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval",
			"Oliinyk", "Shevchuk", "Polishchuk", "Lysenko", "Marchenko", "Rudenko", "Savchenko", "Moroz",
			"Pavlenko", "Kovalchuk", "Tkachuk", "Petrenko",
		},
	}
	turkish = origin{
		Key:    "tr",
		Male:   []string{"Mehmet", "Ahmet", "Mustafa", "Emre", "Murat", "Hasan", "Serkan", "Burak", "Kemal"},
		Female: []string{"Ayse", "Fatma", "Emine", "Elif", "Zeynep", "Hatice", "Derya", "Sevgi"},
		Last:   []string{"Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Öztürk", "Aydin", "Arslan", "Dogan", "Kilic"},
	}
	pakistani = origin{
		Key:    "pk",
		Male:   []string{"Imran", "Asif", "Tariq", "Usman", "Kashif", "Faisal", "Zeeshan"},
		Female: []string{"Ayesha", "Sadia", "Nadia", "Sana", "Rabia", "Saima", "Hina"},
		Last:   []string{"Khan", "Ahmed", "Hussain", "Butt", "Chaudhry", "Malik", "Iqbal", "Raza"},
	}
	somali = origin{
		Key:    "so",
		Male:   []string{"Abdi", "Abdirahman", "Mohamed", "Hassan", "Yusuf", "Abdullahi", "Ismail"},
		Female: []string{"Hodan", "Amina", "Fadumo", "Ifrah", "Sahra", "Hibo", "Nimco"},
		Last:   []string{"Ali", "Farah", "Abdi", "Warsame", "Hussein", "Jama", "Osman", "Mohamud", "Nur"},
	}
	polish = origin{
		Key:    "pl",
		Male:   []string{"Piotr", "Tomasz", "Paweł", "Krzysztof", "Marcin", "Michał", "Łukasz"},
		Female: []string{"Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika", "Ewa"},
		Last:   []string{"Nowak", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wieczorek"},
	}
)

// weightedOrigin pairs an origin with its share in a population.
type weightedOrigin struct {
	O      *origin
	Weight int
}

// Origins of refugees and family-reunified persons in the integration
// programme: the largest groups arriving in recent years.
var refugeeOrigins = []weightedOrigin{
	{&ukrainian, 35}, {&syrian, 25}, {&eritrean, 20}, {&afghan, 20},
}

// Origins of everyone else: mostly Danish names, plus the immigrant and
// descendant groups common among jobcentre citizens, including refugees who
// arrived years ago and have left the integration programme.
var generalOrigins = []weightedOrigin{
	{&danish, 74}, {&turkish, 5}, {&somali, 4}, {&syrian, 4}, {&polish, 4},
	{&pakistani, 3}, {&afghan, 2}, {&eritrean, 2}, {&ukrainian, 2},
}

// Company name templates per branch. "{by}" is the town as locals say it,
// "{navn}" a Danish surname, "{fornavn}" a Danish woman's first name. Chain
// names stand for a local branch of the chain, as jobcentres register them.
var companyTemplates = map[string][]string{
	"transport_lager_logistik": {
		"{by} Lager & Logistik ApS", "{navn} Transport ApS", "{by} Vognmandsforretning I/S",
		"{navn}s Flytteforretning ApS", "{by} Budservice ApS", "{navn} & Søn Vognmænd ApS",
		"Øresund Fragt & Lager A/S", "{by} Distributionscenter A/S", "{navn} Logistik A/S",
		"{by} Pakkecentral ApS",
	},
	"bygge_anlaeg": {
		"Bygma {by}", "{navn} Byg ApS", "{by} Tømrer- og Snedkerfirma ApS", "{navn}s Murerforretning ApS",
		"{by} Anlæg & Belægning A/S", "{navn} VVS ApS", "{navn} El-service ApS", "Malerfirmaet {navn} ApS",
		"{by} Tagdækning ApS", "{navn} Entreprise A/S",
	},
	"butik_detail": {
		"Netto {by}", "REMA 1000 {by}", "Føtex {by}", "SuperBrugsen {by}", "Lidl {by}", "Matas {by}",
		"{by} Blomster", "{navn}s Bageri", "Jem & Fix {by}", "{by} Isenkram ApS", "Fakta {by}",
		"{navn}s Købmandshandel",
	},
	"rengoering_hotel_restauration_koekken": {
		"Kantinen i {by} A/S", "{by} Rengøringsservice ApS", "Hotel {by}", "Restaurant {navn}",
		"{by} Pizzeria", "{navn}s Køkken & Catering ApS", "{by} Kro", "Frokostordningen {by} ApS",
		"{navn} Facility Service ApS", "Café {by}", "{by} Vinduespolering ApS",
	},
	"pleje_omsorg_frisoer": {
		"Plejecentret {by}", "{by} Hjemmepleje ApS", "Frisør {navn}", "Salon {fornavn}",
		"{by} Negle & Skønhed", "Bostedet {by}", "Privat Hjemmehjælp {by} ApS", "{fornavn}s Hårstudie",
		"Omsorgshuset {by} ApS",
	},
	"it_kommunikation": {
		"{by} IT-Service ApS", "{navn} Data ApS", "{by} Webbureau ApS", "{navn} Software A/S",
		"Kodehuset {by} ApS", "{by} Netværk & Support ApS", "{navn} Digital ApS", "{by} Print & Kommunikation ApS",
	},
	"industri_produktion": {
		"{by} Maskinfabrik A/S", "{navn} Stål & Smed ApS", "{by} Plast A/S", "{navn} Emballage A/S",
		"{by} Metalindustri ApS", "{navn} Bryggeri ApS", "{by} Møbelsnedkeri ApS",
	},
	"landbrug_gartneri": {
		"{by} Planteskole", "{navn}s Gartneri", "{by} Anlægsgartner ApS", "{navn}gård Økologi",
		"{by} Skovservice ApS", "{navn}s Landbrug I/S",
	},
	"kontor_administration": {
		"{by} Revision ApS", "{navn} & Partnere Advokatfirma", "{by} Bogføring ApS", "Kontorhotel {by} ApS",
		"{navn} Ejendomsadministration A/S", "{by} Kundeservice ApS",
	},
	"undervisning_boernepasning": {
		"Den Private Børnehave {by}", "{by} Friskole", "Børnehuset {navn}", "{by} Sprogcenter",
		"Privatinstitutionen Solstrålen {by}", "{by} Efterskole",
	},
	"kultur_fritid_service": {
		"{by} Idrætscenter", "{by} Svømmehal", "Fitness {by} ApS", "{by} Biograf", "{navn} Eventservice ApS",
		"{by} Genbrugsbutik", "{by} Golfklub",
	},
	"sundhed": {
		"{by} Tandklinik", "Lægehuset {by}", "{by} Fysioterapi ApS", "Apoteket {by}", "{navn} Optik",
		"{by} Kiropraktorklinik",
	},
	"offentlig_administration": {
		"Vej og Park {by}", "{by} Genbrugsstation", "Teknisk Service {by}", "{by} Forsyning A/S",
		"Borgerservice {by}", "{by} Bibliotek",
	},
}

// Titles of company contact persons per branch. The first fits every
// company in the branch and goes to the main contact.
var contactTitles = map[string][]string{
	"transport_lager_logistik":              {"Direktør", "Lagerchef", "Driftsleder", "Disponent"},
	"bygge_anlaeg":                          {"Direktør", "Byggeleder", "Formand", "Kontorchef"},
	"butik_detail":                          {"Butikschef", "Souschef", "Indehaver", "Afdelingsleder"},
	"rengoering_hotel_restauration_koekken": {"Driftsleder", "Køkkenchef", "Hotelchef", "Indehaver", "Serviceleder"},
	"pleje_omsorg_frisoer":                  {"Daglig leder", "Centerleder", "Afdelingssygeplejerske", "Teamleder"},
	"it_kommunikation":                      {"Direktør", "Teamleder", "HR-partner", "Udviklingschef"},
	"industri_produktion":                   {"Produktionschef", "HR-konsulent", "Værkfører", "Direktør"},
	"landbrug_gartneri":                     {"Indehaver", "Gartnerformand", "Driftsleder"},
	"kontor_administration":                 {"Kontorchef", "Partner", "HR-konsulent"},
	"undervisning_boernepasning":            {"Leder", "Souschef", "Skoleleder"},
	"kultur_fritid_service":                 {"Centerchef", "Driftsleder", "Daglig leder"},
	"sundhed":                               {"Daglig leder", "Klinikchef", "Praktiserende læge", "Apoteker"},
	"offentlig_administration":              {"Afdelingsleder", "Driftsleder", "Teamleder"},
}

// companyNotes are consultants' typical notes about a company; most
// companies get none.
var companyNotes = []string{
	"Har haft praktikanter før og giver gode tilbagemeldinger.",
	"Ring helst tirsdag eller torsdag formiddag.",
	"Kan tage borgere med begrænset dansk, hvis der er en kollega der kan oversætte.",
	"Interesseret i løntilskud med henblik på fast ansættelse.",
	"Travlt i højsæsonen; bedst at starte forløb i foråret.",
	"Mødt på virksomhedsbesøg; positiv over for fleksjob.",
	"Vil gerne høre om IGU.",
	"Tidligere samarbejde om ordinære timer gik godt.",
}

// virksomhedscenterNotes are typical notes on a virksomhedscenter.
var virksomhedscenterNotes = []string{
	"Fast aftale om pladser med mentorstøtte. Opfølgning hver 4. uge.",
	"Tager gerne borgere i snusepraktik først. Mentor har gennemført mentoruddannelse.",
	"Aftalen omfatter også unge aktivitetsparate på uddannelseshjælp.",
	"Erfaring med borgere i ressourceforløb; rolige opgaver kan tilrettelægges.",
	"Tæt samarbejde med sprogcentret om dansk på arbejdspladsen.",
}
