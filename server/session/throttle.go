package session

import (
	"context"
	"strings"
	"time"

	"placering/cache"
)

// Throttle limits login attempts per account and per client address, in the
// shared cache so that spreading attempts over replicas does not help.
type Throttle struct {
	Limiter cache.Limiter
	// PerAccount and PerIP are attempts allowed per Window; zero means
	// 10, 50 and 15 minutes.
	PerAccount, PerIP int
	Window            time.Duration
}

// Allow counts one login attempt and reports whether it may proceed, and if
// not, how long to wait. A cache failure fails closed: logins stop rather
// than the limit silently disappearing.
func (t *Throttle) Allow(ctx context.Context, email, ip string) (bool, time.Duration, error) {
	perAccount, perIP, window := t.PerAccount, t.PerIP, t.Window
	if perAccount == 0 {
		perAccount = 10
	}
	if perIP == 0 {
		perIP = 50
	}
	if window == 0 {
		window = 15 * time.Minute
	}
	ok, wait, err := t.Limiter.Allow(ctx, "login:acct:"+strings.ToLower(strings.TrimSpace(email)), perAccount, window)
	if err != nil {
		return false, 0, unavailable("login throttle", err)
	}
	if !ok {
		return false, wait, nil
	}
	ok, wait, err = t.Limiter.Allow(ctx, "login:ip:"+ip, perIP, window)
	if err != nil {
		return false, 0, unavailable("login throttle", err)
	}
	return ok, wait, nil
}

// Succeeded forgets the failed attempts on an account after a successful
// login, so that a few typos earlier do not count against the person
// later in the same window.
func (t *Throttle) Succeeded(ctx context.Context, email string) error {
	window := t.Window
	if window == 0 {
		window = 15 * time.Minute
	}
	if err := t.Limiter.Reset(ctx, "login:acct:"+strings.ToLower(strings.TrimSpace(email)), window); err != nil {
		return unavailable("login throttle reset", err)
	}
	return nil
}
