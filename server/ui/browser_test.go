package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser drives the real UI in headless Chromium: log in, create a
// company (first with a bad CVR), find it with the live search, and check
// the login page, the company form and the company list with axe-core for
// WCAG 2.1 A/AA violations. It also fails on any Content-Security-Policy
// violation, which is how inline styles or scripts would show up.
func TestBrowser(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t, "#f-q", "#antal")

	// A page behind login sends the browser to the login page.
	b.run("open login", chromedp.Navigate(e.srv.URL+"/virksomheder"), chromedp.WaitVisible(chromedp.ID("f-email")))
	b.checkPage("login page")
	b.signIn(e.consultant.Email, chromedp.WaitVisible(chromedp.CSS(`a[href="/virksomheder/ny"]`)))
	b.checkPage("company list")

	b.run("open form", chromedp.Click(chromedp.CSS(`a[href="/virksomheder/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-cvr")))
	b.checkPage("company form")
	b.run("submit bad CVR",
		chromedp.SendKeys(chromedp.ID("f-cvr"), "12345678"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Testbageriet Øresund ApS"),
		chromedp.SetValue(chromedp.ID("f-branch"), "butik_detail"),
		chromedp.SendKeys(chromedp.ID("f-postcode"), "3000"),
		chromedp.SendKeys(chromedp.ID("f-town"), "Helsingør"),
		chromedp.SendKeys(chromedp.ID("f-contacts-0-name"), "Hanne Hansen"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-cvr-error")),
	)
	b.checkPage("company form with errors")
	if name, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-name"))); err != nil || name != "Testbageriet Øresund ApS" {
		t.Errorf("name after error = %q, %v; want it kept", name, err)
	}
	b.screenshot("company-form-errors.png")

	b.run("fix CVR and save",
		chromedp.Clear(chromedp.ID("f-cvr")),
		chromedp.SendKeys(chromedp.ID("f-cvr"), "29403473"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if h1, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil || h1 != "Testbageriet Øresund ApS" {
		t.Errorf("after save, h1 = %q, %v", h1, err)
	}

	// Live search: typing updates the results without a page load.
	b.run("search",
		chromedp.Navigate(e.srv.URL+"/virksomheder"),
		chromedp.WaitVisible(chromedp.ID("f-q")),
		chromedp.SendKeys(chromedp.ID("f-q"), "testbager"),
	)
	b.waitFor("live search did not narrow the list",
		`document.querySelector("#antal").textContent.includes("1 virksomhed fundet")`)
	results, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("resultater")))
	if err != nil || !strings.Contains(results, "Testbageriet Øresund ApS") || strings.Contains(results, "Bageriet Kronborg") {
		t.Errorf("search results = %q, %v", results, err)
	}
	if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || !strings.Contains(loc, "q=") {
		t.Errorf("search did not push its URL: %q, %v", loc, err)
	}
	b.checkPage("company list after search")
}
