package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/server/mail/mailtest"
)

// Where the walk's mails are read: at a real SMTP server (Mailpit, read
// through its API), or, without MAIL_URL, on the embedded mailbox page
// /postkasse, where the administrator reads them in the browser.

// e2eMail is one mail as its reader saw it.
type e2eMail struct {
	To, Subject, Text string
}

// e2eMailbox returns the n-th mail (1 for the first) sent to the address;
// it fails the test if that mail does not arrive.
type e2eMailbox interface {
	nth(t *testing.T, to string, n int) e2eMail
}

// mailpitBox reads the mails at Mailpit and checks their sender.
type mailpitBox struct {
	api, from string
}

func (m mailpitBox) nth(t *testing.T, to string, n int) e2eMail {
	t.Helper()
	got := mailtest.WaitFor(t, mailtest.MailpitInbox(m.api), to, n)
	if len(got) != n {
		t.Fatalf("Mailpit holds %d mails for %s, want %d", len(got), to, n)
	}
	r := got[n-1]
	if r.From != m.from {
		t.Errorf("mail to %s came from %q, want MAIL_FROM %q", to, r.From, m.from)
	}
	// The HTML part links to what the text part shows.
	for _, link := range regexp.MustCompile(`https?://\S+`).FindAllString(r.Text, -1) {
		if !strings.Contains(r.HTML, `href="`+link+`"`) {
			t.Errorf("the HTML part of the mail to %s has no link to %s: %q", to, link, r.HTML)
		}
	}
	return e2eMail{To: r.To, Subject: r.Subject, Text: r.Text}
}

// postkasseBox is the administrator reading the mailbox page.
type postkasseBox struct {
	admin *e2eTab
	base  string
}

func (p postkasseBox) nth(t *testing.T, to string, n int) e2eMail {
	t.Helper()
	a := p.admin
	a.do("open the mailbox", chromedp.Navigate(p.base+mailboxPathE2E), chromedp.WaitVisible(chromedp.CSS("main .count")))
	a.checkPage("mailbox")
	if !strings.Contains(a.text("main .notice"), "ingen mailserver") {
		t.Errorf("the mailbox does not say that no mail server is set up: %q", a.text("main"))
	}
	addr, _ := json.Marshal(to)
	// Newest first: with n rows for the address, the first is the n-th.
	hrefs := eval[[]string](a, "the mailbox's rows for "+to, `[...document.querySelectorAll("main tbody tr")]
		.filter(r => r.cells[1].textContent.trim() === `+string(addr)+`)
		.map(r => r.querySelector("a").getAttribute("href"))`)
	if len(hrefs) != n {
		t.Fatalf("the mailbox lists %d mails to %s, want %d:\n%s", len(hrefs), to, n, a.text("main"))
	}
	a.do("open the mail", chromedp.Click(chromedp.CSS(`main a[href="`+hrefs[0]+`"]`)), chromedp.WaitVisible(chromedp.CSS("pre.mail-text")))
	a.checkPage("a mail in the mailbox")
	return e2eMail{
		To:      eval[string](a, "recipient", `document.querySelector("dl.details dd").textContent.trim()`),
		Subject: a.text("main h1"),
		Text:    a.text("pre.mail-text"),
	}
}

const mailboxPathE2E = "/postkasse"
