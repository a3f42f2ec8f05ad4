// Package memcache is the in-process implementation of cache.Cache: a map
// behind a mutex. It is the embedded default when no REDIS_URL is set and
// serves a single replica; several replicas need rediscache to share state.
//
// Expired entries are dropped lazily when read, and every write also looks
// at a few entries and drops those that have expired, so memory held by
// entries nobody reads again is reclaimed without a background goroutine.
// The number of entries is bounded; when full, a write evicts one entry
// (an expired one if the sample finds it, otherwise the sampled entry
// closest to expiry), much like Redis's volatile-ttl policy.
package memcache

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"placering/cache"
)

// DefaultMaxEntries is the entry bound used when none is given. Sessions and
// throttle counters are small, so this is a few tens of megabytes at most.
const DefaultMaxEntries = 100_000

// sweepSample is how many entries each write inspects for expiry, and how
// many candidates an eviction compares. Small enough that a write stays
// O(1); large enough that expired entries are found while they are common.
const sweepSample = 8

// Option configures a Cache.
type Option func(*Cache)

// WithMaxEntries bounds the number of entries. n <= 0 means
// DefaultMaxEntries.
func WithMaxEntries(n int) Option {
	return func(c *Cache) {
		if n > 0 {
			c.max = n
		}
	}
}

// withClock replaces time.Now; tests in this package use it to step time.
func withClock(now func() time.Time) Option {
	return func(c *Cache) { c.now = now }
}

type entry struct {
	val []byte
	exp int64 // UnixNano at which the entry expires; 0 means never
}

func (e entry) expired(now int64) bool { return e.exp != 0 && now >= e.exp }

// Cache is an in-process cache.Cache. Create it with New; the zero value is
// not usable. It is safe for concurrent use.
type Cache struct {
	now func() time.Time
	max int

	mu     sync.Mutex
	items  map[string]entry // nil after Close
	closed bool
}

var _ cache.Cache = (*Cache)(nil)

// New returns an empty cache.
func New(opts ...Option) *Cache {
	c := &Cache{now: time.Now, max: DefaultMaxEntries}
	for _, o := range opts {
		o(c)
	}
	c.items = make(map[string]entry)
	return c
}

// Len returns the number of entries held, including expired ones not yet
// dropped. It is meant for tests and metrics.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// begin checks the context and locks the cache; on success the caller must
// unlock.
func (c *Cache) begin(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memcache: %s: %w", op, err)
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return fmt.Errorf("memcache: %s: %w", op, cache.ErrClosed)
	}
	return nil
}

// Get implements cache.Cache.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, error) {
	if err := c.begin(ctx, "get"); err != nil {
		return nil, err
	}
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if ok && e.expired(c.now().UnixNano()) {
		delete(c.items, key)
		ok = false
	}
	if !ok {
		return nil, fmt.Errorf("memcache: get: %w", cache.ErrMiss)
	}
	return append([]byte{}, e.val...), nil
}

// Set implements cache.Cache.
func (c *Cache) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if err := c.begin(ctx, "set"); err != nil {
		return err
	}
	defer c.mu.Unlock()
	now := c.now().UnixNano()
	c.put(key, entry{val: append([]byte{}, val...), exp: expiry(now, ttl)}, now)
	return nil
}

// Delete implements cache.Cache.
func (c *Cache) Delete(ctx context.Context, key string) error {
	if err := c.begin(ctx, "delete"); err != nil {
		return err
	}
	defer c.mu.Unlock()
	delete(c.items, key)
	return nil
}

// Incr implements cache.Cache.
func (c *Cache) Incr(ctx context.Context, key string, ttl time.Duration) (int64, error) {
	if err := c.begin(ctx, "incr"); err != nil {
		return 0, err
	}
	defer c.mu.Unlock()
	now := c.now().UnixNano()
	e, ok := c.items[key]
	if ok && e.expired(now) {
		ok = false
	}
	var n int64
	if ok {
		v, err := strconv.ParseInt(string(e.val), 10, 64)
		// Redis accepts only the canonical form ("7", not "+7" or "007");
		// the round trip keeps the two backends alike.
		var buf [20]byte
		if err != nil || string(strconv.AppendInt(buf[:0], v, 10)) != string(e.val) {
			return 0, fmt.Errorf("memcache: incr: %w", cache.ErrNotInteger)
		}
		if v == 1<<63-1 {
			return 0, fmt.Errorf("memcache: incr: increment would overflow")
		}
		n = v + 1
	} else {
		n = 1
		e = entry{}
	}
	// The expiry is set only when the key is new or has none, so the window
	// is fixed from the first increment (see cache.Cache.Incr).
	if e.exp == 0 {
		e.exp = expiry(now, ttl)
	}
	// Reusing the buffer is safe: Get and Set copy, so nobody else holds it.
	e.val = strconv.AppendInt(e.val[:0], n, 10)
	c.put(key, e, now)
	return n, nil
}

// Ping implements cache.Cache.
func (c *Cache) Ping(ctx context.Context) error {
	if err := c.begin(ctx, "ping"); err != nil {
		return err
	}
	c.mu.Unlock()
	return nil
}

// Close implements cache.Cache. It drops every entry.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.items = nil
	return nil
}

// expiry turns a ttl into an absolute deadline, rounding a positive ttl up
// to a whole millisecond as the cache.Cache contract says (and as Redis does).
func expiry(now int64, ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	ttl = (ttl + time.Millisecond - 1).Truncate(time.Millisecond)
	return now + int64(ttl)
}

// put stores e under key, first sweeping a few entries and, when the cache
// is full and key is new, evicting one. c.mu must be held.
func (c *Cache) put(key string, e entry, now int64) {
	c.sweep(now)
	if _, exists := c.items[key]; !exists && len(c.items) >= c.max {
		c.evict(now)
	}
	c.items[key] = e
}

// sweep drops expired entries among a few. Go randomises where a map range
// starts, so successive sweeps visit different parts of the map.
func (c *Cache) sweep(now int64) {
	seen := 0
	for k, e := range c.items {
		if e.expired(now) {
			delete(c.items, k)
		}
		if seen++; seen >= sweepSample {
			return
		}
	}
}

// evict removes one entry: from a sample, the one that expires first, with
// entries that never expire counting as last. An expired entry found on the
// way is removed at once.
func (c *Cache) evict(now int64) {
	var victim string
	var victimExp int64
	found := false
	seen := 0
	for k, e := range c.items {
		if e.expired(now) {
			delete(c.items, k)
			return
		}
		exp := e.exp
		if exp == 0 {
			exp = 1<<63 - 1
		}
		if !found || exp < victimExp {
			victim, victimExp, found = k, exp, true
		}
		if seen++; seen >= sweepSample {
			break
		}
	}
	if found {
		delete(c.items, victim)
	}
}
