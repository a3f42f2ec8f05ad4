// Package indexer keeps the search index in step with the database. It
// builds search documents from stored rows, applies the store's search
// outbox to the search engine (with retries and backoff, safe with several
// replicas), and rebuilds whole indexes from the database for a reindex.
// It joins the two layers, so it may import placering/models,
// placering/search and placering/store, and nothing under server/; the
// search package itself stays free of the store.
package indexer

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"strconv"
	"time"

	"placering/models"
	"placering/search"
	"placering/store"
)

// Indexer applies outbox entries to Engine. Store and Engine are required.
type Indexer struct {
	Store  *store.Store
	Engine search.Engine
	Log    *slog.Logger
	// Interval between polls of the outbox; zero means 200 ms, which keeps
	// write-to-searchable well under a second.
	Interval time.Duration
	// Batch is how many entries one transaction claims; zero means 200.
	Batch int
}

// Run applies the outbox until ctx ends. Errors are logged and retried:
// the outbox keeps every pending change, so nothing is lost meanwhile.
func (ix *Indexer) Run(ctx context.Context) {
	interval := ix.Interval
	if interval <= 0 {
		interval = 200 * time.Millisecond
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := ix.Drain(ctx); err != nil && ctx.Err() == nil && ix.Log != nil {
			ix.Log.Warn("search outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-ix.Store.OutboxReady(): // a write of this process committed
		}
	}
}

// Drain applies due outbox entries until none is left that is due, and
// returns how many it handled.
func (ix *Indexer) Drain(ctx context.Context) (int, error) {
	batch := ix.Batch
	if batch <= 0 {
		batch = 200
	}
	total := 0
	for {
		n, err := ix.Store.ProcessOutbox(ctx, batch, ix.apply)
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

// apply brings each named document up to date: rows that are live are
// upserted as they are now, rows archived or gone are deleted.
func (ix *Indexer) apply(ctx context.Context, tx *store.Store, batch []store.OutboxEntry) map[int64]error {
	byIndex := map[string][]store.OutboxEntry{}
	for _, e := range batch {
		byIndex[e.IndexName] = append(byIndex[e.IndexName], e)
	}
	failed := map[int64]error{}
	for index, entries := range byIndex {
		ids := make([]int64, 0, len(entries))
		for _, e := range entries {
			id, err := strconv.ParseInt(e.DocID, 10, 64)
			if err != nil {
				continue // not ours to fix by retrying; dropping it is right
			}
			ids = append(ids, id)
		}
		err := ix.sync(ctx, tx, search.Index(index), ids)
		if err != nil {
			for _, e := range entries {
				failed[e.ID] = err
			}
		}
	}
	return failed
}

// sync makes the index hold exactly the live rows among ids.
func (ix *Indexer) sync(ctx context.Context, tx *store.Store, idx search.Index, ids []int64) error {
	var (
		docs []search.Document
		err  error
	)
	switch idx {
	case search.Openings:
		var rows []models.Opening
		if rows, err = tx.OpeningsByID(ctx, ids); err == nil {
			docs, err = OpeningDocs(ctx, tx, live(rows, searchable))
		}
	case search.Virksomhedscentre:
		var rows []models.Virksomhedscenter
		if rows, err = tx.VirksomhedscentreByID(ctx, ids); err == nil {
			docs, err = VirksomhedscenterDocs(ctx, tx, live(rows, func(v models.Virksomhedscenter) bool { return !v.Archived() }))
		}
	case search.Companies:
		var rows []models.Company
		if rows, err = tx.CompaniesByID(ctx, ids); err == nil {
			for _, c := range rows {
				if !c.Archived() {
					docs = append(docs, search.CompanyDoc(c))
				}
			}
		}
	default:
		return nil // an index this version does not know: drop the entry
	}
	if err != nil {
		return fmt.Errorf("load %s: %w", idx, err)
	}
	present := map[string]bool{}
	for _, d := range docs {
		present[d.ID()] = true
	}
	var gone []string
	for _, id := range ids {
		if s := strconv.FormatInt(id, 10); !present[s] {
			gone = append(gone, s)
		}
	}
	if len(docs) > 0 {
		if err := ix.Engine.Upsert(ctx, idx, docs); err != nil {
			return fmt.Errorf("upsert %s: %w", idx, err)
		}
	}
	if len(gone) > 0 {
		if err := ix.Engine.Delete(ctx, idx, gone); err != nil {
			return fmt.Errorf("delete from %s: %w", idx, err)
		}
	}
	return nil
}

// searchable reports whether an opening belongs in the index: live, and
// not awaiting the jobcentre's review (til_godkendelse), which no one but
// its company and its jobcentre's staff may see.
func searchable(o models.Opening) bool { return !o.Archived() && o.Status != models.StatusToReview }

func live[T any](rows []T, keep func(T) bool) []T {
	out := rows[:0:0]
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// OpeningDocs builds search documents for openings, looking up their
// companies' names in one query.
func OpeningDocs(ctx context.Context, s *store.Store, rows []models.Opening) ([]search.Document, error) {
	ids := make([]int64, len(rows))
	openingIDs := make([]int64, len(rows))
	for i, o := range rows {
		ids[i], openingIDs[i] = o.CompanyID, o.ID
	}
	names, err := s.CompanyNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	taken, err := s.SeatsTaken(ctx, openingIDs)
	if err != nil {
		return nil, err
	}
	docs := make([]search.Document, len(rows))
	for i, o := range rows {
		docs[i] = search.OpeningDoc(o, names[o.CompanyID], max(0, o.Seats-taken[o.ID]))
	}
	return docs, nil
}

// VirksomhedscenterDocs builds search documents for virksomhedscentre with their
// companies.
func VirksomhedscenterDocs(ctx context.Context, s *store.Store, rows []models.Virksomhedscenter) ([]search.Document, error) {
	ids := make([]int64, len(rows))
	for i, v := range rows {
		ids[i] = v.CompanyID
	}
	companies, err := s.CompaniesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]models.Company, len(companies))
	for _, c := range companies {
		byID[c.ID] = c
	}
	docs := make([]search.Document, len(rows))
	for i, v := range rows {
		docs[i] = search.VirksomhedscenterDoc(v, byID[v.CompanyID], v.Seats)
	}
	return docs, nil
}

// clockSkew is how far apart the clocks of the replicas that stamp
// updated_at may be; the reindex catch-up looks back this much further.
const clockSkew = 2 * time.Minute

// Reindex rebuilds every index from the database without downtime: each
// index is built aside and swapped in by the engine.
//
// Writes made through e while it runs are replayed by the engine itself.
// Writes applied by other replicas' workers during the rebuild went to the
// old index, so after the swaps Reindex enqueues every row changed since it
// started; the outbox worker (of any replica, or the caller's Drain) then
// brings those documents into the new index.
func Reindex(ctx context.Context, s *store.Store, e search.Engine) error {
	started := time.Now()
	for _, idx := range search.Indexes {
		if err := e.Rebuild(ctx, idx, documents(ctx, s, idx)); err != nil {
			return fmt.Errorf("rebuild %s: %w", idx, err)
		}
	}
	if err := s.EnqueueChangedSince(ctx, started.Add(-clockSkew)); err != nil {
		return fmt.Errorf("enqueue changes made during reindex: %w", err)
	}
	return nil
}

// documents streams every live row of idx as search documents.
func documents(ctx context.Context, s *store.Store, idx search.Index) iter.Seq2[search.Document, error] {
	return func(yield func(search.Document, error) bool) {
		emit := func(docs []search.Document, err error) bool {
			if err != nil {
				yield(nil, err)
				return false
			}
			for _, d := range docs {
				if !yield(d, nil) {
					return false
				}
			}
			return true
		}
		var err error
		switch idx {
		case search.Openings:
			err = s.EachOpening(ctx, 1000, func(b []models.Opening) bool { return emit(OpeningDocs(ctx, s, live(b, searchable))) })
		case search.Virksomhedscentre:
			err = s.EachVirksomhedscenter(ctx, 1000, func(b []models.Virksomhedscenter) bool { return emit(VirksomhedscenterDocs(ctx, s, b)) })
		case search.Companies:
			err = s.EachCompany(ctx, 1000, func(b []models.Company) bool {
				docs := make([]search.Document, len(b))
				for i, c := range b {
					docs[i] = search.CompanyDoc(c)
				}
				return emit(docs, nil)
			})
		}
		if err != nil {
			yield(nil, err)
		}
	}
}
