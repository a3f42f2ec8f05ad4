package app

// Snapshot exposes the matching snapshot's identity to tests, to tell a
// reused snapshot from a rebuilt one.
func (a *App) Snapshot() any {
	a.matching.mu.Lock()
	defer a.matching.mu.Unlock()
	return a.matching.snap
}
