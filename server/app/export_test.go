package app

import "context"

// Snapshot exposes the matching snapshot's identity to tests, to tell a
// reused snapshot from a rebuilt one.
func (a *App) Snapshot() any { return a.matching.Current() }

// WithRetentionLock runs fn holding the lock a retention run takes.
func (a *App) WithRetentionLock(ctx context.Context, fn func() error) error {
	return a.store.WithLock(ctx, "retention", fn)
}
