package web

// englishEmployer is the English of the employer home, the messages page
// and the employer-facing pages (company, openings, candidates, login,
// invitation, password reset). It is merged into english at start, so
// that a text another part also translates cannot break the build as a
// duplicate map key would.
var englishEmployer = map[string]string{
	// Employer home.
	"Her er det, du skal tage stilling til, og hvordan det går med jeres åbninger og placeringer.": "What needs your attention, and how your openings and placements are doing.",
	"Timer at bekræfte":                             "Hours to confirm",
	"Ingen uger venter på, at I bekræfter timerne.": "No weeks are waiting for you to confirm the hours.",
	"Udtalelser at skrive":                          "References to write",
	"Ingen udtalelser venter på jer.":               "No references are waiting for you.",
	"Kandidater at overveje":                        "Candidates to consider",
	"kandidat":                                      "candidate",
	"kandidater":                                    "candidates",
	"Se kandidaterne":                               "See the candidates",
	"Kandidaterne er borgere, der har givet samtykke til at blive vist for denne slags ordning. I ser dem uden navn.": "The candidates are people who agreed to be shown for this kind of scheme. You see them without their names.",
	"I har ingen åbne åbninger. Kandidater vises, når en åbning er åben.":                                             "You have no open openings. Candidates are shown when an opening is open.",
	"Jeres åbninger":              "Your openings",
	"henvisning":                  "referral",
	"henvisninger":                "referrals",
	"start":                       "starts",
	"I har ingen åbninger endnu.": "You have no openings yet.",
	"Opret åbning":                "Post an opening",
	"Placeringer hos jer":         "Placements with you",
	"Der er ingen placeringer hos jer endnu.": "There are no placements with you yet.",
	"Jeres virksomhed":                        "Your company",
	"CVR-nummer":                              "CVR number",
	"Adresse":                                 "Address",
	"Kontaktpersoner":                         "Contacts",
	"Ingen registreret":                       "None registered",
	"Ret virksomhedens oplysninger":           "Edit the company's details",
	"Afventer godkendelse":                    "Awaiting approval",
	"Pauset (nok henvisninger)":               "Paused (enough referrals)",
	"Planlagt":                                "Planned",
	"Aktiv":                                   "Active",
	"Afsluttet":                               "Completed",
	"Afbrudt":                                 "Interrupted",
	// Messages.
	"ulæste":                       "unread",
	"Ingen ulæste beskeder.":       "No unread messages.",
	"Du har ingen beskeder endnu.": "You have no messages yet.",
	"Markér alle som læst":         "Mark all as read",
	"Markér som læst":              "Mark as read",
	"Ny":                           "New",
}

func init() {
	for da, en := range englishEmployer {
		if _, ok := english[da]; !ok {
			english[da] = en
		}
	}
}
