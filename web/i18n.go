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
	// Confirming hours (/timer/bekraeft).
	"Bekræft registrerede timer": "Confirm recorded hours",
	"Bekræft de timer, jobcentret har registreret, eller bestrid dem med en kommentar, hvis de ikke passer.": "Confirm the hours the jobcentre has recorded, or dispute them with a comment if they are wrong.",
	"Svaret blev ikke gemt":         "Your answer was not saved",
	"Uge %d, %d":                    "Week %d, %d",
	"Arbejdede timer i ugen":        "Hours worked in the week",
	"Bekræft timerne":               "Confirm the hours",
	"Bestrid timerne":               "Dispute the hours",
	"Hvad passer ikke?":             "What is wrong?",
	"Send bestridelse":              "Send dispute",
	"Til din forside":               "To your home page",
	"Tilbage til placeringens side": "Back to the placement",
	"Timer arbejdet efter jeres opgørelse (valgfrit)":  "Hours worked by your records (optional)",
	"Der er ingen timer at bekræfte lige nu.":          "There are no hours to confirm right now.",
	"Timerne er bekræftet. Tak.":                       "The hours are confirmed. Thank you.",
	"Timerne er bestridt. Jobcentret har fået besked.": "The hours are disputed. The jobcentre has been told.",
}
