// Package memsearch is an in-memory search engine built for this
// application's three indexes. It follows Meilisearch's rules, so that the
// embedded engine and the Meilisearch adapter answer alike:
//
//   - every query word must match (matchingStrategy "all"); the last word
//     also matches as a prefix while it is being typed;
//   - case and accents are folded, æ/ø/å to ae/oe/aa, and documents are
//     also indexed under the one-letter ASCII spellings (ø→o, å→a, æ→a or
//     e), so "rengoring", "rengoering" and "rengøring" are the same word;
//   - typos by word length: none under 5 characters, one from 5, two from
//     9, a first-letter edit counting as two; no typos, stemming or
//     compound matching in the company name and CVR fields;
//   - synonyms from search.DefaultSynonyms, including multi-word ones;
//   - ranking by typos, proximity, field (title > tasks > company name >
//     town) and exactness; an explicit sort comes first.
//
// Beyond Meilisearch it matches Danish inflections and compounds both ways
// ("lageret" and "lagerarbejde" find "lager"; see match.go).
//
// A search scans the filter columns of every document and walks the
// postings of the matched words into per-document arrays. At 100,000
// openings that takes a few milliseconds (see the benchmarks), and it keeps
// writes simple: an upsert is visible to the next search.
package memsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"sync"

	"placering/search"
)

// Engine is the in-memory search engine. It is safe for concurrent use.
// The zero value is not usable; call New.
type Engine struct {
	syn     *synonymSet
	indexes map[search.Index]*index // fixed at New; never written after
}

// index is one index: a store that searches read and writes replace or
// change under mu.
type index struct {
	mu sync.RWMutex
	st *store
	// pending records writes made while a Rebuild runs, to replay onto
	// the new store before it replaces st. nil when no rebuild runs.
	pending *[]write

	rebuild sync.Mutex // one Rebuild per index at a time
}

type write struct {
	upsert []encoded
	delete []string
}

// Option configures an Engine.
type Option func(*config)

type config struct{ synonyms search.Synonyms }

// WithSynonyms replaces the synonym list (the default is
// search.DefaultSynonyms()).
func WithSynonyms(s search.Synonyms) Option { return func(c *config) { c.synonyms = s } }

// New returns an empty engine with the three indexes.
func New(opts ...Option) *Engine {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.synonyms == nil {
		c.synonyms = search.DefaultSynonyms()
	}
	e := &Engine{syn: compileSynonyms(c.synonyms), indexes: map[search.Index]*index{}}
	for _, idx := range search.Indexes {
		e.indexes[idx] = &index{st: newStore()}
	}
	return e
}

var _ search.Engine = (*Engine)(nil)

// MatchesInflections reports that this engine matches Danish inflections
// and compounds in both directions (see search.InflectionMatcher).
func (e *Engine) MatchesInflections() bool { return true }

// Setup does nothing: the indexes exist from New and the settings are
// compiled in. It is there to satisfy search.Engine.
func (e *Engine) Setup(ctx context.Context) error { return ctx.Err() }

// Health reports nil: an in-process index is up when the process is.
func (e *Engine) Health(ctx context.Context) error { return ctx.Err() }

func (e *Engine) index(idx search.Index) (*index, error) {
	ix, ok := e.indexes[idx]
	if !ok {
		return nil, fmt.Errorf("memsearch %q: %w", idx, search.ErrUnknownIndex)
	}
	return ix, nil
}

// Upsert adds or replaces documents. They are searchable when it returns.
func (e *Engine) Upsert(ctx context.Context, idx search.Index, docs []search.Document) error {
	ix, err := e.index(idx)
	if err != nil {
		return err
	}
	enc, err := encode(docs)
	if err != nil {
		return fmt.Errorf("memsearch upsert %s: %w", idx, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memsearch upsert %s: %w", idx, err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.st.upsert(enc)
	if ix.pending != nil {
		// Replay decodes the JSON again rather than keeping the
		// caller's maps, which the caller may change after we return.
		for i := range enc {
			enc[i].doc = nil
		}
		*ix.pending = append(*ix.pending, write{upsert: enc})
	}
	return nil
}

// Delete removes documents by id.
func (e *Engine) Delete(ctx context.Context, idx search.Index, ids []string) error {
	ix, err := e.index(idx)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memsearch delete %s: %w", idx, err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.st.remove(ids)
	if ix.pending != nil {
		*ix.pending = append(*ix.pending, write{delete: append([]string(nil), ids...)})
	}
	return nil
}

// Search runs q against idx.
func (e *Engine) Search(ctx context.Context, idx search.Index, q search.Query) (search.Result, error) {
	ix, err := e.index(idx)
	if err != nil {
		return search.Result{}, err
	}
	q, err = q.Normalize()
	if err != nil {
		return search.Result{}, fmt.Errorf("memsearch search %s: %w", idx, err)
	}
	if err := ctx.Err(); err != nil {
		return search.Result{}, fmt.Errorf("memsearch search %s: %w", idx, err)
	}
	p := makePlan(q.Q, e.syn)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.search(q, p), nil
}

// rebuildBatch is how many documents Rebuild indexes at a time.
const rebuildBatch = 1000

// Rebuild builds a new store from docs while the old one keeps serving,
// replays the writes made meanwhile, and swaps the new store in.
func (e *Engine) Rebuild(ctx context.Context, idx search.Index, docs iter.Seq2[search.Document, error]) error {
	ix, err := e.index(idx)
	if err != nil {
		return err
	}
	ix.rebuild.Lock()
	defer ix.rebuild.Unlock()

	ix.mu.Lock()
	ix.pending = &[]write{}
	ix.mu.Unlock()
	swapped := false
	defer func() {
		if !swapped {
			ix.mu.Lock()
			ix.pending = nil
			ix.mu.Unlock()
		}
	}()

	// The source is read without any lock held: it may be a slow
	// database cursor, and searches and writes go on meanwhile.
	ns := newStore()
	batch := make([]search.Document, 0, rebuildBatch)
	flush := func() error {
		enc, err := encode(batch)
		if err != nil {
			return err
		}
		ns.upsert(enc)
		batch = batch[:0]
		return ctx.Err()
	}
	for d, err := range docs {
		if err != nil {
			return fmt.Errorf("memsearch rebuild %s: read documents: %w", idx, err)
		}
		batch = append(batch, d)
		if len(batch) == rebuildBatch {
			if err := flush(); err != nil {
				return fmt.Errorf("memsearch rebuild %s: %w", idx, err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("memsearch rebuild %s: %w", idx, err)
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, w := range *ix.pending {
		if w.upsert != nil {
			for i := range w.upsert {
				if err := json.Unmarshal(w.upsert[i].raw, &w.upsert[i].doc); err != nil {
					return fmt.Errorf("memsearch rebuild %s: replay %s: %w", idx, w.upsert[i].id, err)
				}
			}
			ns.upsert(w.upsert)
		} else {
			ns.remove(w.delete)
		}
	}
	ix.st, ix.pending, swapped = ns, nil, true
	return nil
}

// Len returns the number of documents in idx, for tests and metrics.
func (e *Engine) Len(idx search.Index) int {
	ix, err := e.index(idx)
	if err != nil {
		return 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.st.live
}
