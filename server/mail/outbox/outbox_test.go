package outbox_test

import (
	"context"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"placering/models"
	"placering/server/mail"
	"placering/server/mail/embedded"
	"placering/server/mail/mailtest"
	"placering/server/mail/outbox"
	"placering/server/mail/smtpmail"
	"placering/store"
	"placering/store/storetest"
)

const from = "Jobcenter Test <noreply@placering.test>"

// clock is a settable time source, so retries need no sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func enqueue(t *testing.T, s *store.Store, to, subject string) models.Mail {
	t.Helper()
	m := models.Mail{Kind: models.MailInvitation, To: to, Subject: subject,
		Text: "Hej,\n\nåbn linket: https://placering.test/invitation/hemmelig\n", HTML: "<p>Hej,</p>"}
	if err := s.EnqueueMail(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// closedPort returns an address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// A mail server outage loses nothing: the mail waits with its attempts
// and error, and once the server is reachable it arrives exactly once and
// its body is dropped from the database.
func TestOutageLosesNothing(t *testing.T) {
	smtpURL, apiURL := mailtest.Mailpit(t)
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, b)
			clk := &clock{t: time.Now().Add(time.Second)} // after the mails are written
			down, err := smtpmail.New("smtp://"+closedPort(t), from)
			if err != nil {
				t.Fatal(err)
			}
			to := mailtest.Address(t)
			m := enqueue(t, s, to, "Invitation til Placering")
			w := &outbox.Worker{Store: s, Sender: down, Transport: models.MailSMTP, Now: clk.now}
			for attempt := 1; attempt <= 3; attempt++ {
				if n, err := w.Drain(ctx); err != nil || n != 0 {
					t.Fatalf("attempt %d while down: sent %d, %v", attempt, n, err)
				}
				got, err := s.GetMail(ctx, m.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Attempts != attempt || got.LastError == "" || got.SentAt != nil || got.FailedAt != nil || got.Text == "" {
					t.Fatalf("after attempt %d: %+v", attempt, got)
				}
				if n, _ := w.Drain(ctx); n != 0 { // not due again before its backoff
					t.Fatalf("retried before the backoff")
				}
				clk.add(outbox.Backoff(attempt))
			}
			up, err := smtpmail.New(smtpURL, from)
			if err != nil {
				t.Fatal(err)
			}
			w.Sender = up
			if n, err := w.Drain(ctx); err != nil || n != 1 {
				t.Fatalf("after the outage: sent %d, %v", n, err)
			}
			clk.add(time.Hour)
			if n, err := w.Drain(ctx); err != nil || n != 0 {
				t.Fatalf("sent again: %d, %v", n, err)
			}
			got := mailtest.WaitFor(t, mailtest.MailpitInbox(apiURL), to, 1)
			time.Sleep(300 * time.Millisecond)
			if got, _ = mailtest.MailpitInbox(apiURL)(ctx, to); len(got) != 1 || got[0].Subject != m.Subject {
				t.Fatalf("received %+v, want the one mail once", got)
			}
			row, err := s.GetMail(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if row.SentAt == nil || row.Transport != models.MailSMTP || row.LastError != "" || row.Text != "" || row.HTML != "" || row.Subject == "" || row.To != to {
				t.Fatalf("sent row: %+v", row)
			}
		})
	}
}

// Several replicas draining one outbox at once send every mail exactly
// once.
func TestReplicasSendEachMailOnce(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			ctx := context.Background()
			cfg := storetest.Config(t, b)
			open := func() *store.Store {
				s, err := store.Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			s := open()
			sender := embedded.New(from)
			const mails, replicas = 40, 4
			for i := range mails {
				enqueue(t, s, fmt.Sprintf("m%d@placering.test", i), fmt.Sprintf("Mail %d", i))
			}
			var total atomic.Int64
			var wg sync.WaitGroup
			for range replicas {
				// Each replica has its own store (connection pool), as
				// separate processes would.
				w := &outbox.Worker{Store: open(), Sender: sender, Transport: models.MailEmbedded}
				wg.Go(func() {
					n, err := w.Drain(ctx)
					if err != nil {
						t.Error(err)
					}
					total.Add(int64(n))
				})
			}
			wg.Wait()
			if total.Load() != mails {
				t.Fatalf("workers report %d sent, want %d", total.Load(), mails)
			}
			for i := range mails {
				if k := sender.Kept(fmt.Sprintf("m%d@placering.test", i)); len(k) != 1 {
					t.Fatalf("mail %d delivered %d times", i, len(k))
				}
			}
			list, n, err := s.Mails(ctx, 100, 0)
			if err != nil || n != mails {
				t.Fatal(n, err)
			}
			for _, m := range list {
				if m.SentAt == nil || m.Attempts != 1 || m.Transport != models.MailEmbedded {
					t.Fatalf("row %+v", m)
				}
			}
		})
	}
}

// The embedded backend keeps the bodies for the mailbox page; a mail to
// something that is no address is given up at once and never retried.
func TestEmbeddedKeepsBodiesAndBadAddressesAreGivenUp(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, b)
			clk := &clock{t: time.Now().Add(time.Second)} // after the mails are written
			good := enqueue(t, s, "kirsten@placering.test", "Nulstil din adgangskode")
			bad := enqueue(t, s, "ikke en adresse", "Invitation")
			w := &outbox.Worker{Store: s, Sender: embedded.New(""), Transport: models.MailEmbedded, Now: clk.now}
			if n, err := w.Drain(ctx); err != nil || n != 1 {
				t.Fatalf("sent %d, %v", n, err)
			}
			g, _ := s.GetMail(ctx, good.ID)
			if g.SentAt == nil || g.Text != good.Text || g.HTML != good.HTML || g.MailStatus() != "I postkassen" {
				t.Fatalf("embedded row %+v", g)
			}
			clk.add(48 * time.Hour)
			if n, err := w.Drain(ctx); err != nil || n != 0 {
				t.Fatalf("sent %d, %v", n, err)
			}
			x, _ := s.GetMail(ctx, bad.ID)
			if x.FailedAt == nil || x.Attempts != 1 || x.LastError == "" || x.MailStatus() != "Opgivet" {
				t.Fatalf("bad address row %+v", x)
			}
			if p, err := s.PendingMails(ctx); err != nil || p != 0 {
				t.Fatalf("pending %d, %v", p, err)
			}
		})
	}
}

// A worker stopped mid-drain leaves nothing half done.
func TestRunStopsWithContext(t *testing.T) {
	s := storetest.Open(t, storetest.SQLite)
	sender := embedded.New("")
	enqueue(t, s, "a@placering.test", "x")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		(&outbox.Worker{Store: s, Sender: sender, Transport: models.MailEmbedded, Interval: 10 * time.Millisecond}).Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(sender.Kept("")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if len(sender.Kept("")) != 1 {
		t.Fatal("mail not sent by Run")
	}
	var _ mail.Sender = sender
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := outbox.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if outbox.Backoff(100) != time.Hour {
		t.Errorf("Backoff(100) = %v", outbox.Backoff(100))
	}
}
