package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
	"placering/server/session"
	"placering/store/storetest"
)

var (
	invitationLink = regexp.MustCompile(`/invitation/([A-Za-z0-9_-]{43})`)
	resetLink      = regexp.MustCompile(`/nulstil/([A-Za-z0-9_-]{43})`)
)

// mails returns the mails queued for an address.
func (e *env) mails(to string) []models.Mail {
	e.t.Helper()
	ms, err := e.store.MailsTo(context.Background(), to)
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

// invite creates an invitation as who and returns the answer.
func (e *env) invite(who, body string) response {
	e.t.Helper()
	return e.do(who, "POST", "/api/v1/invitations", body)
}

// tokenOf returns the token of the link in an invitation's answer.
func tokenOf(t *testing.T, r response) string {
	t.Helper()
	url, _ := r.json["url"].(string)
	m := invitationLink.FindStringSubmatch(url)
	if m == nil {
		t.Fatalf("no link in %s", r.body)
	}
	return m[1]
}

const newPassword = "blaabaergroed-paa-loftet"

func TestInvitationAcceptedOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.invite("admin", fmt.Sprintf(`{"email":" Ny.Konsulent@Test.dk ","role":"consultant","jobcentre_id":%d}`, e.jcB.ID))
		if r.status != 201 || r.json["id"] == nil || r.json["expires_at"] == nil {
			t.Fatalf("invite: %d %s", r.status, r.body)
		}
		exp, _ := time.Parse(time.RFC3339, r.json["expires_at"].(string))
		if d := time.Until(exp); d < 6*24*time.Hour || d > 8*24*time.Hour {
			t.Errorf("invitation expires in %v, want about a week", d)
		}
		token := tokenOf(t, r)

		ms := e.mails("ny.konsulent@test.dk")
		if len(ms) != 1 || ms[0].Kind != models.MailInvitation || !strings.Contains(ms[0].Text, "/invitation/"+token) ||
			!strings.Contains(ms[0].HTML, "/invitation/"+token) || !strings.Contains(ms[0].Text, "Jobcenter Ballerup") {
			t.Fatalf("invitation mail: %+v", ms)
		}

		list := e.do("admin", "GET", "/api/v1/invitations", "")
		if list.status != 200 || !strings.Contains(list.body, "ny.konsulent@test.dk") || strings.Contains(list.body, token) {
			t.Fatalf("list: %d %s", list.status, list.body)
		}
		if l := e.do("consB", "GET", "/api/v1/invitations", ""); l.status != 200 || !strings.Contains(l.body, "ny.konsulent@test.dk") {
			t.Errorf("the jobcentre's consultant does not see its invitation: %d %s", l.status, l.body)
		}
		if l := e.do("consA", "GET", "/api/v1/invitations", ""); l.status != 200 || strings.Contains(l.body, "ny.konsulent@test.dk") {
			t.Errorf("another jobcentre's consultant sees the invitation: %d %s", l.status, l.body)
		}

		accept := "/api/v1/invitations/" + token + "/accept"
		if w := e.do("", "POST", accept, `{"name":"Nina Ny","password":"password12"}`); w.status != 422 || !w.hasField("password") {
			t.Fatalf("weak password: %d %s", w.status, w.body)
		}
		if w := e.do("", "POST", accept, `{"name":"","password":"`+newPassword+`"}`); w.status != 422 || !w.hasField("name") {
			t.Fatalf("no name: %d %s", w.status, w.body)
		}
		a := e.do("", "POST", accept, `{"name":"Nina Ny","password":"`+newPassword+`"}`)
		if a.status != 201 || a.json["role"] != "consultant" || a.json["jobcentre_id"] != float64(e.jcB.ID) || a.json["email"] != "ny.konsulent@test.dk" {
			t.Fatalf("accept: %d %s", a.status, a.body)
		}
		again := e.do("", "POST", accept, `{"name":"Nina Igen","password":"`+newPassword+`"}`)
		if again.status != 410 || again.json["code"] != "gone" || danishOnly(again.json["detail"].(string)) != "" {
			t.Fatalf("second accept: %d %s", again.status, again.body)
		}
		login := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"ny.konsulent@test.dk","password":"`+newPassword+`"}`)
		if login.status != 201 {
			t.Fatalf("the new user cannot log in: %d %s", login.status, login.body)
		}
		if l := e.do("admin", "GET", "/api/v1/invitations", ""); strings.Contains(l.body, "ny.konsulent@test.dk") {
			t.Errorf("an accepted invitation is still pending: %s", l.body)
		}

		if d := e.invite("admin", `{"email":"KONS.A@test.dk","role":"event_staff","jobcentre_id":`+fmt.Sprint(e.jcA.ID)+`}`); d.status != 409 || !d.hasField("email") || danishOnly(d.json["detail"].(string)) != "" {
			t.Errorf("an address that has a user: %d %s", d.status, d.body)
		}
		if v := e.invite("admin", `{"email":"ikke-en-adresse","role":"skipper"}`); v.status != 422 || !v.hasField("email") || !v.hasField("role") {
			t.Errorf("invalid: %d %s", v.status, v.body)
		}
		if v := e.invite("admin", `{"email":"ny@test.dk","role":"employer"}`); v.status != 422 || !v.hasField("company_id") {
			t.Errorf("employer without a company: %d %s", v.status, v.body)
		}
		if v := e.invite("admin", `{"email":"ny@test.dk","role":"consultant"}`); v.status != 422 || !v.hasField("jobcentre_id") {
			t.Errorf("consultant without a jobcentre: %d %s", v.status, v.body)
		}
		if v := e.do("", "POST", "/api/v1/invitations/"+strings.Repeat("A", 43)+"/accept", `{"name":"X","password":"`+newPassword+`"}`); v.status != 404 {
			t.Errorf("unknown link: %d %s", v.status, v.body)
		}
		adm := e.invite("admin", `{"email":"chefen@test.dk","role":"admin","jobcentre_id":`+fmt.Sprint(e.jcA.ID)+`}`)
		if adm.status != 201 || adm.json["jobcentre_id"] != nil {
			t.Errorf("admin invitation: %d %s", adm.status, adm.body)
		}
	})
}

func TestInvitationScope(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		other := models.Company{JobcentreID: e.jcB.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Ballerup Byg ApS",
			Branch: "bygge_anlaeg", Postcode: "2750", Town: "Ballerup"}}
		must(t, e.store.CreateCompany(ctx, &other))

		emp := e.invite("consA", fmt.Sprintf(`{"email":"ny.chef@kronborglager.dk","role":"employer","company_id":%d}`, e.company.ID))
		if emp.status != 201 || emp.json["jobcentre_id"] != float64(e.jcA.ID) || emp.json["company_id"] != float64(e.company.ID) {
			t.Fatalf("consultant invites an employer of their jobcentre: %d %s", emp.status, emp.body)
		}
		ev := e.invite("consA", `{"email":"frivillig@test.dk","role":"event_staff"}`)
		if ev.status != 201 || ev.json["jobcentre_id"] != float64(e.jcA.ID) {
			t.Fatalf("consultant invites event staff: %d %s", ev.status, ev.body)
		}
		for _, c := range []struct{ who, body, why string }{
			{"consA", fmt.Sprintf(`{"email":"x@byg.dk","role":"employer","company_id":%d}`, other.ID), "an employer of another jobcentre's company"},
			{"consA", fmt.Sprintf(`{"email":"x@test.dk","role":"event_staff","jobcentre_id":%d}`, e.jcB.ID), "event staff of another jobcentre"},
			{"consA", fmt.Sprintf(`{"email":"x@test.dk","role":"consultant","jobcentre_id":%d}`, e.jcA.ID), "a consultant"},
			{"consA", `{"email":"x@test.dk","role":"admin"}`, "an administrator"},
			{"employer", fmt.Sprintf(`{"email":"x@kronborglager.dk","role":"employer","company_id":%d}`, e.company.ID), "as an employer"},
			{"event", `{"email":"x@test.dk","role":"event_staff"}`, "as event staff"},
		} {
			if r := e.invite(c.who, c.body); r.status != 403 || danishOnly(r.json["detail"].(string)) != "" {
				t.Errorf("%s invites %s: %d %s", c.who, c.why, r.status, r.body)
			}
		}
		if r := e.do("employer", "GET", "/api/v1/invitations", ""); r.status != 403 {
			t.Errorf("employer lists invitations: %d", r.status)
		}
		if n := len(e.mails("x@test.dk")) + len(e.mails("x@byg.dk")); n != 0 {
			t.Errorf("refused invitations sent %d mails", n)
		}

		id := fmt.Sprint(emp.json["id"])
		if r := e.do("consB", "DELETE", "/api/v1/invitations/"+id, ""); r.status != 404 {
			t.Errorf("another jobcentre's consultant revokes: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "DELETE", "/api/v1/invitations/"+id, ""); r.status != 204 {
			t.Fatalf("revoke: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "DELETE", "/api/v1/invitations/"+id, ""); r.status != 410 {
			t.Errorf("revoke twice: %d %s", r.status, r.body)
		}
		if r := e.do("", "POST", "/api/v1/invitations/"+tokenOf(t, emp)+"/accept", `{"name":"Ny Chef","password":"`+newPassword+`"}`); r.status != 410 {
			t.Errorf("accept a revoked invitation: %d %s", r.status, r.body)
		}

		// An expired link answers 410 too.
		e.shift.Store(int64(8 * 24 * time.Hour))
		r := e.do("", "POST", "/api/v1/invitations/"+tokenOf(t, ev)+"/accept", `{"name":"Frida Frivillig","password":"`+newPassword+`"}`)
		e.shift.Store(0)
		if r.status != 410 || !strings.Contains(r.json["detail"].(string), "udløbet") {
			t.Errorf("accept an expired invitation: %d %s", r.status, r.body)
		}

		// An accepted employer invitation makes a user of that company.
		emp2 := e.invite("consA", fmt.Sprintf(`{"email":"lager@kronborglager.dk","role":"employer","company_id":%d}`, e.company.ID))
		u := e.do("", "POST", "/api/v1/invitations/"+tokenOf(t, emp2)+"/accept", `{"name":"Lars Lager","password":"`+newPassword+`"}`)
		if u.status != 201 || u.json["company_id"] != float64(e.company.ID) || u.json["role"] != "employer" {
			t.Errorf("employer accept: %d %s", u.status, u.body)
		}
	})
}

func TestInvitationConcurrentAccept(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.invite("admin", fmt.Sprintf(`{"email":"samtidig@test.dk","role":"event_staff","jobcentre_id":%d}`, e.jcA.ID))
		if r.status != 201 {
			t.Fatalf("invite: %d %s", r.status, r.body)
		}
		path := "/api/v1/invitations/" + tokenOf(t, r) + "/accept"
		const n = 6
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = e.do("", "POST", path, fmt.Sprintf(`{"name":"Samtidig %d","password":%q}`, i, newPassword)).status
			}()
		}
		wg.Wait()
		created := 0
		for _, s := range statuses {
			switch s {
			case 201:
				created++
			case 410:
			default:
				t.Errorf("concurrent accept answered %d", s)
			}
		}
		if created != 1 {
			t.Fatalf("%d of %d concurrent accepts created a user: %v", created, n, statuses)
		}
		users := e.do("admin", "GET", "/api/v1/users", "")
		if c := strings.Count(users.body, "samtidig@test.dk"); c != 1 {
			t.Errorf("%d users with the address", c)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		const email = "chef@kronborglager.dk"
		browser := e.browserLogin(email)
		if s, _ := browse(t, browser, e.srv.URL, "GET", "/aabninger"); s != 200 {
			t.Fatalf("browser session before the reset: %d", s)
		}
		if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"ingen@test.dk"}`); r.status != 202 {
			t.Fatalf("unknown address: %d %s", r.status, r.body)
		}
		if ms := e.mails("ingen@test.dk"); len(ms) != 0 {
			t.Fatalf("mail to an address without a user: %+v", ms)
		}
		if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"ikke en adresse"}`); r.status != 422 {
			t.Errorf("invalid address: %d", r.status)
		}
		if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"Chef@Kronborglager.dk"}`); r.status != 202 {
			t.Fatalf("reset: %d %s", r.status, r.body)
		}
		ms := e.mails(email)
		if len(ms) != 1 || ms[0].Kind != models.MailPasswordReset {
			t.Fatalf("reset mail: %+v", ms)
		}
		m := resetLink.FindStringSubmatch(ms[0].Text)
		if m == nil || !strings.Contains(ms[0].HTML, "/nulstil/"+m[1]) {
			t.Fatalf("no link in the reset mail: %q", ms[0].Text)
		}
		path := "/api/v1/auth/password-reset/" + m[1]
		if r := e.do("", "POST", path, `{"password":"password12"}`); r.status != 422 || !r.hasField("password") {
			t.Fatalf("weak password: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/me", ""); r.status != 200 {
			t.Fatalf("token before the reset: %d", r.status)
		}
		if r := e.do("", "POST", path, `{"password":"`+newPassword+`"}`); r.status != 204 {
			t.Fatalf("reset: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/me", ""); r.status != 401 {
			t.Errorf("old token after the reset: %d", r.status)
		}
		if s, _ := browse(t, browser, e.srv.URL, "GET", "/aabninger"); s != http.StatusSeeOther {
			t.Errorf("old browser session after the reset: %d", s)
		}
		if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"`+email+`","password":"hemmelig-kode-123"}`); r.status != 401 {
			t.Errorf("old password after the reset: %d", r.status)
		}
		if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"`+email+`","password":"`+newPassword+`"}`); r.status != 201 {
			t.Errorf("new password: %d %s", r.status, r.body)
		}
		if r := e.do("", "POST", path, `{"password":"endnu-en-ny-kode-42"}`); r.status != 410 || r.json["code"] != "gone" {
			t.Errorf("link used twice: %d %s", r.status, r.body)
		}
		if r := e.do("", "POST", "/api/v1/auth/password-reset/"+strings.Repeat("b", 43), `{"password":"`+newPassword+`"}`); r.status != 404 {
			t.Errorf("unknown link: %d", r.status)
		}

		// An expired link is gone.
		e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"kons.a@test.dk"}`)
		km := e.mails("kons.a@test.dk")
		if len(km) != 1 {
			t.Fatalf("mails to the consultant: %d", len(km))
		}
		e.shift.Store(int64(61 * time.Minute))
		r := e.do("", "POST", "/api/v1/auth/password-reset/"+resetLink.FindStringSubmatch(km[0].Text)[1], `{"password":"`+newPassword+`"}`)
		e.shift.Store(0)
		if r.status != 410 {
			t.Errorf("expired link: %d %s", r.status, r.body)
		}

		// Asking again and again mails at most a few times an hour.
		for range session.MailPerAddress + 2 {
			if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"`+email+`"}`); r.status != 202 {
				t.Fatalf("repeated request: %d", r.status)
			}
		}
		if n := len(e.mails(email)); n != session.MailPerAddress {
			t.Errorf("%d reset mails to one address in an hour, want %d", n, session.MailPerAddress)
		}
	})
}

// TestPasswordResetTiming: an address with a user and one without take
// about as long, so the answer's timing does not tell them apart.
func TestPasswordResetTiming(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	took := func(email string) time.Duration {
		start := time.Now()
		if r := e.do("", "POST", "/api/v1/auth/password-reset", `{"email":"`+email+`"}`); r.status != 202 {
			t.Fatalf("%s: %d", email, r.status)
		}
		return time.Since(start)
	}
	known, unknown := took("event@test.dk"), took("ingen.her@test.dk")
	if known < 200*time.Millisecond || unknown < 200*time.Millisecond {
		t.Errorf("reset requests answered in %v and %v; both should take the floor", known, unknown)
	}
}

// TestInvitationTargetArchived: an invitation whose company or jobcentre
// was archived after it was sent answers 410 with a Danish reason and
// makes no user, since nobody could pick that company or tenant.
func TestInvitationTargetArchived(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		shop := models.Company{JobcentreID: e.jcB.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Ballerup Byg ApS",
			Branch: "bygge_anlaeg", Postcode: "2750", Town: "Ballerup"}}
		must(t, e.store.CreateCompany(ctx, &shop))
		empty := models.Jobcentre{MunicipalityNo: "101", Name: "Jobcenter København"}
		must(t, e.store.CreateJobcentre(ctx, &empty))

		emp := e.invite("admin", fmt.Sprintf(`{"email":"chef@byg.dk","role":"employer","company_id":%d}`, shop.ID))
		kons := e.invite("admin", fmt.Sprintf(`{"email":"ny@kk.dk","role":"consultant","jobcentre_id":%d}`, empty.ID))
		if emp.status != 201 || kons.status != 201 {
			t.Fatalf("invite: %d %s / %d %s", emp.status, emp.body, kons.status, kons.body)
		}
		if r := e.do("admin", "DELETE", fmt.Sprintf("/api/v1/companies/%d", shop.ID), ""); r.status != 204 {
			t.Fatalf("archive company: %d %s", r.status, r.body)
		}
		// Pending invitations are not users: the jobcentre can be archived.
		if r := e.do("admin", "DELETE", fmt.Sprintf("/api/v1/jobcentres/%d", empty.ID), ""); r.status != 204 {
			t.Fatalf("archive jobcentre: %d %s", r.status, r.body)
		}
		users := e.count("users")
		for _, c := range []struct {
			r    response
			want string
		}{{emp, "Virksomheden"}, {kons, "Jobcentret"}} {
			a := e.do("", "POST", "/api/v1/invitations/"+tokenOf(t, c.r)+"/accept", `{"name":"Ny Person","password":"`+newPassword+`"}`)
			detail, _ := a.json["detail"].(string)
			if a.status != 410 || a.json["code"] != "gone" || !strings.HasPrefix(detail, c.want) || danishOnly(detail) != "" {
				t.Errorf("accept after archiving: %d %s", a.status, a.body)
			}
		}
		if n := e.count("users"); n != users {
			t.Errorf("accepting made %d users", n-users)
		}
		if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"chef@byg.dk","password":"`+newPassword+`"}`); r.status != 401 {
			t.Errorf("the refused invitee logs in: %d %s", r.status, r.body)
		}
	})
}

// A consultant sends at most app.InvitationsPerDay invitations in 24
// hours; the next is 429 in Danish and mails nothing. Administrators are
// not counted, and the day moves on.
func TestInvitationQuota(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		for i := range app.InvitationsPerDay {
			if r := e.invite("consA", fmt.Sprintf(`{"email":"hjaelper%d@test.dk","role":"event_staff"}`, i)); r.status != 201 {
				t.Fatalf("invitation %d: %d %s", i+1, r.status, r.body)
			}
		}
		r := e.invite("consA", `{"email":"en.for.meget@test.dk","role":"event_staff"}`)
		if r.status != 429 || r.json["code"] != "too_many_requests" || !strings.Contains(r.json["detail"].(string), "seneste døgn") {
			t.Fatalf("invitation past the quota: %d %s", r.status, r.body)
		}
		if n := len(e.mails("en.for.meget@test.dk")); n != 0 {
			t.Errorf("the refused invitation sent %d mails", n)
		}
		if r := e.invite("admin", `{"email":"admin.inviterer@test.dk","role":"event_staff","jobcentre_id":`+fmt.Sprint(e.jcA.ID)+`}`); r.status != 201 {
			t.Errorf("an administrator is not counted: %d %s", r.status, r.body)
		}
		// The administrator's list names each inviter (one query for all).
		list := e.do("admin", "GET", "/api/v1/invitations", "")
		var items []map[string]any
		json.Unmarshal([]byte(list.body), &items)
		by := map[string]int{}
		for _, it := range items {
			by[fmt.Sprint(it["invited_by"])]++
		}
		if list.status != 200 || by["consA"] != app.InvitationsPerDay || by["admin"] != 1 {
			t.Errorf("list: %d, invitations by inviter %v", list.status, by)
		}
		e.shift.Add(int64(25 * time.Hour))
		if r := e.invite("consA", `{"email":"naeste.dag@test.dk","role":"event_staff"}`); r.status != 201 {
			t.Errorf("a day later: %d %s", r.status, r.body)
		}
	})
}
