// Package meili is the search.Engine adapter for a Meilisearch server
// (github.com/meilisearch/meilisearch-go). It keeps the rules of the
// embedded engine (search/memsearch) where Meilisearch allows it:
//
//   - every query word must match (matchingStrategy "all"), the last one
//     also as a prefix;
//   - typos by word length (one from 5 characters, two from 9) and none in
//     the company name and CVR fields or in numbers;
//   - the synonyms of search/synonyms.txt, both ways where the file says so;
//   - an explicit sort first ("sort" is the first ranking rule), then
//     relevance;
//   - highlights as safe HTML (search.MarkedHTML over private-use markers).
//
// What Meilisearch cannot do, and what the adapter does about it:
//
//   - Stemming and compound splitting ("lageret" finding "lager"): not
//     available. The adapter does not implement search.InflectionMatcher,
//     so the contract suite skips those cases; the prefix direction works.
//   - Danish letters typed as ASCII ("oresund", "koebenhavn"): Meilisearch
//     folds æ to "ae" and å to "a" but keeps ø, so such spellings would
//     only match through typo tolerance, which the exact fields (company
//     name, CVR) and short words do not get. The adapter therefore adds the
//     ASCII spellings of every word with æ, ø or å to two hidden fields
//     (fold.go) and strips them from hits again.
//   - Facet and hit counts: Meilisearch counts at most
//     pagination.maxTotalHits matches, set to the deepest reachable page
//     (search.MaxPage × search.MaxPerPage = 10,000); a larger total is
//     reported as 10,000.
//
// Writes are asynchronous tasks in Meilisearch; Upsert, Delete, Setup and
// Rebuild wait for their tasks, so that a nil error means searchable.
//
// It needs Meilisearch v1.15 or later (typoTolerance.disableOnNumbers).
// The swap of a Rebuild is sent without the client library, whose request
// carries a "rename" field that servers before v1.18 reject.
//
// Tests: http_test.go checks the exact requests and the handling of the
// responses against exchanges recorded from Meilisearch's API reference
// (testdata/). contract_test.go runs the shared contract suite against a
// real server when MEILI_URL is set and skips otherwise; REQUIRE_MEILI=1
// turns the skip into a failure. REQUIRE_BACKENDS (storetest.Required),
// which CI sets, deliberately does not: Meilisearch cannot be installed
// on the build machine.
package meili

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
)

// Engine is the Meilisearch adapter. It is safe for concurrent use.
type Engine struct {
	client      meilisearch.ServiceManager
	http        *http.Client
	url, apiKey string
	prefix      string
	poll        time.Duration
	taskTimeout time.Duration
	settings    *meilisearch.Settings
	now         func() time.Time // names the temporary index of a Rebuild

	indexes map[search.Index]*indexState // fixed at New; never written after

	// ready is set once Setup has succeeded. Writes run Setup first while
	// it is not, so that a service started while Meilisearch was down
	// creates the indexes (with their settings) once it is back, instead
	// of letting the first document create an index without settings.
	ready   atomic.Bool
	setupMu sync.Mutex
}

// indexState coordinates the writes to one index with its Rebuild.
type indexState struct {
	// Writes hold mu for reading while their task runs; the end of a
	// Rebuild holds it for writing while it replays and swaps, so that no
	// write lands in the old index after its replay.
	mu sync.RWMutex
	// pending collects the writes made while a Rebuild reads its source,
	// to replay onto the new index. nil when no Rebuild runs. The pointer
	// changes under mu (write); the slice grows under pmu.
	pending *[]write
	pmu     sync.Mutex

	rebuild sync.Mutex // one Rebuild per index at a time
}

// write is an applied write, kept for replay. task orders the writes as
// Meilisearch applied them.
type write struct {
	task   int64
	upsert []byte // JSON array of prepared documents
	delete []string
}

// Option configures an Engine.
type Option func(*config)

type config struct {
	apiKey      string
	prefix      string
	client      *http.Client
	poll        time.Duration
	taskTimeout time.Duration
	synonyms    search.Synonyms
}

// WithAPIKey sets the API key (MEILI_API_KEY) sent as a bearer token.
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithIndexPrefix puts p before every index name, so that several test
// runs or deployments can share one server.
func WithIndexPrefix(p string) Option { return func(c *config) { c.prefix = p } }

// WithPollInterval sets how often a task's status is asked for while
// waiting for it (default 50 ms, the client library's default).
func WithPollInterval(d time.Duration) Option { return func(c *config) { c.poll = d } }

// New returns an adapter for the Meilisearch server at rawURL. It does not
// contact the server; call Setup.
func New(rawURL string, opts ...Option) (*Engine, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("meili: MEILI_URL %q is not an http(s) URL", rawURL)
	}
	c := config{poll: 50 * time.Millisecond, taskTimeout: 2 * time.Minute}
	for _, o := range opts {
		o(&c)
	}
	if c.client == nil {
		c.client = &http.Client{Timeout: 30 * time.Second}
	}
	if c.synonyms == nil {
		c.synonyms = search.DefaultSynonyms()
	}
	base := strings.TrimRight(rawURL, "/") // the library appends "/indexes/…"
	sdkOpts := []meilisearch.Option{
		meilisearch.WithCustomClient(c.client),
		// The library's retries (502-504, after 1+2+3 s) would hold a
		// search request for seconds that the caller would rather answer
		// from the database; and writes are retried by the outbox.
		meilisearch.DisableRetries(),
	}
	if c.apiKey != "" {
		sdkOpts = append(sdkOpts, meilisearch.WithAPIKey(c.apiKey))
	}
	e := &Engine{
		client:      meilisearch.New(base, sdkOpts...),
		http:        c.client,
		url:         base,
		apiKey:      c.apiKey,
		prefix:      c.prefix,
		poll:        c.poll,
		taskTimeout: c.taskTimeout,
		settings:    indexSettings(c.synonyms),
		now:         time.Now,
		indexes:     map[search.Index]*indexState{},
	}
	for _, idx := range search.Indexes {
		e.indexes[idx] = &indexState{}
	}
	return e, nil
}

var _ search.Engine = (*Engine)(nil)

// uid is the Meilisearch index name of idx.
func (e *Engine) uid(idx search.Index) string { return e.prefix + string(idx) }

func (e *Engine) state(idx search.Index) (*indexState, error) {
	st, ok := e.indexes[idx]
	if !ok {
		return nil, fmt.Errorf("meili %q: %w", idx, search.ErrUnknownIndex)
	}
	return st, nil
}

// Setup creates the indexes that are missing (primary key "id") and applies
// the settings to all three, waiting for each task.
func (e *Engine) Setup(ctx context.Context) error {
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	return e.setup(ctx)
}

func (e *Engine) setup(ctx context.Context) error {
	for _, idx := range search.Indexes {
		uid := e.uid(idx)
		if err := e.ensureIndex(ctx, uid); err != nil {
			return fmt.Errorf("meili setup %s: %w", uid, err)
		}
		if err := e.applySettings(ctx, uid); err != nil {
			return fmt.Errorf("meili setup %s: %w", uid, err)
		}
	}
	e.ready.Store(true)
	return nil
}

// ensureSetup runs Setup unless it has succeeded before.
func (e *Engine) ensureSetup(ctx context.Context) error {
	if e.ready.Load() {
		return nil
	}
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	if e.ready.Load() {
		return nil
	}
	return e.setup(ctx)
}

// ensureIndex creates index uid unless it exists. Two replicas starting at
// once may both create it; the loser's task fails with
// index_already_exists, which is success here.
func (e *Engine) ensureIndex(ctx context.Context, uid string) error {
	_, err := e.client.GetIndexWithContext(ctx, uid)
	if err == nil {
		return nil
	}
	if apiCode(err) != "index_not_found" {
		return e.mapErr(ctx, err)
	}
	_, err = e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.client.CreateIndexWithContext(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: search.FieldID})
	})
	var te *taskError
	if errors.As(err, &te) && te.code == "index_already_exists" {
		return nil
	}
	return err
}

func (e *Engine) applySettings(ctx context.Context, uid string) error {
	_, err := e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.client.Index(uid).UpdateSettingsWithContext(ctx, e.settings)
	})
	return err
}

// Health asks GET /health; Meilisearch answers {"status": "available"}.
func (e *Engine) Health(ctx context.Context) error {
	h, err := e.client.HealthWithContext(ctx)
	if err != nil {
		return fmt.Errorf("meili health: %w", e.mapErr(ctx, err))
	}
	if h.Status != "available" {
		return fmt.Errorf("meili health: status %q: %w", h.Status, search.ErrUnavailable)
	}
	return nil
}

// Upsert adds or replaces whole documents and waits until they are
// searchable.
func (e *Engine) Upsert(ctx context.Context, idx search.Index, docs []search.Document) error {
	st, err := e.state(idx)
	if err != nil {
		return err
	}
	if err := search.CheckDocuments(docs); err != nil {
		return fmt.Errorf("meili upsert %s: %w", idx, err)
	}
	if len(docs) == 0 {
		return nil
	}
	body, err := encodeDocuments(docs)
	if err != nil {
		return fmt.Errorf("meili upsert %s: %w", idx, err)
	}
	if err := e.ensureSetup(ctx); err != nil {
		return fmt.Errorf("meili upsert %s: %w", idx, err)
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	task, err := e.addDocuments(ctx, e.uid(idx), body)
	if err != nil {
		return fmt.Errorf("meili upsert %s: %w", idx, err)
	}
	st.record(write{task: task, upsert: body})
	return nil
}

// Delete removes documents by id and waits until they are gone from
// searches. Ids that cannot be document ids cannot be in the index and are
// skipped rather than sent.
func (e *Engine) Delete(ctx context.Context, idx search.Index, ids []string) error {
	st, err := e.state(idx)
	if err != nil {
		return err
	}
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if search.ValidID(id) {
			valid = append(valid, id)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	if err := e.ensureSetup(ctx); err != nil {
		return fmt.Errorf("meili delete %s: %w", idx, err)
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	task, err := e.deleteDocuments(ctx, e.uid(idx), valid)
	if err != nil {
		return fmt.Errorf("meili delete %s: %w", idx, err)
	}
	st.record(write{task: task, delete: valid})
	return nil
}

// record keeps w for the Rebuild that runs, if any. The caller holds mu
// for reading.
func (st *indexState) record(w write) {
	if st.pending == nil {
		return
	}
	st.pmu.Lock()
	*st.pending = append(*st.pending, w)
	st.pmu.Unlock()
}

func (e *Engine) addDocuments(ctx context.Context, uid string, body []byte) (int64, error) {
	pk := search.FieldID
	return e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		// The primary key is named on every write: should the index
		// ever be created by a write, Meilisearch would otherwise have
		// to guess it among id, company_id and jobcentre_id, and fail.
		return e.client.Index(uid).AddDocumentsWithContext(ctx, body, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	})
}

func (e *Engine) deleteDocuments(ctx context.Context, uid string, ids []string) (int64, error) {
	return e.run(ctx, func() (*meilisearch.TaskInfo, error) {
		return e.client.Index(uid).DeleteDocumentsWithContext(ctx, ids, nil)
	})
}
