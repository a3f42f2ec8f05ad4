package cache

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Limiter is a fixed-window rate limiter over any Cache, used to throttle
// login attempts per account and per address. Because the count lives in the
// cache, replicas sharing a Redis share the limit.
//
// Windows are aligned to the wall clock (a 15-minute window runs 12:00–12:15,
// 12:15–12:30, …) rather than starting at the first attempt. That lets Allow
// say exactly when the window ends without asking the cache for a key's
// remaining TTL, at the known cost of fixed windows: up to twice the limit
// can pass around a window boundary. Replicas' clocks must agree to within a
// small fraction of the window, which NTP gives.
//
// The zero Limiter is not usable: Cache must be set. A Limiter is safe for
// concurrent use as long as its fields are not changed while in use.
type Limiter struct {
	// Cache holds the counters. Required.
	Cache Cache

	// Prefix is put in front of every counter key so that limiters for
	// different purposes ("login:user:", "login:ip:") cannot collide with
	// each other or with other keys. It may be empty.
	Prefix string

	// Now returns the current time. If nil, time.Now is used. Tests set it
	// to control which window a call falls in.
	Now func() time.Time
}

// Allow counts one attempt for key and reports whether it is within limit
// attempts per window.
//
// When the attempt is denied, retryAfter is the time until the current
// window ends (always positive), suitable for a Retry-After header after
// rounding up to whole seconds. When it is allowed, retryAfter is zero.
// A limit below 1 denies every attempt. Denied attempts are counted too, so
// hammering does not help an attacker.
//
// If the cache fails, Allow returns ok == false with the error; whether to
// fail open or closed is the caller's decision.
func (l *Limiter) Allow(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error) {
	if l.Cache == nil {
		return false, 0, errors.New("cache: limiter has no Cache")
	}
	if window <= 0 {
		return false, 0, fmt.Errorf("cache: limiter window must be positive, got %v", window)
	}
	t := l.now()
	k, end := l.bucket(key, window, t)

	// The counter needs to live only until its window ends; a whole window
	// is a simple upper bound that also survives modest clock skew.
	n, err := l.Cache.Incr(ctx, k, window)
	if err != nil {
		return false, 0, fmt.Errorf("cache: limiter count: %w", err)
	}
	if limit >= 1 && n <= int64(limit) {
		return true, 0, nil
	}
	retryAfter = end.Sub(t)
	if retryAfter <= 0 {
		retryAfter = time.Nanosecond // unreachable with integer buckets; keeps the promise
	}
	return false, retryAfter, nil
}

// Reset forgets the attempts counted for key in the current window, for
// instance after a successful login, so that a user who mistyped a few
// times is not held back later in the same window.
func (l *Limiter) Reset(ctx context.Context, key string, window time.Duration) error {
	if l.Cache == nil {
		return errors.New("cache: limiter has no Cache")
	}
	if window <= 0 {
		return fmt.Errorf("cache: limiter window must be positive, got %v", window)
	}
	k, _ := l.bucket(key, window, l.now())
	if err := l.Cache.Delete(ctx, k); err != nil {
		return fmt.Errorf("cache: limiter reset: %w", err)
	}
	return nil
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// bucket returns the counter key for key in the window containing t, and
// when that window ends.
func (l *Limiter) bucket(key string, window time.Duration, t time.Time) (k string, end time.Time) {
	n := t.UnixNano() / int64(window)
	return l.Prefix + key + "@" + strconv.FormatInt(n, 10), time.Unix(0, (n+1)*int64(window))
}
