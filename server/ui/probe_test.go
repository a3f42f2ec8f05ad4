package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"placering/models"
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
