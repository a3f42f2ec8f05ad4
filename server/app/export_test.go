package app

// Snapshot exposes the matching snapshot's identity to tests, to tell a
// reused snapshot from a rebuilt one.
func (a *App) Snapshot() any { return a.matching.Current() }
