package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"placering/models"
)

// The mailbox lists the newest mails first without their bodies, opens
// one with its body, and is for administrators only.
func TestMailboxIsForAdministrators(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		for i := range 3 {
			must(t, w.store.EnqueueMail(ctx, &models.Mail{Kind: models.MailInvitation, To: fmt.Sprintf("m%d@kommune.dk", i),
				Subject: fmt.Sprintf("Invitation %d", i), Text: "Hej med link", HTML: "<p>Hej</p>"}))
		}
		box, err := w.app.Mailbox(ctx, w.admin, 2, 0)
		must(t, err)
		if box.Total != 3 || box.Pending != 3 || !box.Embedded || len(box.Mails) != 2 || box.Mails[0].Subject != "Invitation 2" || box.Mails[0].Text != "" {
			t.Fatalf("mailbox %+v", box)
		}
		m, err := w.app.Mail(ctx, w.admin, box.Mails[1].ID)
		must(t, err)
		if m.Subject != "Invitation 1" || m.Text != "Hej med link" || m.MailStatus() != "Venter" {
			t.Fatalf("mail %+v", m)
		}
		if _, err := w.app.Mail(ctx, w.admin, 9999); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("missing mail: %v", err)
		}
		if _, err := w.app.Mailbox(ctx, w.cons, 10, 0); !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("consultant read the mailbox: %v", err)
		}
		if _, err := w.app.Mail(ctx, w.cons, m.ID); !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("consultant read a mail: %v", err)
		}
	})
}
