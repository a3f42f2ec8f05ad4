package app

import (
	"fmt"
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
	m := newMail(models.MailInvitation, inv.Email, "Invitation til Placering", []string{
		"Hej,",
		who + " Placering, jobcentrets system til virksomhedsplaceringer, som " + role + where + ".",
		"Åbn linket for at vælge dit navn og din adgangskode. Du logger ind med denne e-mailadresse (" + inv.Email + ").",
		"Linket virker én gang og udløber " + DanishTime(inv.ExpiresAt) + ".",
		"Har du ikke ventet denne invitation, kan du se bort fra mailen.",
	}, "Vælg navn og adgangskode", link)
	m.JobcentreID = inv.JobcentreID
	return m
}

// greeting opens a mail to a user: "Hej Nina," or "Hej," without a name.
func greeting(name string) string {
	if n := strings.TrimSpace(name); n != "" {
		return "Hej " + n + ","
	}
	return "Hej,"
}

// passwordResetMail is the mail with a password reset link.
func passwordResetMail(u models.User, link string) models.Mail {
	m := newMail(models.MailPasswordReset, u.Email, "Nulstil din adgangskode til Placering", []string{
		greeting(u.Name),
		"Der er bedt om at nulstille adgangskoden til din bruger i Placering (" + u.Email + ").",
		"Linket virker én gang og udløber om en time. Når du har valgt en ny adgangskode, bliver du logget ud alle steder, og dine API-nøgler holder op med at virke.",
		"Har du ikke selv bedt om det, kan du se bort fra mailen: din adgangskode er ikke ændret.",
	}, "Vælg en ny adgangskode", link)
	m.JobcentreID = u.JobcentreID
	return m
}

// identityProviderHintMail answers a password reset request of a user who
// has no password in Placering: they log in through their jobcentre's
// identity provider (jobcentre names it, when known), at link.
func identityProviderHintMail(u models.User, jobcentre, link string) models.Mail {
	where := "dit jobcenters fælles login"
	if jobcentre != "" {
		where = "det fælles login for " + jobcentre
	}
	m := newMail(models.MailPasswordReset, u.Email, "Sådan logger du ind i Placering", []string{
		greeting(u.Name),
		"Der er bedt om at nulstille adgangskoden til din bruger i Placering (" + u.Email + "). Din bruger har ingen adgangskode i Placering: du logger ind med " + where + " (kommunens identitetsudbyder), så der er intet at nulstille.",
		"Brug linket herunder, eller vælg dit jobcenter under \"Log ind med\" på login-siden. Har du glemt adgangskoden til kommunens login, så kontakt kommunens it-support.",
		"Har du ikke selv bedt om det, kan du se bort fra mailen.",
	}, "Log ind med kommunens login", link)
	m.JobcentreID = u.JobcentreID
	return m
}
