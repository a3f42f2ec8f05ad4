package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"placering/models"
	"placering/server/app"
)

// The citizen's page has a button to erase their personal data; the
// confirmation asks for a reason, and afterwards every page of the
// citizen is not found.
func TestEraseCitizenPage(t *testing.T) {
	e := newEnv(t)
	cpr := "0101901234"
	ct, err := e.app.CreateCitizen(context.Background(), &e.consultant, app.CitizenInput{CPR: &cpr,
		CitizenFields: models.CitizenFields{Name: "Zelda Quornby", TargetGroup: models.Gruppe1}})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(e.consultant.Email)
	page := "/borgere/" + itoa(ct.ID)
	resp, body := c.get(page)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="`+page+`/slet">Slet personoplysninger`)
	resp, body = c.get(page + "/slet")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Vil du slette alle personoplysninger om Zelda Quornby", "Sletningen kan ikke fortrydes", `name="reason"`)

	resp, body = c.post(page+"/slet", url.Values{"reason": {""}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Angiv hvorfor borgerens oplysninger slettes")

	resp, body = c.post(page+"/slet", url.Values{"reason": {"Borgerens anmodning"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(resp.Header.Get("Location"))
	wantContains(t, body, "Borgerens personoplysninger er slettet.")
	wantLacks(t, body, "Zelda")
	for _, p := range []string{page, page + "/rediger", page + "/slet", page + "/forslag", page + "/progression", page + "/arkiver"} {
		resp, body := c.get(p)
		wantStatus(t, resp, body, http.StatusNotFound)
	}
}

// The access log and the printable extract of a citizen.
func TestCitizenInsightPages(t *testing.T) {
	e := newEnv(t)
	cpr := "0101901234"
	ct, err := e.app.CreateCitizen(context.Background(), &e.consultant, app.CitizenInput{CPR: &cpr,
		CitizenFields: models.CitizenFields{Name: "Zelda Quornby", TargetGroup: models.Gruppe1}})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(e.consultant.Email)
	page := "/borgere/" + itoa(ct.ID)
	resp, body := c.get(page)
	wantContains(t, body, `href="`+page+`/adgangslog"`, `href="`+page+`/udtraek"`)
	resp, body = c.get(page + "/adgangslog")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Adgangslog: Zelda Quornby", "Karen Konsulent", "Oprettede borgeren", "Læste borgeren")
	resp, body = c.get(page + "/udtraek")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Udtræk: Zelda Quornby", "010190-XXXX", "Ingen placeringer.", "Oprettede borgeren")
	em := e.client()
	em.login(e.employer.Email)
	for _, p := range []string{page + "/adgangslog", page + "/udtraek"} {
		resp, body := em.get(p)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	_, body = c.get(page + "/adgangslog")
	wantContains(t, body, "Birthe Bager", "Blev afvist ved læsning af borgeren")
}
