package embedded

import (
	"context"
	"fmt"
	"testing"

	"placering/server/mail"
	"placering/server/mail/mailtest"
)

func TestContract(t *testing.T) {
	mailtest.Run(t, func(t *testing.T) (mail.Sender, mailtest.Inbox) {
		s := New("Jobcenter Test <noreply@test.example>")
		return s, func(_ context.Context, to string) ([]mailtest.Received, error) {
			var out []mailtest.Received
			for _, k := range s.Kept(to) {
				out = append(out, mailtest.Received{From: k.From, To: k.To, Subject: k.Subject, Text: k.Text, HTML: k.HTML, ID: k.ID})
			}
			return out, nil
		}
	})
}

func TestKeepsOnlyTheNewest(t *testing.T) {
	s := New("")
	for i := range keep + 10 {
		if err := s.Send(t.Context(), mail.Message{To: "a@b.dk", Subject: fmt.Sprint(i), Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	k := s.Kept("")
	if len(k) != keep || k[len(k)-1].Subject != fmt.Sprint(keep+9) || k[0].Subject != "10" {
		t.Fatalf("kept %d, first %q, last %q", len(k), k[0].Subject, k[len(k)-1].Subject)
	}
	if s.From() != mail.DefaultFrom {
		t.Fatalf("From = %q", s.From())
	}
}
