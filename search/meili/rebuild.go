package meili

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
)

// rebuildBatch is how many documents Rebuild sends per task.
const rebuildBatch = 1000

// Rebuild fills a new index, <uid>_tmp_<nanoseconds>, with the settings of
// the live one, from docs, while the live index keeps answering; replays
// the writes made through this Engine meanwhile; swaps the two (POST
// /swap-indexes, atomic in Meilisearch) and deletes the old content. If
// docs fails or ctx ends first, the new index is deleted and the live one
// is untouched.
func (e *Engine) Rebuild(ctx context.Context, idx search.Index, docs iter.Seq2[search.Document, error]) error {
	st, err := e.state(idx)
	if err != nil {
		return err
	}
	if err := e.ensureSetup(ctx); err != nil {
		return fmt.Errorf("meili rebuild %s: %w", idx, err)
	}
	st.rebuild.Lock()
	defer st.rebuild.Unlock()

	live := e.uid(idx)
	tmp := live + "_tmp_" + strconv.FormatInt(e.now().UnixNano(), 10)
	if err := e.createWithSettings(ctx, tmp); err != nil {
		e.dropIndex(ctx, tmp)
		return fmt.Errorf("meili rebuild %s: create %s: %w", idx, tmp, err)
	}

	st.mu.Lock()
	st.pending = &[]write{}
	st.mu.Unlock()
	swapped := false
	defer func() {
		if !swapped {
			st.mu.Lock()
			st.pending = nil
			st.mu.Unlock()
			e.dropIndex(ctx, tmp)
		}
	}()

	// The source is read without holding st.mu: it may be a slow database
	// cursor, and writes to the live index go on meanwhile.
	if err := e.fill(ctx, tmp, docs); err != nil {
		return fmt.Errorf("meili rebuild %s: %w", idx, err)
	}

	st.mu.Lock()
	defer st.mu.Unlock()
	writes := *st.pending
	slices.SortFunc(writes, func(a, b write) int { return cmp.Compare(a.task, b.task) })
	for _, w := range writes {
		if w.upsert != nil {
			_, err = e.addDocuments(ctx, tmp, w.upsert)
		} else {
			_, err = e.deleteDocuments(ctx, tmp, w.delete)
		}
		if err != nil {
			return fmt.Errorf("meili rebuild %s: replay task %d: %w", idx, w.task, err)
		}
	}
	_, err = e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.post(ctx, "/swap-indexes", []map[string][]string{{"indexes": {live, tmp}}})
	})
	if err != nil {
		return fmt.Errorf("meili rebuild %s: swap with %s: %w", idx, tmp, err)
	}
	st.pending, swapped = nil, true
	// tmp now holds the old documents. Failing to delete them leaves a
	// stray index but a good rebuild, so the error is not returned.
	e.dropIndex(ctx, tmp)
	return nil
}

// createWithSettings creates index uid with the index settings.
func (e *Engine) createWithSettings(ctx context.Context, uid string) error {
	_, err := e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.client.CreateIndexWithContext(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: search.FieldID})
	})
	if err != nil {
		return err
	}
	return e.applySettings(ctx, uid)
}

// fill writes docs into index uid in batches, each checked whole.
func (e *Engine) fill(ctx context.Context, uid string, docs iter.Seq2[search.Document, error]) error {
	batch := make([]search.Document, 0, rebuildBatch)
	flush := func() error {
		if len(batch) == 0 {
			return ctx.Err()
		}
		if err := search.CheckDocuments(batch); err != nil {
			return err
		}
		body, err := encodeDocuments(batch)
		if err != nil {
			return err
		}
		batch = batch[:0]
		_, err = e.addDocuments(ctx, uid, body)
		return err
	}
	for d, err := range docs {
		if err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		batch = append(batch, d)
		if len(batch) == rebuildBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// dropIndex deletes index uid and waits, best effort: it cleans up after a
// rebuild, whose outcome does not depend on it. It runs even when ctx has
// ended, which is one of the reasons to clean up.
func (e *Engine) dropIndex(ctx context.Context, uid string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	_, _ = e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.client.DeleteIndexWithContext(ctx, uid)
	})
}
