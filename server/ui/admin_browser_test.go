package ui_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"placering/cache/memcache"
	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/router"
	"placering/server/session"
	"placering/store/storetest"
)

// newFirstRunEnv is a fresh installation: no jobcentre, and only the first
// administrator, whose password was generated.
func newFirstRunEnv(t *testing.T, generated string) *env {
	t.Helper()
	st := storetest.Open(t, storetest.SQLite)
	vault, err := cprvault.New(bytes.Repeat([]byte{1}, 32))
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
	mc := memcache.New()
	t.Cleanup(func() { mc.Close() })
	srv := httptest.NewServer(router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: mc},
		Throttle: &session.Throttle{Cache: mc}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	admin, err := a.CreateFirstAdmin(context.Background(), "admin@placering.local", generated, true)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, app: a, store: st, admin: admin}
}

// TestBrowserFirstRun walks a fresh installation as a new administrator
// would: log in with the generated password, be made to change it, create
// the first jobcentre on the set-up page, and land at the invitation of
// the first consultant. Every page is checked with axe.
func TestBrowserFirstRun(t *testing.T) {
	requireChromium(t)
	const generated = "Gx7-qP2mZr9Lw4Tc"
	e := newFirstRunEnv(t, generated)
	b := newBrowserTab(t, "h1", ".error-summary")

	b.run("log in with the generated password",
		chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), "admin@placering.local"),
		chromedp.SendKeys(chromedp.ID("f-password"), generated),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("f-new_password")),
	)
	b.waitFor("the forced change explains itself", `document.querySelector("main .notice").textContent.includes("engangsadgangskode")`)
	b.checkPage("forced password change")
	// Any other page leads back here until the password is changed.
	b.run("try another page", chromedp.Navigate(e.srv.URL+"/jobcentre"), chromedp.WaitVisible(chromedp.ID("f-new_password")))

	b.run("change the password",
		chromedp.SendKeys(chromedp.ID("f-current_password"), generated),
		chromedp.SendKeys(chromedp.ID("f-new_password"), "kommunens-egen-kode-2027"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-municipality_no")),
	)
	b.waitFor("the set-up page", `location.pathname === "/opsaetning" && document.querySelector("h1").textContent.includes("første jobcenter")`)
	b.checkPage("set-up page")

	b.run("a number that is no municipality",
		chromedp.SendKeys(chromedp.ID("f-municipality_no"), "999"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Jobcenter Helsingør"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-municipality_no-error")),
	)
	b.checkPage("set-up page with an error")
	b.run("the right number",
		chromedp.Clear(chromedp.ID("f-municipality_no")),
		chromedp.SendKeys(chromedp.ID("f-municipality_no"), "217"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitNotPresent(chromedp.ID("f-municipality_no")),
		chromedp.WaitReady(chromedp.CSS("footer")),
	)
	jcs, err := e.app.Jobcentres(context.Background())
	if err != nil || len(jcs) != 1 {
		t.Fatalf("jobcentres after set-up: %+v, %v", jcs, err)
	}
	if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil ||
		!strings.HasSuffix(loc, "/invitationer/ny?jobcentre_id="+itoa(jcs[0].ID)+"&role=consultant") {
		t.Errorf("after set-up the browser is at %q (%v), want the invitation of the first consultant", loc, err)
	}
	if jcs[0].MunicipalityNo != "217" || jcs[0].Name != "Jobcenter Helsingør" {
		t.Fatalf("jobcentres after set-up: %+v, %v", jcs, err)
	}
	// With a jobcentre, the home page no longer leads to the set-up.
	b.run("home", chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || strings.Contains(loc, "/opsaetning") {
		t.Errorf("home after set-up: %q, %v", loc, err)
	}
}

// TestBrowserAdminPages: an administrator creates, edits and archives a
// jobcentre, and changes, deactivates and reactivates a user; each page
// is checked with axe.
func TestBrowserAdminPages(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t, "h1", ".error-summary", ".flash")

	b.logIn(e.srv.URL+"/jobcentre", e.admin.Email, chromedp.WaitVisible(chromedp.CSS(`a[href="/jobcentre/ny"]`)))
	b.checkPage("jobcentre list")
	b.run("open the form", chromedp.Click(chromedp.CSS(`a[href="/jobcentre/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-municipality_no")))
	b.checkPage("jobcentre form")
	b.run("a municipality that has a jobcentre",
		chromedp.SendKeys(chromedp.ID("f-municipality_no"), "217"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Jobcenter Hillerød"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-municipality_no-error")),
	)
	b.checkPage("jobcentre form with a duplicate")
	b.run("fix and save",
		chromedp.Clear(chromedp.ID("f-municipality_no")),
		chromedp.SendKeys(chromedp.ID("f-municipality_no"), "219"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	b.waitFor("listed", `document.querySelector("main table").textContent.includes("Jobcenter Hillerød")`)
	jcs, _ := e.app.Jobcentres(context.Background())
	var id string
	for _, j := range jcs {
		if j.MunicipalityNo == "219" {
			id = itoa(j.ID)
		}
	}
	b.run("edit", chromedp.Click(chromedp.CSS(`a[href="/jobcentre/`+id+`/rediger"]`)), chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.Clear(chromedp.ID("f-name")), chromedp.SendKeys(chromedp.ID("f-name"), "Jobcenter Nordsjælland"),
		chromedp.Click(chromedp.CSS("main button.primary")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.waitFor("renamed", `document.querySelector("main table").textContent.includes("Jobcenter Nordsjælland")`)
	b.run("archive", chromedp.Click(chromedp.CSS(`a[href="/jobcentre/`+id+`/arkiver"]`)), chromedp.WaitVisible(chromedp.CSS("button.danger")))
	b.checkPage("archive confirmation")
	b.run("confirm", chromedp.Click(chromedp.CSS("button.danger")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.waitFor("gone from the list", `!document.querySelector("main table").textContent.includes("Nordsjælland")`)

	// Users.
	b.run("users", chromedp.Click(chromedp.CSS(`nav a[href="/brugere"]`)), chromedp.WaitVisible(chromedp.CSS("main table")))
	b.waitFor("Danish roles", `document.querySelector("main table").textContent.includes("Eventpersonale")`)
	b.checkPage("users list")
	ev := itoa(e.ev.ID)
	b.run("edit a user", chromedp.Click(chromedp.CSS(`a[href="/brugere/`+ev+`/rediger"]`)), chromedp.WaitVisible(chromedp.ID("f-role")))
	b.checkPage("user form")
	b.run("make them a consultant",
		chromedp.Clear(chromedp.ID("f-name")), chromedp.SendKeys(chromedp.ID("f-name"), "Erik Eriksen"),
		chromedp.SetValue(chromedp.ID("f-role"), "consultant"),
		chromedp.Click(chromedp.CSS("main button.primary")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.waitFor("changed", `document.querySelector("main table").textContent.includes("Erik Eriksen")`)
	b.run("deactivate", chromedp.Click(chromedp.CSS(`a[href="/brugere/`+ev+`/deaktiver"]`)), chromedp.WaitVisible(chromedp.CSS("button.danger")))
	b.checkPage("deactivate confirmation")
	b.run("confirm", chromedp.Click(chromedp.CSS("button.danger")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.waitFor("shown as deactivated", `document.querySelector("main table").textContent.includes("Nej (deaktiveret)")`)
	b.checkPage("users list with a deactivated user")
	b.run("reactivate", chromedp.Click(chromedp.CSS(`form[action="/brugere/`+ev+`/aktiver"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/brugere/`+ev+`/aktiver"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/brugere/`+ev+`/deaktiver"]`)))
	u, err := e.app.User(context.Background(), e.ev.ID)
	if err != nil || u.Name != "Erik Eriksen" || u.Role != "consultant" {
		t.Errorf("user after the pages: %+v, %v", u, err)
	}
}

// TestBrowserCreatedUserMustChoosePassword: a user an administrator made
// with a password (POST /api/v1/users) is led to choose their own at the
// first login; the page says who chose the old one and passes axe.
func TestBrowserCreatedUserMustChoosePassword(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	if _, err := e.app.CreateUser(context.Background(), &e.admin, app.UserInput{Email: "nora@example.dk", Name: "Nora Ny",
		Password: password, Role: models.RoleConsultant, JobcentreID: &e.jc.ID}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserTab(t, "h1", ".error-summary", ".notice")
	b.logIn(e.srv.URL+"/aabninger", "nora@example.dk", chromedp.WaitVisible(chromedp.ID("f-new_password")))
	b.waitFor("the forced change says who chose the password", `document.querySelector("main .notice").textContent.includes("valgt af en administrator")`)
	b.checkPage("forced change of an administrator's password")
	b.run("choose my own",
		chromedp.SendKeys(chromedp.ID("f-current_password"), password),
		chromedp.SendKeys(chromedp.ID("f-new_password"), "blaabaer-paa-loftet-2027"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitNotPresent(chromedp.ID("f-new_password")),
		chromedp.WaitVisible(chromedp.CSS("nav")),
	)
	if u, err := e.store.UserByEmail(context.Background(), "nora@example.dk"); err != nil || u.MustChangePassword {
		t.Errorf("after the change: must change %v (%v)", u.MustChangePassword, err)
	}
}
