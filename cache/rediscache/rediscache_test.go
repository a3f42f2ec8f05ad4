package rediscache

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"placering/cache"
	"placering/cache/cachetest"
)

// newTestCache returns a cache on TEST_REDIS_URL under a key prefix unique
// to this process and call, so parallel packages and repeated runs sharing
// one Redis never see each other's keys. Clean-up deletes only that prefix.
func newTestCache(tb testing.TB) *Cache {
	tb.Helper()
	url := cachetest.RedisURL(tb)
	prefix := fmt.Sprintf("placering-test:%d:%s:", os.Getpid(), rand.Text()[:10])
	c, err := New(url, WithPrefix(prefix))
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Ping(ctx); err != nil {
		tb.Fatalf("TEST_REDIS_URL is set but Redis does not answer: %v", err)
	}
	tb.Cleanup(func() {
		c.Close()
		if err := flushPrefix(url, prefix); err != nil {
			tb.Errorf("clean up %s*: %v", prefix, err)
		}
	})
	return c
}

// flushPrefix deletes every key under prefix with a client of its own, since
// the cache itself may already be closed by the test.
func flushPrefix(url, prefix string) error {
	o, err := redis.ParseURL(url)
	if err != nil {
		return err
	}
	rdb := redis.NewClient(o)
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iter := rdb.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var batch []string
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			if err := rdb.Unlink(ctx, batch...).Err(); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return rdb.Unlink(ctx, batch...).Err()
	}
	return nil
}

func TestContract(t *testing.T) {
	cachetest.RedisURL(t) // skip (or fail under CI) once, not in every subtest
	cachetest.Run(t, func(t *testing.T) cache.Cache { return newTestCache(t) })
}

func BenchmarkCache(b *testing.B) {
	cachetest.Benchmark(b, func(b *testing.B) cache.Cache { return newTestCache(b) })
}

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "  ", "http://127.0.0.1:6379", "redis://127.0.0.1:6379/notadb"} {
		if c, err := New(u); err == nil {
			c.Close()
			t.Errorf("New(%q) succeeded; want error", u)
		}
	}
	c, err := New("redis://127.0.0.1:6379/0")
	if err != nil {
		t.Fatalf("New(valid URL): %v", err)
	}
	c.Close()
}

// TestPrefixIsolates checks that WithPrefix really keeps two caches on the
// same database apart, which the test clean-up and shared deployments rely on.
func TestPrefixIsolates(t *testing.T) {
	cachetest.RedisURL(t)
	a, b := newTestCache(t), newTestCache(t)
	ctx := t.Context()
	if err := a.Set(ctx, "k", []byte("a"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(ctx, "k"); err == nil {
		t.Fatal("a key set under one prefix is visible under another")
	}
}

func TestUnreachableServer(t *testing.T) {
	// Port 1 on loopback refuses at once; Ping must report it, not hang.
	c, err := New("redis://127.0.0.1:1/0?dial_timeout=1s&max_retries=-1")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	if err := c.Ping(ctx); err == nil {
		t.Fatal("Ping to a closed port succeeded")
	}
}
