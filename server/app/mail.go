package app

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strings"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// sendMail puts m in the mail outbox (in the caller's transaction when
// there is one); the mail worker sends it, or, without a mail server, it
// waits on the administrators' mailbox page.
func (a *App) sendMail(ctx context.Context, m models.Mail) error {
	m.ID = 0
	return a.store.EnqueueMail(ctx, &m)
}

// mailSignature ends every mail; the service's mail is never answered by
// a person.
const mailSignature = "Venlig hilsen\nPlacering – jobcentrets virksomhedsindsats\n\nDenne mail er sendt automatisk og kan ikke besvares."

var mailHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .LinkURL}}<p><a href="{{.LinkURL}}">{{.LinkText}}</a></p>
<p style="font-size: small">Virker linket ikke, så kopiér denne adresse ind i browseren:<br>{{.LinkURL}}</p>
{{end}}{{range .Signature}}<p style="color: #555">{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>
{{end}}</body></html>
`))

// signatureLines is the signature as paragraphs of lines, for the HTML.
func signatureLines() [][]string {
	var out [][]string
	for _, p := range strings.Split(mailSignature, "\n\n") {
		out = append(out, strings.Split(p, "\n"))
	}
	return out
}

// newMail builds a Danish mail of kind to one recipient: the paragraphs
// as plain text and as simple HTML (escaped by html/template), and, when
// linkURL is set, a link with linkText that the text part spells out. It
// carries nothing but what it is given, so callers put no personal data
// in it beyond what the recipient may see.
func newMail(kind models.MailKind, to, subject string, paragraphs []string, linkText, linkURL string) models.Mail {
	var text strings.Builder
	for _, p := range paragraphs {
		text.WriteString(p + "\n\n")
	}
	if linkURL != "" {
		text.WriteString(linkText + ":\n" + linkURL + "\n\n")
	}
	text.WriteString(mailSignature + "\n")
	var html bytes.Buffer
	err := mailHTML.Execute(&html, map[string]any{
		"Subject": subject, "Paragraphs": paragraphs, "LinkText": linkText,
		"LinkURL": linkURL, "Signature": signatureLines(),
	})
	if err != nil { // the template is fixed and its data plain strings
		panic(err)
	}
	return models.Mail{Kind: kind, To: strings.TrimSpace(to), Subject: subject, Text: text.String(), HTML: html.String()}
}

// Mailbox is one page of the mail outbox, newest first.
type Mailbox struct {
	Mails []models.Mail // without bodies
	Total int64
	// Pending counts the mails not yet sent (nor given up).
	Pending int64
	// Embedded is set when no mail server is configured: mails are not
	// sent anywhere and are read here.
	Embedded bool
}

// Mailbox returns up to limit mails from offset, newest first. Only
// administrators may read it.
func (a *App) Mailbox(ctx context.Context, actor Actor, limit, offset int) (Mailbox, error) {
	if err := can(actor, access.Read, access.Of(access.Mail)); err != nil {
		return Mailbox{}, err
	}
	mails, total, err := a.store.Mails(ctx, limit, offset)
	if err != nil {
		return Mailbox{}, err
	}
	pending, err := a.store.PendingMails(ctx)
	if err != nil {
		return Mailbox{}, err
	}
	return Mailbox{Mails: mails, Total: total, Pending: pending, Embedded: a.MailTransport != models.MailSMTP}, nil
}

// Mail returns one mail of the outbox with its bodies (emptied once sent
// through a mail server). Only administrators may read it.
func (a *App) Mail(ctx context.Context, actor Actor, id int64) (models.Mail, error) {
	if err := can(actor, access.Read, access.Of(access.Mail)); err != nil {
		return models.Mail{}, err
	}
	m, err := a.store.GetMail(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return m, &models.Error{Code: models.ENotFound, Op: "mail", Message: "Mailen findes ikke.", Err: err}
	}
	return m, err
}

// MailList is a page of the mail outbox for the API, newest first,
// without the bodies (GET /mails/{id} has them).
func (a *App) MailList(ctx context.Context, actor Actor, p models.Page) (ListResult[models.Mail], error) {
	p = p.Normalized()
	box, err := a.Mailbox(ctx, actor, p.PerPage, (p.Page-1)*p.PerPage)
	if err != nil {
		return ListResult[models.Mail]{}, err
	}
	if box.Mails == nil {
		box.Mails = []models.Mail{}
	}
	return page(box.Mails, box.Total, p), nil
}
