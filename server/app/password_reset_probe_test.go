package app_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"placering/server/app"
	"placering/store/storetest"
)

// TestProbeResetTimingHidesUsers asks for reset links 50 times for an
// address with a user (each one mailed: the throttle allows it here) and
// 50 times for one without, interleaved, and compares the medians: the
// answer's timing must not tell which addresses have users. It runs on
// PostgreSQL when one is configured (the production shape), else SQLite.
func TestProbeResetTimingHidesUsers(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 25 s")
	}
	b := storetest.SQLite
	if os.Getenv("TEST_DATABASE_URL") != "" {
		b = storetest.Postgres
	}
	w := newWorld(t, b)
	ctx := context.Background()
	took := func(email string) time.Duration {
		start := time.Now()
		must(t, w.app.RequestPasswordReset(ctx, email, true))
		return time.Since(start)
	}
	var known, unknown []time.Duration
	for range 50 {
		known = append(known, took(w.cons.Email))
		unknown = append(unknown, took("ingen.bruger@test.dk"))
	}
	slices.Sort(known)
	slices.Sort(unknown)
	mk, mu := known[len(known)/2], unknown[len(unknown)/2]
	t.Logf("medians: with a user %v, without %v", mk, mu)
	if mk < app.PasswordResetFloor || mu < app.PasswordResetFloor {
		t.Errorf("medians %v and %v below the floor %v", mk, mu, app.PasswordResetFloor)
	}
	if d := (mk - mu).Abs(); d > 20*time.Millisecond {
		t.Errorf("medians differ by %v: the timing tells which addresses have users", d)
	}
	if ms, _ := w.store.MailsTo(ctx, w.cons.Email); len(ms) != 50 {
		t.Fatalf("%d reset mails, want 50 (the slow path was not measured)", len(ms))
	}
}
