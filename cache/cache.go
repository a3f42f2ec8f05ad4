// Package cache defines the small key/value interface the service keeps its
// shared, short-lived state behind: browser sessions, login throttling
// counters and similar data that several replicas must see alike.
//
// Two implementations exist: [placering/cache/memcache], an in-process map
// for a single replica and for tests, and [placering/cache/rediscache], which
// talks to Redis and is what several replicas share. Code above the interface
// never knows which one it has; [placering/cache/cachetest] holds the one
// contract suite both must pass.
//
// The cache is not a database. Values may disappear before their TTL (an
// in-process cache evicts when full, Redis may evict under memory pressure),
// so nothing may be stored here that cannot be recreated or lost: a lost
// session means logging in again, a lost counter means a few extra attempts.
package cache

import (
	"context"
	"errors"
	"time"
)

// ErrMiss is returned by Get when the key is absent or has expired. It is
// the only error that means "not there"; every other error means the cache
// could not answer. Test for it with errors.Is.
var ErrMiss = errors.New("cache: miss")

// ErrNotInteger is returned by Incr when the key holds a value that is not a
// base-10 signed 64-bit integer (for instance one written by Set).
var ErrNotInteger = errors.New("cache: value is not an integer")

// ErrClosed is returned by every method called after Close.
var ErrClosed = errors.New("cache: closed")

// Cache is a key/value store with per-key expiry.
//
// Keys are arbitrary strings; implementations may prefix them (for instance
// to keep test runs apart in one Redis database) but never otherwise change
// them. Values are arbitrary bytes, including NUL and invalid UTF-8.
//
// A ttl (time to live) of zero or less means the key does not expire.
// Positive TTLs are honoured with at least millisecond precision; a positive
// ttl below one millisecond counts as one millisecond.
//
// Implementations are safe for concurrent use by multiple goroutines. Every
// method honours ctx: when it is already done, the method returns an error
// wrapping ctx.Err(). Errors never contain the key, because keys may carry
// secrets such as session tokens and errors end up in logs.
type Cache interface {
	// Get returns the value stored under key. It returns an error
	// wrapping ErrMiss when the key is absent or expired. The returned slice
	// belongs to the caller; changing it does not change the cache.
	Get(ctx context.Context, key string) ([]byte, error)

	// Set stores val under key, replacing any earlier value and its expiry.
	// The cache keeps its own copy of val, so the caller may reuse the slice.
	// A nil val stores the empty value, which Get returns as a zero-length
	// slice and not as a miss.
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error

	// Delete removes key. Deleting an absent key is not an error.
	Delete(ctx context.Context, key string) error

	// Incr atomically adds one to the integer stored under key and returns
	// the new value. An absent or expired key counts as 0, so the first Incr
	// returns 1. The value is stored as base-10 text, so Get returns for
	// instance "3", and a value written by Set as base-10 text can be
	// incremented; any other value gives an error wrapping ErrNotInteger.
	//
	// When ttl is positive, the expiry is set when Incr creates the key (or
	// finds it without an expiry) and is not extended by later calls. That
	// makes the key a fixed-window counter: all increments within ttl of the
	// first land in the same count, which is what rate limits shared between
	// replicas need (see Limiter). With a ttl of zero or less the key's
	// expiry is left as it is.
	Incr(ctx context.Context, key string, ttl time.Duration) (int64, error)

	// Ping reports whether the cache can serve requests; a readiness check
	// calls it.
	Ping(ctx context.Context) error

	// Close releases the cache's resources. Methods called after Close
	// return an error wrapping ErrClosed. Calling Close again returns nil.
	Close() error
}
