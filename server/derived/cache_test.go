package derived

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// counter is a computation that counts its runs.
type counter struct{ runs atomic.Int64 }

func (c *counter) compute(v string) func() (string, error) {
	return func() (string, error) { c.runs.Add(1); return v, nil }
}

func TestCacheStamp(t *testing.T) {
	var c Cache[int64, string]
	var n counter
	if v, err := c.Get(1, "s1", n.compute("a")); v != "a" || err != nil || n.runs.Load() != 1 {
		t.Fatalf("first get: %q %v, %d runs", v, err, n.runs.Load())
	}
	// A fresh stamp is served from the cache.
	if v, _ := c.Get(1, "s1", n.compute("b")); v != "a" || n.runs.Load() != 1 {
		t.Fatalf("fresh stamp recomputed: %q, %d runs", v, n.runs.Load())
	}
	// A stale stamp recomputes and replaces the entry.
	if v, _ := c.Get(1, "s2", n.compute("b")); v != "b" || n.runs.Load() != 2 {
		t.Fatalf("stale stamp: %q, %d runs", v, n.runs.Load())
	}
	if v, _ := c.Get(1, "s2", n.compute("c")); v != "b" || n.runs.Load() != 2 {
		t.Fatalf("after recompute: %q, %d runs", v, n.runs.Load())
	}
	// Another key is another entry.
	if v, _ := c.Get(2, "s2", n.compute("d")); v != "d" || c.Len() != 2 {
		t.Fatalf("second key: %q, %d entries", v, c.Len())
	}
	// A failed computation keeps nothing.
	boom := errors.New("boom")
	if _, err := c.Get(3, "s1", func() (string, error) { return "", boom }); !errors.Is(err, boom) || c.Len() != 2 {
		t.Fatalf("error: %v, %d entries", err, c.Len())
	}
	if v, _ := c.Get(1, "s2", n.compute("e")); v != "b" {
		t.Fatalf("entry lost: %q", v)
	}
}

func TestCacheUpdate(t *testing.T) {
	var c Cache[string, []int]
	first, _ := c.Update("k", "s1", func(prev []int, stale bool) ([]int, error) {
		if stale || prev != nil {
			t.Errorf("first update saw %v %v", prev, stale)
		}
		return []int{1}, nil
	})
	got, _ := c.Update("k", "s2", func(prev []int, stale bool) ([]int, error) {
		if !stale || len(prev) != 1 || &prev[0] != &first[0] {
			t.Errorf("stale update saw %v %v", prev, stale)
		}
		return append([]int{}, append(prev, 2)...), nil
	})
	if len(got) != 2 {
		t.Fatalf("updated: %v", got)
	}
	c.Update("k", "s2", func([]int, bool) ([]int, error) {
		t.Error("fresh stamp updated")
		return nil, nil
	})
}

func TestCacheBound(t *testing.T) {
	c := Cache[int, int]{Max: 4}
	for i := range 20 {
		c.Get(i, "s", func() (int, error) { return i, nil })
		if c.Len() > 4 {
			t.Fatalf("%d entries after %d keys", c.Len(), i+1)
		}
	}
	// Replacing an entry of a full cache keeps the others.
	full := c.Len()
	c.Get(19, "s2", func() (int, error) { return 0, nil })
	if c.Len() != full {
		t.Fatalf("replacing dropped entries: %d, was %d", c.Len(), full)
	}
	var d Cache[int, int]
	for i := range DefaultMax + 1 {
		d.Get(i, "s", func() (int, error) { return i, nil })
	}
	if d.Len() > DefaultMax {
		t.Fatalf("default bound: %d entries", d.Len())
	}
}

// Run with -race: gets, misses and replacements from many goroutines.
func TestCacheConcurrent(t *testing.T) {
	var c Cache[int, string]
	c.Max = 8
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				key, stamp := i%10, fmt.Sprint(i%3)
				want := fmt.Sprintf("%d@%s", key, stamp)
				v, err := c.Get(key, stamp, func() (string, error) { return want, nil })
				if err != nil || v != want {
					t.Errorf("goroutine %d: %q, want %q (%v)", g, v, want, err)
					return
				}
				_ = c.Len()
			}
		}()
	}
	wg.Wait()
	if c.Len() > 8 {
		t.Fatalf("%d entries", c.Len())
	}
}
