package ui_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// A logged-in user changes their password in the browser: a wrong current
// password and a common new one are refused at their fields in Danish; a
// good change keeps this browser logged in, ends the user's other sessions
// and makes the old password stop working.
func TestChangePasswordPage(t *testing.T) {
	e := newEnv(t)
	other := e.client()
	other.login(e.consultant.Email)
	c := e.client()
	c.login(e.consultant.Email)

	resp, body := c.get("/adgangskode")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<h1>Skift adgangskode</h1>", `autocomplete="current-password"`, `autocomplete="new-password"`)

	resp, body = c.post("/adgangskode", url.Values{"current_password": {"forkert-kode-123"}, "new_password": {"et nyt og langt kodeord"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Den nuværende adgangskode er forkert.")
	wantLacks(t, body, "forkert-kode-123", "et nyt og langt kodeord") // passwords are never shown again

	resp, body = c.post("/adgangskode", url.Values{"current_password": {password}, "new_password": {"password12"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-new_password-error"`)

	resp, body = c.post("/adgangskode", url.Values{"current_password": {password}, "new_password": {"et nyt og langt kodeord"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.get("/")
	if resp.StatusCode == http.StatusSeeOther { // the start page of the role
		resp, body = c.get(resp.Header.Get("Location"))
	}
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Din adgangskode er skiftet.")

	if resp, _ := other.get("/virksomheder"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the user's other session still works after the change: %d", resp.StatusCode)
	}
	fresh := e.client()
	fresh.get("/login")
	resp, body = fresh.post("/login", url.Values{"email": {e.consultant.Email}, "password": {password}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password: %d, want 401", resp.StatusCode)
	}
	fresh.get("/login")
	resp, body = fresh.post("/login", url.Values{"email": {e.consultant.Email}, "password": {"et nyt og langt kodeord"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
}

func TestBrowserChangePasswordPageIsAccessible(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t)
	b.logIn(e.srv.URL+"/adgangskode", e.consultant.Email, chromedp.WaitVisible(chromedp.ID("f-current_password")))
	b.checkPage("change password")
}
