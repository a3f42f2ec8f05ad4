package ui_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMailbox walks the mailbox in headless Chromium: the list from
// the main navigation, one kept mail with its text, and a sent one whose
// text is gone; axe finds nothing on either page and no CSP is violated.
func TestBrowserMailbox(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	kept, _, sent := mailboxFixture(t, e)
	b := newBrowserTab(t, "main")

	b.logIn(e.srv.URL+"/postkasse", e.admin.Email, chromedp.WaitVisible(chromedp.CSS("table caption")))
	b.waitFor("the mailbox lists three mails", `document.querySelector("main .count").textContent.includes("3 mails")`)
	b.waitFor("the nav marks the mailbox", `document.querySelector('nav a[aria-current=page]').textContent === "Postkasse"`)
	b.checkPage("mailbox")

	b.run("open a kept mail", chromedp.Click(chromedp.CSS(`a[href="/postkasse/`+itoa(kept.ID)+`"]`)), chromedp.WaitVisible(chromedp.CSS("pre.mail-text")))
	b.waitFor("the text is shown", `document.querySelector("pre.mail-text").textContent.includes("invitation/abc&x=<1>")`)
	b.checkPage("a kept mail")

	b.run("open a sent mail", chromedp.Navigate(e.srv.URL+"/postkasse/"+itoa(sent.ID)), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.waitFor("the text is gone", `document.querySelector("main").textContent.includes("Teksten er slettet")`)
	b.checkPage("a sent mail")
}
