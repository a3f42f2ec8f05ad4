package models

import "time"

// MailKind says why a mail was written.
type MailKind string

// Mail kinds.
const (
	MailInvitation    MailKind = "invitation"
	MailPasswordReset MailKind = "password_reset"
	MailNotification  MailKind = "notification"
)

// Mail is one message in the mail outbox: Danish, plain text plus simple
// HTML, with nothing the recipient may not see. A worker sends it over SMTP
// when a mail server is configured; otherwise it stays and administrators
// read it on the mailbox page. SentAt is set once the relay accepted it.
type Mail struct {
	ID            int64      `gorm:"primaryKey" json:"id"`
	Kind          MailKind   `gorm:"column:kind" json:"kind"`
	To            string     `gorm:"column:to_address" json:"to"`
	Subject       string     `gorm:"column:subject" json:"subject"`
	Text          string     `gorm:"column:text_body" json:"text"`
	HTML          string     `gorm:"column:html_body" json:"html"`
	JobcentreID   *int64     `gorm:"column:jobcentre_id" json:"jobcentre_id"`
	CreatedAt     time.Time  `gorm:"column:created_at" json:"created_at"`
	Attempts      int        `gorm:"column:attempts" json:"attempts"`
	NextAttemptAt time.Time  `gorm:"column:next_attempt_at" json:"-"`
	LastError     string     `gorm:"column:last_error" json:"last_error"`
	SentAt        *time.Time `gorm:"column:sent_at" json:"sent_at"`
	// FailedAt is set when the mail was given up (its address is not
	// one); it is then never retried.
	FailedAt *time.Time `gorm:"column:failed_at" json:"failed_at"`
	// Transport says where a sent mail went: MailSMTP or MailEmbedded.
	Transport string `gorm:"column:transport" json:"transport"`
}

// Transports a sent mail went through.
const (
	MailSMTP     = "smtp"     // handed to the mail server; the bodies are then emptied
	MailEmbedded = "embedded" // kept in the database for the mailbox page
)

// Label is the kind in Danish, for the mailbox page.
func (k MailKind) Label() string {
	switch k {
	case MailInvitation:
		return "Invitation"
	case MailPasswordReset:
		return "Nulstilling af adgangskode"
	case MailNotification:
		return "Besked"
	}
	return string(k)
}

// MailStatus is where a mail is in the outbox, in Danish.
func (m Mail) MailStatus() string {
	switch {
	case m.FailedAt != nil:
		return "Opgivet"
	case m.SentAt != nil && m.Transport == MailEmbedded:
		return "I postkassen"
	case m.SentAt != nil:
		return "Sendt"
	case m.LastError != "":
		return "Fejl – prøver igen"
	}
	return "Venter"
}

// TableName names the mail outbox table.
func (Mail) TableName() string { return "mails" }
