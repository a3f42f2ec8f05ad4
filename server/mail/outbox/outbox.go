// Package outbox sends the mails of the store's mail outbox through a
// mail.Sender, with retries and backoff, safe with several replicas: a
// mail server outage loses nothing, the mails wait in the database with
// their attempts and last error until the server is back.
//
// Each mail is claimed before it is sent (store.ClaimMails), so two
// replicas never send the same mail at once. Delivery is at least once:
// a replica that dies after the server accepted a mail but before it
// recorded that leaves the mail to be sent again when its lease runs out.
// The Message-ID stays the same, so mail clients show one mail.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"placering/models"
	"placering/server/mail"
	"placering/store"
)

// Worker sends due mails. Store and Sender are required.
type Worker struct {
	Store  *store.Store
	Sender mail.Sender
	Log    *slog.Logger
	// Transport is recorded on sent mails: models.MailSMTP or
	// models.MailEmbedded. With MailSMTP the bodies are emptied once a
	// mail is sent; with MailEmbedded they stay for the mailbox page.
	Transport string
	// Interval between polls; zero means 2 s.
	Interval time.Duration
	// Lease is how long a claimed mail is left to its worker before
	// another may try it; zero means 5 minutes. It is far longer than a
	// send may take (SendTimeout).
	Lease time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// SendTimeout bounds one mail's delivery.
const SendTimeout = 30 * time.Second

// Run sends due mails until ctx ends. A send in progress when ctx ends is
// finished (within SendTimeout), so a shutdown does not leave a mail sent
// but not marked.
func (w *Worker) Run(ctx context.Context) {
	interval := w.Interval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.Drain(ctx); err != nil && ctx.Err() == nil && w.Log != nil {
			w.Log.Warn("mail outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Drain sends the mails that are due until none is left, and returns how
// many went out. Failed mails are rescheduled with Backoff and do not stop
// the others.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	now := w.Now
	if now == nil {
		now = time.Now
	}
	lease := w.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	sent := 0
	for ctx.Err() == nil {
		batch, err := w.Store.ClaimMails(ctx, now(), lease, 20)
		if err != nil {
			return sent, err
		}
		if len(batch) == 0 {
			return sent, nil
		}
		for _, m := range batch {
			ok, err := w.send(ctx, m, now)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
	return sent, nil
}

// send delivers one claimed mail and records the outcome. The recording
// runs even when ctx has ended meanwhile.
func (w *Worker) send(ctx context.Context, m models.Mail, now func() time.Time) (bool, error) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), SendTimeout)
	defer cancel()
	err := w.Sender.Send(sctx, Message(m))
	if err == nil {
		return true, w.Store.MailSent(sctx, m.ID, w.Transport, now(), w.Transport != models.MailEmbedded)
	}
	if errors.Is(err, mail.ErrInvalid) {
		if w.Log != nil {
			w.Log.Warn("mail given up", "id", m.ID, "err", err)
		}
		return false, w.Store.MailFailed(sctx, m.ID, reason(err), time.Time{})
	}
	if w.Log != nil {
		w.Log.Warn("mail not sent; will retry", "id", m.ID, "attempts", m.Attempts, "err", err)
	}
	return false, w.Store.MailFailed(sctx, m.ID, reason(err), now().Add(Backoff(m.Attempts)))
}

// Message is the mail.Message for a stored mail. Its Message-ID is made
// from the row's id and creation time, so a resend keeps it.
func Message(m models.Mail) mail.Message {
	return mail.Message{ID: fmt.Sprintf("mail-%d-%d@placering", m.ID, m.CreatedAt.Unix()), To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML}
}

func reason(err error) string {
	return strings.ToValidUTF8(err.Error(), "?")
}

// Backoff is the wait after failed attempt number n (1-based): 30 s
// doubling to an hour, so an outage of a day costs about thirty tries per
// mail and a short one is over soon after the server is back.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
