package cache

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Backoff counts failures per key and turns them into a growing wait
// instead of a lock: after Free failures in the current window each further
// failure makes the key wait Base, then twice as long, and so on up to Max.
// It is what login throttling uses, so that a mistyping person waits a few
// seconds at worst while guessing stays slow. Like Limiter it lives in any
// Cache, so replicas sharing a Redis share the counts and waits.
//
// Failures are counted in clock-aligned windows (see Limiter), so Count can
// say when the count ends without asking the cache for a TTL. The wait is
// stored as the time it ends, written with a TTL of the wait itself.
//
// The zero Backoff is not usable: Cache must be set. A Backoff is safe for
// concurrent use as long as its fields are not changed while in use.
type Backoff struct {
	// Cache holds the counts and waits. Required.
	Cache Cache
	// Prefix is put in front of every key, as for Limiter.
	Prefix string
	// Window is how long failures are counted. Zero means one hour.
	Window time.Duration
	// Free is how many failures in a window cost no wait.
	Free int
	// Base is the first wait and Max the longest; zero means one second
	// and 30 seconds.
	Base, Max time.Duration
	// Now returns the current time. If nil, time.Now is used.
	Now func() time.Time
}

// Delay is the wait n failures impose.
func (b *Backoff) Delay(n int64) time.Duration {
	base, maxWait := b.Base, b.Max
	if base <= 0 {
		base = time.Second
	}
	if maxWait <= 0 {
		maxWait = 30 * time.Second
	}
	over := n - int64(b.Free)
	if over <= 0 {
		return 0
	}
	d := base
	for i := int64(1); i < over; i++ {
		d *= 2
		if d >= maxWait {
			return maxWait
		}
	}
	return min(d, maxWait)
}

// Wait returns how long key must still wait after its last failure; zero
// means it may try now.
func (b *Backoff) Wait(ctx context.Context, key string) (time.Duration, error) {
	if b.Cache == nil {
		return 0, errors.New("cache: backoff has no Cache")
	}
	v, err := b.Cache.Get(ctx, b.Prefix+key+"#wait")
	if errors.Is(err, ErrMiss) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cache: backoff wait: %w", err)
	}
	until, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, nil // not ours: no wait rather than a lock
	}
	if d := time.Unix(0, until).Sub(b.now()); d > 0 {
		return d, nil
	}
	return 0, nil
}

// Count returns the failures counted for key in the current window and the
// time until that window ends.
func (b *Backoff) Count(ctx context.Context, key string) (n int64, rest time.Duration, err error) {
	if b.Cache == nil {
		return 0, 0, errors.New("cache: backoff has no Cache")
	}
	t := b.now()
	k, end := b.bucket(key, t)
	v, err := b.Cache.Get(ctx, k)
	if errors.Is(err, ErrMiss) {
		return 0, end.Sub(t), nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cache: backoff count: %w", err)
	}
	n, _ = strconv.ParseInt(string(v), 10, 64)
	return n, end.Sub(t), nil
}

// Fail counts one failure for key and returns the new count and the wait
// it now imposes (zero while within Free).
func (b *Backoff) Fail(ctx context.Context, key string) (n int64, wait time.Duration, err error) {
	if b.Cache == nil {
		return 0, 0, errors.New("cache: backoff has no Cache")
	}
	t := b.now()
	k, _ := b.bucket(key, t)
	n, err = b.Cache.Incr(ctx, k, b.window())
	if err != nil {
		return 0, 0, fmt.Errorf("cache: backoff count: %w", err)
	}
	wait = b.Delay(n)
	if wait > 0 {
		until := strconv.FormatInt(t.Add(wait).UnixNano(), 10)
		if err := b.Cache.Set(ctx, b.Prefix+key+"#wait", []byte(until), wait); err != nil {
			return n, wait, fmt.Errorf("cache: backoff wait: %w", err)
		}
	}
	return n, wait, nil
}

// Reset forgets key's failures in the current window and its wait, for
// instance after a successful login.
func (b *Backoff) Reset(ctx context.Context, key string) error {
	if b.Cache == nil {
		return errors.New("cache: backoff has no Cache")
	}
	k, _ := b.bucket(key, b.now())
	for _, k := range []string{k, b.Prefix + key + "#wait"} {
		if err := b.Cache.Delete(ctx, k); err != nil {
			return fmt.Errorf("cache: backoff reset: %w", err)
		}
	}
	return nil
}

func (b *Backoff) window() time.Duration {
	if b.Window <= 0 {
		return time.Hour
	}
	return b.Window
}

func (b *Backoff) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

func (b *Backoff) bucket(key string, t time.Time) (string, time.Time) {
	return (&Limiter{Prefix: b.Prefix}).bucket(key, b.window(), t)
}
