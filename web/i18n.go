package web

// Languages: the UI is Danish. Employers (and visitors who are not logged
// in, such as someone opening an invitation) may choose English as a second
// language. Templates write the Danish text and wrap it in tr:
//
//	{{tr $.Lang "Bekræft timer"}}
//
// so the Danish stays readable in the template and is the fallback for a
// text with no English yet. TestEveryTrHasEnglish fails for a tr literal
// that english lacks.

// Lang codes.
const (
	Danish  = "da"
	English = "en"
)

// LangOf returns a supported language code for s, Danish unless s is "en".
func LangOf(s string) string {
	if s == English {
		return English
	}
	return Danish
}

// Translate returns da in the language lang: da itself for Danish, the
// English text from the catalogue for English (da when it has none).
func Translate(lang, da string) string {
	if lang != English {
		return da
	}
	if en, ok := english[da]; ok {
		return en
	}
	return da
}

// english maps Danish UI text to English. Keep it sorted by area.
var english = map[string]string{
	// Layout.
	"Gå til indhold":                 "Skip to content",
	"jobcentrets virksomhedsindsats": "the jobcentre's work with employers",
	"Skift adgangskode":              "Change password",
	"Log ud":                         "Log out",
	"Hovedmenu":                      "Main menu",
	"Fejl:":                          "Error:",
	"Sprog":                          "Language",
	"Dansk":                          "Danish",
	"English":                        "English",
	"Skift sprog":                    "Change language",
	"Placering – matchning af borgere og virksomheder i jobcentret.": "Placering – matching citizens and companies at the jobcentre.",
	// Roles.
	"Arbejdsgiver": "Employer",
	// Navigation.
	"Forside":      "Home",
	"Virksomheder": "Companies",
	"Åbninger":     "Openings",
	"Søg":          "Search",
	"Placeringer":  "Placements",
	"Timer":        "Hours",
	"Beskeder":     "Messages",
	// Opening kinds and statuses.
	"Virksomhedspraktik":                "Work trial (virksomhedspraktik)",
	"Løntilskud":                        "Wage subsidy (løntilskud)",
	"IGU (integrationsgrunduddannelse)": "Integration training (IGU)",
	"Fleksjob":                          "Flexible job (fleksjob)",
	"Ordinære timer (småjob)":           "Ordinary hours (small jobs)",
	"Kladde":                            "Draft",
	"Åben":                              "Open",
	"Besat":                             "Filled",
	"Lukket":                            "Closed",
	// Opening review (an employer's opening under a subsidised scheme).
	"Åbningen afventer jobcentrets godkendelse.":                                                                 "The opening awaits the jobcentre's approval.",
	"Jobcentret gennemgår åbningen, før den bliver åben. Indtil da kan kun din virksomhed og jobcentret se den.": "The jobcentre reviews the opening before it opens. Until then only your company and the jobcentre can see it.",
	"Jobcentret har sendt åbningen tilbage":                                                                      "The jobcentre sent the opening back",
	"Kommentar fra jobcentret:":                                                                                  "Comment from the jobcentre:",
	"Ret åbningen og gem den igen for at sende den til godkendelse.":                                             "Edit the opening and save it again to submit it for approval.",
	"Åbninger i virksomhedspraktik, løntilskud, IGU og fleksjob bliver åbne, når jobcentret har godkendt dem. Ordinære timer bliver åbne med det samme.": "Openings for work trials, wage subsidy, IGU and flexible jobs open once the jobcentre has approved them. Ordinary hours open at once.",
}
