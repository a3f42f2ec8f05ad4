package demo

import "placering/models"

// job is a kind of work in a branch: the title an opening or a citizen's
// goal uses, what the work consists of, and the requirements it usually
// comes with. Requirements are a typical level; the generator varies them.
type job struct {
	Title    string
	Tasks    string
	Physical models.PhysicalDemand
	Danish   models.DanishLevel
	Licence  bool // a driving licence is normally needed
}

const (
	low    = models.PhysicalLow
	medium = models.PhysicalMedium
	high   = models.PhysicalHigh

	none   = models.DanishNone
	basic  = models.DanishBasic
	good   = models.DanishGood
	fluent = models.DanishFluent
)

// jobs lists the jobs of every branch in models.Branches.
var jobs = map[string][]job{
	"transport_lager_logistik": {
		{"Lagermedarbejder", "Plukke og pakke ordrer, modtage varer og holde orden på lageret.", high, none, false},
		{"Pakkemedarbejder", "Pakke varer til forsendelse, sætte labels på og stable paller.", medium, none, false},
		{"Truckfører", "Køre gaffeltruck, flytte paller mellem reoler og rampe. Truckcertifikat kan tages undervejs.", medium, basic, false},
		{"Chaufførmedhjælper", "Hjælpe chaufføren med af- og pålæsning og levering til kunder.", high, basic, false},
		{"Chauffør (kategori B)", "Køre varer ud til butikker og private i varevogn.", medium, basic, true},
		{"Flyttemand", "Bære og pakke indbo, køre med på flytteopgaver.", high, none, false},
		{"Budbringer", "Levere pakker på cykel eller i el-varevogn efter fast rute.", medium, basic, false},
	},
	"bygge_anlaeg": {
		{"Håndlanger", "Bære materialer, rydde op på pladsen og hjælpe håndværkerne.", high, none, false},
		{"Tømrerarbejdsmand", "Hjælpe med forskalling, opsætning af gipsvægge og montering.", high, basic, false},
		{"Murerarbejdsmand", "Blande mørtel, bære sten og holde stilladset ryddeligt.", high, none, false},
		{"Anlægsarbejder", "Lægge fliser og kantsten, grave og planere.", high, none, false},
		{"Malerhjælper", "Afdække, spartle og male under vejledning.", medium, basic, false},
		{"Pladsmand", "Holde byggepladsen ren og sikker, sortere affald og modtage leverancer.", medium, basic, false},
		{"VVS-hjælper", "Hjælpe montøren med rør, vand og varme på byggepladser og hos kunder.", medium, basic, true},
	},
	"butik_detail": {
		{"Butiksassistent", "Betjene kunder, fylde varer op og holde butikken pæn.", medium, good, false},
		{"Varepåfylder", "Fylde hylder og køledisk op, tjekke datoer og rydde emballage væk.", medium, none, false},
		{"Kassemedarbejder", "Ekspedere ved kassen, tage imod returvarer og hjælpe kunder.", low, good, false},
		{"Bagerekspedient", "Ekspedere kunder, bage af og gøre rent i butikken.", medium, basic, false},
		{"Lagermedarbejder i butik", "Tage imod varer bag butikken, pakke ud og holde baglageret.", high, none, false},
		{"Blomsterbinderhjælper", "Pleje planter, binde enkle buketter og pakke ordrer.", low, basic, false},
	},
	"rengoering_hotel_restauration_koekken": {
		{"Rengøringsassistent", "Daglig rengøring af kontorer, gange og toiletter efter fast plan.", medium, none, false},
		{"Køkkenmedhjælper", "Forberede grøntsager, anrette og hjælpe kokkene i køkkenet.", medium, basic, false},
		{"Kokkeelev", "Lære madlavning fra bunden i et travlt køkken; skoleophold efter aftale.", medium, basic, false},
		{"Opvasker", "Tage opvasken, holde køkkenet rent og sætte service på plads.", high, none, false},
		{"Tjener", "Dække borde, servere og tage imod bestillinger.", medium, good, false},
		{"Stuepige", "Gøre hotelværelser klar, skifte sengetøj og fylde op.", high, none, false},
		{"Kantinemedarbejder", "Tilberede frokostbuffet, anrette salater og tage opvask.", medium, basic, false},
	},
	"pleje_omsorg_frisoer": {
		{"Social- og sundhedshjælper", "Hjælpe ældre med personlig pleje, måltider og praktiske opgaver.", medium, good, false},
		{"Plejemedhjælper", "Hjælpe plejepersonalet med måltider, gåture og aktiviteter.", medium, basic, false},
		{"Hjemmehjælper", "Praktisk hjælp og rengøring hos ældre i eget hjem.", medium, good, true},
		{"Aktivitetsmedarbejder", "Planlægge og holde aktiviteter for beboerne: sang, gåture, spil.", low, good, false},
		{"Frisørassistent", "Vaske hår, feje, tage imod kunder og passe tidsbestillingen.", low, basic, false},
		{"Negletekniker", "Manicure og negleforlængelse under oplæring; hygiejne efter forskrifterne.", low, basic, false},
	},
	"it_kommunikation": {
		{"IT-supporter", "Hjælpe brugere med pc, telefon og netværk; oprette sager og følge op.", low, good, false},
		{"Testmedarbejder", "Teste software efter testplaner og beskrive fejl præcist.", low, good, false},
		{"Junior webudvikler", "Rette og udvikle hjemmesider i HTML, CSS og JavaScript.", low, basic, false},
		{"Datamedarbejder", "Registrere og rydde op i data, lave enkle opgørelser i regneark.", low, good, false},
		{"IT-tekniker", "Klargøre pc'er, opsætte udstyr og hjælpe med flytning af IT.", medium, basic, true},
	},
	"industri_produktion": {
		{"Produktionsmedarbejder", "Betjene maskiner på samlebånd og kontrollere færdige emner.", medium, basic, false},
		{"Maskinoperatør", "Indstille og passe produktionsmaskiner efter instruktion.", medium, basic, false},
		{"Pakkeriarbejder", "Pakke færdigvarer og gøre dem klar til forsendelse.", medium, none, false},
		{"Smedehjælper", "Slibe, bore og hjælpe smeden med montage.", high, none, false},
		{"Kvalitetskontrollant", "Måle og kontrollere emner og registrere afvigelser.", low, good, false},
	},
	"landbrug_gartneri": {
		{"Gartnermedhjælper", "Så, prikle og passe planter i væksthus.", medium, none, false},
		{"Anlægsgartnermedhjælper", "Slå græs, klippe hæk og lægge fliser i private haver.", high, none, true},
		{"Staldmedhjælper", "Fodre dyr, muge ud og holde stalden ren.", high, none, false},
		{"Skovarbejder", "Rydde krat, plante træer og vedligeholde stier.", high, none, false},
		{"Planteskolemedarbejder", "Pakke planter til kunder og passe salgsområdet.", medium, basic, false},
	},
	"kontor_administration": {
		{"Kontorassistent", "Sortere post, scanne bilag, besvare telefon og bestille varer.", low, good, false},
		{"Receptionist", "Tage imod gæster, besvare telefon og booke mødelokaler.", low, fluent, false},
		{"Bogholderassistent", "Bogføre bilag og afstemme konti under vejledning.", low, good, false},
		{"Kundeservicemedarbejder", "Besvare kundehenvendelser på telefon og mail.", low, fluent, false},
		{"Scanningsmedarbejder", "Scanne og registrere dokumenter i arkivsystem.", low, basic, false},
	},
	"undervisning_boernepasning": {
		{"Pædagogmedhjælper", "Lege med børnene, hjælpe ved måltider og på legepladsen.", medium, good, false},
		{"Pædagogisk assistent", "Planlægge aktiviteter og være en tryg voksen for børnene.", medium, good, false},
		{"Køkkenmedhjælper i børnehave", "Lave frokost og frugt til børnene og tage opvasken.", medium, basic, false},
		{"Lærerassistent", "Støtte enkelte elever i timerne og i frikvartererne.", low, fluent, false},
	},
	"kultur_fritid_service": {
		{"Servicemedarbejder", "Gøre klar til arrangementer, rydde op og lave småreparationer.", medium, basic, false},
		{"Badeassistent", "Føre tilsyn i svømmehallen og gøre rent i omklædningen. Livredderkursus kan tages undervejs.", medium, good, false},
		{"Receptionist i fitnesscenter", "Tage imod medlemmer, sælge medlemskaber og holde centret pænt.", low, good, false},
		{"Butiksmedarbejder i genbrug", "Sortere og prismærke donationer, ekspedere kunder.", low, basic, false},
		{"Eventmedhjælper", "Stille op, servere og rydde ned ved koncerter og arrangementer.", high, basic, false},
	},
	"sundhed": {
		{"Klinikassistent", "Gøre behandlingsrum klar, sterilisere instrumenter og tage imod patienter.", low, good, false},
		{"Portør", "Flytte patienter og udstyr mellem afdelinger.", high, basic, false},
		{"Lægesekretærassistent", "Besvare telefon, booke tider og sortere post.", low, fluent, false},
		{"Apoteksmedhjælper", "Fylde hylder op, pakke ordrer og holde lageret.", low, basic, false},
		{"Sterilcentralmedarbejder", "Vaske, pakke og sterilisere instrumenter efter procedure.", medium, basic, false},
	},
	"offentlig_administration": {
		{"Vej og park-medarbejder", "Feje, tømme skraldespande og vedligeholde grønne områder.", high, none, true},
		{"Pedelmedhjælper", "Småreparationer, oprydning og tilsyn med bygninger.", medium, basic, false},
		{"Genbrugspladsmedarbejder", "Vejlede borgere i sortering og holde pladsen ryddelig.", medium, basic, false},
		{"Kontormedhjælper", "Scanne, journalisere og ekspedere post.", low, good, false},
		{"Arkivmedarbejder", "Ordne og registrere sager i arkivet.", low, good, false},
	},
}

// kindNotes are added to an opening's tasks to say what the scheme means
// at this workplace.
var kindNotes = map[models.Kind][]string{
	models.KindPraktik: {
		"Praktikken kan begynde med få timer og trappes op.",
		"Fast kontaktperson på arbejdspladsen under praktikken.",
		"Mulighed for forlængelse eller løntilskud bagefter, hvis det går godt.",
	},
	models.KindLoentilskud: {
		"Løntilskudsjob med henblik på ordinær ansættelse.",
		"Løn efter overenskomst; virksomheden søger tilskud via jobcentret.",
	},
	models.KindIGU: {
		"IGU-forløb over to år med skoleforløb (AMU) undervejs.",
		"IGU-elevplads; dansk på arbejdspladsen en del af forløbet.",
	},
	models.KindFleksjob: {
		"Fleksjob med hensyn til skånebehov; arbejdstiden aftales individuelt.",
		"Fleksjob med mulighed for pauser og faste opgaver.",
	},
	models.KindOrdinaereTimer: {
		"Småjob på ordinære vilkår, fx weekender eller travle perioder.",
		"Få faste timer om ugen på ordinære vilkår.",
	},
}
