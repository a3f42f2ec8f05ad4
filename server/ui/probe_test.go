package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"placering/models"
	"placering/server/app"
	"placering/server/oidclogin/oidctest"
)

// Attacks on what issue 10 added, through the real service: cross-site
// form posts, open redirects after an OIDC login, one-time links leaking
// through the Referer header and the request log.

// TestProbeCrossSitePostsRefused posts every new administrators' form as
// a logged-in administrator from another site (Sec-Fetch-Site cross-site,
// as a browser sends it) and as an old browser without the CSRF token:
// each is refused with 403 and changes nothing.
func TestProbeCrossSitePostsRefused(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.admin.Email)
	jc := itoa(e.jc.ID)
	posts := []struct {
		path string
		form url.Values
	}{
		{"/invitationer", url.Values{"email": {"angriber@evil.example"}, "role": {"admin"}}},
		{"/indstillinger/matching", url.Values{"jobcentre_id": {jc}}},
		{"/jobcentre", url.Values{"municipality_no": {"999"}, "name": {"Falsk Jobcenter"}}},
		{"/jobcentre/" + jc + "/rediger", url.Values{"municipality_no": {"217"}, "name": {"Overtaget"}}},
		{"/jobcentre/" + jc + "/arkiver", url.Values{}},
		{"/jobcentre/" + jc + "/login", url.Values{"enabled": {"on"}, "issuer": {"https://evil.example"}, "client_id": {"x"}}},
		{"/brugere/" + itoa(e.consultant.ID) + "/rediger", url.Values{"role": {"admin"}}},
		{"/brugere/" + itoa(e.consultant.ID) + "/deaktiver", url.Values{}},
		{"/opsaetning", url.Values{"municipality_no": {"998"}, "name": {"Falsk"}}},
		{"/adgangskode", url.Values{"current_password": {password}, "new_password": {"angriberens-kodeord-1"}}},
	}
	for _, p := range posts {
		for _, how := range []struct {
			name   string
			header []string
			form   url.Values
		}{
			{"cross-site", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, url.Values{"csrf": {""}}},
			{"no token", nil, url.Values{"csrf": {""}}},
			{"wrong token", nil, url.Values{"csrf": {"gaet"}}},
		} {
			form := url.Values{}
			for k, v := range p.form {
				form[k] = v
			}
			form.Set("csrf", how.form.Get("csrf"))
			resp, body := c.post(p.path, form, how.header...)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Formularen kunne ikke sendes") && !strings.Contains(body, "CSRF") {
				t.Errorf("%s POST %s: %d %s", how.name, p.path, resp.StatusCode, body)
			}
		}
	}
	ctx := context.Background()
	if js, _ := e.store.ListJobcentres(ctx); len(js) != 1 || js[0].Name != e.jc.Name {
		t.Errorf("a cross-site post changed the jobcentres: %+v", js)
	}
	if u, _ := e.store.GetUser(ctx, e.consultant.ID); u.Role != models.RoleConsultant || u.Archived() {
		t.Errorf("a cross-site post changed the consultant: %+v", u)
	}
	if ms, _ := e.store.MailsTo(ctx, "angriber@evil.example"); len(ms) != 0 {
		t.Errorf("a cross-site post sent an invitation")
	}
}

// TestProbeOIDCNextStaysLocal starts OIDC logins with next pointing away
// from the service; after the provider's callback the browser lands on
// the service, never on evil.example.
func TestProbeOIDCNextStaysLocal(t *testing.T) {
	o := newOIDCEnv(t)
	o.user("anna", "anna@kommune.dk", "jc-konsulenter")
	for _, next := range []string{"https://evil.example/", "//evil.example", "/\\evil.example", "https:evil.example", "/%2F%2Fevil.example", "javascript:alert(1)"} {
		c := o.client()
		start := o.srv.URL + "/login/oidc/" + itoa(o.jc.ID) + "?next=" + url.QueryEscape(next)
		cb, err := o.op.Authorize(c.hc, start, "anna", "hemmeligt-kodeord")
		if err != nil {
			t.Fatalf("authorize: %v", err)
		}
		resp, body := c.get(strings.TrimPrefix(cb, o.srv.URL))
		wantStatus(t, resp, body, http.StatusSeeOther)
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || loc.Host != "" || loc.Scheme != "" || !strings.HasPrefix(loc.Path, "/") || strings.HasPrefix(loc.String(), "//") {
			t.Errorf("next %q: the login ends at %q", next, resp.Header.Get("Location"))
		}
	}
}

// TestProbeAdminPagesRefuseOtherRoles opens the administrators' new pages
// and posts their forms as event staff, an employer and a consultant:
// each is refused (403/404), and a consultant's list of users shows no
// other jobcentre's users.
func TestProbeAdminPagesRefuseOtherRoles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	other := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
	if err := e.store.CreateJobcentre(ctx, &other); err != nil {
		t.Fatal(err)
	}
	stranger := e.user(app.UserInput{Email: "fremmed@ballerup.dk", Name: "Frede Fremmed", Role: models.RoleConsultant, JobcentreID: &other.ID})
	if _, err := e.app.CreateInvitation(ctx, &e.admin, app.InvitationInput{Email: "ny@ballerup.dk", Role: models.RoleEventStaff, JobcentreID: &other.ID}); err != nil {
		t.Fatal(err)
	}
	ms, _ := e.store.MailsTo(ctx, "ny@ballerup.dk")
	jc, mail := itoa(e.jc.ID), itoa(ms[0].ID)
	gets := []string{"/postkasse", "/postkasse/" + mail, "/jobcentre/ny", "/jobcentre/" + jc + "/rediger", "/jobcentre/" + jc + "/arkiver",
		"/jobcentre/" + jc + "/login", "/opsaetning", "/brugere/" + itoa(e.consultant.ID) + "/rediger", "/brugere/" + itoa(e.consultant.ID) + "/deaktiver"}
	posts := map[string]url.Values{
		"/jobcentre":                                       {"municipality_no": {"999"}, "name": {"Falsk"}},
		"/jobcentre/" + jc + "/rediger":                    {"municipality_no": {"217"}, "name": {"Overtaget"}},
		"/jobcentre/" + jc + "/login":                      {"enabled": {"on"}, "issuer": {"https://evil.example"}, "client_id": {"x"}},
		"/brugere/" + itoa(e.ev.ID) + "/rediger":           {"role": {"admin"}},
		"/brugere/" + itoa(e.consultant.ID) + "/deaktiver": {},
		"/indstillinger/matching":                          {"jobcentre_id": {jc}},
		"/invitationer":                                    {"email": {"x@evil.example"}, "role": {"admin"}},
	}
	for _, who := range []models.User{e.ev, e.employer, e.consultant} {
		c := e.client()
		c.login(who.Email)
		for _, p := range gets {
			if resp, _ := c.get(p); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s GET %s: %d", who.Email, p, resp.StatusCode)
			}
		}
		if who.Role != models.RoleConsultant {
			for _, p := range []string{"/brugere", "/invitationer", "/invitationer/ny"} {
				if resp, _ := c.get(p); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", who.Email, p, resp.StatusCode)
				}
			}
		}
		for p, form := range posts {
			c.get("/")
			if resp, _ := c.post(p, form); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST %s: %d", who.Email, p, resp.StatusCode)
			}
		}
	}
	c := e.client()
	c.login(e.consultant.Email)
	for _, p := range []string{"/brugere", "/invitationer"} {
		resp, body := c.get(p)
		wantStatus(t, resp, body, http.StatusOK)
		wantLacks(t, body, stranger.Email, "ny@ballerup.dk")
	}
	if u, _ := e.store.GetUser(ctx, e.ev.ID); u.Role != models.RoleEventStaff {
		t.Errorf("event staff became %s", u.Role)
	}
	if ms, _ := e.store.MailsTo(ctx, "x@evil.example"); len(ms) != 0 {
		t.Error("a refused invitation was mailed")
	}
}

// TestProbeLogoutEndsTheSessionEverywhere: a session cookie copied before
// logging out no longer works afterwards (the session is gone on the
// server, not only in the browser).
func TestProbeLogoutEndsTheSessionEverywhere(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.admin.Email)
	u, _ := url.Parse(e.srv.URL)
	var stolen string
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "placering_session" {
			stolen = ck.Value
		}
	}
	if stolen == "" {
		t.Fatal("no session cookie")
	}
	c.get("/")
	if resp, _ := c.post("/logout", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	thief := e.client()
	resp, _ := thief.get("/postkasse", "Cookie", "placering_session="+stolen)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the logged-out session still opens the mailbox: %d", resp.StatusCode)
	}
}

// TestProbeForgotPageSaysTheSame: the page that asks for a reset link
// answers an address with a user, one without and a deactivated user's
// with the same page.
func TestProbeForgotPageSaysTheSame(t *testing.T) {
	e := newEnv(t)
	active := false
	if _, err := e.app.UpdateUser(context.Background(), &e.admin, e.ev.ID, app.UserPatch{Active: &active}); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, email := range []string{e.consultant.Email, "ingen@example.dk", e.ev.Email} {
		c := e.client()
		c.get("/glemt-adgangskode")
		resp, body := c.post("/glemt-adgangskode", url.Values{"email": {email}})
		wantStatus(t, resp, body, http.StatusOK)
		body = strings.ReplaceAll(body, email, "ADRESSE")
		body = csrfInput.ReplaceAllString(body, "")
		pages = append(pages, body)
	}
	if pages[0] != pages[1] || pages[1] != pages[2] {
		t.Error("the reset page differs between addresses with and without an active user")
	}
}

// TestProbeOIDCJobcentresDoNotMix: two jobcentres use the same identity
// provider. A login started at A whose callback comes after a start at B
// in the same browser is refused (the browser's state is B's), and a
// person provisioned through A who starts at B is refused rather than
// becoming staff of B.
func TestProbeOIDCJobcentresDoNotMix(t *testing.T) {
	o := newOIDCEnv(t)
	ctx := context.Background()
	b := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
	if err := o.store.CreateJobcentre(ctx, &b); err != nil {
		t.Fatal(err)
	}
	secret := oidctest.ClientSecret
	if _, err := o.app.SaveOIDCSettings(ctx, &o.admin, b.ID, app.OIDCSettingsInput{Enabled: true, Issuer: o.op.Issuer, ClientID: oidctest.ClientID,
		ClientSecret: &secret, Groups: app.GroupMapping{Roles: map[string]models.Role{"jc-konsulenter": models.RoleConsultant}}}); err != nil {
		t.Fatal(err)
	}
	o.user("anna", "anna@kommune.dk", "jc-konsulenter")

	c := o.client()
	cbA, err := o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(o.jc.ID), "anna", "hemmeligt-kodeord")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(b.ID), "anna", "hemmeligt-kodeord"); err != nil {
		t.Fatal(err)
	}
	resp, body := c.get(strings.TrimPrefix(cbA, o.srv.URL))
	wantStatus(t, resp, body, http.StatusForbidden)

	// Provisioned through A…
	resp, body = o.login(o.client(), "anna")
	wantStatus(t, resp, body, http.StatusSeeOther)
	// …then started at B: refused, and still staff of A only.
	c = o.client()
	cbB, err := o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(b.ID), "anna", "hemmeligt-kodeord")
	if err != nil {
		t.Fatal(err)
	}
	resp, body = c.get(strings.TrimPrefix(cbB, o.srv.URL))
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "andet jobcenter")
	if u, _ := o.store.UserByEmail(ctx, "anna@kommune.dk"); u.JobcentreID == nil || *u.JobcentreID != o.jc.ID {
		t.Errorf("anna moved: %+v", u.JobcentreID)
	}
}

// TestProbeAcceptEndsTheBrowsersPreviousSession: someone logged in (an
// administrator at a shared computer) and a new colleague accepts an
// invitation in the same browser. The new user's session replaces the
// old one, which ends on the server too (as a login and an OIDC callback
// do), so the administrator's session cannot be picked up later.
func TestProbeAcceptEndsTheBrowsersPreviousSession(t *testing.T) {
	e := newEnv(t)
	inv, err := e.app.CreateInvitation(context.Background(), &e.admin, app.InvitationInput{Email: "ny@example.dk", Role: models.RoleEventStaff, JobcentreID: &e.jc.ID})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(e.admin.Email)
	base, _ := url.Parse(e.srv.URL)
	session := func() string {
		for _, ck := range c.hc.Jar.Cookies(base) {
			if ck.Name == "placering_session" {
				return ck.Value
			}
		}
		return ""
	}
	old := session()
	path := "/invitation/" + inv.URL[strings.LastIndex(inv.URL, "/")+1:]
	c.get(path)
	resp, body := c.post(path, url.Values{"name": {"Nina Ny"}, "password": {newPass}, "password_again": {newPass}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if session() == old {
		t.Fatal("the accept kept the old session cookie")
	}
	resp, _ = e.client().get("/postkasse", "Cookie", "placering_session="+old)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the administrator's session still works after the accept: %d", resp.StatusCode)
	}
}
