package ui_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"placering/models"
	"placering/server/mail/embedded"
	"placering/server/mail/outbox"
)

// mailboxFixture writes three mails: one kept by the embedded backend,
// one still waiting after a failed attempt, and one sent over SMTP (its
// text dropped).
func mailboxFixture(t *testing.T, e *env) (kept, waiting, sent models.Mail) {
	t.Helper()
	ctx := context.Background()
	mk := func(to, subject, text string) models.Mail {
		m := models.Mail{Kind: models.MailInvitation, To: to, Subject: subject, Text: text, HTML: "<p>x</p>"}
		if err := e.store.EnqueueMail(ctx, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	kept = mk("ny@kommune.dk", "Invitation til Placering", "Kære kommende bruger,\n\nÅbn linket:\nhttps://placering.test/invitation/abc&x=<1>\n")
	w := &outbox.Worker{Store: e.store, Sender: embedded.New(""), Transport: models.MailEmbedded, Now: func() time.Time { return time.Now().Add(time.Second) }}
	if _, err := w.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	waiting = mk("glemt@kommune.dk", "Nulstil din adgangskode", "Hej")
	waiting.Kind = models.MailPasswordReset
	if _, err := e.store.ClaimMails(ctx, time.Now().Add(time.Second), time.Minute, 10); err != nil {
		t.Fatal(err)
	}
	if err := e.store.MailFailed(ctx, waiting.ID, "dial tcp 127.0.0.1:25: connection refused", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	sent = mk("sendt@kommune.dk", "Sendt invitation", "hemmelig-engangslink")
	if err := e.store.MailSent(ctx, sent.ID, models.MailSMTP, time.Now(), true); err != nil {
		t.Fatal(err)
	}
	return kept, waiting, sent
}

// Administrators read the mailbox and each mail; everyone else is refused.
func TestMailboxPage(t *testing.T) {
	e := newEnv(t)
	kept, waiting, sent := mailboxFixture(t, e)
	c := e.client()
	c.login(e.admin.Email)
	resp, body := c.get("/postkasse")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="/postkasse"`, "Postkasse", "ingen mailserver", "3 mails, 1 venter på at blive sendt",
		"Invitation til Placering", "ny@kommune.dk", "I postkassen", "Nulstil din adgangskode", "Fejl – prøver igen",
		"connection refused", "Sendt invitation", "Sendt ")
	resp, body = c.get("/postkasse/" + itoa(kept.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<h1>Invitation til Placering</h1>", "https://placering.test/invitation/abc&amp;x=&lt;1&gt;", "I postkassen")
	resp, body = c.get("/postkasse/" + itoa(sent.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Teksten er slettet")
	wantLacks(t, body, "hemmelig-engangslink")
	resp, body = c.get("/postkasse/" + itoa(waiting.ID))
	wantContains(t, body, "Seneste fejl", "connection refused", "<dd>1</dd>")
	resp, body = c.get("/postkasse/99999")
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = c.get("/postkasse/abc")
	wantStatus(t, resp, body, http.StatusNotFound)

	for _, u := range []models.User{e.consultant, e.employer, e.ev} {
		c := e.client()
		c.login(u.Email)
		resp, body := c.get("/postkasse")
		wantStatus(t, resp, body, http.StatusForbidden)
		wantContains(t, body, "Kun administratorer kan læse postkassen.")
		wantLacks(t, body, "Invitation til Placering")
		resp, body = c.get("/postkasse/" + itoa(kept.ID))
		wantStatus(t, resp, body, http.StatusForbidden)
		wantLacks(t, body, "invitation/abc")
		_, body = c.get("/")
		wantLacks(t, body, `href="/postkasse"`)
	}
}

// With a mail server configured the mailbox is still the administrators'
// log: sent mails without their text, and the mails kept before the server
// was set up, which the page says are not sent.
func TestMailboxPageWithMailServer(t *testing.T) {
	e := newEnv(t)
	e.app.MailTransport = models.MailSMTP
	kept, _, sent := mailboxFixture(t, e)
	c := e.client()
	c.login(e.admin.Email)
	resp, body := c.get("/aabninger")
	wantContains(t, body, `href="/postkasse"`)
	resp, body = c.get("/postkasse")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "En sendt mails tekst slettes", "blev skrevet, før mailserveren blev sat op, og er ikke sendt",
		"Sendt invitation", "I postkassen")
	wantLacks(t, body, "ingen mailserver", "hemmelig-engangslink")
	resp, body = c.get("/postkasse/" + itoa(sent.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Teksten er slettet")
	wantLacks(t, body, "hemmelig-engangslink")
	resp, body = c.get("/postkasse/" + itoa(kept.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "invitation/abc")
}
