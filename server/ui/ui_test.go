package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"placering/models"
)

func TestPagesRequireLogin(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	for _, path := range []string{"/virksomheder?q=bager", "/aabninger", "/borgere/ny", "/virksomhedscentre"} {
		resp, body := c.get(path)
		wantStatus(t, resp, body, http.StatusSeeOther)
		if got, want := resp.Header.Get("Location"), "/login?next="+url.QueryEscape(path); got != want {
			t.Errorf("GET %s redirects to %q, want %q", path, got, want)
		}
	}
	// htmx asks for a whole-window redirect instead of a swapped-in login page.
	resp, body := c.get("/virksomheder", "HX-Request", "true")
	if resp.Header.Get("HX-Redirect") == "" {
		t.Errorf("htmx request without session: no HX-Redirect (status %d)\n%s", resp.StatusCode, body)
	}
}

func TestLogin(t *testing.T) {
	e := newEnv(t)
	c := e.client()

	resp, body := c.get("/login?next=/virksomheder")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<html lang="da">`, "<title>Log ind – Placering</title>", `name="next" value="/virksomheder"`, `autocomplete="current-password"`)

	resp, body = c.post("/login", url.Values{"email": {e.consultant.Email}, "password": {"forkert-forkert"}, "next": {"/virksomheder"}})
	wantStatus(t, resp, body, http.StatusUnauthorized)
	wantContains(t, body, "Forkert e-mailadresse eller adgangskode", `value="kons@example.dk"`)
	wantLacks(t, body, "forkert-forkert")

	// An unknown email gets the very same answer.
	resp, body2 := c.post("/login", url.Values{"email": {"ingen@example.dk"}, "password": {"forkert-forkert"}})
	wantStatus(t, resp, body2, http.StatusUnauthorized)
	wantContains(t, body2, "Forkert e-mailadresse eller adgangskode")

	resp, body = c.post("/login", url.Values{"email": {"KONS@example.dk"}, "password": {password}, "next": {"/virksomheder?q=bag"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/virksomheder?q=bag" {
		t.Errorf("after login: Location %q", got)
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "placering_session" {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
		t.Errorf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/", session)
	}

	resp, body = c.get("/virksomheder")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Karen Konsulent", "Virksomhedskonsulent", "Log ud", `href="/borgere"`, `aria-current="page"`)

	resp, body = c.post("/logout", url.Values{})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.get("/login")
	wantContains(t, body, "Du er logget ud.")
	resp, body = c.get("/virksomheder")
	wantStatus(t, resp, body, http.StatusSeeOther)
}

func TestLoginRejectsForeignNext(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"} {
		c := e.client()
		c.get("/login")
		resp, body := c.post("/login", url.Values{"email": {e.consultant.Email}, "password": {password}, "next": {next}})
		wantStatus(t, resp, body, http.StatusSeeOther)
		if got := resp.Header.Get("Location"); got != "/" {
			t.Errorf("next=%q: redirected to %q, want /", next, got)
		}
	}
}

func TestLoginThrottle(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login")
	var resp *http.Response
	var body string
	for i := 0; i < 5; i++ { // three free failures, then a growing wait
		resp, body = c.post("/login", url.Values{"email": {e.ev.Email}, "password": {"forkert-forkert"}})
	}
	wantStatus(t, resp, body, http.StatusTooManyRequests)
	wantContains(t, body, "For mange forsøg på at logge ind. Vent ")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After header")
	}
}

func TestCSRF(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.consultant.Email)
	form := func() url.Values {
		return url.Values{"cvr": {"11111111"}, "name": {"Falsk ApS"}, "branch": {"butik_detail"}}
	}

	// A cross-site form post from a modern browser.
	resp, body := c.post("/virksomheder", form(), "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	wantStatus(t, resp, body, http.StatusForbidden)

	// An old browser (no Sec-Fetch-Site) without the token, and with a wrong one.
	f := form()
	f.Set("csrf", "")
	resp, body = c.post("/virksomheder", f)
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "Formularen kunne ikke sendes")
	f.Set("csrf", "gættet-token")
	resp, body = c.post("/virksomheder", f)
	wantStatus(t, resp, body, http.StatusForbidden)

	res, err := e.app.ListCompanies(context.Background(), &e.admin, models.CompanyFilter{Q: "Falsk"})
	if err != nil || res.Total != 0 {
		t.Fatalf("a rejected post created something: %v %+v", err, res)
	}

	// A same-origin browser post passes on the header alone.
	c.get("/virksomheder/ny", "Sec-Fetch-Site", "same-origin")
	f = form()
	f.Set("cvr", "29403473")
	resp, body = c.post("/virksomheder", f, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, resp, body, http.StatusSeeOther)
}

func TestCreateCompanyForm(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.consultant.Email)

	resp, body := c.get("/virksomheder/ny")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<label for="f-cvr">CVR-nummer`, `inputmode="numeric"`, `name="contacts[2].name"`, "Vælg branche")

	// A bad CVR and a word in a number field: Danish messages next to the
	// fields, everything typed kept.
	resp, body = c.post("/virksomheder", url.Values{
		"cvr": {"12345678"}, "name": {"Bager Hansen ApS"}, "branch": {"butik_detail"},
		"lat": {"abc"}, "contacts[1].name": {"Hanne Hansen"}, "contacts[1].email": {"ikke-en-mail"},
	})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body,
		`<p class="error-message" id="f-cvr-error"><span class="visually-hidden">Fejl: </span>CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen.</p>`,
		`id="f-cvr" name="cvr" type="text" value="12345678"`,
		`aria-describedby="f-cvr-hint f-cvr-error" aria-invalid="true"`,
		`value="Bager Hansen ApS"`,
		`value="abc"`, "Skriv et tal, fx 37,5.",
		`value="Hanne Hansen"`, `id="f-contacts-1-email-error"`,
		`<a href="#f-cvr">CVR-nummer: CVR-nummeret skal være 8 cifre`,
		"Kontaktperson 2: e-mail",
		"<title>Fejl: Opret virksomhed – Placering</title>",
	)

	// Fixed, it saves and redirects to the company with a flash.
	resp, body = c.post("/virksomheder", url.Values{
		"cvr": {"29403473"}, "name": {"Bager Hansen ApS"}, "branch": {"butik_detail"},
		"lat": {"56,0361"}, "lon": {"12.6136"}, "contacts[1].name": {"Hanne Hansen"},
	})
	wantStatus(t, resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	resp, body = c.get(loc)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Virksomheden er oprettet.", "<h1>Bager Hansen ApS</h1>", "Hanne Hansen", "56,0361")
	resp, body = c.get(loc)
	wantLacks(t, body, "Virksomheden er oprettet.") // the flash shows once

	// A duplicate CVR is shown on the CVR field.
	resp, body = c.post("/virksomheder", url.Values{"cvr": {"29403473"}, "name": {"Kopi ApS"}, "branch": {"butik_detail"}})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, `id="f-cvr-error"`, "Der findes allerede en virksomhed med CVR-nummer 29403473.")

	// Edit keeps what is stored and saves changes.
	resp, body = c.get(loc + "/rediger")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `value="29403473"`, `value="Hanne Hansen"`, `name="contacts[0].name"`)
	c.get(loc + "/rediger")
	resp, body = c.post(loc+"/rediger", url.Values{"cvr": {"29403473"}, "name": {"Bager Hansen & Søn ApS"}, "branch": {"butik_detail"}, "town": {"Helsingør"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(loc)
	wantContains(t, body, "Bager Hansen &amp; Søn ApS", "Ændringerne til virksomheden er gemt.")
	// The consultant invites the company's employer from its page.
	wantContains(t, body, "Invitér arbejdsgiver", "/invitationer/ny?role=employer&amp;company_id=")
}

func TestEmployer(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.employer.Email)

	resp, body := c.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got, want := resp.Header.Get("Location"), "/arbejdsgiver"; got != want {
		t.Errorf("employer home → %q, want %q", got, want)
	}
	resp, body = c.get("/borgere")
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "<h1>Ingen adgang</h1>", "Arbejdsgiver")
	wantLacks(t, body, `href="/borgere"`)

	// The employer posts an opening for their own company; no company field.
	resp, body = c.get("/aabninger/ny")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Bageriet Kronborg ApS")
	wantLacks(t, body, `name="company_id"`)
	resp, body = c.post("/aabninger", url.Values{
		"kind": {"virksomhedspraktik"}, "title": {"Bagerlærling"}, "hours_min": {"15"}, "hours_max": {"37,5"},
		"seats": {"to"}, "status": {"open"}, "start_date": {"32-13-2027"},
	})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Skriv et helt tal, fx 3.", `value="to"`, "Skriv datoen som dag-måned-år", `value="32-13-2027"`, `value="37,5"`, `value="Bagerlærling"`)
	resp, body = c.post("/aabninger", url.Values{
		"kind": {"virksomhedspraktik"}, "title": {"Bagerlærling"}, "hours_min": {"15"}, "hours_max": {"37,5"},
		"seats": {"2"}, "status": {"open"}, "start_date": {"15-01-2027"},
	})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(resp.Header.Get("Location"))
	wantContains(t, body, "Bagerlærling", "Virksomhedspraktik", "15. jan. 2027", "15–37,5", "Redigér åbning")

	// Another company is out of reach.
	other := e.createCompany("29403473", "Fremmed A/S", "Ballerup")
	resp, body = c.get("/virksomheder/" + itoa(other.ID))
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestEventStaffReadOnly(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.ev.Email)
	resp, body := c.get("/virksomheder")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Bageriet Kronborg ApS")
	wantLacks(t, body, "Opret virksomhed", `href="/borgere"`)
	_, body = c.get("/virksomheder/" + itoa(e.company.ID))
	wantLacks(t, body, "Redigér virksomhed", "Opret åbning", "Invitér arbejdsgiver")
	resp, body = c.get("/virksomheder/ny")
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "<h1>Ingen adgang</h1>", "Kun jobcentrets medarbejdere kan oprette virksomheder.")
	resp, body = c.get("/virksomheder/" + itoa(e.company.ID) + "/arkiver")
	wantStatus(t, resp, body, http.StatusForbidden)
	c.get("/aabninger")
	resp, body = c.post("/virksomheder", url.Values{"cvr": {"29403473"}, "name": {"X"}, "branch": {"butik_detail"}})
	wantStatus(t, resp, body, http.StatusForbidden) // the app refuses a hand-made post too
}

func TestListSearch(t *testing.T) {
	e := newEnv(t)
	e.createCompanyIn("29403473", "Lager og Logistik A/S", "Ballerup", "transport_lager_logistik")
	e.createCompany("10150817", "Kronborg Rengøring ApS", "Helsingør")
	c := e.client()
	c.login(e.consultant.Email)

	resp, body := c.get("/virksomheder?q=kronborg&sort=-name")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Bageriet Kronborg ApS", "Kronborg Rengøring ApS", "2 virksomheder fundet.", `<option value="-name" selected>`, `value="kronborg"`)
	wantLacks(t, body, "Lager og Logistik")
	if strings.Index(body, "Kronborg Rengøring") > strings.Index(body, "Bageriet Kronborg") {
		t.Error("sort=-name did not put Kronborg Rengøring first")
	}

	// htmx gets only the results, with the count out of band.
	resp, body = c.get("/virksomheder?q=logistik", "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Lager og Logistik A/S", `hx-swap-oob="true"`, "1 virksomhed fundet.")
	wantLacks(t, body, "<html", "Bageriet")

	// Branch filter and junk parameters.
	_, body = c.get("/virksomheder?branch=butik_detail&sort=drop+table&page=abc")
	wantContains(t, body, "Bageriet Kronborg ApS")
	wantLacks(t, body, "Lager og Logistik")

	// Paging.
	cvr := 20000000
	for i := 0; i < 26; i++ {
		s := validCVR(cvr)
		e.createCompany(s, "Firma "+itoa(int64(i)), "Hillerød")
		cvr, _ = strconv.Atoi(s)
		cvr++
	}
	_, body = c.get("/virksomheder?q=firma")
	wantContains(t, body, "26 virksomheder fundet, viser 1–25.", "Side 1 af 2", `href="/virksomheder?page=2&amp;q=firma&amp;sort=name"`)
	_, body = c.get("/virksomheder?q=firma&page=2")
	wantContains(t, body, "viser 26–26", "Forrige side")
}

func TestCitizensNeverShowCPR(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.consultant.Email)
	resp, body := c.get("/borgere/ny")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `name="cpr" type="text" value=""`, `autocomplete="off"`, `inputmode="numeric"`)

	// A problem elsewhere: the CPR is not sent back, and the person is asked
	// to type it again.
	resp, body = c.post("/borgere", url.Values{"cpr": {"010190-1234"}, "name": {"Søren Sørensen"}, "target_group": {"gruppe1"}, "hours_capacity": {"mange"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantLacks(t, body, "010190-1234", "0101901234")
	wantContains(t, body, "Skriv CPR-nummeret igen", "Skriv et tal, fx 37,5.", `value="Søren Sørensen"`)

	resp, body = c.post("/borgere", url.Values{"cpr": {"3201901234"}, "name": {"Søren Sørensen"}, "target_group": {"gruppe1"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "CPR-nummeret er ugyldigt")
	wantLacks(t, body, "3201901234")

	resp, body = c.post("/borgere", url.Values{"cpr": {"010190-1234"}, "name": {"Søren Sørensen"}, "target_group": {"flygtning"}, "arrival_date": {"2026-03-01"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	for _, p := range []string{loc, loc + "/rediger", "/borgere", "/borgere?q=s%C3%B8ren"} {
		resp, body = c.get(p)
		wantStatus(t, resp, body, http.StatusOK)
		wantContains(t, body, "010190-XXXX", "Søren Sørensen")
		wantLacks(t, body, "010190-1234", "0101901234")
	}
	// Edit with a new CPR number.
	resp, body = c.post(loc+"/rediger", url.Values{"cpr": {"020290-4321"}, "name": {"Søren Sørensen"}, "target_group": {"gruppe2"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(loc)
	wantContains(t, body, "020290-XXXX", "Gruppe 2")
	wantLacks(t, body, "4321")

	var n int64
	if res, err := e.app.ListCitizens(context.Background(), &e.consultant, models.CitizenFilter{}); err == nil {
		n = res.Total
	}
	if n != 1 {
		t.Errorf("citizens = %d, want 1", n)
	}
}

func TestVirksomhedscentreAndOpeningsForms(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.consultant.Email)

	resp, body := c.get("/virksomhedscentre/ny")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `type="checkbox"`, `name="target_groups"`, "Bageriet Kronborg ApS", `name="mentors[2].name"`, "Karen Konsulent")
	resp, body = c.post("/virksomhedscentre", url.Values{
		"company_id": {itoa(e.company.ID)}, "valid_from": {"2027-01-01"}, "valid_to": {"2026-01-01"}, "seats": {"3"},
		"mentors[2].phone": {"12345678"},
	})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Slutdatoen ligger før startdatoen.", "Vælg mindst én målgruppe", `id="f-mentors-2-name-error"`, `value="12345678"`)
	resp, body = c.post("/virksomhedscentre", url.Values{
		"company_id": {itoa(e.company.ID)}, "valid_from": {"2027-01-01"}, "seats": {"3"},
		"target_groups": {"gruppe1", "flygtning"}, "mentors[0].name": {"Mette Mentor"}, "consultant_id": {itoa(e.consultant.ID)},
	})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(resp.Header.Get("Location"))
	wantContains(t, body, "Mette Mentor", "Flygtning eller familiesammenført", "1. jan. 2027", "Karen Konsulent")
	_, body = c.get("/virksomhedscentre?target_group=flygtning")
	wantContains(t, body, "1 aftale fundet.", "Bageriet Kronborg ApS")

	resp, body = c.get("/aabninger/ny?company_id=" + itoa(e.company.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="`+itoa(e.company.ID)+`" selected>`)
	resp, body = c.post("/aabninger", url.Values{
		"company_id": {itoa(e.company.ID)}, "kind": {"fleksjob"}, "title": {"Butiksassistent"},
		"hours_min": {"20"}, "hours_max": {"10"}, "seats": {"1"}, "status": {"open"},
	})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Mindste antal timer (20) er større end højeste (10).")
	resp, body = c.post("/aabninger", url.Values{
		"company_id": {itoa(e.company.ID)}, "kind": {"fleksjob"}, "title": {"Butiksassistent"},
		"hours_min": {"10"}, "hours_max": {"20"}, "seats": {"1"}, "status": {"open"},
	})
	wantStatus(t, resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	_, body = c.get("/aabninger?kind=fleksjob&q=butik")
	wantContains(t, body, "Butiksassistent", "Bageriet Kronborg ApS", "Fleksjob", "1 åbning fundet.")

	// Archive behind a confirmation page.
	resp, body = c.get(loc + "/arkiver")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Vil du arkivere åbningen Butiksassistent?")
	resp, body = c.post(loc+"/arkiver", url.Values{})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get("/aabninger")
	wantContains(t, body, "Åbningen er arkiveret.", "Ingen åbninger fundet.")
	resp, body = c.get(loc)
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestStaticAndErrors(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	_, body := c.get("/login")
	m := regexpFind(`href="(/static/app\.css\?v=[0-9a-f]+)"`, body)
	if m == "" {
		t.Fatal("no versioned stylesheet link")
	}
	resp, css := c.get(m)
	wantStatus(t, resp, css, http.StatusOK)
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control = %q", cc)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type = %q", ct)
	}
	resp, _ = c.get("/static/app.css")
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned asset Cache-Control = %q", cc)
	}
	resp, body = c.get("/static/nope.js")
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, `lang="da"`, "Findes ikke")

	c.login(e.consultant.Email)
	resp, body = c.get("/virksomheder/999999")
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, "<h1>Findes ikke</h1>", "Karen Konsulent")
	resp, body = c.get("/virksomheder/abc")
	wantStatus(t, resp, body, http.StatusNotFound)
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Error("pages must be no-store")
	}
}

// validCVR returns the first CVR number from n upwards that passes the
// modulus-11 check.
func validCVR(n int) string {
	for ; ; n++ {
		s := itoa(int64(n))
		if models.ValidCVR(s) {
			return s
		}
	}
}
