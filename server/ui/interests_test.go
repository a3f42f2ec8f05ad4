package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"placering/models"
	"placering/server/app"
)

// TestInterestForms: the employer's "Vis interesse" form without
// JavaScript: a sent interest shows its state; one over the contact
// quota comes back with the typed message and the reason at that
// candidate; a forged reference is refused on the page; a paused opening
// offers no form, only the reopening.
func TestInterestForms(t *testing.T) {
	m := newMatchEnv(t)
	ctx := context.Background()
	cpr := "0101901234"
	if _, err := m.app.CreateCitizen(ctx, &m.consultant, app.CitizenInput{CPR: &cpr, ConsentKinds: []models.Kind{models.KindPraktik},
		CitizenFields: models.CitizenFields{Name: "Anden Kandidat", TargetGroup: models.Gruppe1, GoalBranch: "butik_detail",
			DanishLevel: models.DanishFluent, Lat: 56.03, Lon: 12.60, MaxCommuteKm: 20, HoursCapacity: 25}}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.app.SaveContactQuota(ctx, &m.admin, app.ContactQuotaSettings{JobcentreID: m.jc.ID, InterestsPerCompanyMonth: 1}); err != nil {
		t.Fatal(err)
	}
	path := "/aabninger/" + itoa(m.opening.ID)
	emp := m.client()
	emp.login(m.employer.Email)
	_, body := emp.get(path + "/kandidater")
	refs := regexp.MustCompile(`name="candidate_ref" value="(k[a-z0-9]+)"`).FindAllStringSubmatch(body, -1)
	if len(refs) != 2 {
		t.Fatalf("want two interest forms, got %d:\n%s", len(refs), body)
	}
	resp, body := emp.post(path+"/interesse", url.Values{"candidate_ref": {refs[0][1]}, "message": {"Ring gerne på tirsdag."}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = emp.get(path + "/kandidater")
	wantContains(t, body, "Din interesse:", "Interesse sendt")

	resp, body = emp.post(path+"/interesse", url.Values{"candidate_ref": {refs[1][1]}, "message": {"Også denne, tak."}})
	wantStatus(t, resp, body, http.StatusTooManyRequests)
	wantContains(t, body, "Interessen blev ikke sendt", "Virksomheden har brugt sine 1 henvendelser", `aria-invalid="true"`, "Også denne, tak.")

	resp, body = emp.post(path+"/interesse", url.Values{"candidate_ref": {"kforfalsket"}})
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, "Kandidaten findes ikke på denne åbnings kandidatliste.")

	// Paused for enough referrals: no forms, the interests listed on
	// their own; the employer may reopen.
	one := 1
	if _, err := m.app.UpdateOpening(ctx, &m.consultant, m.opening.ID, func(f *models.OpeningFields) error { f.MaxReferrals = &one; return nil }); err != nil {
		t.Fatal(err)
	}
	ms, err := m.app.ListMatches(ctx, &m.consultant, models.MatchFilter{OpeningID: m.opening.ID}, false)
	if err != nil || len(ms.Items) != 1 {
		t.Fatalf("the interest's match: %v %v", ms.Items, err)
	}
	if _, err := m.app.MoveMatch(ctx, &m.consultant, ms.Items[0].ID, app.MoveInput{State: models.MatchContacted}); err != nil {
		t.Fatal(err)
	}
	_, body = emp.get(path + "/kandidater")
	wantContains(t, body, "Åbningen er sat på pause", "Genåbn åbningen", "Dine interesser", refs[0][1]+"</code>: Kandidaten er kontaktet")
	wantLacks(t, body, `name="candidate_ref"`)
	resp, body = emp.post(path+"/genaabn", url.Values{})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if o, err := m.app.GetOpening(ctx, &m.employer, m.opening.ID); err != nil || o.Status != models.StatusOpen {
		t.Fatalf("reopened: %v %v", o.Status, err)
	}
}
