// Package mail defines the small interface the service sends e-mail
// through, so that the code writing mails never knows where they go.
//
// Two implementations exist: [placering/server/mail/smtpmail], which hands
// mail to an SMTP server (the municipality's relay, or Mailpit in
// compose.yaml) through github.com/wneessen/go-mail, and
// [placering/server/mail/embedded], the default without a mail server,
// which only keeps what it was given: the mails stay in the database and
// administrators read them on the mailbox page. [placering/server/mail/mailtest]
// holds the one contract suite both must pass.
//
// Nothing sends through a Sender directly: mails are written to the mail
// outbox in the transaction that caused them, and the worker in
// [placering/server/mail/outbox] sends them with retries, so a mail
// server outage loses nothing.
package mail

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
)

// ErrInvalid is returned (wrapped) by Send for a message that no server
// could ever accept: a recipient that is not an e-mail address, an empty
// body. Retrying it is pointless; every other error may be temporary.
var ErrInvalid = errors.New("mail: invalid message")

// DefaultFrom is the sender address of the embedded backend when MAIL_FROM
// is not set.
const DefaultFrom = "Placering <placering@localhost>"

// Message is one mail to one recipient: Danish plain text and, optionally,
// the same text as simple HTML (sent together as multipart/alternative).
type Message struct {
	// ID, when set, becomes the Message-ID header (without angle
	// brackets), so a mail sent twice after a crash is recognisably the
	// same mail. Empty means the backend makes one.
	ID string
	// To is a single bare address, such as "kirsten@kommune.dk".
	To      string
	Subject string
	Text    string
	// HTML is optional; when set it must say the same as Text.
	HTML string
}

// Sender delivers messages.
//
// The contract, checked for every backend by mailtest.Run:
//   - Send returns nil only once the message was accepted (by the SMTP
//     server, or kept by the embedded backend); then it is received once,
//     with the subject, text and HTML exactly as given (line endings
//     aside) and From set to the backend's configured sender.
//   - Line breaks in Subject are sent as spaces; they never start a new
//     header.
//   - A message Check refuses is refused with an error wrapping
//     ErrInvalid, before any server is contacted.
//   - When ctx is already done, Send returns an error wrapping ctx.Err()
//     and delivers nothing.
//   - Send is safe for concurrent use.
//   - Errors never contain the message's text or the server's password,
//     since errors end up in logs and on the mailbox page.
type Sender interface {
	Send(ctx context.Context, m Message) error
	// From is the sender address mails go out with.
	From() string
}

// Check returns m made ready to send (subject on one line, address
// trimmed) or an error wrapping ErrInvalid. Backends call it first.
func (m Message) Check() (Message, error) {
	m.To = strings.TrimSpace(m.To)
	a, err := netmail.ParseAddress(m.To)
	if err != nil || a.Address != m.To || a.Name != "" {
		return m, fmt.Errorf("%w: the recipient is not one bare e-mail address", ErrInvalid)
	}
	m.Subject = strings.Join(strings.FieldsFunc(m.Subject, func(r rune) bool { return r == '\r' || r == '\n' }), " ")
	m.Subject = strings.TrimSpace(m.Subject)
	if m.Subject == "" {
		return m, fmt.Errorf("%w: no subject", ErrInvalid)
	}
	if strings.TrimSpace(m.Text) == "" {
		return m, fmt.Errorf("%w: no text", ErrInvalid)
	}
	if strings.ContainsAny(m.ID, "<>\r\n \t") {
		return m, fmt.Errorf("%w: the message id holds brackets or spaces", ErrInvalid)
	}
	for _, s := range []string{m.Subject, m.Text, m.HTML} {
		if strings.ContainsRune(s, 0) {
			return m, fmt.Errorf("%w: a NUL character", ErrInvalid)
		}
	}
	return m, nil
}

// CheckFrom reports whether from is a usable sender address, with or
// without a display name ("Jobcenter Helsingør <noreply@helsingor.dk>").
func CheckFrom(from string) error {
	if _, err := netmail.ParseAddress(from); err != nil {
		return fmt.Errorf("%q is not an e-mail address such as \"Jobcenter <noreply@kommune.dk>\"", from)
	}
	return nil
}
