package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"placering/models"
	"placering/server/auth"
	"placering/server/session"
	"placering/store/storetest"
)

// Attacks on what issue 10 added, through the real API: other roles and
// other jobcentres reaching the new administrators' endpoints, escalating
// themselves, and bending an invitation into another role or address.

func (e *env) userID(email string) int64 {
	e.t.Helper()
	u, err := e.store.UserByEmail(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	return u.ID
}

// TestProbeOtherRolesAndJobcentresAreRefused calls the new endpoints as
// event staff, an employer and a consultant of jobcentre B on jobcentre
// A's rows, and a consultant of A on administrators' things: every call is
// refused (403/404) and nothing changes.
func TestProbeOtherRolesAndJobcentresAreRefused(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	a := fmt.Sprint(e.jcA.ID)
	inv := e.invite("consA", fmt.Sprintf(`{"email":"ny.chef@kronborglager.dk","role":"employer","company_id":%d}`, e.company.ID))
	if inv.status != 201 {
		t.Fatalf("invite: %d %s", inv.status, inv.body)
	}
	mails := e.do("admin", "GET", "/api/v1/mails", "")
	if mails.status != 200 {
		t.Fatalf("admin reads the mails: %d", mails.status)
	}
	ms := e.mails("ny.chef@kronborglager.dk")
	mailID := fmt.Sprint(ms[0].ID)
	consA, employer, event := fmt.Sprint(e.userID("kons.a@test.dk")), fmt.Sprint(e.userID("chef@kronborglager.dk")), fmt.Sprint(e.userID("event@test.dk"))
	oidc := `{"enabled":true,"issuer":"https://evil.example","client_id":"x","client_secret":"y"}`
	calls := []struct{ method, path, body string }{
		{"GET", "/api/v1/mails", ""},
		{"GET", "/api/v1/mails/" + mailID, ""},
		{"GET", "/api/v1/jobcentres/" + a + "/oidc", ""},
		{"PUT", "/api/v1/jobcentres/" + a + "/oidc", oidc},
		{"POST", "/api/v1/jobcentres", `{"municipality_no":"999","name":"Falsk"}`},
		{"PATCH", "/api/v1/jobcentres/" + a, `{"name":"Overtaget"}`},
		{"DELETE", "/api/v1/jobcentres/" + a, ""},
		{"PATCH", "/api/v1/users/" + consA, `{"role":"admin"}`},
		{"PATCH", "/api/v1/users/" + employer, `{"role":"admin"}`},
		{"PATCH", "/api/v1/users/" + event, `{"role":"consultant"}`},
		{"PATCH", "/api/v1/users/" + consA, `{"active":false}`},
		{"POST", "/api/v1/users", `{"email":"ny.admin@evil.example","name":"X","role":"admin","password":"blaabaergroed-paa-loftet"}`},
		{"DELETE", "/api/v1/invitations/" + fmt.Sprint(inv.json["id"]), ""},
		{"PUT", "/api/v1/contact-quota/settings?jobcentre_id=" + a, `{}`},
		{"PUT", "/api/v1/retention/settings?jobcentre_id=" + a, `{}`},
		{"PUT", "/api/v1/matching/settings?jobcentre_id=" + a, `{}`},
		{"PUT", "/api/v1/progression/settings?jobcentre_id=" + a, `{}`},
	}
	for _, who := range []string{"event", "employer", "consB", "consA"} {
		for _, c := range calls {
			if who == "consA" && strings.HasPrefix(c.path, "/api/v1/invitations") {
				continue // consultants of A may revoke A's invitations
			}
			r := e.do(who, c.method, c.path, c.body)
			if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
				t.Errorf("%s %s %s: %d %s", who, c.method, c.path, r.status, r.body)
			}
		}
	}
	for email, role := range map[string]models.Role{"kons.a@test.dk": models.RoleConsultant, "chef@kronborglager.dk": models.RoleEmployer, "event@test.dk": models.RoleEventStaff} {
		u, _ := e.store.UserByEmail(context.Background(), email)
		if u.Role != role || u.Archived() {
			t.Errorf("%s became %s (archived %v)", email, u.Role, u.Archived())
		}
	}
	if j, _ := e.store.GetJobcentre(context.Background(), e.jcA.ID); j.Name != e.jcA.Name || j.ArchivedAt != nil {
		t.Errorf("jobcentre A changed: %+v", j)
	}
	if r := e.do("admin", "GET", "/api/v1/jobcentres/"+a+"/oidc", ""); strings.Contains(r.body, "evil.example") {
		t.Errorf("OIDC settings changed: %s", r.body)
	}

	// Lists are scoped: B's consultant sees neither A's invitations nor
	// A's users.
	for _, path := range []string{"/api/v1/invitations", "/api/v1/users"} {
		r := e.do("consB", "GET", path, "")
		if r.status == 200 && (strings.Contains(r.body, "kronborglager.dk") || strings.Contains(r.body, "kons.a@test.dk")) {
			t.Errorf("consB GET %s shows jobcentre A's: %s", path, r.body)
		}
	}
	for _, path := range []string{"/api/v1/settings/history?jobcentre_id=" + a, "/api/v1/contact-quota/settings?jobcentre_id=" + a, "/api/v1/retention/settings?jobcentre_id=" + a} {
		if r := e.do("consB", "GET", path, ""); r.status != 403 && r.status != 404 {
			t.Errorf("consB GET %s: %d", path, r.status)
		}
	}
}

// TestProbeInvitationMixesRefused tries to bend an invitation: a
// consultant names their own jobcentre together with another jobcentre's
// company, or another jobcentre with their own company, or an employer
// role with a jobcentre but no company; addresses with a display name,
// a second address or a line break. Every one is refused and mails
// nothing.
func TestProbeInvitationMixesRefused(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	ctx := context.Background()
	other := models.Company{JobcentreID: e.jcB.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Ballerup Byg ApS",
		Branch: "bygge_anlaeg", Postcode: "2750", Town: "Ballerup"}}
	must(t, e.store.CreateCompany(ctx, &other))
	for _, c := range []struct{ who, body string }{
		{"consB", fmt.Sprintf(`{"email":"x@evil.example","role":"employer","jobcentre_id":%d,"company_id":%d}`, e.jcB.ID, e.company.ID)},
		{"consA", fmt.Sprintf(`{"email":"x@evil.example","role":"employer","jobcentre_id":%d,"company_id":%d}`, e.jcA.ID, other.ID)},
		{"consA", fmt.Sprintf(`{"email":"x@evil.example","role":"employer","jobcentre_id":%d,"company_id":%d}`, e.jcB.ID, e.company.ID)},
		{"consA", fmt.Sprintf(`{"email":"x@evil.example","role":"employer","jobcentre_id":%d}`, e.jcA.ID)},
		{"consA", fmt.Sprintf(`{"email":"x@evil.example","role":"consultant","jobcentre_id":%d,"company_id":%d}`, e.jcA.ID, e.company.ID)},
		{"consA", `{"email":"x@evil.example","role":"admin","jobcentre_id":null}`},
		{"consA", `{"email":"x@evil.example","role":"ADMIN"}`},
		{"consA", `{"email":"x@evil.example","role":"event_staff","role":"admin"}`},
		{"admin", `{"email":"\"Placering\" <x@evil.example>","role":"admin"}`},
		{"admin", `{"email":"x@evil.example\r\nBcc: y@evil.example","role":"admin"}`},
		{"admin", `{"email":"x@evil.example,y@evil.example","role":"admin"}`},
		{"admin", `{"email":"x@evil.example\nSubject: hej","role":"admin"}`},
	} {
		r := e.invite(c.who, c.body)
		if r.status != 403 && r.status != 422 && r.status != 400 {
			t.Errorf("%s invites %s: %d %s", c.who, c.body, r.status, r.body)
		}
	}
	if n := len(e.mails("x@evil.example")) + len(e.mails("y@evil.example")); n != 0 {
		t.Errorf("refused invitations queued %d mails", n)
	}
	if r := e.do("admin", "GET", "/api/v1/invitations", ""); strings.Contains(r.body, "evil.example") {
		t.Errorf("a refused invitation is pending: %s", r.body)
	}
}

// TestProbeAcceptKeepsTheInvitationsAddressAndRole accepts an invitation
// with an address and a role of the invitee's own choosing: the user gets
// the invitation's address and role (or the request is refused), and the
// link then answers 410, never a second user.
func TestProbeAcceptKeepsTheInvitationsAddressAndRole(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	inv := e.invite("consA", `{"email":"frivillig@test.dk","role":"event_staff"}`)
	if inv.status != 201 {
		t.Fatalf("invite: %d %s", inv.status, inv.body)
	}
	path := "/api/v1/invitations/" + tokenOf(t, inv) + "/accept"
	r := e.do("", "POST", path, fmt.Sprintf(`{"name":"Frida","password":%q,"email":"admin2@evil.example","role":"admin","jobcentre_id":%d,"company_id":%d}`,
		newPassword, e.jcB.ID, e.company.ID))
	if r.status == 201 {
		if r.json["email"] != "frivillig@test.dk" || r.json["role"] != "event_staff" || r.json["jobcentre_id"] != float64(e.jcA.ID) || r.json["company_id"] != nil {
			t.Errorf("accept took the invitee's own fields: %s", r.body)
		}
	} else if r.status != 422 && r.status != 400 {
		t.Fatalf("accept: %d %s", r.status, r.body)
	} else if r = e.do("", "POST", path, fmt.Sprintf(`{"name":"Frida","password":%q}`, newPassword)); r.status != 201 {
		t.Fatalf("accept: %d %s", r.status, r.body)
	}
	if _, err := e.store.UserByEmail(context.Background(), "admin2@evil.example"); err == nil {
		t.Error("the invitee chose their own address")
	}
	for i := 0; i < 2; i++ {
		if r := e.do("", "POST", path, fmt.Sprintf(`{"name":"Frida igen","password":%q}`, newPassword+"x")); r.status != 410 {
			t.Errorf("accept again: %d %s", r.status, r.body)
		}
	}
	// A made-up token of the right shape is unknown (404): the 410 only
	// tells whoever holds a real link what became of it.
	fake, _, _ := auth.NewToken()
	if r := e.do("", "POST", "/api/v1/invitations/"+fake+"/accept", `{"name":"X","password":"blaabaergroed-paa-loftet"}`); r.status != 404 {
		t.Errorf("made-up token: %d", r.status)
	}
}

// TestProbeOneTimePasswordTokenDoesNothingElse: a user who must still
// change a generated password makes an API token with it and tries every
// API read and a few writes with it (and with a token made before).
// Nothing but their own account (me, tokens, password) answers.
func TestProbeOneTimePasswordTokenDoesNothingElse(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	ctx := context.Background()
	before := e.tokens["admin"]
	must(t, e.store.SetMustChangePassword(ctx, e.userID("admin@test.dk"), true))
	r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"admin@test.dk","password":"hemmelig-kode-123"}`)
	if r.status != 201 {
		t.Fatalf("token with the one-time password: %d %s", r.status, r.body)
	}
	own := map[string]bool{"/api/v1/me": true, "/api/v1/auth/tokens": true, "/api/v1/openapi.json": true, "/api/v1/branches": true,
		"/api/v1/vocabulary/placements": true, "/api/v1/matching/rejection-reasons": true,
		"/api/v1/vocabulary/review-checklists": true}
	for name, tok := range map[string]string{"new": r.json["token"].(string), "before": before} {
		e.tokens["admin"] = tok
		for _, rt := range e.echo.Routes() {
			if rt.Method != http.MethodGet || !strings.HasPrefix(rt.Path, "/api/v1/") || own[rt.Path] {
				continue
			}
			path := strings.NewReplacer(":id", fmt.Sprint(e.jcA.ID), ":iso_week", "2026-W01").Replace(rt.Path)
			if r := e.do("admin", "GET", path, ""); r.status < 400 {
				t.Errorf("%s token: GET %s: %d", name, path, r.status)
			}
		}
		for _, c := range []struct{ method, path, body string }{
			{"POST", "/api/v1/jobcentres", `{"municipality_no":"999","name":"Falsk"}`},
			{"POST", "/api/v1/invitations", `{"email":"x@evil.example","role":"admin"}`},
			{"POST", "/api/v1/users", `{"email":"y@evil.example","name":"Y","role":"admin","password":"blaabaergroed-paa-loftet"}`},
			{"PUT", "/api/v1/jobcentres/" + fmt.Sprint(e.jcA.ID) + "/oidc", `{"enabled":true,"issuer":"https://evil.example","client_id":"x"}`},
		} {
			if r := e.do("admin", c.method, c.path, c.body); r.status < 400 {
				t.Errorf("%s token: %s %s: %d", name, c.method, c.path, r.status)
			}
		}
	}
}

// TestProbeResetOfDeactivatedUser: a deactivated user gets no reset mail,
// and a link mailed before the deactivation no longer works (410), so a
// reset cannot bring them back.
func TestProbeResetOfDeactivatedUser(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	const email = "event@test.dk"
	if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"`+email+`"}`); r.status != 202 {
		t.Fatalf("reset: %d", r.status)
	}
	ms := e.mails(email)
	m := resetLink.FindStringSubmatch(ms[len(ms)-1].Text)
	if m == nil {
		t.Fatal("no link")
	}
	if r := e.do("admin", "PATCH", "/api/v1/users/"+fmt.Sprint(e.userID(email)), `{"active":false}`); r.status != 200 {
		t.Fatalf("deactivate: %d %s", r.status, r.body)
	}
	if r := e.do("", "POST", "/api/v1/auth/password-reset/"+m[1], `{"password":"`+newPassword+`"}`); r.status != 410 {
		t.Errorf("reset link of a deactivated user: %d %s", r.status, r.body)
	}
	if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"`+email+`"}`); r.status != 202 {
		t.Fatalf("reset after deactivation: %d", r.status)
	}
	if n := len(e.mails(email)); n != len(ms) {
		t.Errorf("a deactivated user got %d more reset mails", n-len(ms))
	}
	if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"`+email+`","password":"`+newPassword+`"}`); r.status != 401 {
		t.Errorf("login after the refused reset: %d", r.status)
	}
}

// TestProbeResetLinkEndsWithPasswordChangeAndDeactivation: a reset link
// mailed before the user changed their password (perhaps because they
// feared their mailbox was read), or before they were deactivated and
// then reactivated, no longer works: 410.
func TestProbeResetLinkEndsWithPasswordChangeAndDeactivation(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		link := func(email string) string {
			t.Helper()
			if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"`+email+`"}`); r.status != 202 {
				t.Fatalf("reset: %d", r.status)
			}
			ms := e.mails(email)
			m := resetLink.FindStringSubmatch(ms[len(ms)-1].Text)
			if m == nil {
				t.Fatal("no link")
			}
			return "/api/v1/auth/password-reset/" + m[1]
		}
		changed := link("kons.a@test.dk")
		if r := e.do("consA", "PUT", "/api/v1/me/password", `{"current_password":"hemmelig-kode-123","new_password":"`+newPassword+`"}`); r.status != 204 {
			t.Fatalf("change password: %d %s", r.status, r.body)
		}
		if r := e.do("", "POST", changed, `{"password":"angriberens-kodeord-1"}`); r.status != 410 {
			t.Errorf("reset link from before a password change: %d %s", r.status, r.body)
		}

		reactivated := link("event@test.dk")
		id := fmt.Sprint(e.userID("event@test.dk"))
		for _, active := range []string{"false", "true"} {
			if r := e.do("admin", "PATCH", "/api/v1/users/"+id, `{"active":`+active+`}`); r.status != 200 {
				t.Fatalf("active %s: %d %s", active, r.status, r.body)
			}
		}
		if r := e.do("", "POST", reactivated, `{"password":"angriberens-kodeord-1"}`); r.status != 410 {
			t.Errorf("reset link from before a deactivation, used after reactivation: %d %s", r.status, r.body)
		}
	})
}

// TestProbeInvitationDiesWithTheInvitersAccess: a consultant invites
// people and is then deactivated (or loses the consultant role); the
// links they sent no longer make users (410), so taking someone's access
// away also takes away the access they were handing out.
func TestProbeInvitationDiesWithTheInvitersAccess(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ev := e.invite("consA", `{"email":"frivillig@test.dk","role":"event_staff"}`)
		emp := e.invite("consA", fmt.Sprintf(`{"email":"ny.chef@kronborglager.dk","role":"employer","company_id":%d}`, e.company.ID))
		byAdmin := e.invite("admin", fmt.Sprintf(`{"email":"ny.kons@test.dk","role":"consultant","jobcentre_id":%d}`, e.jcA.ID))
		for _, r := range []response{ev, emp, byAdmin} {
			if r.status != 201 {
				t.Fatalf("invite: %d %s", r.status, r.body)
			}
		}
		id := fmt.Sprint(e.userID("kons.a@test.dk"))
		if r := e.do("admin", "PATCH", "/api/v1/users/"+id, `{"role":"event_staff"}`); r.status != 200 {
			t.Fatalf("demote: %d %s", r.status, r.body)
		}
		accept := func(r response) response {
			return e.do("", "POST", "/api/v1/invitations/"+tokenOf(t, r)+"/accept", `{"name":"Ny Bruger","password":"`+newPassword+`"}`)
		}
		if r := accept(emp); r.status != 410 || danishOnly(r.json["detail"].(string)) != "" {
			t.Errorf("employer invited by a consultant who is now event staff: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "PATCH", "/api/v1/users/"+id, `{"active":false}`); r.status != 200 {
			t.Fatalf("deactivate: %d %s", r.status, r.body)
		}
		if r := accept(ev); r.status != 410 {
			t.Errorf("event staff invited by a deactivated consultant: %d %s", r.status, r.body)
		}
		if r := accept(byAdmin); r.status != 201 {
			t.Errorf("an administrator's invitation: %d %s", r.status, r.body)
		}
		for _, email := range []string{"frivillig@test.dk", "ny.chef@kronborglager.dk"} {
			if _, err := e.store.UserByEmail(context.Background(), email); err == nil {
				t.Errorf("%s became a user", email)
			}
		}
	})
}

// TestProbeMailInjection: a name with a line break cannot be chosen at the
// accept (it would end up in mails), and a name with markup reaches the
// reset mail's HTML escaped; the mail names no personal data beyond the
// recipient's own name and address.
func TestProbeMailInjection(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	inv := e.invite("consA", `{"email":"frivillig@test.dk","role":"event_staff"}`)
	path := "/api/v1/invitations/" + tokenOf(t, inv) + "/accept"
	for _, name := range []string{"Evil\r\nBcc: x@evil.example", "Evil\nTo: x@evil.example", "Evil\u0085Bcc"} {
		if r := e.do("", "POST", path, fmt.Sprintf(`{"name":%q,"password":%q}`, name, newPassword)); r.status != 422 || !r.hasField("name") {
			t.Errorf("name %q: %d %s", name, r.status, r.body)
		}
	}
	const markup = `<script>alert(1)</script><a href="https://evil.example">Klik</a>`
	if r := e.do("", "POST", path, fmt.Sprintf(`{"name":%q,"password":%q}`, markup, newPassword)); r.status != 201 {
		t.Fatalf("accept: %d %s", r.status, r.body)
	}
	if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"frivillig@test.dk"}`); r.status != 202 {
		t.Fatalf("reset: %d", r.status)
	}
	ms := e.mails("frivillig@test.dk")
	m := ms[len(ms)-1]
	if strings.Contains(m.HTML, "<script") || strings.Contains(m.HTML, `href="https://evil.example"`) || strings.ContainsAny(m.Subject, "\r\n<") {
		t.Errorf("markup reached the mail: subject %q\n%s", m.Subject, m.HTML)
	}
	for _, mm := range ms {
		for _, personal := range []string{"0101901234", "gruppe", "cpr", "CPR", "målgruppe"} {
			if strings.Contains(mm.Text+mm.HTML, personal) {
				t.Errorf("a %s mail holds %q", mm.Kind, personal)
			}
		}
	}
}

// TestProbeResetFloodingAndOneTimePassword: spelling one address in other
// capitals or with spaces does not get past the limit of reset mails per
// address, the browser's form shares that limit, and a user who still
// must change a generated password may reset it instead and is then free.
func TestProbeResetFloodingAndOneTimePassword(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	const email = "event@test.dk"
	for _, v := range []string{"EVENT@test.dk", " event@TEST.dk ", "Event@Test.Dk", "event@test.dk", "eVeNt@test.dk"} {
		if r := e.do("", "POST", "/api/v1/auth/password-reset", fmt.Sprintf(`{"email":%q}`, v)); r.status != 202 {
			t.Fatalf("%q: %d", v, r.status)
		}
	}
	browser := &http.Client{}
	browseForm(t, browser, e.srv.URL, "/glemt-adgangskode", map[string][]string{"email": {email}})
	if n := len(e.mails(email)); n != session.MailPerAddress {
		t.Errorf("%d reset mails to one address spelt differently, want %d", n, session.MailPerAddress)
	}

	id := e.userID("kons.a@test.dk")
	must(t, e.store.SetMustChangePassword(context.Background(), id, true))
	if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"kons.a@test.dk"}`); r.status != 202 {
		t.Fatalf("reset: %d", r.status)
	}
	ms := e.mails("kons.a@test.dk")
	m := resetLink.FindStringSubmatch(ms[len(ms)-1].Text)
	if r := e.do("", "POST", "/api/v1/auth/password-reset/"+m[1], `{"password":"`+newPassword+`"}`); r.status != 204 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"kons.a@test.dk","password":"`+newPassword+`"}`)
	if r.status != 201 {
		t.Fatalf("login: %d", r.status)
	}
	e.tokens["consA"] = r.json["token"].(string)
	if r := e.do("consA", "GET", "/api/v1/invitations", ""); r.status != 200 {
		t.Errorf("after the reset the one-time password's lock stays: %d %s", r.status, r.body)
	}
}
