package app

import (
	"context"
	"sync"

	"placering/models"
	"placering/store"
)

// derivedCache keeps results computed from a jobcentre's progression data
// (alerts, reports). An entry is used only while its stamp (the store's
// progression fingerprint and the day) is unchanged, so it never outlives
// the data it came from: a write on another replica changes the
// fingerprint too. The zero value is ready to use.
type derivedCache[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]derivedEntry[V]
}

type derivedEntry[V any] struct {
	stamp string
	value V // shared between callers; never modified
}

// maxDerivedEntries bounds a cache whose keys callers choose (report
// ranges); past it the cache starts over.
const maxDerivedEntries = 256

// get returns the value cached under key with the given stamp, or computes
// and keeps it. Concurrent misses may compute twice; the result is the
// same, and the lock is not held while computing.
func (c *derivedCache[K, V]) get(key K, stamp string, compute func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.stamp == stamp {
		return e.value, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxDerivedEntries {
		c.entries = map[K]derivedEntry[V]{}
	}
	c.entries[key] = derivedEntry[V]{stamp: stamp, value: v}
	c.mu.Unlock()
	return v, nil
}

// progressionStamp is what results derived from a jobcentre's progression
// data on the current day are valid for.
func (a *App) progressionStamp(ctx context.Context, jc int64) (string, error) {
	fp, err := a.Store.ProgressionFingerprint(ctx, jc)
	if err != nil {
		return "", err
	}
	return models.DateOf(a.Now()).String() + "|" + fp, nil
}

// cachedAlerts returns the jobcentre's alerts without acknowledgements,
// computed at most once per change of its data.
func (a *App) cachedAlerts(ctx context.Context, jc int64) ([]AlertItem, error) {
	stamp, err := a.progressionStamp(ctx, jc)
	if err != nil {
		return nil, err
	}
	return a.alerts.get(jc, stamp, func() ([]AlertItem, error) {
		return a.computeAlerts(ctx, store.CitizenFilterLite{JobcentreID: jc})
	})
}
