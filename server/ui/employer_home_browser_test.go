package ui_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/models"
)

// phone390 is the phone the employer home is designed for (iPhone 12–15).
const phone390 = 390

// TestBrowserEmployerHomeLanguageAndPhone: an employer on a 390 px phone
// lands on their home, switches to English there, and the choice holds on
// the next pages and after a reload; nothing scrolls sideways and axe
// passes on each page, on the phone and on a desktop. A consultant who
// logs in on the same browser (the cookie still says English) gets Danish
// and no switch.
func TestBrowserEmployerHomeLanguageAndPhone(t *testing.T) {
	requireChromium(t)
	p := newPlacementEnv(t)
	e := p.env
	ctx := context.Background()
	if _, err := e.app.CreateOpening(ctx, &e.consultant, models.OpeningFields{CompanyID: e.company.ID, Kind: models.KindPraktik,
		Title: "Bagerlærling med en meget lang titel, der ikke må skubbe siden ud til siden", HoursMin: 10, HoursMax: 20, Seats: 1,
		Status: models.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	e.notify(e.employer, "Åbningen Bagerlærling er godkendt af jobcentret")

	b := newBrowserTab(t, "h1", ".error-summary")
	b.run("phone viewport", chromedp.EmulateViewport(phone390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.logIn(e.srv.URL+"/", e.employer.Email, chromedp.WaitVisible(chromedp.ID("h-aabninger")))
	b.waitFor("lands on the employer home in Danish", `location.pathname === "/arbejdsgiver" && document.documentElement.lang === "da"`+
		` && document.body.innerText.includes("Peter Pedersen") && !document.body.innerText.includes("Sara Sørensen")`+
		` && document.body.innerText.includes("Beskeder (1") && document.body.innerText.includes("0 kandidater")`)
	b.checkPage("employer home on a phone")
	b.checkWidth("employer home", phone390)
	b.screenshot("phone-arbejdsgiver.png")

	b.run("switch to English", chromedp.Click(chromedp.CSS(`.lang-switch button[value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.lang-switch button[value="da"]`)))
	b.waitFor("the home in English", `location.pathname === "/arbejdsgiver" && document.documentElement.lang === "en"`+
		` && document.querySelector("#h-uger").textContent === "Hours to confirm" && document.body.innerText.includes("0 candidates")`)
	b.checkPage("employer home in English")
	b.checkWidth("employer home in English", phone390)
	for _, pg := range []struct{ path, want string }{
		{"/beskeder", "Mark all as read"},
		{"/aabninger", "Title, tasks or town"},
		{"/aabninger/ny", "Save opening"},
		{"/virksomheder/" + itoa(e.company.ID), "Openings at the company"},
	} {
		b.run(pg.path, chromedp.Navigate(e.srv.URL+pg.path), chromedp.WaitVisible(chromedp.CSS("h1")))
		b.waitFor(pg.path+" still in English", `document.documentElement.lang === "en" && document.body.innerText.includes(`+jsString(pg.want)+`)`)
		b.checkPage(pg.path + " in English on a phone")
		b.checkWidth(pg.path, phone390)
	}
	b.run("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("h1")))
	b.waitFor("English after a reload", `document.documentElement.lang === "en"`)

	b.run("desktop viewport", chromedp.EmulateViewport(1280, 900))
	for _, path := range []string{"/arbejdsgiver", "/beskeder"} {
		b.run(path+" on a desktop", chromedp.Navigate(e.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("h1")))
		b.checkPage(path + " on a desktop")
	}

	// The same browser, a consultant: Danish, no switch, whatever the cookie says.
	b.run("log out", chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action="/logout"]').submit()`),
		chromedp.WaitVisible(chromedp.ID("f-email")))
	b.signIn(e.consultant.Email, chromedp.WaitVisible(chromedp.CSS(".user-name"))) // logged in, not the login page's h1
	b.run("consultant's messages", chromedp.Navigate(e.srv.URL+"/beskeder"), chromedp.WaitVisible(chromedp.CSS("h1")))
	b.waitFor("the consultant sees Danish and no switch", `document.documentElement.lang === "da" && document.querySelector(".lang-switch") === null`+
		` && document.querySelector("h1").textContent === "Beskeder" && !document.body.innerText.includes("godkendt af jobcentret")`)
	b.checkPage("consultant's messages")
}

// checkWidth fails when the page scrolls sideways at a viewport of width px.
func (b *browserTab) checkWidth(name string, px int) {
	b.t.Helper()
	w, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		b.t.Fatalf("%s: measure: %v", name, err)
	}
	if w > px {
		b.t.Errorf("%s: %d px wide on a %d px screen", name, w, px)
	}
	b.checkFits(name)
}

func jsString(s string) string {
	out := []rune{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}
