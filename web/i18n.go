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
	// The reference form (udtalelse), server/ui/references.go.
	"Udtalelse om placeringen":                        "Reference for the placement",
	"Udtalelsen er gemt. Jobcentret har fået besked.": "The reference is saved. The jobcentre has been notified.",
	"Ret fejlene i formularen":                        "Correct the errors in the form",
	"Udtalelsen er til borgeren, som kan bruge den, når der skal søges job. Jobcentret kan læse og udskrive den.": "The reference is for the citizen, who can use it when applying for jobs. The jobcentre can read and print it.",
	"Løste arbejdsopgaver": "Tasks solved",
	"skal udfyldes":        "required",
	"Skriv én opgave pr. linje, fx Varemodtagelse. Højst 20 linjer.": "Write one task per line, e.g. Receiving goods. At most 20 lines.",
	"Generelle kompetencer": "General competences",
	"Vurdér hver kompetence fra 1 (ikke tilfredsstillende) til 5 (meget tilfredsstillende).": "Rate each competence from 1 (not satisfactory) to 5 (very satisfactory).",
	"Vurdering fra 1 (ikke tilfredsstillende) til 5 (meget tilfredsstillende)":               "Rating from 1 (not satisfactory) to 5 (very satisfactory)",
	"Fremmøde":                "Attendance",
	"Samarbejde":              "Cooperation",
	"Tempo":                   "Pace",
	"Kvalitet":                "Quality",
	"Selvstændighed":          "Independence",
	"Dansk på arbejdspladsen": "Danish at work",
	"Møder til tiden og giver besked ved fravær.":                              "Arrives on time and reports absence.",
	"Samarbejder med kolleger og tager imod vejledning.":                       "Works well with colleagues and takes guidance.",
	"Arbejder i et tempo, der passer til opgaverne.":                           "Works at a pace that suits the tasks.",
	"Løser opgaverne omhyggeligt og korrekt.":                                  "Solves the tasks carefully and correctly.",
	"Går selv i gang og løser opgaverne uden hjælp.":                           "Gets started and solves the tasks without help.",
	"Forstår og taler det dansk, arbejdet kræver.":                             "Understands and speaks the Danish the work requires.",
	"Ikke tilfredsstillende":                                                   "Not satisfactory",
	"Mindre tilfredsstillende":                                                 "Less than satisfactory",
	"Tilfredsstillende":                                                        "Satisfactory",
	"Mere end tilfredsstillende":                                               "More than satisfactory",
	"Meget tilfredsstillende":                                                  "Very satisfactory",
	"Ikke relevant":                                                            "Not relevant",
	"Kommentar":                                                                "Comment",
	"Fx hvad borgeren var god til, og hvad der kan udvikles. Højst 2000 tegn.": "E.g. what the citizen was good at and what could be developed. At most 2000 characters.",
	"Gem udtalelsen":                                                           "Save the reference",
	"Annullér":                                                                 "Cancel",
	"Kompetence":                                                               "Competence",
	"Vurdering":                                                                "Rating",
	"Virksomheden har endnu ikke skrevet en udtalelse.":                        "The company has not written a reference yet.",
	"Den kan skrives, når placeringen er begyndt.":                             "It can be written once the placement has begun.",
	"Skrevet af":                                                               "Written by",
	"senest rettet af":                                                         "last corrected by",
	"Udskriftsvenlig udgave":                                                   "Printable version",
	"Hent som PDF":                                                             "Download as PDF",
	"Tilbage til placeringen":                                                  "Back to the placement",
	"Tilbage til udtalelsen":                                                   "Back to the reference",
	"Udskriv siden med browserens udskriv (Ctrl+P, på Mac ⌘+P). Menu og knapper kommer ikke med på papiret.": "Print the page with the browser's print command (Ctrl+P, on a Mac ⌘+P). The menu and buttons are left out on paper.",
	"Skriv mindst én arbejdsopgave, borgeren har løst.":                                                      "Write at least one task the citizen solved.",
	"En opgave må ikke være tom.":                                                                            "A task must not be empty.",
	"Udtalelsen kan først skrives, når placeringen er begyndt.":                                              "The reference can only be written once the placement has begun.",
	"Udtalelsen er gemt af en anden i mellemtiden. Genindlæs den, og ret derefter.":                          "Someone else saved the reference in the meantime. Reload it, then make your changes.",
	"Formularen":  "The form",
	"Udtalelsen":  "The reference",
	"Placeringen": "The placement",
	"Udtalelse":   "Reference",
	"Virksomheden har skrevet en udtalelse om placeringen.": "The company has written a reference for the placement.",
	"Se og ret udtalelsen": "View and correct the reference",
	"Læs udtalelsen":       "Read the reference",
	"Skriv en udtalelse om, hvilke opgaver borgeren har løst, og hvordan det er gået. Borgeren kan bruge den, når der skal søges job.": "Write a reference on the tasks the citizen solved and how it went. The citizen can use it when applying for jobs.",
	"Skriv udtalelse":                    "Write a reference",
	"Vurdér fremmøde fra 1 til 5.":       "Rate attendance from 1 to 5.",
	"Vurdér samarbejde fra 1 til 5.":     "Rate cooperation from 1 to 5.",
	"Vurdér tempo fra 1 til 5.":          "Rate pace from 1 to 5.",
	"Vurdér kvalitet fra 1 til 5.":       "Rate quality from 1 to 5.",
	"Vurdér selvstændighed fra 1 til 5.": "Rate independence from 1 to 5.",
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
	// Opening review (an employer's opening under a subsidised scheme).
	"Åbningen afventer jobcentrets godkendelse.":                                                                 "The opening awaits the jobcentre's approval.",
	"Jobcentret gennemgår åbningen, før den bliver åben. Indtil da kan kun din virksomhed og jobcentret se den.": "The jobcentre reviews the opening before it opens. Until then only your company and the jobcentre can see it.",
	"Jobcentret har sendt åbningen tilbage":                                                                      "The jobcentre sent the opening back",
	"Kommentar fra jobcentret:":                                                                                  "Comment from the jobcentre:",
	"Ret åbningen og gem den igen for at sende den til godkendelse.":                                             "Edit the opening and save it again to submit it for approval.",
	"Åbninger i virksomhedspraktik, løntilskud, IGU og fleksjob bliver åbne, når jobcentret har godkendt dem. Ordinære timer bliver åbne med det samme.": "Openings for work trials, wage subsidy, IGU and flexible jobs open once the jobcentre has approved them. Ordinary hours open at once.",
}
