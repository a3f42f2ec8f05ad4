package app

import (
	"context"
	"sync"
	"time"

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
	m, err := a.Store.ProgressionMark(ctx, jc)
	if err != nil {
		return "", err
	}
	return models.DateOf(a.Now()).String() + "|" + m.Fingerprint, nil
}

// alertCache keeps each jobcentre's computed alerts. When the data has
// changed since, only the citizens whose inputs changed are recomputed and
// spliced in, so the dashboard stays fast while hours are being entered;
// a new day or new thresholds recompute everything. The zero value is
// ready to use.
type alertCache struct {
	mu      sync.Mutex
	entries map[int64]*alertEntry
}

type alertEntry struct {
	mark     store.ProgressionMark
	asOf     models.Date
	computed time.Time   // when the reads behind items began
	items    []AlertItem // in due order, without acknowledgements; never modified
}

// writeSkew covers the time between a write's updated_at stamp and its
// commit, and clock differences between replicas: changes stamped this
// long before an entry was computed are looked for again.
const writeSkew = 5 * time.Second

// maxSplice is how many changed citizens are recomputed one by one before
// a full recompute is cheaper.
const maxSplice = 500

// cachedAlerts returns the jobcentre's alerts without acknowledgements.
func (a *App) cachedAlerts(ctx context.Context, jc int64) ([]AlertItem, error) {
	c := &a.alerts
	start := time.Now()
	mark, err := a.Store.ProgressionMark(ctx, jc)
	if err != nil {
		return nil, err
	}
	asOf := models.DateOf(a.Now())
	c.mu.Lock()
	e := c.entries[jc]
	c.mu.Unlock()
	if e != nil && e.asOf == asOf && e.mark.Fingerprint == mark.Fingerprint {
		return e.items, nil
	}
	var items []AlertItem
	if e != nil && e.asOf == asOf && e.mark.Settings == mark.Settings {
		items, err = a.spliceAlerts(ctx, jc, e)
	}
	if items == nil && err == nil {
		items, err = a.computeAlerts(ctx, store.CitizenFilterLite{JobcentreID: jc})
	}
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[int64]*alertEntry{}
	}
	c.entries[jc] = &alertEntry{mark: mark, asOf: asOf, computed: start, items: items}
	c.mu.Unlock()
	return items, nil
}

// spliceAlerts recomputes the alerts of the citizens changed since e and
// merges them into e's. It returns nil items when too much changed.
func (a *App) spliceAlerts(ctx context.Context, jc int64, e *alertEntry) ([]AlertItem, error) {
	changed, err := a.Store.ProgressionChangedCitizens(ctx, jc, e.mark.Revision, e.computed.Add(-writeSkew))
	if err != nil || len(changed) > maxSplice {
		return nil, err
	}
	fresh := []AlertItem{}
	if len(changed) > 0 {
		if fresh, err = a.computeAlerts(ctx, store.CitizenFilterLite{JobcentreID: jc, IDs: changed}); err != nil {
			return nil, err
		}
	}
	gone := make(map[int64]bool, len(changed))
	for _, id := range changed {
		gone[id] = true
	}
	out := make([]AlertItem, 0, len(e.items)+len(fresh))
	for _, it := range e.items {
		if !gone[it.CitizenID] {
			out = append(out, it)
		}
	}
	out = append(out, fresh...)
	sortAlerts(out)
	return out, nil
}
