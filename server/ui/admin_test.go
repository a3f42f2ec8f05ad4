package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"placering/models"
	"placering/server/app"
)

// TestFirstRunRedirects: until the generated password is changed every
// page leads to the change, htmx requests included; afterwards the home
// page leads an administrator without a jobcentre to the set-up.
func TestFirstRunRedirects(t *testing.T) {
	const generated = "Gx7-qP2mZr9Lw4Tc"
	e := newFirstRunEnv(t, generated)
	c := e.client()
	c.get("/login")
	resp, body := c.post("/login", url.Values{"email": {"admin@placering.local"}, "password": {generated}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	for _, path := range []string{"/", "/jobcentre", "/opsaetning", "/brugere", "/virksomheder"} {
		resp, body := c.get(path)
		wantStatus(t, resp, body, http.StatusSeeOther)
		if loc := resp.Header.Get("Location"); loc != "/adgangskode" {
			t.Errorf("%s leads to %q", path, loc)
		}
	}
	resp, _ = c.get("/virksomheder", "HX-Request", "true")
	if resp.Header.Get("HX-Redirect") != "/adgangskode" {
		t.Errorf("htmx: %d %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
	}
	resp, body = c.get("/adgangskode")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "engangsadgangskode")
	wantLacks(t, body, `aria-label="Hovedmenu"`)

	resp, body = c.post("/adgangskode", url.Values{"current_password": {generated}, "new_password": {"kommunens-egen-kode-2027"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/opsaetning" {
		t.Fatalf("home after the change leads to %q", loc)
	}
	resp, body = c.post("/opsaetning", url.Values{"municipality_no": {"21"}, "name": {"Jobcenter Helsingør"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-municipality_no-error"`, "tre cifre")
	resp, body = c.post("/opsaetning", url.Values{"municipality_no": {"217"}, "name": {"Jobcenter Helsingør"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/invitationer/ny?jobcentre_id=1&role=consultant" {
		t.Errorf("after set-up: %q", loc)
	}
	resp, _ = c.get("/")
	if loc := resp.Header.Get("Location"); loc == "/opsaetning" {
		t.Errorf("home still leads to the set-up")
	}
	resp, _ = c.get("/opsaetning")
	if loc := resp.Header.Get("Location"); loc != "/jobcentre" {
		t.Errorf("set-up page once set up: %d %q", resp.StatusCode, loc)
	}
}

// TestAdminPagesAccess: jobcentres and the set-up are for administrators;
// consultants see their own jobcentre's users read-only; employers and
// event staff see no users.
func TestAdminPagesAccess(t *testing.T) {
	e := newEnv(t)
	other := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
	if err := e.store.CreateJobcentre(context.Background(), &other); err != nil {
		t.Fatal(err)
	}
	e.user(app.UserInput{Email: "anden@ballerup.dk", Name: "Bo Ballerup", Role: models.RoleConsultant, JobcentreID: &other.ID})

	kons := e.client()
	kons.login(e.consultant.Email)
	for _, path := range []string{"/jobcentre", "/jobcentre/ny", "/opsaetning", "/brugere/" + itoa(e.ev.ID) + "/rediger"} {
		resp, body := kons.get(path)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	resp, body := kons.post("/jobcentre", url.Values{"municipality_no": {"101"}, "name": {"Jobcenter København"}})
	wantStatus(t, resp, body, http.StatusForbidden)
	resp, body = kons.post("/brugere/"+itoa(e.ev.ID)+"/deaktiver", url.Values{})
	wantStatus(t, resp, body, http.StatusForbidden)
	resp, body = kons.get("/brugere")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Erik Event", "Eventpersonale", "Kun administratorer kan ændre dem.")
	wantLacks(t, body, "Bo Ballerup", "/rediger", "/deaktiver")

	for _, email := range []string{e.employer.Email, e.ev.Email} {
		c := e.client()
		c.login(email)
		resp, body := c.get("/brugere")
		wantStatus(t, resp, body, http.StatusForbidden)
		_, body = c.get("/virksomheder")
		wantLacks(t, body, `href="/brugere"`, `href="/jobcentre"`)
	}

	admin := e.client()
	admin.login(e.admin.Email)
	resp, body = admin.get("/brugere?status=alle")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Bo Ballerup", "Virksomhedskonsulent", "Bageriet Kronborg ApS", "Jobcenter Ballerup")
	// An administrator cannot deactivate themselves.
	resp, body = admin.post("/brugere/"+itoa(e.admin.ID)+"/deaktiver", url.Values{})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Du kan ikke deaktivere dig selv.")
	// A jobcentre with active users cannot be archived.
	resp, body = admin.post("/jobcentre/"+itoa(other.ID)+"/arkiver", url.Values{})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "aktive brugere")
	// The jobcentre list and edit page lead to the OIDC settings page.
	loginURL := "/jobcentre/" + itoa(other.ID) + "/login"
	resp, body = admin.get("/jobcentre")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="`+loginURL+`"`, "Log ind via identitetsudbyder")
	resp, body = admin.get("/jobcentre/" + itoa(other.ID) + "/rediger")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="`+loginURL+`"`)
	resp, body = admin.get(loginURL)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = admin.get("/jobcentre/ny")
	wantLacks(t, body, "/login\"")
	// With a jobcentre, the home page leads an administrator to the openings.
	resp, _ = admin.get("/")
	if loc := resp.Header.Get("Location"); loc != "/aabninger" {
		t.Errorf("admin home: %q", loc)
	}
}
