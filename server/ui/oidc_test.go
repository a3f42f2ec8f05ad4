package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"placering/cache/cachetest"
	"placering/cache/rediscache"
	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/oidclogin/oidctest"
	"placering/server/router"
	"placering/server/session"
	"placering/store"
)

// oidcEnv is the service with a real OpenID Provider (zitadel's example
// OP) configured for the jobcentre: group jc-konsulenter gives consultant,
// jc-events event staff.
type oidcEnv struct {
	*env
	op *oidctest.OP
}

func newOIDCEnv(t *testing.T) *oidcEnv {
	e := newEnv(t)
	e.app.PublicURL = e.srv.URL
	op := oidctest.Start(t, e.srv.URL+app.OIDCCallbackPath)
	secret := oidctest.ClientSecret
	_, err := e.app.SaveOIDCSettings(context.Background(), &e.admin, e.jc.ID, app.OIDCSettingsInput{
		Enabled: true, Issuer: op.Issuer, ClientID: oidctest.ClientID, ClientSecret: &secret,
		Groups: app.GroupMapping{Roles: map[string]models.Role{"jc-konsulenter": models.RoleConsultant, "jc-events": models.RoleEventStaff}},
	})
	if err != nil {
		t.Fatalf("save oidc settings: %v", err)
	}
	return &oidcEnv{env: e, op: op}
}

// login runs the whole flow as a browser would: the service's start, the
// provider's own login form, then the callback. It returns the callback's
// answer.
func (o *oidcEnv) login(c *client, username string) (*http.Response, string) {
	o.t.Helper()
	cb, err := o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(o.jc.ID), username, "hemmeligt-kodeord")
	if err != nil {
		o.t.Fatalf("authorize %s: %v", username, err)
	}
	if !strings.HasPrefix(cb, o.srv.URL+app.OIDCCallbackPath+"?") {
		o.t.Fatalf("provider sent the browser to %s", cb)
	}
	return c.get(strings.TrimPrefix(cb, o.srv.URL))
}

func (o *oidcEnv) user(username, email string, groups ...string) {
	o.op.AddUser(oidctest.User{Username: username, Password: "hemmeligt-kodeord", Email: email, EmailVerified: true,
		Name: "Anna Andersen", Groups: groups})
}

func TestOIDCLoginProvisionsThenReusesTheUser(t *testing.T) {
	o := newOIDCEnv(t)
	o.user("anna", "Anna@Kommune.dk", "andet", "jc-konsulenter")

	c := o.client()
	_, page := c.get("/login")
	wantContains(t, page, "Log ind med Jobcenter Helsingør", `href="/login/oidc/`+itoa(o.jc.ID)+`"`)

	resp, body := o.login(c, "anna")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/" {
		t.Fatalf("after login: %q", loc)
	}
	_, page = c.get("/adgangskode")
	wantContains(t, page, "Anna Andersen", "Virksomhedskonsulent")

	u, err := o.store.UserByEmail(context.Background(), "anna@kommune.dk")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != models.RoleConsultant || u.JobcentreID == nil || *u.JobcentreID != o.jc.ID || u.Name != "Anna Andersen" {
		t.Fatalf("provisioned user: %+v", u)
	}
	if _, err := o.app.Authenticate(context.Background(), "anna@kommune.dk", ""); err == nil {
		t.Fatal("a provisioned user has a usable password")
	}

	// A second login, in another browser, finds the same user by subject.
	c2 := o.client()
	resp, body = o.login(c2, "anna")
	wantStatus(t, resp, body, http.StatusSeeOther)
	users, _ := o.store.ListUsers(context.Background(), o.jc.ID)
	n := 0
	for _, x := range users {
		if x.Email == "anna@kommune.dk" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d users with the address after two logins", n)
	}
	entries, _, err := o.store.ListAudit(context.Background(), models.AuditFilter{UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	var logins, creates int
	for _, a := range entries {
		switch {
		case a.Action == "login" && a.Reason == "oidc":
			logins++
		case a.Action == "create" && a.Entity == "user":
			creates++
		}
	}
	if logins != 2 || creates != 1 {
		t.Fatalf("audit: %d logins, %d creations: %+v", logins, creates, entries)
	}
}

func TestOIDCLoginRefusals(t *testing.T) {
	o := newOIDCEnv(t)
	ctx := context.Background()
	o.user("ukendt-gruppe", "gruppe@kommune.dk", "andet")
	other := models.Jobcentre{MunicipalityNo: "219", Name: "Jobcenter Hillerød"}
	if err := o.store.CreateJobcentre(ctx, &other); err != nil {
		t.Fatal(err)
	}
	o.env.user(app.UserInput{Email: "fremmed@kommune.dk", Name: "Frede Fremmed", Role: models.RoleConsultant, JobcentreID: &other.ID})
	o.user("fremmed", "fremmed@kommune.dk", "jc-konsulenter")
	o.user("chef", "chef@bageriet.dk", "jc-konsulenter")
	o.user("admin", "admin@example.dk", "jc-konsulenter")
	o.user("event", "event@example.dk", "jc-events")

	for _, tc := range []struct{ username, want string }{
		{"ukendt-gruppe", "ikke medlem af en gruppe"},
		{"fremmed", "andet jobcenter"},
		{"chef", "Arbejdsgivere logger ind"},
		{"admin", "Administratorer logger ind med e-mail"},
	} {
		c := o.client()
		resp, body := o.login(c, tc.username)
		wantStatus(t, resp, body, http.StatusForbidden)
		wantContains(t, body, "Du blev ikke logget ind", tc.want)
		if resp, _ := c.get("/"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("%s: a refused login left a session", tc.username)
		}
	}
	if _, err := o.store.UserByEmail(ctx, "gruppe@kommune.dk"); err == nil {
		t.Fatal("a user without a mapped group was created")
	}

	// An existing event staff member of the jobcentre is linked by e-mail.
	c := o.client()
	resp, body := o.login(c, "event")
	wantStatus(t, resp, body, http.StatusSeeOther)

	// Deactivated: refused, even though the identity is linked.
	active := false
	if _, err := o.app.UpdateUser(ctx, &o.admin, o.ev.ID, app.UserPatch{Active: &active}); err != nil {
		t.Fatal(err)
	}
	resp, body = o.login(o.client(), "event")
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "deaktiveret")

	// A provider that says the address is not verified is refused (the
	// example provider leaves a false email_verified out, so this asks
	// the service directly).
	_, err := o.app.OIDCLogin(ctx, o.jc.ID, app.OIDCIdentity{Issuer: o.op.Issuer, Subject: "sub-x",
		Claims: map[string]any{"email": "ny@kommune.dk", "email_verified": false, "groups": []any{"jc-konsulenter"}}})
	if models.ErrorCode(err) != models.EForbidden || !strings.Contains(models.ErrorMessage(err), "ikke bekræftet") {
		t.Fatalf("unverified address: %v", err)
	}
	// No e-mail claim at all: refused.
	_, err = o.app.OIDCLogin(ctx, o.jc.ID, app.OIDCIdentity{Issuer: o.op.Issuer, Subject: "sub-y",
		Claims: map[string]any{"groups": []any{"jc-konsulenter"}}})
	if models.ErrorCode(err) != models.EForbidden {
		t.Fatalf("no e-mail: %v", err)
	}
	// A token from another issuer than the jobcentre's: refused.
	_, err = o.app.OIDCLogin(ctx, o.jc.ID, app.OIDCIdentity{Issuer: "https://andet.example", Subject: "sub-z",
		Claims: map[string]any{"email": "z@kommune.dk", "groups": []any{"jc-konsulenter"}}})
	if models.ErrorCode(err) != models.EForbidden {
		t.Fatalf("other issuer: %v", err)
	}
}

func TestOIDCCallbackChecksStateAndBrowser(t *testing.T) {
	o := newOIDCEnv(t)
	o.user("anna", "anna@kommune.dk", "jc-konsulenter")

	// A wrong state is refused.
	c := o.client()
	cb, err := o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(o.jc.ID), "anna", "hemmeligt-kodeord")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(cb)
	q := u.Query()
	good := q.Get("state")
	q.Set("state", good+"x")
	u.RawQuery = q.Encode()
	resp, body := c.get(u.RequestURI())
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "ukendt, udløbet eller startet i en anden browser")

	// The right callback in another browser (no state cookie) is refused.
	c2 := o.client()
	cb, err = o.op.Authorize(c.hc, o.srv.URL+"/login/oidc/"+itoa(o.jc.ID), "anna", "hemmeligt-kodeord")
	if err != nil {
		t.Fatal(err)
	}
	u, _ = url.Parse(cb)
	resp, body = c2.get(u.RequestURI())
	wantStatus(t, resp, body, http.StatusForbidden)

	if _, err := o.store.UserByEmail(context.Background(), "anna@kommune.dk"); err == nil {
		t.Fatal("a refused callback created the user")
	}

	// In the browser that started it, the same callback logs in, once.
	resp, body = c.get(u.RequestURI())
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.get(u.RequestURI())
	wantStatus(t, resp, body, http.StatusForbidden)

	// A jobcentre without OIDC has no start.
	resp, body = o.client().get("/login/oidc/999")
	wantStatus(t, resp, body, http.StatusNotFound)

	// A provider that does not answer: 503 and a Danish page.
	down := models.Jobcentre{MunicipalityNo: "230", Name: "Jobcenter Nede"}
	if err := o.store.CreateJobcentre(context.Background(), &down); err != nil {
		t.Fatal(err)
	}
	if err := o.store.SaveOIDCConfig(context.Background(), &store.OIDCConfig{JobcentreID: down.ID, Enabled: true,
		Issuer: "http://127.0.0.1:1", ClientID: "x", EmailClaim: "email", GroupClaim: "groups", RoleMap: "{}"}); err != nil {
		t.Fatal(err)
	}
	resp, body = o.client().get("/login/oidc/" + itoa(down.ID))
	wantStatus(t, resp, body, http.StatusServiceUnavailable)
	wantContains(t, body, "identitetsudbyder svarer ikke lige nu")
}

// Two replicas that share nothing but the database and Redis: a login
// started on one is finished on the other (the state lives in Redis, not
// in either process), and the session works on both.
func TestOIDCLoginAcrossReplicas(t *testing.T) {
	redisURL := cachetest.RedisURL(t)
	e := newEnv(t)
	prefix := fmt.Sprintf("oidc-replicas-%d:", time.Now().UnixNano())
	replica := func() (*httptest.Server, *app.App) {
		rc, err := rediscache.New(redisURL, rediscache.WithPrefix(prefix))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rc.Close() })
		vault, _ := cprvault.New(bytes.Repeat([]byte{1}, 32))
		a := app.New(app.Deps{Store: e.store, Vault: vault, Now: time.Now})
		srv := httptest.NewServer(router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: rc},
			Throttle: &session.Throttle{Cache: rc}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		t.Cleanup(srv.Close)
		return srv, a
	}
	srvA, appA := replica()
	srvB, appB := replica()
	appA.PublicURL, appB.PublicURL = srvA.URL, srvA.URL // behind one address
	op := oidctest.Start(t, srvA.URL+app.OIDCCallbackPath)
	op.AddUser(oidctest.User{Username: "anna", Password: "hemmeligt-kodeord", Email: "anna@kommune.dk", EmailVerified: true,
		Name: "Anna Andersen", Groups: []string{"jc-konsulenter"}})
	secret := oidctest.ClientSecret
	if _, err := appA.SaveOIDCSettings(t.Context(), &e.admin, e.jc.ID, app.OIDCSettingsInput{Enabled: true, Issuer: op.Issuer,
		ClientID: oidctest.ClientID, ClientSecret: &secret,
		Groups: app.GroupMapping{Roles: map[string]models.Role{"jc-konsulenter": models.RoleConsultant}}}); err != nil {
		t.Fatal(err)
	}

	c := e.client()
	cb, err := op.Authorize(c.hc, srvA.URL+"/login/oidc/"+itoa(e.jc.ID), "anna", "hemmeligt-kodeord")
	if err != nil {
		t.Fatal(err)
	}
	c.base = srvB.URL // the load balancer sends the callback to the other replica
	resp, body := c.get(strings.TrimPrefix(cb, srvA.URL))
	wantStatus(t, resp, body, http.StatusSeeOther)
	c.base = srvA.URL
	_, page := c.get("/adgangskode")
	wantContains(t, page, "Anna Andersen")
}

// The settings page: administrators only; the stored secret is never shown.
func TestOIDCSettingsPage(t *testing.T) {
	o := newOIDCEnv(t)
	page := "/jobcentre/" + itoa(o.jc.ID) + "/login"
	k := o.client()
	k.login(o.consultant.Email)
	resp, body := k.get(page)
	wantStatus(t, resp, body, http.StatusForbidden)
	wantContains(t, body, "Kun administratorer")

	a := o.client()
	a.login(o.admin.Email)
	resp, body = a.get(page)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Der er gemt en klienthemmelighed", o.srv.URL+app.OIDCCallbackPath, "jc-konsulenter", "jc-events")
	wantLacks(t, body, oidctest.ClientSecret)

	// Saving without typing the secret keeps it; a bad claim name comes
	// back at its field.
	form := url.Values{"enabled": {"on"}, "issuer": {o.op.Issuer}, "client_id": {oidctest.ClientID},
		"email_claim": {"e mail"}, "group_claim": {"groups"}, "consultant_groups": {"jc-konsulenter\r\n"}}
	resp, body = a.post(page, form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-email_claim-error"`)
	form.Set("email_claim", "")
	resp, body = a.post(page, form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	s, err := o.app.OIDCSettingsFor(context.Background(), &o.admin, o.jc.ID)
	if err != nil || !s.ClientSecretSet || s.EmailClaim != "email" || len(s.Groups.Roles) != 1 {
		t.Fatalf("after save: %+v %v", s, err)
	}
}

// TestOIDCUserPasswordReset: a user made by an OIDC login has no password,
// and a reset does not give them one: the page answers as for anyone, and
// the mail says to log in through the jobcentre's identity provider and
// links that login, with no reset link.
func TestOIDCUserPasswordReset(t *testing.T) {
	o := newOIDCEnv(t)
	o.user("anna", "anna@kommune.dk", "jc-konsulenter")
	resp, body := o.login(o.client(), "anna")
	wantStatus(t, resp, body, http.StatusSeeOther)

	guest := o.client()
	guest.get("/glemt-adgangskode")
	resp, body = guest.post("/glemt-adgangskode", url.Values{"email": {"anna@kommune.dk"}})
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Hvis der findes en bruger med e-mailadressen")
	ms, err := o.store.MailsTo(context.Background(), "anna@kommune.dk")
	if err != nil || len(ms) != 1 {
		t.Fatalf("mails to the OIDC user: %d %v", len(ms), err)
	}
	m := ms[0]
	start := o.srv.URL + "/login/oidc/" + itoa(o.jc.ID)
	if m.Subject != "Sådan logger du ind i Placering" || !strings.Contains(m.Text, "Jobcenter Helsingør") ||
		!strings.Contains(m.Text, start) || !strings.Contains(m.HTML, start) || strings.Contains(m.Text, "/nulstil/") {
		t.Fatalf("mail to the OIDC user: %s\n%s", m.Subject, m.Text)
	}
	if _, err := o.app.Authenticate(context.Background(), "anna@kommune.dk", ""); err == nil {
		t.Fatal("the OIDC user has a usable password")
	}
	// The identity provider still lets them in; the password page says
	// there is no password here, and a change is refused (not counted as
	// a wrong password).
	anna := o.client()
	resp, body = o.login(anna, "anna")
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = anna.get("/adgangskode")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "har ingen adgangskode i Placering")
	wantLacks(t, body, `name="current_password"`)
	resp, body = anna.post("/adgangskode", url.Values{"current_password": {"!oidc"}, "new_password": {newPass}})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Din adgangskode skiftes hos kommunen.")
}
