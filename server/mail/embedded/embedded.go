// Package embedded is the mail backend used when no mail server is
// configured (no MAIL_URL). It sends nothing: the mails stay in the
// database's mail outbox, where administrators read them on the mailbox
// page, and Send only accepts them. It also keeps the newest messages in
// memory, which tests read as the "inbox".
package embedded

import (
	"context"
	"sync"
	"time"

	"placering/server/mail"
)

// keep is how many messages Kept remembers; older ones are forgotten
// (the database still has them).
const keep = 200

// Kept is a message the backend accepted.
type Kept struct {
	mail.Message
	From string
	At   time.Time
}

// Sender is the embedded backend. The zero value is not usable; call New.
type Sender struct {
	from string
	mu   sync.Mutex
	msgs []Kept
}

// New returns an embedded backend whose mails carry from (mail.DefaultFrom
// when empty).
func New(from string) *Sender {
	if from == "" {
		from = mail.DefaultFrom
	}
	return &Sender{from: from}
}

// From returns the configured sender address.
func (s *Sender) From() string { return s.from }

// Send checks m and keeps it.
func (s *Sender) Send(ctx context.Context, m mail.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := m.Check()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.msgs) >= keep {
		s.msgs = append(s.msgs[:0], s.msgs[len(s.msgs)-keep+1:]...)
	}
	s.msgs = append(s.msgs, Kept{Message: m, From: s.from, At: time.Now()})
	return nil
}

// Kept returns the kept messages to the address to (all when to is
// empty), oldest first.
func (s *Sender) Kept(to string) []Kept {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Kept
	for _, k := range s.msgs {
		if to == "" || k.To == to {
			out = append(out, k)
		}
	}
	return out
}
