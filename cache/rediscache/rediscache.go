// Package rediscache implements cache.Cache on Redis, so that several
// replicas of the service share sessions and throttle counters. The service
// uses it when REDIS_URL is set.
package rediscache

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"placering/cache"
)

// Option configures a Cache.
type Option func(*Cache)

// WithPrefix puts prefix in front of every key. Several services, or
// several test runs, can then share one Redis database without their keys
// colliding. The empty prefix (the default) leaves keys as they are.
func WithPrefix(prefix string) Option {
	return func(c *Cache) { c.prefix = prefix }
}

// Cache is a cache.Cache backed by Redis. Create it with New; the zero value
// is not usable. It is safe for concurrent use; the underlying client keeps
// a connection pool.
type Cache struct {
	client *redis.Client
	prefix string

	closeOnce sync.Once
}

var _ cache.Cache = (*Cache)(nil)

// New returns a cache for the Redis server at url, in the form go-redis's
// ParseURL accepts: redis://[user:password@]host:port/db for plain TCP,
// rediss:// for TLS, unix:///path/redis.sock?db=N for a socket, with options
// such as ?dial_timeout=3s in the query.
//
// New does not connect: the client dials on first use, so the service can
// start while Redis is still coming up. Call Ping to check the server.
func New(url string, opts ...Option) (*Cache, error) {
	if strings.TrimSpace(url) == "" {
		return nil, errors.New("rediscache: empty Redis URL")
	}
	o, err := redis.ParseURL(url)
	if err != nil {
		// The URL may carry a password, so it is not repeated here.
		return nil, fmt.Errorf("rediscache: parse Redis URL: %w", err)
	}
	applyTimeouts(o, url)
	c := &Cache{client: redis.NewClient(o)}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// Timeouts used unless the URL sets its own (?dial_timeout=…). Redis
// answers in well under a millisecond, so a second means it is down or
// hanging; with one retry a command gives up within a few seconds, well
// inside a request's deadline, instead of go-redis's defaults (5 s dial,
// five dial attempts, three command retries), which add up to a minute.
const (
	DialTimeout  = time.Second
	ReadTimeout  = time.Second
	WriteTimeout = time.Second
	PoolTimeout  = 2 * time.Second
	MaxRetries   = 1
)

func applyTimeouts(o *redis.Options, raw string) {
	q := neturl.Values{}
	if u, err := neturl.Parse(raw); err == nil {
		q = u.Query()
	}
	if !q.Has("dial_timeout") {
		o.DialTimeout = DialTimeout
	}
	if !q.Has("read_timeout") {
		o.ReadTimeout = ReadTimeout
	}
	if !q.Has("write_timeout") {
		o.WriteTimeout = WriteTimeout
	}
	if !q.Has("pool_timeout") {
		o.PoolTimeout = PoolTimeout
	}
	if !q.Has("max_retries") {
		o.MaxRetries = MaxRetries
	}
	if !q.Has("dialer_retries") {
		o.DialerRetries = 1
	}
	// A request's deadline bounds every command too.
	o.ContextTimeoutEnabled = true
}

// incrScript increments and, only when the key has no expiry yet (it was
// just created, or was written without one), sets it. Doing both in one
// script makes the pair atomic: a crash between INCR and PEXPIRE in separate
// round trips would leave a counter that never expires, locking the account
// out for good. PTTL is -1 exactly when the key exists without an expiry;
// PEXPIRE … NX would do the same but needs Redis 7, the script runs on any.
var incrScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
local ttl = tonumber(ARGV[1])
if ttl > 0 and redis.call('PTTL', KEYS[1]) == -1 then
	redis.call('PEXPIRE', KEYS[1], ttl)
end
return n
`)

// Get implements cache.Cache.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, error) {
	v, err := c.client.Get(ctx, c.prefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("rediscache: get: %w", cache.ErrMiss)
	}
	if err != nil {
		return nil, wrap("get", err)
	}
	if v == nil {
		v = []byte{} // an empty value is present, not missing
	}
	return v, nil
}

// Set implements cache.Cache.
func (c *Cache) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if val == nil {
		val = []byte{}
	}
	if err := c.client.Set(ctx, c.prefix+key, val, redisTTL(ttl)).Err(); err != nil {
		return wrap("set", err)
	}
	return nil
}

// Delete implements cache.Cache.
func (c *Cache) Delete(ctx context.Context, key string) error {
	if err := c.client.Del(ctx, c.prefix+key).Err(); err != nil {
		return wrap("delete", err)
	}
	return nil
}

// Incr implements cache.Cache.
func (c *Cache) Incr(ctx context.Context, key string, ttl time.Duration) (int64, error) {
	ms := int64(redisTTL(ttl) / time.Millisecond)
	n, err := incrScript.Run(ctx, c.client, []string{c.prefix + key}, ms).Int64()
	if err != nil {
		return 0, wrap("incr", err)
	}
	return n, nil
}

// Ping implements cache.Cache.
func (c *Cache) Ping(ctx context.Context) error {
	if err := c.client.Ping(ctx).Err(); err != nil {
		return wrap("ping", err)
	}
	return nil
}

// Close implements cache.Cache. It closes the connection pool; only the
// first call can return an error.
func (c *Cache) Close() error {
	var err error
	c.closeOnce.Do(func() {
		if e := c.client.Close(); e != nil {
			err = fmt.Errorf("rediscache: close: %w", e)
		}
	})
	return err
}

// redisTTL maps the cache.Cache TTL rules onto go-redis: no expiry is 0
// (go-redis reads -1 as KEEPTTL, which is not what a non-positive ttl means
// here), and a positive ttl is rounded up to a whole millisecond because
// Redis counts in milliseconds and go-redis would round down.
func redisTTL(ttl time.Duration) time.Duration {
	if ttl <= 0 {
		return 0
	}
	return (ttl + time.Millisecond - 1).Truncate(time.Millisecond)
}

// wrap adds the operation to err and translates the errors the cache
// package names, so callers can test with errors.Is whichever backend runs.
func wrap(op string, err error) error {
	switch {
	case errors.Is(err, redis.ErrClosed):
		return fmt.Errorf("rediscache: %s: %w", op, cache.ErrClosed)
	case strings.Contains(err.Error(), "not an integer"):
		// Redis reports this as a plain error string, also from inside
		// the Lua script; there is no typed error to match.
		return fmt.Errorf("rediscache: %s: %w", op, cache.ErrNotInteger)
	}
	return fmt.Errorf("rediscache: %s: %w", op, err)
}
