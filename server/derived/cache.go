package derived

import "sync"

// DefaultMax is the bound of a Cache whose Max is zero.
const DefaultMax = 256

// Cache keeps values under a key, each valid for one stamp; see the
// package documentation for the contract. The zero value is ready to use.
type Cache[K comparable, V any] struct {
	// Max bounds the number of entries; zero means DefaultMax.
	Max int

	mu      sync.Mutex
	entries map[K]entry[V]
}

// entry is a value and the stamp it was computed for.
type entry[V any] struct {
	stamp string
	value V // shared between callers; never modified
}

// Get returns the value kept under key for stamp, or computes, keeps and
// returns it.
func (c *Cache[K, V]) Get(key K, stamp string, compute func() (V, error)) (V, error) {
	return c.Update(key, stamp, func(V, bool) (V, error) { return compute() })
}

// Update is Get for values that can be brought up to date: on a miss,
// update gets the value kept under key for another stamp (stale true), or
// the zero value (stale false) when there is none.
func (c *Cache[K, V]) Update(key K, stamp string, update func(prev V, stale bool) (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.stamp == stamp {
		return e.value, nil
	}
	v, err := update(e.value, ok)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, kept := c.entries[key]; c.entries == nil || (!kept && len(c.entries) >= c.max()) {
		c.entries = map[K]entry[V]{}
	}
	c.entries[key] = entry[V]{stamp: stamp, value: v}
	return v, nil
}

// Len is the number of entries kept.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *Cache[K, V]) max() int {
	if c.Max > 0 {
		return c.Max
	}
	return DefaultMax
}
