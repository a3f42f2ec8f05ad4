package ui_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"placering/models"
)

var linkIn = regexp.MustCompile(`value="([^"]*/invitation/[A-Za-z0-9_-]{43})"`)

const newPass = "blaabaergroed-paa-loftet"

// mailLink returns the last link matching path+token in the mails to an
// address, or fails.
func (e *env) mailLink(to, path string) string {
	e.t.Helper()
	ms, err := e.store.MailsTo(context.Background(), to)
	if err != nil || len(ms) == 0 {
		e.t.Fatalf("no mail to %s (%v)", to, err)
	}
	m := regexp.MustCompile(`https?://[^\s"<]*` + path + `[A-Za-z0-9_-]{43}|` + path + `[A-Za-z0-9_-]{43}`).FindString(ms[len(ms)-1].Text)
	if m == "" {
		e.t.Fatalf("no %s link in %q", path, ms[len(ms)-1].Text)
	}
	if i := strings.Index(m, path); i > 0 {
		m = m[i:]
	}
	return m
}

// TestInvitationPages: a consultant invites an employer on the form (the
// choices are what they may invite), the link shows once, the invitee
// sets a password on the public page and is logged in; the used link then
// answers 410 with a Danish page.
func TestInvitationPages(t *testing.T) {
	e := newEnv(t)
	kons := e.client()
	kons.login(e.consultant.Email)

	resp, body := kons.get("/invitationer/ny?role=employer&company_id=" + itoa(e.company.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="employer" selected>Arbejdsgiver</option>`, `<option value="event_staff">Eventpersonale</option>`, "Jobcenter: Jobcenter Helsingør")
	wantLacks(t, body, `<option value="consultant"`, `<option value="admin"`)

	resp, body = kons.post("/invitationer", url.Values{"email": {"ikke-en-adresse"}, "role": {"employer"}, "company_id": {itoa(e.company.ID)}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-email-error"`, "E-mailadressen ser ikke gyldig ud.")

	resp, body = kons.post("/invitationer", url.Values{"email": {e.employer.Email}, "role": {"employer"}, "company_id": {itoa(e.company.ID)}})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Der findes allerede en bruger med denne e-mailadresse.")

	resp, body = kons.post("/invitationer", url.Values{"email": {"ny.bager@bageriet.dk"}, "role": {"employer"}, "company_id": {itoa(e.company.ID)}})
	wantStatus(t, resp, body, http.StatusCreated)
	m := linkIn.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link on the page:\n%s", body)
	}
	link := html.UnescapeString(m[1])
	path := link[strings.Index(link, "/invitation/"):]
	if got := e.mailLink("ny.bager@bageriet.dk", "/invitation/"); got != path {
		t.Errorf("mailed link %q, shown %q", got, path)
	}
	resp, body = kons.get("/invitationer")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "ny.bager@bageriet.dk", "Bageriet Kronborg ApS", "Træk tilbage")
	wantLacks(t, body, path)

	guest := e.client()
	resp, body = guest.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "ny.bager@bageriet.dk", "Arbejdsgiver for Bageriet Kronborg ApS")
	resp, body = guest.post(path, url.Values{"name": {"Nils Ny"}, "password": {newPass}, "password_again": {newPass + "x"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-password_again-error"`, "De to adgangskoder er ikke ens.")
	resp, body = guest.post(path, url.Values{"name": {"Nils Ny"}, "password": {"password12"}, "password_again": {"password12"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-password-error"`)
	resp, body = guest.post(path, url.Values{"name": {"Nils Ny"}, "password": {newPass}, "password_again": {newPass}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = guest.get("/virksomheder/" + itoa(e.company.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Nils Ny", "Velkommen til Placering")

	other := e.client()
	resp, body = other.get(path)
	wantStatus(t, resp, body, http.StatusGone)
	wantContains(t, body, "Invitationen er allerede brugt.")
	resp, body = other.get("/invitation/" + strings.Repeat("x", 43))
	wantStatus(t, resp, body, http.StatusNotFound)

	// The employer may not invite; the page and the form action refuse.
	emp := e.client()
	emp.login(e.employer.Email)
	resp, body = emp.get("/invitationer/ny")
	wantStatus(t, resp, body, http.StatusForbidden)
	resp, body = emp.get("/invitationer")
	wantStatus(t, resp, body, http.StatusForbidden)
}

// TestInvitationFirstRunLink: the first-run page links an administrator to
// /invitationer/ny?jobcentre_id=N&role=consultant, which fills those in;
// the invitation can then be revoked from the list.
func TestInvitationFirstRunLink(t *testing.T) {
	e := newEnv(t)
	adm := e.client()
	adm.login(e.admin.Email)
	resp, body := adm.get("/invitationer/ny?jobcentre_id=" + itoa(e.jc.ID) + "&role=consultant")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="consultant" selected>`, `<option value="`+itoa(e.jc.ID)+`" selected>Jobcenter Helsingør</option>`,
		`<option value="admin">Administrator</option>`)
	resp, body = adm.post("/invitationer", url.Values{"email": {"ny.konsulent@example.dk"}, "role": {"consultant"}, "jobcentre_id": {itoa(e.jc.ID)}})
	wantStatus(t, resp, body, http.StatusCreated)
	invs, err := e.app.ListInvitations(context.Background(), &e.admin)
	if err != nil || len(invs) != 1 || invs[0].Role != models.RoleConsultant {
		t.Fatalf("invitations: %+v %v", invs, err)
	}
	resp, body = adm.get("/invitationer")
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = adm.post("/invitationer/"+itoa(invs[0].ID)+"/tilbagekald", url.Values{})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = adm.get("/invitationer")
	wantContains(t, body, "Invitationen er trukket tilbage.", "Der er ingen ventende invitationer.")
	resp, body = e.client().get(e.mailLink("ny.konsulent@example.dk", "/invitation/"))
	wantStatus(t, resp, body, http.StatusGone)
	wantContains(t, body, "Invitationen er trukket tilbage.")
}

// TestPasswordResetPages: the login page links to the form, which says
// the same for any address; the mailed link sets a new password once,
// ends the user's sessions and then answers 410.
func TestPasswordResetPages(t *testing.T) {
	e := newEnv(t)
	old := e.client()
	old.login(e.employer.Email)

	guest := e.client()
	resp, body := guest.get("/login")
	wantContains(t, body, `href="/glemt-adgangskode"`, "Glemt din adgangskode?")
	resp, body = guest.get("/glemt-adgangskode")
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = guest.post("/glemt-adgangskode", url.Values{"email": {""}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-email-error"`)
	_, known := guest.post("/glemt-adgangskode", url.Values{"email": {e.employer.Email}})
	_, unknown := guest.post("/glemt-adgangskode", url.Values{"email": {"ingen@example.dk"}})
	strip := func(s, email string) string { return strings.ReplaceAll(csrfInput.ReplaceAllString(s, ""), email, "X") }
	if strip(known, e.employer.Email) != strip(unknown, "ingen@example.dk") {
		t.Errorf("the confirmation differs for an address with a user")
	}
	wantContains(t, known, "Hvis der findes en bruger med e-mailadressen")

	path := e.mailLink(e.employer.Email, "/nulstil/")
	resp, body = guest.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = guest.post(path, url.Values{"password": {"aaaaaaaaaa"}, "password_again": {"aaaaaaaaaa"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-password-error"`)
	resp, body = guest.post(path, url.Values{"password": {newPass}, "password_again": {newPass}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/login" {
		t.Errorf("after the reset: to %q", loc)
	}
	resp, body = guest.get("/login")
	wantContains(t, body, "Din adgangskode er skiftet. Log ind med den nye adgangskode.")
	resp, body = old.get("/aabninger")
	wantStatus(t, resp, body, http.StatusSeeOther) // the old session ended
	resp, body = guest.get(path)
	wantStatus(t, resp, body, http.StatusGone)
	wantContains(t, body, "Linket til at nulstille adgangskoden er brugt eller udløbet.")
	resp, body = guest.post("/login", url.Values{"email": {e.employer.Email}, "password": {newPass}})
	wantStatus(t, resp, body, http.StatusSeeOther)
}

// TestInvitationArchivedCompanyPage: the accept page of an employer
// invitation whose company was archived meanwhile answers 410 with the
// Danish reason, and its form makes no user.
func TestInvitationArchivedCompanyPage(t *testing.T) {
	e := newEnv(t)
	kons := e.client()
	kons.login(e.consultant.Email)
	resp, body := kons.post("/invitationer", url.Values{"email": {"ny.bager@bageriet.dk"}, "role": {"employer"}, "company_id": {itoa(e.company.ID)}})
	wantStatus(t, resp, body, http.StatusCreated)
	path := e.mailLink("ny.bager@bageriet.dk", "/invitation/")
	if err := e.store.ArchiveCompany(context.Background(), e.company.ID, &e.consultant.ID); err != nil {
		t.Fatal(err)
	}
	guest := e.client()
	resp, body = guest.get(path)
	wantStatus(t, resp, body, http.StatusGone)
	wantContains(t, body, "Virksomheden, som invitationen gælder, er ikke længere med i ordningen.")
	guest.get("/login") // a CSRF token for the form
	resp, body = guest.post(path, url.Values{"name": {"Nils Ny"}, "password": {newPass}, "password_again": {newPass}})
	wantStatus(t, resp, body, http.StatusGone)
	if _, err := e.store.UserByEmail(context.Background(), "ny.bager@bageriet.dk"); err == nil {
		t.Error("a user was made for the archived company")
	}
}
