package main

import (
	"context"
	"testing"

	"placering/models"
	"placering/server/mail/mailtest"
)

// MAIL_URL and MAIL_FROM switch the service from keeping mail (the
// embedded default) to sending it: the same outbox row reaches Mailpit
// with the configured sender, and its text is then dropped.
func TestMailConfigSwitchesTheBackend(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		env  map[string]string
		kind string
	}{
		{"embedded", map[string]string{}, models.MailEmbedded},
		{"smtp", map[string]string{"MAIL_FROM": "Jobcenter Test <noreply@placering.test>"}, models.MailSMTP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var apiURL string
			if tc.kind == models.MailSMTP {
				tc.env["MAIL_URL"], apiURL = mailtest.Mailpit(t)
			}
			tc.env["DATA_DIR"] = t.TempDir()
			cfg, err := loadConfig(func(k string) string { return tc.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			b, err := openBackends(ctx, cfg, quiet)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(b.Close)
			if a := b.app(); a.MailTransport != tc.kind || b.mailKind != tc.kind {
				t.Fatalf("transport %q / %q, want %q", a.MailTransport, b.mailKind, tc.kind)
			}
			to := mailtest.Address(t)
			m := models.Mail{Kind: models.MailInvitation, To: to, Subject: "Invitation til Placering", Text: "Åbn linket.", HTML: "<p>Åbn linket.</p>"}
			if err := b.store.EnqueueMail(ctx, &m); err != nil {
				t.Fatal(err)
			}
			w := b.mailWorker(quiet)
			if n, err := w.Drain(ctx); err != nil || n != 1 {
				t.Fatalf("drain: %d, %v", n, err)
			}
			row, err := b.store.GetMail(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if row.Transport != tc.kind || row.SentAt == nil || (row.Text == "") != (tc.kind == models.MailSMTP) {
				t.Fatalf("row %+v", row)
			}
			if tc.kind == models.MailSMTP {
				got := mailtest.WaitFor(t, mailtest.MailpitInbox(apiURL), to, 1)
				if got[0].From != tc.env["MAIL_FROM"] || got[0].Subject != m.Subject {
					t.Fatalf("received %+v", got[0])
				}
			}
		})
	}
}
