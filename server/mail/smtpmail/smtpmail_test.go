package smtpmail

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"placering/server/mail"
	"placering/server/mail/mailtest"
)

const from = "Jobcenter Test <noreply@placering.test>"

// TestContract runs the contract suite against a real Mailpit
// (TEST_MAIL_URL, TEST_MAILPIT_URL).
func TestContract(t *testing.T) {
	smtpURL, apiURL := mailtest.Mailpit(t)
	mailtest.Run(t, func(t *testing.T) (mail.Sender, mailtest.Inbox) {
		s, err := New(smtpURL, from)
		if err != nil {
			t.Fatal(err)
		}
		return s, mailtest.MailpitInbox(apiURL)
	})
}

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Config
	}{
		{"smtp://127.0.0.1:1025", Config{Host: "127.0.0.1", Port: 1025}},
		{"smtp://relay.kommune.dk", Config{Host: "relay.kommune.dk", Port: 587}},
		{"smtps://bruger:hemm%40lig@relay.kommune.dk", Config{Host: "relay.kommune.dk", Port: 465, TLS: true, User: "bruger", Password: "hemm@lig"}},
		{"smtp://u:p@[::1]:2525/", Config{Host: "::1", Port: 2525, User: "u", Password: "p"}},
	} {
		got, err := ParseURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "http://relay:25", "smtp://", "smtp://u:topsecret@relay:99999", "smtp://u:topsecret@relay:25/x", "smtp://relay?tls=1", "relay.kommune.dk:25"} {
		_, err := ParseURL(bad)
		if err == nil {
			t.Errorf("ParseURL(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "topsecret") {
			t.Errorf("ParseURL(%q) error shows the password: %v", bad, err)
		}
	}
	if _, err := New("smtp://127.0.0.1:1025", "ikke en adresse"); err == nil {
		t.Error("New accepted a bad sender address")
	}
}

// A server that is down gives an error soon, not a hang, and the error
// names neither the password nor the text.
func TestServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	s, err := New("smtp://bruger:topsecret@"+addr, from)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	err = s.Send(ctx, mail.Message{To: "a@placering.test", Subject: "x", Text: "hemmelig tekst"})
	if err == nil || errors.Is(err, mail.ErrInvalid) {
		t.Fatalf("Send to a closed port = %v", err)
	}
	if strings.Contains(err.Error(), "topsecret") || strings.Contains(err.Error(), "hemmelig") {
		t.Fatalf("error leaks: %v", err)
	}
}
