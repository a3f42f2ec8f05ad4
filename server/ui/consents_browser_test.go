package ui_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserConsentsAndEmployerCandidates: axe finds no WCAG 2.1 A/AA
// violations on the citizen form with its consent boxes, and on the
// employer's candidate page, also at a phone's width (390 px).
func TestBrowserConsentsAndEmployerCandidates(t *testing.T) {
	requireChromium(t)
	m := newMatchEnv(t)

	b := newBrowserTab(t)
	b.logIn(m.srv.URL+"/borgere/"+itoa(m.peter.ID)+"/rediger", m.consultant.Email, chromedp.WaitVisible(chromedp.ID("f-consent_kinds")))
	b.checkPage("citizen form with consents")

	emp := newBrowserTab(t)
	emp.logIn(m.srv.URL+"/aabninger/"+itoa(m.opening.ID)+"/kandidater", m.employer.Email, chromedp.WaitVisible(chromedp.CSS(".proposal")))
	emp.checkPage("employer candidates")
	emp.run("phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".proposal")))
	emp.checkPage("employer candidates at 390 px")
}
