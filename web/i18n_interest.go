package web

// English for the employer's candidates page: showing interest, where it
// stands, and an opening paused for enough referrals. Kept apart from the
// main catalogue (added at init) so that the same Danish text in another
// area's block cannot make a duplicate key.
func init() {
	for da, en := range map[string]string{
		"Kandidater":       "Candidates",
		"Kandidat":         "Candidate",
		"Reference":        "Reference",
		"Afstand":          "Distance",
		"Tilbage til":      "Back to",
		"Vis interesse":    "Show interest",
		"Nok henvisninger": "Enough referrals",
		"Sæt åbningen på pause, når så mange kandidater er kontaktet. Tom: ingen grænse": "Pause the opening when this many candidates have been contacted. Empty: no limit",
		"Dine interesser":                 "Your interests",
		"Din interesse:":                  "Your interest:",
		"Interessen blev ikke sendt":      "Your interest was not sent",
		"Besked til jobcentret (valgfri)": "Message to the jobcentre (optional)",
		"Fx hvornår I kan holde en samtale. Skriv ikke personlige oplysninger.": "For example when you could hold an interview. Do not write personal details.",
		"Genåbn åbningen":           "Reopen the opening",
		"Pauset (nok henvisninger)": "Paused (enough referrals)",
		"Her er de borgere fra jobcentret, der kan passe til åbningen, og som har givet samtykke til at blive vist for virksomheder under denne ordning. Du ser ikke, hvem borgeren er: hver kandidat har en reference, der kun gælder denne åbning, og afstand og egnethed vises som intervaller.": "These are the jobcentre's citizens who may suit the opening and who agreed to be shown to companies for this kind of scheme. You do not see who they are: each candidate has a reference that holds for this opening only, and distance and fit are shown as ranges.",
		"Vis interesse for en kandidat, så kontakter jobcentret borgeren. Du kan følge, hvor din interesse står.":                                                                       "Show interest in a candidate and the jobcentre will contact the citizen. You can follow where your interest stands.",
		"Ingen kandidater, der har givet samtykke til denne ordning, passer til åbningen lige nu.":                                                                                      "No candidates who agreed to this kind of scheme suit the opening right now.",
		"Åbningen er sat på pause, fordi den har fået nok henvisninger. Den vises ikke i søgning og matchning, og der kan ikke vises interesse for flere kandidater, før den genåbnes.": "The opening is paused because it has enough referrals. It is left out of search and matching, and no interest can be shown in more candidates until it is reopened.",
		// Fit, distance and interest states (app.Fit, app.DistanceBand, app.InterestState).
		"Passer meget godt":       "Very good fit",
		"Passer godt":             "Good fit",
		"Kan passe":               "May fit",
		"Under 5 km":              "Under 5 km",
		"5–10 km":                 "5–10 km",
		"10–20 km":                "10–20 km",
		"Over 20 km":              "Over 20 km",
		"Interesse sendt":         "Interest sent",
		"Kandidaten er kontaktet": "The candidate has been contacted",
		"Samtale":                 "Interview",
		"Aftalt":                  "Agreed",
		"Startet":                 "Started",
		"Afsluttet":               "Closed",
	} {
		english[da] = en
	}
}
