package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"placering/models"
	"placering/web"
)

// referenceForm is a complete reference as the form sends it.
func referenceForm() url.Values {
	return url.Values{"revision": {"0"}, "tasks_solved": {"Bagning af rundstykker\r\n\r\n  Opvask  \r\nBetjening i butikken"},
		"competences.fremmoede": {"5"}, "competences.samarbejde": {"4"}, "competences.tempo": {"3"},
		"competences.kvalitet": {"4"}, "competences.selvstaendighed": {"3"}, "competences.dansk_paa_arbejdspladsen": {""},
		"comment": {"Mødte altid til tiden.\nGod til kunderne."}}
}

// TestReferenceThroughForms: the employer writes the reference through the
// form (problems at their fields, nothing typed lost), corrects it; the
// consultant reads it, prints it and downloads the PDF; another company's
// placement is not found for the employer, event staff are refused, and a
// consultant cannot write it.
func TestReferenceThroughForms(t *testing.T) {
	p := newPlacementEnv(t)
	path := "/placeringer/" + itoa(p.pPeter.ID) + "/udtalelse"
	emp := p.client()
	emp.login(p.employer.Email)

	resp, body := emp.get("/placeringer/" + itoa(p.pPeter.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="`+path+`">Skriv udtalelse</a>`)

	resp, body = emp.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<h1>Udtalelse om placeringen</h1>", "Peter Pedersen", `name="tasks_solved"`,
		`<legend>Fremmøde <span class="req">(skal udfyldes)</span></legend>`, `id="f-competences-fremmoede-5" name="competences.fremmoede" value="5"`,
		"5 – Meget tilfredsstillende", "1 – Ikke tilfredsstillende", `<legend>Dansk på arbejdspladsen</legend>`, "Ikke relevant")

	// A bad round: no tasks, one rating missing, one out of range. What
	// was typed and chosen comes back.
	bad := referenceForm()
	bad.Set("tasks_solved", " \r\n ")
	bad.Del("competences.samarbejde")
	bad.Set("competences.tempo", "9")
	resp, body = emp.post(path, bad)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "<title>Fejl: Udtalelse om placeringen", `id="f-tasks_solved-error"`, "Skriv mindst én arbejdsopgave",
		`id="f-competences-samarbejde-error"`, "Vurdér samarbejde fra 1 til 5.", `id="f-competences-tempo-error"`,
		`href="#f-competences-samarbejde"`, `id="f-competences-fremmoede-5" name="competences.fremmoede" value="5" checked`,
		"Mødte altid til tiden.\nGod til kunderne.</textarea>")

	resp, body = emp.post(path, referenceForm())
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = emp.get(resp.Header.Get("Location"))
	wantContains(t, body, "Udtalelsen er gemt.", "Bagning af rundstykker\nOpvask\nBetjening i butikken</textarea>",
		`value="3" checked`, `name="revision" value="1"`, "Skrevet af Birthe Bager")

	// A correction from a form read before it (revision 0) is refused.
	resp, body = emp.post(path, referenceForm())
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "gemt af en anden i mellemtiden")
	fix := referenceForm()
	fix.Set("revision", "1")
	fix.Set("competences.tempo", "4")
	resp, body = emp.post(path, fix)
	wantStatus(t, resp, body, http.StatusSeeOther)

	// A placement that has not begun takes no reference yet.
	planned, err := p.app.CreatePlacement(context.Background(), &p.consultant, models.PlacementFields{CitizenID: p.ole.ID,
		CompanyID: p.company.ID, Kind: models.KindPraktik, StartDate: models.NewDate(2027, 4, 5)})
	if err != nil || planned.Status != models.PlacementPlanned {
		t.Fatalf("planned placement: %+v, %v", planned, err)
	}
	ppath := "/placeringer/" + itoa(planned.ID) + "/udtalelse"
	resp, body = emp.get(ppath)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Den kan skrives, når placeringen er begyndt.")
	wantLacks(t, body, `name="tasks_solved"`)
	resp, body = emp.post(ppath, referenceForm())
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Udtalelsen kan først skrives, når placeringen er begyndt.")

	// Another company's placement: not found.
	resp, body = emp.get("/placeringer/" + itoa(p.pSara.ID) + "/udtalelse")
	wantStatus(t, resp, body, http.StatusNotFound)

	// The consultant reads it, prints it and gets the PDF.
	cons := p.client()
	cons.login(p.consultant.Email)
	resp, body = cons.get("/placeringer/" + itoa(p.pPeter.ID))
	wantContains(t, body, "Læs udtalelsen", path+"/print")
	resp, body = cons.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantLacks(t, body, `name="tasks_solved"`)
	wantContains(t, body, "<li>Opvask</li>", "4 – Mere end tilfredsstillende", "Ikke relevant", "senest rettet af Birthe Bager")
	resp, body = cons.post(path, fix)
	wantStatus(t, resp, body, http.StatusForbidden)
	resp, body = cons.get(path + "/print")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<article class="reference-doc" lang="da">`, "<dd>Peter Pedersen</dd>", "<dd>Bageriet Kronborg ApS</dd>",
		"<dd>1. feb. 2027 – ", "<li>Betjening i butikken</li>", "<th scope=\"row\">Selvstændighed</th><td>3 – Tilfredsstillende</td>",
		"Skrevet af Birthe Bager, Bageriet Kronborg ApS", `class="actions no-print"`)
	resp, pdf := cons.get(path + ".pdf")
	wantStatus(t, resp, pdf, http.StatusOK)
	if !strings.HasPrefix(pdf, "%PDF-") || resp.Header.Get("Content-Type") != "application/pdf" || len(pdf) < 1000 {
		t.Errorf("PDF: %q… (%s, %d bytes)", pdf[:min(len(pdf), 20)], resp.Header.Get("Content-Type"), len(pdf))
	}
	// The print stylesheet drops the header, menu and footer on paper.
	_, css := cons.get(regexpFind(`href="(/static/app\.css[^"]*)"`, body))
	wantContains(t, css, "body:has(.reference-doc) .site-header", ".no-print { display: none; }")

	ev := p.client()
	ev.login(p.ev.Email)
	for _, u := range []string{path, path + "/print", path + ".pdf"} {
		resp, body = ev.get(u)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
}

// Every competence's label, hint and missing-rating message, and every
// word of the scale, has English for employers who chose it.
func TestReferenceTextsHaveEnglish(t *testing.T) {
	var texts []string
	for _, k := range models.ReferenceCompetenceList {
		texts = append(texts, k.Label, k.Hint)
		var c models.ReferenceCompetences
		for _, fe := range c.Validate() {
			texts = append(texts, fe.Message)
		}
	}
	for r := models.MinRating; r <= models.MaxRating; r++ {
		texts = append(texts, models.RatingLabel(r))
	}
	for _, da := range texts {
		if web.Translate(web.English, da) == da {
			t.Errorf("%q has no English", da)
		}
	}
}
