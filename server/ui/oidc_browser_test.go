package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/server/app"
	"placering/server/oidclogin/oidctest"
)

// TestBrowserOIDC drives the administrators' page for a jobcentre's login
// through its identity provider in headless Chromium (axe-clean, also
// with errors at the fields), then clicks through a login at the real
// provider (zitadel's example OP): "Log ind med Jobcenter Helsingør" on
// the login page, the provider's own form, and back in, provisioned.
func TestBrowserOIDC(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	e.app.PublicURL = e.srv.URL
	op := oidctest.Start(t, e.srv.URL+app.OIDCCallbackPath)
	op.AddUser(oidctest.User{Username: "anna", Password: "hemmeligt-kodeord", Email: "anna@kommune.dk", EmailVerified: true,
		Name: "Anna Andersen", Groups: []string{"jc-konsulenter"}})

	b := newBrowserTab(t, ".error-summary", ".flash")
	page := e.srv.URL + "/jobcentre/" + itoa(e.jc.ID) + "/login"
	b.logIn(page, e.admin.Email, chromedp.WaitVisible(chromedp.ID("f-issuer")))
	b.checkPage("oidc settings")

	b.run("save a wrong issuer",
		chromedp.SendKeys(chromedp.ID("f-issuer"), "http://login.kommune.dk"),
		chromedp.Click(chromedp.ID("f-enabled")),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("f-issuer-error")),
	)
	msg, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("f-issuer-error")))
	if err != nil || !strings.Contains(msg, "https://") {
		t.Fatalf("issuer error %q, %v", msg, err)
	}
	b.checkPage("oidc settings with errors")
	b.screenshot("oidc-settings-error.png")

	b.run("save good settings",
		chromedp.SetValue(chromedp.ID("f-issuer"), op.Issuer),
		chromedp.SendKeys(chromedp.ID("f-client_id"), oidctest.ClientID),
		chromedp.SendKeys(chromedp.ID("f-client_secret"), oidctest.ClientSecret),
		chromedp.SendKeys(chromedp.ID("f-consultant_groups"), "jc-konsulenter"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("main .flash")),
	)
	b.checkPage("oidc settings saved")
	if html, err := chromedp.Run(b.ctx, chromedp.OuterHTML(chromedp.CSS("main"))); err != nil || strings.Contains(html, oidctest.ClientSecret) {
		t.Fatalf("the saved page shows the secret (%v)", err)
	}

	// Another browser: the login page offers the jobcentre's provider.
	b2 := newBrowserTab(t, ".error-summary", ".user-name")
	b2.run("open login", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(".oidc-choices a")))
	b2.checkPage("login with identity provider")
	b2.screenshot("login-oidc.png")
	b2.run("click through the provider",
		chromedp.Click(chromedp.CSS(".oidc-choices a")),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "anna"),
		chromedp.SendKeys(chromedp.ID("password"), "hemmeligt-kodeord"),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	)
	name, err := chromedp.Run(b2.ctx, chromedp.Text(chromedp.CSS(".user-name")))
	if err != nil || name != "Anna Andersen" {
		t.Fatalf("after the provider: user %q, %v\n%s", name, err, b2.pageState())
	}
	b2.checkPage("first page after the identity provider")
}
