package app

import (
	"context"
	"time"

	"placering/models"
	"placering/store"
)

// Results derived from a jobcentre's progression data (alerts, reports)
// are kept in derived.Cache values on App, stamped by progressionStamp:
// the day and the store's progression fingerprint, so that an entry never
// outlives the data it came from, on any replica.

// progressionStamp is what results derived from a jobcentre's progression
// data on the current day are valid for.
func (a *App) progressionStamp(ctx context.Context, jc int64) (string, error) {
	m, err := a.store.ProgressionMark(ctx, jc)
	if err != nil {
		return "", err
	}
	return stampOf(models.DateOf(a.Now()), m), nil
}

// stampOf is the stamp of a jobcentre's progression data on day asOf.
func stampOf(asOf models.Date, m store.ProgressionMark) string {
	return asOf.String() + "|" + m.Fingerprint
}

// alertEntry is a jobcentre's computed alerts and what they came from.
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
// When the data has changed since they were computed, only the citizens
// whose inputs changed are recomputed and spliced in, so the dashboard
// stays fast while hours are being entered; a new day or new thresholds
// recompute everything.
func (a *App) cachedAlerts(ctx context.Context, jc int64) ([]AlertItem, error) {
	start := time.Now()
	mark, err := a.store.ProgressionMark(ctx, jc)
	if err != nil {
		return nil, err
	}
	asOf := models.DateOf(a.Now())
	e, err := a.alerts.Update(jc, stampOf(asOf, mark), func(prev alertEntry, stale bool) (alertEntry, error) {
		var items []AlertItem
		var err error
		if stale && prev.asOf == asOf && prev.mark.Settings == mark.Settings {
			items, err = a.spliceAlerts(ctx, jc, prev)
		}
		if items == nil && err == nil {
			items, err = a.computeAlerts(ctx, store.CitizenFilterLite{JobcentreID: jc})
		}
		if err != nil {
			return alertEntry{}, err
		}
		return alertEntry{mark: mark, asOf: asOf, computed: start, items: items}, nil
	})
	if err != nil {
		return nil, err
	}
	return e.items, nil
}

// spliceAlerts recomputes the alerts of the citizens changed since e and
// merges them into e's. It returns nil items when too much changed.
func (a *App) spliceAlerts(ctx context.Context, jc int64, e alertEntry) ([]AlertItem, error) {
	changed, err := a.store.ProgressionChangedCitizens(ctx, jc, e.mark.Revision, e.computed.Add(-writeSkew))
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
