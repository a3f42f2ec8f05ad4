package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/chromedp/chromedp"
)

// The second half of TestMunicipalityFromZero: access that is taken away.

// 4. The consultant forgets the password and resets it by mail, on
// another machine: the sessions and tokens from before end, the old
// password is refused, the new one works.
func (w *walk) passwordResetByMail() {
	t := w.t
	r := w.br.tab(w.t, "konsulent på en anden maskine", w.ip)
	r.do("open the login page", chromedp.Navigate(w.svc.base+"/login"), chromedp.WaitVisible(chromedp.ID("f-email")))
	r.do("forgot the password", chromedp.Click(chromedp.CSS(`a[href="/glemt-adgangskode"]`)), chromedp.WaitVisible(chromedp.ID("f-email")))
	r.checkPage("forgot password")
	r.do("ask for a link",
		chromedp.SetValue(chromedp.ID("f-email"), w.consultant),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	r.checkPage("link sent")

	// After the invitation and the two notices of the employer's openings
	// awaiting review.
	mail := w.mail.nth(t, w.consultant, 4)
	w.checkMail(mail, w.consultant, "Nulstil din adgangskode til Placering", "Hej Karin Konsulent")
	link := linkIn(t, w.svc.base, mail.Text, "/nulstil/")
	r.do("open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("f-password")))
	r.checkPage("reset password")
	r.do("choose a new password",
		chromedp.SetValue(chromedp.ID("f-password"), consultantNew),
		chromedp.SetValue(chromedp.ID("f-password_again"), consultantNew),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.WaitVisible(chromedp.ID("f-email")),
	)
	if p := r.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("after the reset the browser is at %q, want the login page", p)
	}
	w.usedLink(r, link, "/nulstil/", "/auth/password-reset/%s", map[string]string{"password": "endnu-en-ny-kode-2027"})
	// Asking for a link answers alike whether or not the address has a user.
	for _, email := range []string{w.consultant, "ingen-bruger@placering.test"} {
		if status, b := w.api.call("POST", "/auth/password-reset", "", map[string]string{"email": email}); status != http.StatusAccepted {
			t.Errorf("POST /auth/password-reset for %s: %d %s, want 202", email, status, b)
		}
	}
	r.do("back to the login page", chromedp.Navigate(w.svc.base+"/login"), chromedp.WaitVisible(chromedp.ID("f-email")))

	w.consTab.do("the old session after the reset", chromedp.Navigate(w.svc.base+"/virksomheder"), chromedp.WaitVisible(chromedp.ID("f-email")))
	if p := w.consTab.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("the session from before the reset shows %q, want the login page", p)
	}
	w.api.refused("a token from before the reset", w.consultantTok)
	if status, b := w.api.call("POST", "/auth/tokens", "", map[string]string{"email": w.consultant, "password": consultantPass}); status != http.StatusUnauthorized {
		t.Errorf("the old password after the reset: %d %s, want 401", status, b)
	}
	r.logIn(w.consultant, consultantNew, chromedp.WaitVisible(chromedp.CSS(".user-name")))
	w.consTab = r
	w.consultantTok = w.api.token(w.consultant, consultantNew, "Min bærbare")
	if status, b := w.api.call("GET", "/openings?company_id="+w.companyID, w.consultantTok, nil); status != http.StatusOK {
		t.Errorf("the new token: %d %s", status, b)
	}
}

// 5a. A token revoked by its owner is refused at once; the others work on.
func (w *walk) revokedTokenRefused() {
	t := w.t
	other := w.api.token(w.consultant, consultantNew, "Fagsystem")
	var tokens []struct {
		ID   int64
		Name string
	}
	status, raw := w.api.call("GET", "/auth/tokens", w.consultantTok, nil)
	if status != http.StatusOK || strings.Contains(string(raw), other) || strings.Contains(string(raw), w.consultantTok) {
		t.Fatalf("GET /auth/tokens: %d %s (it must never show a secret)", status, raw)
	}
	w.api.expect(http.StatusOK, "GET", "/auth/tokens", w.consultantTok, nil, &tokens)
	var id, own int64
	for _, tk := range tokens {
		switch tk.Name {
		case "Fagsystem":
			id = tk.ID
		case "Min bærbare":
			own = tk.ID
		}
	}
	if id == 0 || own == 0 || len(tokens) != 2 {
		t.Fatalf("the consultant's tokens: %+v, want the two made after the reset", tokens)
	}
	// Nobody else can revoke them: another user's token is not found.
	if status, b := w.api.call("DELETE", fmt.Sprintf("/auth/tokens/%d", id), w.employerTok, nil); status != http.StatusNotFound {
		t.Errorf("the employer revoking the consultant's token: %d %s, want 404", status, b)
	}
	if status, b := w.api.call("GET", "/me", other, nil); status != http.StatusOK {
		t.Fatalf("the token before it is revoked: %d %s", status, b)
	}
	w.api.expect(http.StatusNoContent, "DELETE", fmt.Sprintf("/auth/tokens/%d", id), w.consultantTok, nil, nil)
	w.api.refused("the revoked token", other)
	if status, b := w.api.call("GET", "/me", w.consultantTok, nil); status != http.StatusOK {
		t.Errorf("the token that was not revoked: %d %s", status, b)
	}
}

// 5b. The administrator deactivates the employer on the users page and the
// consultant through the API: their open sessions and their tokens are
// refused at once, and so is a correct password.
func (w *walk) deactivatedUsersRefused() {
	t, a := w.t, w.adminTab
	a.do("the users", chromedp.Navigate(w.svc.base+"/"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/brugere"]`)),
		chromedp.Click(chromedp.CSS(`nav a[href="/brugere"]`)), chromedp.WaitVisible(chromedp.CSS("main table")))
	a.checkPage("users")
	deactivate := fmt.Sprintf(`a[href="/brugere/%d/deaktiver"]`, w.employerID)
	a.do("deactivate the employer", chromedp.Click(chromedp.CSS(deactivate)), chromedp.WaitVisible(chromedp.CSS("main button.danger")))
	a.checkPage("deactivate user")
	a.do("confirm", chromedp.Click(chromedp.CSS("main button.danger")), chromedp.WaitVisible(chromedp.CSS("main table")))
	a.waitFor("the employer shown as deactivated", `[...document.querySelectorAll("main tbody tr")].some(r =>
		r.textContent.includes("`+w.employer+`") && r.textContent.includes("Nej (deaktiveret)"))`)

	e := w.employTab
	e.do("the employer's open session", chromedp.Navigate(w.svc.base+"/aabninger"), chromedp.WaitVisible(chromedp.ID("f-email")))
	if p := e.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("the deactivated employer's session shows %q, want the login page", p)
	}
	w.api.refused("the deactivated employer's token", w.employerTok)
	e.logIn(w.employer, employerPass, chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	e.checkPage("login refused")
	if p := e.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("a deactivated employer's correct password led to %q", p)
	}
	if status, b := w.api.call("POST", "/auth/tokens", "", map[string]string{"email": w.employer, "password": employerPass}); status != http.StatusUnauthorized {
		t.Errorf("a deactivated employer's correct password: %d %s, want 401", status, b)
	}

	adminTok := w.api.token(w.admin, w.adminPass, "")
	var u struct{ Active *bool }
	w.api.expect(http.StatusOK, "PATCH", fmt.Sprintf("/users/%d", w.consultantID), adminTok, map[string]any{"active": false}, &u)
	if u.Active == nil || *u.Active {
		t.Errorf("PATCH /users/{id} {active: false} answered active = %v", u.Active)
	}
	c := w.consTab
	c.do("the consultant's open session", chromedp.Navigate(w.svc.base+"/virksomheder"), chromedp.WaitVisible(chromedp.ID("f-email")))
	if p := c.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("the deactivated consultant's session shows %q, want the login page", p)
	}
	w.api.refused("the deactivated consultant's token", w.consultantTok)
}
