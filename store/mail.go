package store

import (
	"context"
	"time"

	"placering/models"
)

// EnqueueMail puts m in the mail outbox, in the caller's transaction when
// there is one, so the mail goes out exactly when the change that caused
// it is stored.
func (s *Store) EnqueueMail(ctx context.Context, m *models.Mail) error {
	now := time.Now().UTC()
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	m.NextAttemptAt = m.CreatedAt
	m.SentAt = nil
	return translate(s.q(ctx).Create(m).Error, "enqueue mail")
}
