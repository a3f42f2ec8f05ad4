// Package cachetest is the contract suite every cache.Cache implementation
// must pass, so the in-process cache and Redis behave alike and code above
// the interface can rely on the documented semantics rather than on one
// backend's quirks.
//
// An implementation's test calls Run with a constructor:
//
//	func TestContract(t *testing.T) {
//		cachetest.Run(t, func(t *testing.T) cache.Cache { return memcache.New() })
//	}
package cachetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"placering/cache"
)

// RedisURL returns the Redis URL tests should use, from TEST_REDIS_URL.
//
// When it is unset the test is skipped, so `go test ./...` works on a
// machine without Redis. But when REQUIRE_BACKENDS or CI is set (to anything
// non-empty) a missing URL fails the test instead: CI must not go green by
// skipping the real backend.
func RedisURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("TEST_REDIS_URL"); u != "" {
		return u
	}
	const hint = "set TEST_REDIS_URL=redis://127.0.0.1:6379/0"
	if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
		t.Fatal("redis contract suite required (REQUIRE_BACKENDS or CI is set) but TEST_REDIS_URL is unset: " + hint)
	}
	t.Skip("redis contract suite skipped: " + hint)
	return ""
}

// Run runs the contract suite. newCache must return a new, empty cache each
// time it is called (a fresh map, or a fresh key prefix on a shared server)
// and arrange its own clean-up with t.Cleanup; the suite may Close the cache
// itself, so Close must tolerate being called twice.
//
// The expiry checks share a single wait, so the suite takes a little over
// one second in all.
func Run(t *testing.T, newCache func(t *testing.T) cache.Cache) {
	t.Helper()
	ctx := t.Context()

	t.Run("Ping", func(t *testing.T) {
		c := newCache(t)
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})

	t.Run("MissIsErrMiss", func(t *testing.T) {
		c := newCache(t)
		v, err := c.Get(ctx, "absent")
		if !errors.Is(err, cache.ErrMiss) {
			t.Fatalf("Get(absent) = %q, %v; want ErrMiss", v, err)
		}
	})

	t.Run("SetGet", func(t *testing.T) {
		c := newCache(t)
		mustSet(t, c, "k", []byte("værdi"), time.Minute)
		wantGet(t, c, "k", []byte("værdi"))
	})

	t.Run("Overwrite", func(t *testing.T) {
		c := newCache(t)
		mustSet(t, c, "k", []byte("first"), time.Minute)
		mustSet(t, c, "k", []byte("second, longer"), time.Minute)
		wantGet(t, c, "k", []byte("second, longer"))
		mustSet(t, c, "k", []byte("3"), time.Minute)
		wantGet(t, c, "k", []byte("3"))
	})

	t.Run("Delete", func(t *testing.T) {
		c := newCache(t)
		mustSet(t, c, "k", []byte("v"), time.Minute)
		mustSet(t, c, "other", []byte("stays"), time.Minute)
		if err := c.Delete(ctx, "k"); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		wantMiss(t, c, "k")
		wantGet(t, c, "other", []byte("stays"))
		if err := c.Delete(ctx, "never-set"); err != nil {
			t.Fatalf("Delete(absent) = %v; want nil", err)
		}
	})

	t.Run("BinaryValues", func(t *testing.T) {
		c := newCache(t)
		all := make([]byte, 256)
		for i := range all {
			all[i] = byte(i)
		}
		mustSet(t, c, "bytes", all, time.Minute)
		wantGet(t, c, "bytes", all)

		mustSet(t, c, "empty", nil, time.Minute)
		v, err := c.Get(ctx, "empty")
		if err != nil || len(v) != 0 {
			t.Fatalf("Get(empty) = %q, %v; want empty value, no error", v, err)
		}

		// Odd keys: spaces, separators, non-ASCII, NUL.
		for _, k := range []string{"a b", "x:y/z", "æøå-København", "nul\x00byte", ""} {
			mustSet(t, c, k, []byte("v-"+k), time.Minute)
			wantGet(t, c, k, []byte("v-"+k))
		}
	})

	t.Run("CopiesValues", func(t *testing.T) {
		c := newCache(t)
		in := []byte("original")
		mustSet(t, c, "k", in, time.Minute)
		in[0] = 'X' // the caller reuses its buffer
		out := wantGet(t, c, "k", []byte("original"))
		out[0] = 'Y' // the caller scribbles on what it got
		wantGet(t, c, "k", []byte("original"))
	})

	t.Run("Incr", func(t *testing.T) {
		c := newCache(t)
		for want := int64(1); want <= 3; want++ {
			if n := mustIncr(t, c, "n", time.Minute); n != want {
				t.Fatalf("Incr #%d = %d; want %d", want, n, want)
			}
		}
		wantGet(t, c, "n", []byte("3"))

		mustSet(t, c, "from-set", []byte("41"), time.Minute)
		if n := mustIncr(t, c, "from-set", time.Minute); n != 42 {
			t.Fatalf("Incr after Set(41) = %d; want 42", n)
		}

		mustSet(t, c, "text", []byte("abc"), time.Minute)
		if n, err := c.Incr(ctx, "text", time.Minute); !errors.Is(err, cache.ErrNotInteger) {
			t.Fatalf("Incr(non-integer) = %d, %v; want ErrNotInteger", n, err)
		}
		wantGet(t, c, "text", []byte("abc"))
	})

	t.Run("IncrConcurrent", func(t *testing.T) {
		c := newCache(t)
		const workers, each = 50, 20
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		seen := make([]int64, 0, workers*each)
		var mu sync.Mutex
		for range workers {
			wg.Go(func() {
				local := make([]int64, 0, each)
				for range each {
					n, err := c.Incr(ctx, "shared", time.Minute)
					if err != nil {
						errs <- err
						return
					}
					local = append(local, n)
				}
				mu.Lock()
				seen = append(seen, local...)
				mu.Unlock()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("Incr: %v", err)
		}
		// Atomic means every caller got a distinct value and none was lost.
		got := make(map[int64]bool, len(seen))
		for _, n := range seen {
			if got[n] {
				t.Fatalf("Incr returned %d twice", n)
			}
			got[n] = true
		}
		wantGet(t, c, "shared", []byte(fmt.Sprint(workers*each)))
	})

	t.Run("Limiter", func(t *testing.T) {
		c := newCache(t)
		now := time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)
		l := &cache.Limiter{Cache: c, Prefix: "login:", Now: func() time.Time { return now }}
		const limit, window = 3, time.Minute
		for i := 1; i <= limit; i++ {
			ok, retry, err := l.Allow(ctx, "bruger@example.dk", limit, window)
			if err != nil || !ok || retry != 0 {
				t.Fatalf("attempt %d = %v, %v, %v; want allowed", i, ok, retry, err)
			}
		}
		ok, retry, err := l.Allow(ctx, "bruger@example.dk", limit, window)
		if err != nil || ok {
			t.Fatalf("attempt %d = %v, %v; want denied", limit+1, ok, err)
		}
		if retry != 50*time.Second {
			t.Fatalf("retryAfter = %v; want 50s (rest of the window)", retry)
		}
		// Another key has its own budget.
		if ok, _, err := l.Allow(ctx, "anden@example.dk", limit, window); err != nil || !ok {
			t.Fatalf("other key = %v, %v; want allowed", ok, err)
		}
		// Reset (after a successful login) gives the key its budget back.
		if err := l.Reset(ctx, "bruger@example.dk", window); err != nil {
			t.Fatalf("Reset: %v", err)
		}
		if ok, _, err := l.Allow(ctx, "bruger@example.dk", limit, window); err != nil || !ok {
			t.Fatalf("after Reset = %v, %v; want allowed", ok, err)
		}
		for range limit {
			l.Allow(ctx, "bruger@example.dk", limit, window)
		}
		// The next window starts afresh.
		now = now.Add(window)
		if ok, _, err := l.Allow(ctx, "bruger@example.dk", limit, window); err != nil || !ok {
			t.Fatalf("next window = %v, %v; want allowed", ok, err)
		}
		// A limit below one denies everything, with a positive retryAfter.
		if ok, retry, err := l.Allow(ctx, "x", 0, window); err != nil || ok || retry <= 0 {
			t.Fatalf("limit 0 = %v, %v, %v; want denied with retryAfter > 0", ok, retry, err)
		}
		if _, _, err := l.Allow(ctx, "x", 1, 0); err == nil {
			t.Fatal("window 0 accepted; want error")
		}
	})

	t.Run("Backoff", func(t *testing.T) {
		c := newCache(t)
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		b := &cache.Backoff{Cache: c, Prefix: "login:", Free: 2, Base: time.Second, Max: 8 * time.Second,
			Window: time.Hour, Now: func() time.Time { return now }}
		const key = "bruger@example.dk"
		wantWait := func(want time.Duration) {
			t.Helper()
			if got, err := b.Wait(ctx, key); err != nil || got != want {
				t.Fatalf("Wait = %v, %v; want %v", got, err, want)
			}
		}
		wantWait(0)
		// Free failures cost nothing; then 1s, 2s, 4s, 8s, 8s (capped).
		for i, want := range []time.Duration{0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
			n, wait, err := b.Fail(ctx, key)
			if err != nil || n != int64(i+1) || wait != want {
				t.Fatalf("failure %d = %d, %v, %v; want %d, %v", i+1, n, wait, err, i+1, want)
			}
			wantWait(want)
		}
		now = now.Add(3 * time.Second)
		wantWait(5 * time.Second)
		now = now.Add(5 * time.Second)
		wantWait(0) // the wait is over although the count is not
		if n, rest, err := b.Count(ctx, key); err != nil || n != 7 || rest != time.Hour-8*time.Second {
			t.Fatalf("Count = %d, %v, %v; want 7 and the rest of the hour", n, rest, err)
		}
		// Another key is untouched.
		if n, _, err := b.Count(ctx, "anden@example.dk"); err != nil || n != 0 {
			t.Fatalf("other key Count = %d, %v; want 0", n, err)
		}
		// The next failure waits the maximum again; Reset forgets both.
		if _, wait, _ := b.Fail(ctx, key); wait != 8*time.Second {
			t.Fatalf("failure 8 wait = %v; want 8s", wait)
		}
		if err := b.Reset(ctx, key); err != nil {
			t.Fatalf("Reset: %v", err)
		}
		wantWait(0)
		if n, _, _ := b.Count(ctx, key); n != 0 {
			t.Fatalf("Count after Reset = %d; want 0", n)
		}
		// A new window starts the count afresh.
		b.Fail(ctx, key)
		now = now.Add(time.Hour)
		if n, _, _ := b.Count(ctx, key); n != 0 {
			t.Fatalf("Count in the next window = %d; want 0", n)
		}
	})

	t.Run("CancelledContext", func(t *testing.T) {
		c := newCache(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.Get(cctx, "k"); !errors.Is(err, context.Canceled) {
			t.Errorf("Get with cancelled ctx = %v; want context.Canceled", err)
		}
		if err := c.Set(cctx, "k", []byte("v"), time.Minute); !errors.Is(err, context.Canceled) {
			t.Errorf("Set with cancelled ctx = %v; want context.Canceled", err)
		}
		if _, err := c.Incr(cctx, "n", time.Minute); !errors.Is(err, context.Canceled) {
			t.Errorf("Incr with cancelled ctx = %v; want context.Canceled", err)
		}
	})

	t.Run("Close", func(t *testing.T) {
		c := newCache(t)
		mustSet(t, c, "k", []byte("v"), time.Minute)
		if err := c.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if _, err := c.Get(ctx, "k"); !errors.Is(err, cache.ErrClosed) {
			t.Errorf("Get after Close = %v; want ErrClosed", err)
		}
		if err := c.Ping(ctx); !errors.Is(err, cache.ErrClosed) {
			t.Errorf("Ping after Close = %v; want ErrClosed", err)
		}
		if err := c.Close(); err != nil {
			t.Errorf("second Close = %v; want nil", err)
		}
	})

	// Expiry needs real time to pass. All expiry checks share one wait of
	// 1.1s, so the suite stays fast even where -parallel is small.
	t.Run("Expiry", func(t *testing.T) {
		c := newCache(t)
		const ttl = time.Second
		// t0: everything with a 1s TTL starts its clock here.
		mustSet(t, c, "short", []byte("v"), ttl)
		mustSet(t, c, "forever", []byte("v"), 0)
		mustSet(t, c, "negative", []byte("v"), -ttl)
		// Set replaces the expiry along with the value, both ways.
		mustSet(t, c, "extended", []byte("old"), ttl)
		mustSet(t, c, "extended", []byte("new"), time.Minute)
		mustSet(t, c, "shortened", []byte("old"), time.Minute)
		mustSet(t, c, "shortened", []byte("new"), ttl)
		// A counter without expiry (written by Set) gets one from Incr,
		// so a limiter can never lock someone out for good; with ttl <= 0
		// it stays without.
		mustSet(t, c, "healed", []byte("5"), 0)
		if n := mustIncr(t, c, "healed", ttl); n != 6 {
			t.Fatalf("Incr after Set(5) = %d; want 6", n)
		}
		mustSet(t, c, "persistent", []byte("5"), 0)
		mustIncr(t, c, "persistent", 0)
		mustIncr(t, c, "no-ttl", 0)
		// The window opens at the first Incr; a later Incr must not extend it.
		if n := mustIncr(t, c, "window", ttl); n != 1 {
			t.Fatalf("first Incr = %d; want 1", n)
		}
		wantGet(t, c, "short", []byte("v"))

		time.Sleep(500 * time.Millisecond)
		if n := mustIncr(t, c, "window", ttl); n != 2 {
			t.Fatalf("Incr within window = %d; want 2", n)
		}
		time.Sleep(600 * time.Millisecond) // now at least t0 + 1.1s

		wantMiss(t, c, "short")
		wantGet(t, c, "forever", []byte("v"))
		wantGet(t, c, "negative", []byte("v"))
		wantGet(t, c, "extended", []byte("new"))
		wantMiss(t, c, "shortened")
		wantMiss(t, c, "healed")
		wantGet(t, c, "persistent", []byte("6"))
		wantGet(t, c, "no-ttl", []byte("1"))
		if n := mustIncr(t, c, "window", ttl); n != 1 {
			t.Fatalf("Incr after the window = %d; want 1 (the second Incr must not extend the window)", n)
		}
	})
}

func mustSet(t *testing.T, c cache.Cache, key string, val []byte, ttl time.Duration) {
	t.Helper()
	if err := c.Set(t.Context(), key, val, ttl); err != nil {
		t.Fatalf("Set(%q): %v", key, err)
	}
}

func mustIncr(t *testing.T, c cache.Cache, key string, ttl time.Duration) int64 {
	t.Helper()
	n, err := c.Incr(t.Context(), key, ttl)
	if err != nil {
		t.Fatalf("Incr(%q): %v", key, err)
	}
	return n
}

func wantGet(t *testing.T, c cache.Cache, key string, want []byte) []byte {
	t.Helper()
	got, err := c.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Get(%q) = %q; want %q", key, got, want)
	}
	return got
}

func wantMiss(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	if v, err := c.Get(t.Context(), key); !errors.Is(err, cache.ErrMiss) {
		t.Fatalf("Get(%q) = %q, %v; want ErrMiss", key, v, err)
	}
}

// Benchmark measures Get, Set and Incr on a cache from newCache, each both
// from one goroutine and from GOMAXPROCS goroutines at once. Keys cycle over
// a fixed set, so memory stays bounded however long -benchtime is.
func Benchmark(b *testing.B, newCache func(b *testing.B) cache.Cache) {
	const keys = 1024
	names := make([]string, keys)
	for i := range names {
		names[i] = fmt.Sprintf("bench:%d", i)
	}
	val := bytes.Repeat([]byte("x"), 256) // about a session's size

	ops := []struct {
		name string
		op   func(ctx context.Context, c cache.Cache, k string) error
	}{
		{"Get", func(ctx context.Context, c cache.Cache, k string) error {
			_, err := c.Get(ctx, k)
			return err
		}},
		{"Set", func(ctx context.Context, c cache.Cache, k string) error {
			return c.Set(ctx, k, val, time.Minute)
		}},
		{"Incr", func(ctx context.Context, c cache.Cache, k string) error {
			_, err := c.Incr(ctx, k+":n", time.Minute)
			return err
		}},
	}
	for _, o := range ops {
		for _, parallel := range []bool{false, true} {
			name := o.name
			if parallel {
				name += "/parallel"
			}
			b.Run(name, func(b *testing.B) {
				ctx := b.Context()
				c := newCache(b)
				for _, k := range names {
					if err := c.Set(ctx, k, val, time.Minute); err != nil {
						b.Fatalf("prefill: %v", err)
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				if !parallel {
					i := 0
					for b.Loop() {
						if err := o.op(ctx, c, names[i%keys]); err != nil {
							b.Fatal(err)
						}
						i++
					}
					return
				}
				b.RunParallel(func(pb *testing.PB) {
					i := 0
					for pb.Next() {
						if err := o.op(ctx, c, names[i%keys]); err != nil {
							b.Error(err)
							return
						}
						i++
					}
				})
			})
		}
	}
}
