package app

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	"placering/models"
)

// The mails the accounts send: Danish, plain text plus the same as simple
// HTML (every value escaped by html/template). They name only what the
// recipient may see: their own address, who invited them, the jobcentre
// or company they are invited to, and the link.

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
	"september", "oktober", "november", "december"}

var copenhagen = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return l
	}
	return time.UTC
}()

// DanishTime says a moment the Danish way: "10. december 2026 kl. 14.55".
func DanishTime(t time.Time) string {
	t = t.In(copenhagen)
	return fmt.Sprintf("%d. %s %d kl. %02d.%02d", t.Day(), danishMonths[t.Month()-1], t.Year(), t.Hour(), t.Minute())
}

// mailData is what a mail template reads.
type mailData struct {
	Greeting  string   // "Hej" or "Hej Karen"
	Paragraph []string // the text before the link
	Link      string
	After     []string // the text after the link
}

var mailHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Placering</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
<p>{{.Greeting}},</p>
{{range .Paragraph}}<p>{{.}}</p>
{{end}}<p><a href="{{.Link}}">{{.Link}}</a></p>
{{range .After}}<p>{{.}}</p>
{{end}}<p>Venlig hilsen<br>Placering</p>
</body></html>
`))

// render returns the plain text and HTML forms of d.
func (d mailData) render() (string, string) {
	var b strings.Builder
	b.WriteString(d.Greeting + ",\n\n")
	for _, p := range d.Paragraph {
		b.WriteString(p + "\n\n")
	}
	b.WriteString(d.Link + "\n\n")
	for _, p := range d.After {
		b.WriteString(p + "\n\n")
	}
	b.WriteString("Venlig hilsen\nPlacering\n")
	var h bytes.Buffer
	if err := mailHTML.Execute(&h, d); err != nil {
		return b.String(), "" // the text alone still says everything
	}
	return b.String(), h.String()
}

// invitationMail is the mail with an invitation's link.
func invitationMail(inv models.Invitation, link, inviter, jobcentre, company string) models.Mail {
	role := strings.ToLower(inv.Role.Label())
	var where string
	switch {
	case company != "":
		where = " for " + company
	case jobcentre != "":
		where = " i " + jobcentre
	}
	who := "Du er inviteret til at bruge"
	if inviter = strings.TrimSpace(inviter); inviter != "" {
		who = inviter + " har inviteret dig til at bruge"
	}
	d := mailData{
		Greeting: "Hej",
		Paragraph: []string{
			who + " Placering, jobcentrets system til virksomhedsplaceringer, som " + role + where + ".",
			"Åbn linket for at vælge dit navn og din adgangskode. Du logger ind med denne e-mailadresse (" + inv.Email + ").",
		},
		Link: link,
		After: []string{
			"Linket virker én gang og udløber " + DanishTime(inv.ExpiresAt) + ".",
			"Har du ikke ventet denne invitation, kan du se bort fra mailen.",
		},
	}
	text, html := d.render()
	return models.Mail{Kind: models.MailInvitation, To: inv.Email, Subject: "Invitation til Placering",
		Text: text, HTML: html, JobcentreID: inv.JobcentreID}
}

// passwordResetMail is the mail with a password reset link.
func passwordResetMail(u models.User, link string) models.Mail {
	greeting := "Hej"
	if n := strings.TrimSpace(u.Name); n != "" {
		greeting += " " + n
	}
	d := mailData{
		Greeting: greeting,
		Paragraph: []string{
			"Der er bedt om at nulstille adgangskoden til din bruger i Placering (" + u.Email + ").",
			"Åbn linket for at vælge en ny adgangskode:",
		},
		Link: link,
		After: []string{
			"Linket virker én gang og udløber om en time. Når du har valgt en ny adgangskode, bliver du logget ud alle steder, og dine API-nøgler holder op med at virke.",
			"Har du ikke selv bedt om det, kan du se bort fra mailen: din adgangskode er ikke ændret.",
		},
	}
	text, html := d.render()
	return models.Mail{Kind: models.MailPasswordReset, To: u.Email, Subject: "Nulstil din adgangskode til Placering",
		Text: text, HTML: html, JobcentreID: u.JobcentreID}
}
