package app

import (
	"strings"
	"testing"

	"placering/models"
	"placering/server/mail"
)

// A mail from newMail is Danish text and the same as HTML, with what it is
// given escaped in the HTML and spelled out in the text, and passes the
// mail backends' check.
func TestNewMailEscapesAndSpellsOutTheLink(t *testing.T) {
	link := "https://placering.example/invitation/abc?x=1&y=<2>"
	m := newMail(models.MailInvitation, " søren@kommune.dk ", "Invitation til Placering",
		[]string{"Kære Søren <script>alert(1)</script>,", "Du er inviteret af Jobcenter Helsingør & co."}, "Opret din bruger", link)
	if m.Kind != models.MailInvitation || m.To != "søren@kommune.dk" || m.Subject != "Invitation til Placering" {
		t.Fatalf("mail %+v", m)
	}
	for _, want := range []string{"Kære Søren <script>alert(1)</script>,\n\n", "Opret din bruger:\n" + link + "\n", "Venlig hilsen"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "Helsingør &amp; co.", `href="https://placering.example/invitation/abc?x=1&amp;y=%3c2%3e"`, ">Opret din bruger</a>", `lang="da"`} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("html lacks %q:\n%s", want, m.HTML)
		}
	}
	if strings.Contains(m.HTML, "<script>") {
		t.Errorf("html not escaped:\n%s", m.HTML)
	}
	if _, err := (mail.Message{To: "a@b.dk", Subject: m.Subject, Text: m.Text, HTML: m.HTML}).Check(); err != nil {
		t.Fatal(err)
	}
	plain := newMail(models.MailNotification, "a@b.dk", "Besked", []string{"Hej."}, "", "")
	if strings.Contains(plain.HTML, "<a ") || strings.Contains(plain.Text, ":\n\n") {
		t.Fatalf("a mail without a link has one:\n%s\n%s", plain.Text, plain.HTML)
	}
	// A javascript: link is not made clickable.
	if bad := newMail(models.MailNotification, "a@b.dk", "x", nil, "Klik", "javascript:alert(1)"); strings.Contains(bad.HTML, `href="javascript`) {
		t.Fatalf("javascript link kept:\n%s", bad.HTML)
	}
}
