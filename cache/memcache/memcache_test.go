package memcache

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"placering/cache"
	"placering/cache/cachetest"
)

func TestContract(t *testing.T) {
	cachetest.Run(t, func(t *testing.T) cache.Cache {
		c := New()
		t.Cleanup(func() { c.Close() })
		return c
	})
}

func BenchmarkCache(b *testing.B) {
	cachetest.Benchmark(b, func(b *testing.B) cache.Cache {
		c := New()
		b.Cleanup(func() { c.Close() })
		return c
	})
}

// clock is a settable time source for tests that must not sleep.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newClock() *clock { return &clock{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)} }

func TestMaxEntriesBound(t *testing.T) {
	ctx := t.Context()
	const max = 100
	c := New(WithMaxEntries(max))
	for i := range 10 * max {
		if err := c.Set(ctx, fmt.Sprint(i), []byte("v"), 0); err != nil {
			t.Fatal(err)
		}
		if n := c.Len(); n > max {
			t.Fatalf("after %d sets Len = %d; want <= %d", i+1, n, max)
		}
	}
	// Overwriting an existing key at capacity must not evict anything.
	before := c.Len()
	last := fmt.Sprint(10*max - 1)
	if err := c.Set(ctx, last, []byte("w"), 0); err != nil {
		t.Fatal(err)
	}
	if c.Len() != before {
		t.Fatalf("overwrite at capacity changed Len from %d to %d", before, c.Len())
	}
	if v, err := c.Get(ctx, last); err != nil || string(v) != "w" {
		t.Fatalf("Get(%s) = %q, %v", last, v, err)
	}
}

func TestEvictionPrefersSoonestExpiry(t *testing.T) {
	ctx := t.Context()
	clk := newClock()
	// With fewer entries than the sample, eviction sees them all, so the
	// choice is deterministic.
	c := New(WithMaxEntries(3), withClock(clk.now))
	must(t, c.Set(ctx, "forever", []byte("v"), 0))
	must(t, c.Set(ctx, "hour", []byte("v"), time.Hour))
	must(t, c.Set(ctx, "minute", []byte("v"), time.Minute))
	must(t, c.Set(ctx, "new", []byte("v"), time.Hour))
	if _, err := c.Get(ctx, "minute"); !errors.Is(err, cache.ErrMiss) {
		t.Fatalf("minute survived eviction: %v", err)
	}
	for _, k := range []string{"forever", "hour", "new"} {
		if _, err := c.Get(ctx, k); err != nil {
			t.Fatalf("Get(%s): %v", k, err)
		}
	}
}

func TestSweepReclaimsExpired(t *testing.T) {
	ctx := t.Context()
	clk := newClock()
	c := New(withClock(clk.now))
	for i := range 1000 {
		must(t, c.Set(ctx, fmt.Sprint("old", i), []byte("v"), time.Second))
	}
	clk.add(2 * time.Second)
	// Nobody reads the old keys again; writes alone must reclaim them.
	for i := range 1000 {
		must(t, c.Set(ctx, fmt.Sprint("new", i%10), []byte("v"), time.Hour))
	}
	if n := c.Len(); n > 200 {
		t.Fatalf("Len = %d after sweeping writes; expired entries are not reclaimed", n)
	}
}

func TestExpiryWithClock(t *testing.T) {
	ctx := t.Context()
	clk := newClock()
	c := New(withClock(clk.now))
	must(t, c.Set(ctx, "k", []byte("v"), time.Minute))
	n, err := c.Incr(ctx, "n", time.Minute)
	if err != nil || n != 1 {
		t.Fatalf("Incr = %d, %v", n, err)
	}
	clk.add(time.Minute - time.Millisecond)
	if _, err := c.Get(ctx, "k"); err != nil {
		t.Fatalf("Get just before expiry: %v", err)
	}
	if n, _ := c.Incr(ctx, "n", time.Minute); n != 2 {
		t.Fatalf("Incr just before expiry = %d; want 2", n)
	}
	clk.add(time.Millisecond)
	if _, err := c.Get(ctx, "k"); !errors.Is(err, cache.ErrMiss) {
		t.Fatalf("Get at expiry = %v; want ErrMiss", err)
	}
	if n, _ := c.Incr(ctx, "n", time.Minute); n != 1 {
		t.Fatalf("Incr at expiry = %d; want 1 (new window)", n)
	}
}

func TestIncrRejectsNonCanonical(t *testing.T) {
	ctx := t.Context()
	c := New()
	for _, v := range []string{"+1", "007", " 1", "1.5", "", "9223372036854775808"} {
		must(t, c.Set(ctx, "k", []byte(v), 0))
		if _, err := c.Incr(ctx, "k", 0); !errors.Is(err, cache.ErrNotInteger) {
			t.Errorf("Incr on %q = %v; want ErrNotInteger", v, err)
		}
	}
	must(t, c.Set(ctx, "k", []byte("9223372036854775807"), 0))
	if _, err := c.Incr(ctx, "k", 0); err == nil {
		t.Error("Incr at MaxInt64 succeeded; want overflow error")
	}
	must(t, c.Set(ctx, "k", []byte("-5"), 0))
	if n, err := c.Incr(ctx, "k", 0); err != nil || n != -4 {
		t.Errorf("Incr on -5 = %d, %v; want -4", n, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
