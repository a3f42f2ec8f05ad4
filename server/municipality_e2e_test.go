package main

import (
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"placering/cache/cachetest"
	"placering/server/mail/mailtest"
	"placering/store/storetest"
)

// TestMunicipalityFromZero is issue 10's "done when", walked as a new
// municipality would: from an empty data directory, in the browser and
// through the API. It runs on the embedded backends and on PostgreSQL and
// Redis (when TEST_DATABASE_URL and TEST_REDIS_URL are set), each with the
// mail going to a real SMTP server (Mailpit) and, without MAIL_URL, to the
// embedded mailbox page.
func TestMunicipalityFromZero(t *testing.T) {
	e2eRequireChromium(t)
	br := newE2EBrowser(t)
	for _, backend := range []string{"embedded", "postgres+redis"} {
		t.Run(backend, func(t *testing.T) {
			for _, mail := range []string{"mailbox", "mailpit"} {
				t.Run(mail, func(t *testing.T) {
					// An empty data directory, as on a new machine: not even there yet.
					env := map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "data"), "TRUSTED_PROXIES": "127.0.0.1/32,::1/128"}
					if backend != "embedded" {
						env["DATABASE_URL"] = storetest.Config(t, storetest.Postgres).DatabaseURL
						env["REDIS_URL"] = cachetest.RedisURL(t)
						env["CPR_KEY"] = randomHex(32)
					}
					var mailpitAPI string
					if mail == "mailpit" {
						env["MAIL_URL"], mailpitAPI = mailtest.Mailpit(t)
						env["MAIL_FROM"] = "Jobcenter Helsingør <noreply@placering.test>"
					}
					w := newWalk(t, br, env)
					if mail == "mailpit" {
						w.mail = mailpitBox{api: mailpitAPI, from: env["MAIL_FROM"]}
					}
					w.walk()
				})
			}
		})
	}
}

// walk is one run of the story, with the people in it.
type walk struct {
	t    *testing.T
	svc  *e2eService
	br   *e2eBrowser
	api  *e2eAPI
	ip   string
	mail e2eMailbox

	admin, adminPass             string
	consultant, employer         string // e-mail addresses
	jobcentreID, companyID       string
	consultantID, employerID     int64
	consultantTok, employerTok   string
	adminTab, consTab, employTab *e2eTab
}

const (
	consultantPass = "havnens-konsulent-2027"
	consultantNew  = "ny-kode-efter-ferien-2027"
	employerPass   = "lagerets-egen-kode-2027"
	companyName    = "Havnens Lager ApS"
)

func newWalk(t *testing.T, br *e2eBrowser, env map[string]string) *walk {
	svc := startService(t, env)
	ip := fmt.Sprintf("203.0.113.%d", 1+mrand.IntN(254))
	w := &walk{t: t, svc: svc, br: br, api: &e2eAPI{t: t, base: svc.base, ip: ip}, ip: ip,
		consultant: mailtest.Address(t), employer: mailtest.Address(t)}
	w.adminTab = br.tab(t, "administrator", ip)
	w.mail = postkasseBox{admin: w.adminTab, base: svc.base}
	return w
}

func (w *walk) walk() {
	start := time.Now()
	for _, step := range []struct {
		name string
		run  func()
	}{
		{"1-2 first run, jobcentre, consultant invited", w.firstRun},
		{"3a consultant accepts, company, employer invited", w.consultantAccepts},
		{"3b employer accepts, posts openings", w.employerAcceptsAndPosts},
		{"4 password reset by mail", w.passwordResetByMail},
		{"5a revoked token", w.revokedTokenRefused},
		{"5b deactivated users", w.deactivatedUsersRefused},
	} {
		if w.t.Failed() {
			return
		}
		step.run()
		w.t.Logf("%s: done at %.1f s", step.name, time.Since(start).Seconds())
	}
}

// 1. The administrator logs in with the printed password, must change it,
// is led to create the jobcentre and then to invite the first consultant.
func (w *walk) firstRun() {
	t, a := w.t, w.adminTab
	var generated string
	w.admin, generated = w.svc.generatedAdmin(t)
	w.adminPass = "kommunens-egen-kode-2027"

	a.do("open the service", chromedp.Navigate(w.svc.base+"/"), chromedp.WaitVisible(chromedp.ID("f-email")))
	if p := a.path(); !strings.HasPrefix(p, "/login") {
		t.Errorf("a new visitor is at %q, want the login page", p)
	}
	a.checkPage("login")
	// The API, too, lets the generated password do nothing but change it.
	early := w.api.token(w.admin, generated, "")
	if status, b := w.api.call("GET", "/jobcentres", early, nil); status != http.StatusForbidden || !strings.Contains(string(b), "adgangskode") {
		t.Errorf("GET /jobcentres before the password change: %d %s, want 403 asking for a new password", status, b)
	}

	a.logIn(w.admin, generated, chromedp.WaitVisible(chromedp.ID("f-new_password")))
	a.waitFor("the forced change explains itself", `document.querySelector("main .notice").textContent.includes("engangsadgangskode")`)
	a.checkPage("forced password change")
	a.do("choose an own password",
		chromedp.SetValue(chromedp.ID("f-current_password"), generated),
		chromedp.SetValue(chromedp.ID("f-new_password"), w.adminPass),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-municipality_no")),
	)
	if p, h1 := a.path(), a.text("h1"); p != "/opsaetning" || !strings.Contains(h1, "første jobcenter") {
		t.Errorf("after the password change: %q %q, want the set-up page", p, h1)
	}
	a.checkPage("set-up")
	w.api.refused("the token made with the generated password, after the change", early)

	a.do("create the jobcentre",
		chromedp.SetValue(chromedp.ID("f-municipality_no"), "217"),
		chromedp.SetValue(chromedp.ID("f-name"), "Jobcenter Helsingør"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-email")),
	)
	m := regexp.MustCompile(`^/invitationer/ny\?jobcentre_id=(\d+)&role=consultant$`).FindStringSubmatch(a.path())
	if m == nil {
		t.Fatalf("after creating the jobcentre the admin is at %q, want the invitation of the first consultant", a.path())
	}
	w.jobcentreID = m[1]
	if f := a.text(".flash"); !strings.Contains(f, "Jobcentret er oprettet") {
		t.Errorf("flash after creating the jobcentre: %q", f)
	}
	a.checkPage("invitation form")
	shown := w.invite(a, w.consultant, nil)

	// 2. The mail arrives, with the link the page showed.
	mail := w.mail.nth(t, w.consultant, 1)
	w.checkMail(mail, w.consultant, "Invitation til Placering", "i Jobcenter Helsingør")
	if link := linkIn(t, w.svc.base, mail.Text, "/invitation/"); link != shown {
		t.Errorf("the mail's link %q is not the one shown %q", link, shown)
	}
}

// invite fills in the open invitation form for email (with extra fields
// picked) and returns the one-time link the page shows.
func (w *walk) invite(tab *e2eTab, email string, extra map[string]string) string {
	w.t.Helper()
	tab.do("invite "+email,
		chromedp.SetValue(chromedp.ID("f-email"), email),
		fill(extra),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-link")),
	)
	tab.checkPage("invitation sent")
	if lead := tab.text("main .lead"); !strings.Contains(lead, email) {
		tab.t.Errorf("the invitation page does not name %s: %q", email, lead)
	}
	link := eval[string](tab, "the link shown", `document.getElementById("f-link").value`)
	if !strings.HasPrefix(link, w.svc.base+"/invitation/") {
		w.t.Fatalf("the invitation page shows the link %q, want one at %s", link, w.svc.base)
	}
	return link
}

func (w *walk) checkMail(m e2eMail, to, subject, mentions string) {
	w.t.Helper()
	if os.Getenv("E2E_SHOW_MAIL") != "" {
		w.t.Logf("mail to %s: %s\n%s", m.To, m.Subject, m.Text)
	}
	if !strings.EqualFold(m.To, to) || m.Subject != subject || !strings.Contains(m.Text, mentions) {
		w.t.Errorf("mail = %+v, want to %s, subject %q, mentioning %q", m, to, subject, mentions)
	}
}

// accept opens an invitation link in a new window and takes it; it
// returns the window, logged in.
func (w *walk) accept(who, link, name, password, mentions, home string) *e2eTab {
	tab := w.br.tab(w.t, who, w.ip)
	tab.do("open the invitation", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("f-name")))
	if lead := tab.text("main .lead"); !strings.Contains(lead, mentions) {
		w.t.Errorf("%s: the invitation page says %q, want it to mention %q", who, lead, mentions)
	}
	tab.checkPage("accept invitation")
	tab.do("accept",
		chromedp.SetValue(chromedp.ID("f-name"), name),
		chromedp.SetValue(chromedp.ID("f-password"), password),
		chromedp.SetValue(chromedp.ID("f-password_again"), password),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	)
	if got := tab.text(".user-name"); got != name {
		w.t.Errorf("%s: logged in as %q, want %q", who, got, name)
	}
	if f := tab.text(".flash"); !strings.Contains(f, "Velkommen") {
		w.t.Errorf("%s: flash after accepting: %q", who, f)
	}
	if p := tab.path(); p != home {
		w.t.Errorf("%s: the first page after accepting is %q, want %q", who, p, home)
	}
	tab.checkPage("first page after accepting")
	w.usedLink(tab, link, "/invitation/", "/invitations/%s/accept", map[string]string{"name": name, "password": password})
	return tab
}

// usedLink checks that a one-time link, once used, is gone: the page says
// so in Danish with 410, and so does the API.
func (w *walk) usedLink(tab *e2eTab, link, page, api string, body map[string]string) {
	w.t.Helper()
	tab.do("open the used link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(".error-page")))
	if txt := tab.text(".error-page"); !strings.Contains(txt, "410") || !strings.Contains(txt, "brugt") {
		w.t.Errorf("%s: the used link's page says %q, want 410 and that it was used", tab.who, txt)
	}
	tab.checkPage("used link " + page)
	token := link[strings.LastIndex(link, "/")+1:]
	status, b := w.api.call("POST", fmt.Sprintf(api, token), "", body)
	if status != http.StatusGone || !strings.Contains(string(b), "brugt") {
		w.t.Errorf("POST %s with a used link: %d %s, want 410 in Danish", fmt.Sprintf(api, "…"), status, b)
	}
}

// me returns the caller's id, role and tenant through the API.
func (w *walk) me(token string) (id int64, role string, jobcentre, company int64) {
	w.t.Helper()
	var u struct {
		ID          int64
		Role        string
		JobcentreID *int64 `json:"jobcentre_id"`
		CompanyID   *int64 `json:"company_id"`
	}
	w.api.expect(http.StatusOK, "GET", "/me", token, nil, &u)
	if u.JobcentreID != nil {
		jobcentre = *u.JobcentreID
	}
	if u.CompanyID != nil {
		company = *u.CompanyID
	}
	return u.ID, u.Role, jobcentre, company
}

// 3a. The consultant accepts, logs in, creates a company and invites its
// employer.
func (w *walk) consultantAccepts() {
	t := w.t
	link := linkIn(t, w.svc.base, w.mail.nth(t, w.consultant, 1).Text, "/invitation/")
	c := w.accept("konsulent", link, "Karin Konsulent", consultantPass, w.consultant, "/advarsler")
	w.consTab = c
	c.do("log out", chromedp.Navigate(w.svc.base+"/"), chromedp.WaitVisible(chromedp.CSS(".user-name")), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("f-email")))
	c.logIn(w.consultant, consultantPass, chromedp.WaitVisible(chromedp.CSS(".user-name")))
	w.consultantTok = w.api.token(w.consultant, consultantPass, "Min bærbare")
	id, role, jc, _ := w.me(w.consultantTok)
	if role != "consultant" || fmt.Sprint(jc) != w.jobcentreID {
		t.Errorf("the consultant is %s of jobcentre %d, want consultant of %s", role, jc, w.jobcentreID)
	}
	w.consultantID = id

	c.do("the companies", chromedp.Click(chromedp.CSS(`nav a[href="/virksomheder"]`)), chromedp.WaitVisible(chromedp.CSS(`a[href="/virksomheder/ny"]`)))
	c.do("new company", chromedp.Click(chromedp.CSS(`a[href="/virksomheder/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-cvr")))
	c.checkPage("company form")
	c.do("save the company",
		fill(map[string]string{"cvr": "12345674", "name": companyName, "branch": "transport_lager_logistik", "postcode": "3000", "town": "Helsingør"}),
		chromedp.Click(chromedp.CSS("main button.primary")),
	)
	c.waitFor("the company's page", `/^\/virksomheder\/\d+$/.test(location.pathname) && document.querySelector("h1").textContent.includes("`+companyName+`")`)
	w.companyID = strings.TrimPrefix(c.path(), "/virksomheder/")
	c.checkPage("company page")

	c.do("the invitations", chromedp.Click(chromedp.CSS(`nav a[href="/invitationer"]`)), chromedp.WaitVisible(chromedp.CSS(`main a[href="/invitationer/ny"]`)))
	c.checkPage("invitation list")
	c.do("new invitation", chromedp.Click(chromedp.CSS(`main a[href="/invitationer/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-email")))
	c.checkPage("consultant's invitation form")
	shown := w.invite(c, w.employer, map[string]string{"role": "employer", "company_id": w.companyID})
	mail := w.mail.nth(t, w.employer, 1)
	w.checkMail(mail, w.employer, "Invitation til Placering", "som arbejdsgiver for "+companyName)
	if link := linkIn(t, w.svc.base, mail.Text, "/invitation/"); link != shown {
		t.Errorf("the employer's mail has the link %q, the page showed %q", link, shown)
	}
}

// 3b. The employer accepts and posts openings in the browser and through
// the API; the consultant sees both.
func (w *walk) employerAcceptsAndPosts() {
	t := w.t
	link := linkIn(t, w.svc.base, w.mail.nth(t, w.employer, 1).Text, "/invitation/")
	e := w.accept("arbejdsgiver", link, "Erik Lagerchef", employerPass, "for "+companyName, "/arbejdsgiver")
	w.employTab = e
	e.do("the openings", chromedp.Navigate(w.svc.base+"/"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/aabninger"]`)), chromedp.Click(chromedp.CSS(`nav a[href="/aabninger"]`)), chromedp.WaitVisible(chromedp.CSS(`a[href="/aabninger/ny"]`)))
	e.do("new opening", chromedp.Click(chromedp.CSS(`a[href="/aabninger/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-kind")))
	e.checkPage("opening form")
	e.do("post an opening",
		fill(map[string]string{"kind": "virksomhedspraktik", "title": "Lagermedarbejder", "hours_min": "15", "hours_max": "30", "seats": "2"}),
		chromedp.Click(chromedp.CSS("main button.primary")),
	)
	e.waitFor("the opening's page", `/^\/aabninger\/\d+$/.test(location.pathname) && document.querySelector("h1").textContent.includes("Lagermedarbejder")`)
	e.checkPage("opening page")

	w.employerTok = w.api.token(w.employer, employerPass, "Lagersystem")
	id, role, jc, company := w.me(w.employerTok)
	w.employerID = id
	if role != "employer" || fmt.Sprint(company) != w.companyID || fmt.Sprint(jc) != w.jobcentreID {
		t.Errorf("the employer is %s of company %d in jobcentre %d, want employer of %s in %s", role, company, jc, w.companyID, w.jobcentreID)
	}
	var o struct {
		ID          int64
		JobcentreID int64  `json:"jobcentre_id"`
		CompanyID   int64  `json:"company_id"`
		PostedBy    *int64 `json:"posted_by"`
	}
	var cid int64
	fmt.Sscan(w.companyID, &cid)
	w.api.expect(http.StatusCreated, "POST", "/openings", w.employerTok, map[string]any{
		"company_id": cid, "kind": "virksomhedspraktik", "title": "Truckfører", "branch": "transport_lager_logistik",
		"hours_min": 20, "hours_max": 30, "seats": 1,
	}, &o)
	if o.CompanyID != cid || fmt.Sprint(o.JobcentreID) != w.jobcentreID || o.PostedBy == nil || *o.PostedBy != id {
		t.Errorf("the opening posted through the API: %+v, want company %d, jobcentre %s, posted by %d", o, cid, w.jobcentreID, id)
	}
	var list struct {
		Items []struct {
			Title, Branch string
			PostedBy      *int64 `json:"posted_by"`
		}
	}
	w.api.expect(http.StatusOK, "GET", "/openings?company_id="+w.companyID, w.consultantTok, nil, &list)
	if len(list.Items) != 2 {
		t.Fatalf("the consultant sees %d openings at the company, want the employer's 2: %+v", len(list.Items), list.Items)
	}
	for _, o := range list.Items {
		// The browser's opening left the branch to the company's.
		if o.PostedBy == nil || *o.PostedBy != id || o.Branch != "transport_lager_logistik" {
			t.Errorf("opening %q: posted by %v, branch %q; want the employer (%d) and the company's branch", o.Title, o.PostedBy, o.Branch, id)
		}
	}
}
