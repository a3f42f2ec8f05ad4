package app

import (
	"context"

	"placering/models"
)

// sendMail puts m in the mail outbox (in the caller's transaction when
// there is one); the mail worker sends it, or, without a mail server, it
// waits on the administrators' mailbox page.
func (a *App) sendMail(ctx context.Context, m models.Mail) error {
	m.ID = 0
	return a.store.EnqueueMail(ctx, &m)
}
