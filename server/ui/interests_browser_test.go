package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserShowInterest: the employer shows interest in a candidate from
// the candidates page at a phone's width, with a message; the page then
// says where the interest stands, axe finds nothing on it, and the
// consultant's board card says the employer showed interest.
func TestBrowserShowInterest(t *testing.T) {
	requireChromium(t)
	m := newMatchEnv(t)

	emp := newBrowserTab(t, ".interest-state", ".error-summary")
	emp.run("phone width", chromedp.EmulateViewport(390, 844))
	emp.logIn(m.srv.URL+"/aabninger/"+itoa(m.opening.ID)+"/kandidater", m.employer.Email, chromedp.WaitVisible(chromedp.CSS(".interest-form")))
	emp.checkPage("employer candidates with interest forms at 390 px")
	emp.run("show interest",
		chromedp.SendKeys(chromedp.CSS(".interest-form textarea"), "Vi kan holde samtale tirsdag."),
		chromedp.Click(chromedp.CSS(".interest-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".interest-state")),
	)
	state, err := chromedp.Run(emp.ctx, chromedp.Text(chromedp.CSS(".interest-state")))
	if err != nil || !strings.Contains(state, "Interesse sendt") {
		t.Fatalf("state after showing interest: %q", state)
	}
	emp.checkPage("employer candidates after interest at 390 px")

	cons := newBrowserTab(t)
	cons.logIn(m.srv.URL+"/tavle", m.consultant.Email, chromedp.WaitVisible(chromedp.CSS(".card-interest")))
	card, err := chromedp.Run(cons.ctx, chromedp.Text(chromedp.CSS(".card-interest")))
	if err != nil || !strings.Contains(card, "Arbejdsgiveren har vist interesse") || !strings.Contains(card, "Vi kan holde samtale tirsdag.") {
		t.Fatalf("board card: %q", card)
	}
	cons.checkPage("board with the employer's interest")
}
