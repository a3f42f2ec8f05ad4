// Package mailtest is the contract suite every mail.Sender must pass, so
// the embedded backend and a real SMTP server behave alike, and the
// helpers tests need to reach a Mailpit.
//
// A backend's test calls Run with a constructor that returns the sender
// and a way to read what arrived:
//
//	func TestContract(t *testing.T) {
//		mailtest.Run(t, func(t *testing.T) (mail.Sender, mailtest.Inbox) { … })
//	}
package mailtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/server/mail"
)

// Received is a mail as it arrived.
type Received struct {
	From, To, Subject, Text, HTML, ID string
}

// Inbox returns the mails received for the address to, oldest first.
type Inbox func(ctx context.Context, to string) ([]Received, error)

// Required reports whether a missing backend must fail rather than skip.
func Required() bool { return os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" }

// Mailpit returns the SMTP URL (TEST_MAIL_URL) and API address
// (TEST_MAILPIT_URL) of the Mailpit tests should use. When they are unset
// the test is skipped, or fails when REQUIRE_BACKENDS or CI is set: CI
// must not go green by skipping the real mail server.
func Mailpit(t testing.TB) (smtpURL, apiURL string) {
	t.Helper()
	smtpURL, apiURL = os.Getenv("TEST_MAIL_URL"), strings.TrimRight(os.Getenv("TEST_MAILPIT_URL"), "/")
	if smtpURL != "" && apiURL != "" {
		return smtpURL, apiURL
	}
	const hint = "set TEST_MAIL_URL=smtp://127.0.0.1:1025 and TEST_MAILPIT_URL=http://127.0.0.1:8025 (Mailpit)"
	if Required() {
		t.Fatal("mail contract suite required (REQUIRE_BACKENDS or CI is set) but Mailpit is not configured: " + hint)
	}
	t.Skip("mail contract suite against Mailpit skipped: " + hint)
	return "", ""
}

// Address returns a recipient address no other test uses, so tests can
// share one Mailpit and find their own mail.
func Address(t testing.TB) string {
	b := make([]byte, 6)
	rand.Read(b)
	return "test-" + hex.EncodeToString(b) + "@placering.test"
}

// MailpitInbox reads received mail from Mailpit's API at apiURL.
func MailpitInbox(apiURL string) Inbox {
	return func(ctx context.Context, to string) ([]Received, error) {
		var list struct {
			Messages []struct{ ID string }
		}
		q := url.Values{"query": {"to:" + to}, "limit": {"200"}}
		if err := getJSON(ctx, apiURL+"/api/v1/search?"+q.Encode(), &list); err != nil {
			return nil, err
		}
		out := make([]Received, 0, len(list.Messages))
		for i := len(list.Messages) - 1; i >= 0; i-- { // newest first in the API
			var m struct {
				MessageID, Subject, Text, HTML string
				From                           struct{ Name, Address string }
				To                             []struct{ Name, Address string }
			}
			if err := getJSON(ctx, apiURL+"/api/v1/message/"+url.PathEscape(list.Messages[i].ID), &m); err != nil {
				return nil, err
			}
			r := Received{Subject: m.Subject, Text: m.Text, HTML: m.HTML, ID: m.MessageID, From: m.From.Address}
			if m.From.Name != "" {
				r.From = fmt.Sprintf("%s <%s>", m.From.Name, m.From.Address)
			}
			for _, a := range m.To {
				if strings.EqualFold(a.Address, to) {
					r.To = a.Address
				}
			}
			if r.To == "" {
				continue // "to:" also matches parts of addresses
			}
			out = append(out, r)
		}
		return out, nil
	}
}

func getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// WaitFor polls in until n mails for to arrived (an SMTP server may file
// a mail a moment after accepting it) and returns them; it fails the test
// after ten seconds.
func WaitFor(t testing.TB, in Inbox, to string, n int) []Received {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := in(context.Background(), to)
		if err == nil && len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mail(s) for %s after 10 s, want %d (last error: %v)", len(got), to, n, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func norm(s string) string {
	return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

// Run runs the contract suite. newBackend returns a sender and its inbox;
// the inbox may hold other tests' mail (the suite uses fresh addresses).
func Run(t *testing.T, newBackend func(t *testing.T) (mail.Sender, Inbox)) {
	t.Helper()
	ctx := t.Context()

	t.Run("DanishTextAndHTML", func(t *testing.T) {
		s, in := newBackend(t)
		to := Address(t)
		m := mail.Message{
			To:      to,
			Subject: "Invitation til Placering – Jobcenter Helsingør",
			Text:    "Kære Søren Ærø,\n\nDu er inviteret. Åbn linket:\nhttps://placering.example/invitation/abc?x=1&y=2\n\nVenlig hilsen\nJobcentret",
			HTML:    "<p>Kære Søren Ærø,</p>\n<p>Du er inviteret. <a href=\"https://placering.example/invitation/abc?x=1&amp;y=2\">Åbn linket</a></p>",
		}
		if err := s.Send(ctx, m); err != nil {
			t.Fatalf("Send: %v", err)
		}
		got := WaitFor(t, in, to, 1)
		if len(got) != 1 {
			t.Fatalf("received %d mails, want 1", len(got))
		}
		r := got[0]
		if r.Subject != m.Subject || norm(r.Text) != norm(m.Text) || norm(r.HTML) != norm(m.HTML) {
			t.Fatalf("received %+v\nwant subject %q, text %q, html %q", r, m.Subject, m.Text, m.HTML)
		}
		if r.From != s.From() {
			t.Fatalf("From = %q, want %q", r.From, s.From())
		}
	})

	t.Run("TextOnlyAndMessageID", func(t *testing.T) {
		s, in := newBackend(t)
		to := Address(t)
		b := make([]byte, 4)
		rand.Read(b)
		id := "mail-" + hex.EncodeToString(b) + "@placering.test"
		if err := s.Send(ctx, mail.Message{ID: id, To: to, Subject: "Kun tekst", Text: "Hej."}); err != nil {
			t.Fatalf("Send: %v", err)
		}
		r := WaitFor(t, in, to, 1)[0]
		if norm(r.Text) != "Hej." || r.HTML != "" || r.ID != id {
			t.Fatalf("received %+v", r)
		}
	})

	t.Run("SubjectLineBreaksAreNoHeaders", func(t *testing.T) {
		s, in := newBackend(t)
		to, other := Address(t), Address(t)
		err := s.Send(ctx, mail.Message{To: to, Subject: "Hej\r\nBcc: " + other + "\nX-Test: 1", Text: "Hej."})
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		r := WaitFor(t, in, to, 1)[0]
		if want := "Hej Bcc: " + other + " X-Test: 1"; r.Subject != want {
			t.Fatalf("Subject = %q, want %q", r.Subject, want)
		}
		time.Sleep(200 * time.Millisecond)
		if got, _ := in(ctx, other); len(got) != 0 {
			t.Fatalf("the subject's line break added a recipient: %+v", got)
		}
	})

	t.Run("InvalidIsRefused", func(t *testing.T) {
		s, in := newBackend(t)
		to := Address(t)
		for _, m := range []mail.Message{
			{To: "ikke en adresse", Subject: "x", Text: "x"},
			{To: "Navn <" + to + ">", Subject: "x", Text: "x"},
			{To: to + ", " + Address(t), Subject: "x", Text: "x"},
			{To: to, Subject: "x", Text: "  "},
			{To: to, Subject: "", Text: "x"},
		} {
			if err := s.Send(ctx, m); !errors.Is(err, mail.ErrInvalid) {
				t.Errorf("Send(%+v) = %v, want ErrInvalid", m, err)
			}
		}
		time.Sleep(200 * time.Millisecond)
		if got, _ := in(ctx, to); len(got) != 0 {
			t.Fatalf("a refused message arrived: %+v", got)
		}
	})

	t.Run("DoneContext", func(t *testing.T) {
		s, in := newBackend(t)
		to := Address(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Send(cctx, mail.Message{To: to, Subject: "x", Text: "x"}); !errors.Is(err, context.Canceled) {
			t.Fatalf("Send with a cancelled context = %v, want context.Canceled", err)
		}
		time.Sleep(200 * time.Millisecond)
		if got, _ := in(ctx, to); len(got) != 0 {
			t.Fatalf("sent despite the cancelled context: %+v", got)
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		s, in := newBackend(t)
		to := Address(t)
		const n = 8
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				errs <- s.Send(ctx, mail.Message{To: to, Subject: fmt.Sprintf("Nummer %d", i), Text: "x"})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
		}
		got := WaitFor(t, in, to, n)
		seen := map[string]bool{}
		for _, r := range got {
			seen[r.Subject] = true
		}
		if len(got) != n || len(seen) != n {
			t.Fatalf("received %d mails with %d subjects, want %d each", len(got), len(seen), n)
		}
	})
}
