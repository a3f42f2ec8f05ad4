package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"placering/cache"
)

// Throttle slows down password guessing without locking anybody out. Only
// failed logins count, in the shared cache so that spreading attempts over
// replicas does not help:
//
//   - per account and source address: after PairFree failures each further
//     failure makes that pair wait 1 s, 2 s, 4 s, … up to 30 s; a
//     successful login resets it;
//   - per source address, across accounts (password spraying): the same
//     after SourceFree failures, so a whole office behind one NAT is not
//     held back by a few typos; it never slows an account down from an
//     address it has logged in from before;
//   - per account, across addresses (a botnet): after AccountCap failures
//     in an hour, addresses the account has not logged in from in the last
//     30 days are refused until the hour ends. Addresses it has logged in
//     from carry on.
//
// So a correct password from an address that has not failed is refused
// only by the hourly cap on an account under attack, and only when the
// address is new to the account; guessing stays at most AccountCap
// attempts an hour per account.
//
// Cache keys carry hashes of the address and the e-mail, not the values.
type Throttle struct {
	Cache cache.Cache
	// PairFree, SourceFree and AccountCap default to 3, 20 and 50.
	PairFree, SourceFree, AccountCap int
	// MaxWait is the longest wait; zero means 30 seconds.
	MaxWait time.Duration
	// Now returns the time; nil means time.Now. Tests set it.
	Now func() time.Time
}

// KnownFor is how long a successful login makes the address known for the
// account.
const KnownFor = 30 * 24 * time.Hour

func (t *Throttle) backoff(prefix string, free int) *cache.Backoff {
	return &cache.Backoff{Cache: t.Cache, Prefix: prefix, Free: free, Max: t.MaxWait, Window: time.Hour, Now: t.Now}
}

func (t *Throttle) pair() *cache.Backoff   { return t.backoff("login:pair:", or(t.PairFree, 3)) }
func (t *Throttle) source() *cache.Backoff { return t.backoff("login:ip:", or(t.SourceFree, 20)) }
func (t *Throttle) account() *cache.Backoff {
	// The account counter only counts; its cap refuses, it never waits.
	return t.backoff("login:acct:", 1<<30)
}

func or(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

func hashed(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:16])
}

func keys(email, ip string) (acct, src, pair string) {
	e := strings.ToLower(strings.TrimSpace(email))
	return hashed(e), hashed(ip), hashed(e, ip)
}

// Allow reports whether a login for email from ip may be checked now, and
// if not, how long to wait. It counts nothing: call Failed or Succeeded
// with the outcome. A cache failure fails closed: logins stop rather than
// the limit silently disappearing.
func (t *Throttle) Allow(ctx context.Context, email, ip string) (bool, time.Duration, error) {
	acct, src, pair := keys(email, ip)
	wait, err := t.pair().Wait(ctx, pair)
	if err != nil {
		return false, 0, unavailable("login throttle", err)
	}
	if wait > 0 {
		return false, wait, nil
	}
	_, err = t.Cache.Get(ctx, "login:known:"+pair)
	if err == nil {
		return true, 0, nil // the account has logged in from here before
	}
	if !isMiss(err) {
		return false, 0, unavailable("login throttle", err)
	}
	if wait, err = t.source().Wait(ctx, src); err != nil {
		return false, 0, unavailable("login throttle", err)
	}
	if wait > 0 {
		return false, wait, nil
	}
	n, rest, err := t.account().Count(ctx, acct)
	if err != nil {
		return false, 0, unavailable("login throttle", err)
	}
	if n >= int64(or(t.AccountCap, 50)) {
		return false, rest, nil
	}
	return true, 0, nil
}

// Failed counts a wrong password (or unknown e-mail) for email from ip.
func (t *Throttle) Failed(ctx context.Context, email, ip string) error {
	acct, src, pair := keys(email, ip)
	if _, _, err := t.pair().Fail(ctx, pair); err != nil {
		return unavailable("login throttle", err)
	}
	if _, _, err := t.source().Fail(ctx, src); err != nil {
		return unavailable("login throttle", err)
	}
	if _, _, err := t.account().Fail(ctx, acct); err != nil {
		return unavailable("login throttle", err)
	}
	return nil
}

// Succeeded forgets the failures of this account from this address and
// remembers the address as known for the account.
func (t *Throttle) Succeeded(ctx context.Context, email, ip string) error {
	_, _, pair := keys(email, ip)
	if err := t.pair().Reset(ctx, pair); err != nil {
		return unavailable("login throttle reset", err)
	}
	if err := t.Cache.Set(ctx, "login:known:"+pair, nil, KnownFor); err != nil {
		return unavailable("login throttle reset", err)
	}
	return nil
}

func isMiss(err error) bool { return err != nil && errors.Is(err, cache.ErrMiss) }
