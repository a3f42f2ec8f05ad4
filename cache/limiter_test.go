package cache_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"placering/cache"
	"placering/cache/memcache"
)

// failing is a cache whose every call fails, as Redis does when it is down.
type failing struct{ cache.Cache }

var errDown = errors.New("down")

func (failing) Incr(context.Context, string, time.Duration) (int64, error) { return 0, errDown }

func TestLimiterCacheDown(t *testing.T) {
	l := &cache.Limiter{Cache: failing{}}
	ok, _, err := l.Allow(t.Context(), "k", 5, time.Minute)
	if ok || !errors.Is(err, errDown) {
		t.Fatalf("Allow with cache down = %v, %v; want denied with the cache's error", ok, err)
	}
}

func TestLimiterMisuse(t *testing.T) {
	if _, _, err := (&cache.Limiter{}).Allow(t.Context(), "k", 1, time.Minute); err == nil {
		t.Error("Allow without Cache succeeded")
	}
	l := &cache.Limiter{Cache: memcache.New()}
	if _, _, err := l.Allow(t.Context(), "k", 1, -time.Second); err == nil {
		t.Error("negative window accepted")
	}
}

// TestLimiterWindowEdges checks retryAfter at both ends of a window and that
// windows are aligned to the clock, not to the first attempt.
func TestLimiterWindowEdges(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 15, 0, 0, time.UTC) // a window boundary
	now := start
	l := &cache.Limiter{Cache: memcache.New(), Now: func() time.Time { return now }}
	ctx := t.Context()
	const window = 15 * time.Minute

	if ok, _, _ := l.Allow(ctx, "ip", 1, window); !ok {
		t.Fatal("first attempt denied")
	}
	_, retry, _ := l.Allow(ctx, "ip", 1, window)
	if retry != window {
		t.Errorf("retryAfter at window start = %v; want %v", retry, window)
	}
	now = start.Add(window - time.Millisecond)
	_, retry, _ = l.Allow(ctx, "ip", 1, window)
	if retry != time.Millisecond {
		t.Errorf("retryAfter just before the end = %v; want 1ms", retry)
	}
	now = start.Add(window)
	if ok, retry, _ := l.Allow(ctx, "ip", 1, window); !ok || retry != 0 {
		t.Errorf("first attempt of next window = %v, %v; want allowed", ok, retry)
	}
}
