package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInvitations drives the invitation pages in headless Chromium
// with axe-core: an administrator invites a consultant from the first-run
// link (the form comes filled in), sees the one-time link, the list of
// pending invitations; the invitee opens the link in another browser,
// mistypes the second password, then sets name and password and lands
// logged in; the used link shows a Danish page saying so.
func TestBrowserInvitations(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t, "main")

	b.logIn(e.srv.URL+"/invitationer/ny?jobcentre_id="+itoa(e.jc.ID)+"&role=consultant", e.admin.Email, chromedp.WaitVisible(chromedp.ID("f-email")))
	b.checkPage("invitation form")
	if v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-role"))); err != nil || v != "consultant" {
		t.Errorf("role from the query = %q, %v", v, err)
	}
	if v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-jobcentre_id"))); err != nil || v != itoa(e.jc.ID) {
		t.Errorf("jobcentre from the query = %q, %v", v, err)
	}
	b.run("submit without an address", chromedp.Click(chromedp.CSS("main button.primary")), chromedp.WaitVisible(chromedp.ID("f-email-error")))
	b.checkPage("invitation form with errors")
	b.run("invite",
		chromedp.SendKeys(chromedp.ID("f-email"), "ny.konsulent@example.dk"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-link")),
	)
	b.checkPage("invitation sent")
	link, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-link")))
	if err != nil || !strings.Contains(link, "/invitation/") {
		t.Fatalf("link on the page = %q, %v", link, err)
	}
	b.run("list", chromedp.Click(chromedp.CSS(`main a[href="/invitationer"]`)), chromedp.WaitVisible(chromedp.CSS("main table")))
	b.checkPage("invitation list")

	g := newBrowserTab(t, "main")
	g.run("open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("f-name")))
	g.checkPage("accept page")
	g.run("mistype the second password",
		chromedp.SendKeys(chromedp.ID("f-name"), "Nina Ny"),
		chromedp.SendKeys(chromedp.ID("f-password"), newPass),
		chromedp.SendKeys(chromedp.ID("f-password_again"), newPass+"x"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-password_again-error")),
	)
	g.checkPage("accept page with errors")
	if v, err := chromedp.Run(g.ctx, chromedp.Value(chromedp.ID("f-name"))); err != nil || v != "Nina Ny" {
		t.Errorf("name after the error = %q, %v", v, err)
	}
	g.run("accept",
		chromedp.SendKeys(chromedp.ID("f-password"), newPass),
		chromedp.SendKeys(chromedp.ID("f-password_again"), newPass),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if f, err := chromedp.Run(g.ctx, chromedp.Text(chromedp.CSS(".flash"))); err != nil || !strings.Contains(f, "Velkommen") {
		t.Errorf("after accepting: flash %q, %v", f, err)
	}
	if who, err := chromedp.Run(g.ctx, chromedp.Text(chromedp.CSS(".user-name"))); err != nil || who != "Nina Ny" {
		t.Errorf("logged in as %q, %v", who, err)
	}
	g.checkPage("first page after accepting")

	g.run("open the used link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(".error-page")))
	if txt, err := chromedp.Run(g.ctx, chromedp.Text(chromedp.CSS(".error-page"))); err != nil || !strings.Contains(txt, "allerede brugt") || !strings.Contains(txt, "410") {
		t.Errorf("used link page = %q, %v", txt, err)
	}
	g.checkPage("used invitation")
}

// TestBrowserPasswordReset: from the login page to the reset form, the
// confirmation, the mailed link's page (a weak password refused at the
// field) and back to the login page with the new password, axe-clean
// all the way.
func TestBrowserPasswordReset(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t, "main")

	b.run("open login", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("f-email")))
	b.run("forgot", chromedp.Click(chromedp.CSS(`a[href="/glemt-adgangskode"]`)), chromedp.WaitVisible(chromedp.ID("f-email")))
	b.checkPage("forgot password page")
	b.run("ask for a link",
		chromedp.SendKeys(chromedp.ID("f-email"), e.employer.Email),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	b.checkPage("forgot password confirmation")

	b.run("open the link", chromedp.Navigate(e.srv.URL+e.mailLink(e.employer.Email, "/nulstil/")), chromedp.WaitVisible(chromedp.ID("f-password")))
	b.checkPage("reset page")
	b.run("weak password",
		chromedp.SendKeys(chromedp.ID("f-password"), "password12"),
		chromedp.SendKeys(chromedp.ID("f-password_again"), "password12"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-password-error")),
	)
	b.checkPage("reset page with errors")
	b.run("new password",
		chromedp.SendKeys(chromedp.ID("f-password"), newPass),
		chromedp.SendKeys(chromedp.ID("f-password_again"), newPass),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.WaitVisible(chromedp.ID("f-email")),
	)
	b.checkPage("login after the reset")
	b.run("log in with the new password",
		chromedp.SendKeys(chromedp.ID("f-email"), e.employer.Email),
		chromedp.SendKeys(chromedp.ID("f-password"), newPass),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")),
	)
}
