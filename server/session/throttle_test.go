package session_test

import (
	"fmt"
	"testing"
	"time"

	"placering/cache"
	"placering/cache/cachetest"
	"placering/cache/memcache"
	"placering/cache/rediscache"
	"placering/server/session"
)

// backends runs f against the in-process cache and, with TEST_REDIS_URL,
// Redis: the throttle has one code path over cache.Cache.
func backends(t *testing.T, f func(t *testing.T, c cache.Cache)) {
	t.Run("memcache", func(t *testing.T) { f(t, memcache.New()) })
	t.Run("redis", func(t *testing.T) {
		url := cachetest.RedisURL(t)
		c, err := rediscache.New(url, rediscache.WithPrefix(fmt.Sprintf("throttle-test-%d:", time.Now().UnixNano())))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		f(t, c)
	})
}

type clock struct{ now time.Time }

func (c *clock) Now() time.Time                                 { return c.now }
func (c *clock) Add(d time.Duration)                            { c.now = c.now.Add(d) }
func newClock() *clock                                          { return &clock{now: time.Date(2026, 3, 2, 9, 0, 5, 0, time.UTC)} }
func allowed(ok bool, _ time.Duration, err error) (bool, error) { return ok, err }

// An office of 60 colleagues behind one address logs in every morning;
// a dozen of them mistype once first. Nobody waits.
func TestThrottleOfficeBehindOneAddress(t *testing.T) {
	backends(t, func(t *testing.T, c cache.Cache) {
		ctx := t.Context()
		clk := newClock()
		th := &session.Throttle{Cache: c, Now: clk.Now}
		const office = "192.0.2.10"
		for day := range 2 {
			for i := range 60 {
				email := fmt.Sprintf("kollega%d@jobcenter.dk", i)
				if i%5 == 0 {
					if ok, err := allowed(th.Allow(ctx, email, office)); !ok || err != nil {
						t.Fatalf("day %d colleague %d typo attempt refused: %v", day, i, err)
					}
					if err := th.Failed(ctx, email, office); err != nil {
						t.Fatal(err)
					}
				}
				ok, wait, err := th.Allow(ctx, email, office)
				if !ok || err != nil {
					t.Fatalf("day %d colleague %d refused (wait %v, %v)", day, i, wait, err)
				}
				if err := th.Succeeded(ctx, email, office); err != nil {
					t.Fatal(err)
				}
				clk.Add(5 * time.Second)
			}
			clk.Add(24 * time.Hour)
		}
	})
}

// An attacker's wrong guesses on one account wait longer and longer, up
// to 30 seconds, never 15 minutes; waiting out the delay lets the next
// guess through (to be checked, and counted if wrong).
func TestThrottleGuessesSlowDown(t *testing.T) {
	backends(t, func(t *testing.T, c cache.Cache) {
		ctx := t.Context()
		clk := newClock()
		th := &session.Throttle{Cache: c, Now: clk.Now, AccountCap: 1000}
		const victim, attacker = "offer@jobcenter.dk", "203.0.113.66"
		var waits []time.Duration
		for range 12 {
			ok, wait, err := th.Allow(ctx, victim, attacker)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				// Waiting out the delay is the only way on.
				waits = append(waits, wait)
				if wait > 30*time.Second {
					t.Fatalf("wait %v; want at most 30s", wait)
				}
				clk.Add(wait)
				if ok, _ := allowed(th.Allow(ctx, victim, attacker)); !ok {
					t.Fatal("refused after waiting")
				}
			}
			if err := th.Failed(ctx, victim, attacker); err != nil {
				t.Fatal(err)
			}
		}
		want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second,
			30 * time.Second, 30 * time.Second, 30 * time.Second}
		if fmt.Sprint(waits) != fmt.Sprint(want) {
			t.Fatalf("waits %v; want %v", waits, want)
		}
		// Spraying many accounts from one address slows down too.
		for i := range 25 {
			th.Failed(ctx, fmt.Sprintf("nr%d@jobcenter.dk", i), "203.0.113.77")
		}
		if ok, wait, _ := th.Allow(ctx, "nr99@jobcenter.dk", "203.0.113.77"); ok || wait <= 0 || wait > 30*time.Second {
			t.Fatalf("sprayer after 25 failures: %v %v; want a wait of at most 30s", ok, wait)
		}
	})
}

// During an attack on an account the right password still works from a
// source that has not failed: from a new address before the hourly cap,
// and from an address the account has logged in from before even after it.
// New addresses meet the cap; a success resets the person's own wait.
func TestThrottleRightPasswordDuringAttack(t *testing.T) {
	backends(t, func(t *testing.T, c cache.Cache) {
		ctx := t.Context()
		clk := newClock()
		th := &session.Throttle{Cache: c, Now: clk.Now}
		const victim, home = "offer@jobcenter.dk", "198.51.100.7"
		// Yesterday the person logged in from home.
		if ok, err := allowed(th.Allow(ctx, victim, home)); !ok || err != nil {
			t.Fatal("first login refused")
		}
		th.Succeeded(ctx, victim, home)
		clk.Add(24 * time.Hour)

		// A botnet guesses from many addresses, two guesses each.
		for i := range 20 {
			bot := fmt.Sprintf("203.0.113.%d", i)
			for range 2 {
				if ok, _ := allowed(th.Allow(ctx, victim, bot)); ok {
					th.Failed(ctx, victim, bot)
				}
			}
		}
		// 40 failures: a new, clean address still gets in.
		if ok, wait, err := th.Allow(ctx, victim, "192.0.2.200"); !ok || err != nil {
			t.Fatalf("clean new address during the attack: %v %v %v", ok, wait, err)
		}
		for i := 20; i < 40; i++ {
			bot := fmt.Sprintf("203.0.113.%d", i)
			if ok, _ := allowed(th.Allow(ctx, victim, bot)); ok {
				th.Failed(ctx, victim, bot)
			}
		}
		// Past the cap of 50 an hour: new addresses wait for the hour to end …
		ok, wait, err := th.Allow(ctx, victim, "203.0.113.250")
		if ok || err != nil || wait <= 0 || wait > time.Hour {
			t.Fatalf("unknown address past the cap: %v %v %v; want refused until the hour ends", ok, wait, err)
		}
		// … but the person at home logs in at once.
		if ok, wait, err := th.Allow(ctx, victim, home); !ok || err != nil {
			t.Fatalf("known address during the attack: %v %v %v", ok, wait, err)
		}
		th.Succeeded(ctx, victim, home)
		// A person who mistypes a few times waits at most a few seconds,
		// and a success wipes the slate.
		for range 4 {
			th.Failed(ctx, victim, home)
		}
		if ok, wait, _ := th.Allow(ctx, victim, home); ok || wait != time.Second {
			t.Fatalf("after 4 typos: %v %v; want a 1s wait", ok, wait)
		}
		clk.Add(time.Second)
		if ok, _ := allowed(th.Allow(ctx, victim, home)); !ok {
			t.Fatal("refused after the wait")
		}
		th.Succeeded(ctx, victim, home)
		th.Failed(ctx, victim, home)
		if ok, _ := allowed(th.Allow(ctx, victim, home)); !ok {
			t.Fatal("one typo after a success refused")
		}
		// The next hour the cap starts afresh.
		clk.Add(time.Hour)
		if ok, _ := allowed(th.Allow(ctx, victim, "203.0.113.250")); !ok {
			t.Fatal("new address refused in the next hour")
		}
	})
}
