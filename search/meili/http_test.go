package meili

import (
	"context"
	"errors"
	"math"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/search"
)

// These tests drive the adapter against the replay server (replay_test.go)
// with exchanges recorded from Meilisearch's documented HTTP API.

// rebuildNanos names the temporary index in rebuild*.json.
const rebuildNanos = 1767261600000000000

func newTestEngine(t *testing.T, url string) *Engine {
	t.Helper()
	e, err := New(url, WithAPIKey("test-key"), WithPollInterval(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	e.now = func() time.Time { return time.Unix(0, rebuildNanos) }
	return e
}

// readyEngine is an engine whose Setup has run, for tests of other calls.
func readyEngine(t *testing.T, r *replay) *Engine {
	e := newTestEngine(t, r.URL())
	e.ready.Store(true)
	return e
}

func TestSetupCreatesIndexesAndAppliesSettings(t *testing.T) {
	r := newReplay(t, "setup.json")
	e := newTestEngine(t, r.URL())
	if err := e.Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	var patches []any
	for _, req := range r.requests() {
		if got := req.Header.Get("Authorization"); got != "Bearer test-key" {
			t.Errorf("%s %s: Authorization %q", req.Method, req.Path, got)
		}
		if req.Method == "PATCH" {
			patches = append(patches, req.Body)
		}
	}
	if len(patches) != 3 {
		t.Fatalf("%d settings updates, want 3", len(patches))
	}
	if !reflect.DeepEqual(patches[0], patches[1]) || !reflect.DeepEqual(patches[0], patches[2]) {
		t.Error("the three indexes got different settings")
	}
	syn, _ := patches[0].(map[string]any)["synonyms"].(map[string]any)
	has := func(key, want string) {
		t.Helper()
		for _, v := range asStrings(syn[key]) {
			if v == want {
				return
			}
		}
		t.Errorf("synonyms[%q] = %v, want it to include %q", key, syn[key], want)
	}
	// A group of equals works both ways.
	has("sosu", "social- og sundhedshjælper")
	has("social- og sundhedshjælper", "sosu")
	has("kantine", "køkken")
	// Keys with æ, ø or å also come in their ASCII spellings.
	has("kokken", "kantine")
	has("koekken", "køkken")
	has("social- og sundhedshjaelper", "sosu")
	if len(syn) <= len(search.DefaultSynonyms()) {
		t.Errorf("%d synonym keys, want more than the file's %d", len(syn), len(search.DefaultSynonyms()))
	}
}

func asStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Two replicas starting at once: the index another one created between our
// GET and POST is not an error.
func TestSetupToleratesIndexCreatedMeanwhile(t *testing.T) {
	r := newReplay(t, "setup_race.json")
	if err := newTestEngine(t, r.URL()).Setup(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A write runs Setup first if it has not succeeded yet (the service started
// while Meilisearch was down), so no index is created without settings.
func TestFirstWriteRunsSetup(t *testing.T) {
	r := newReplay(t, "setup.json", "upsert.json")
	e := newTestEngine(t, r.URL())
	if err := e.Upsert(context.Background(), search.Openings, []search.Document{doc7()}); err != nil {
		t.Fatal(err)
	}
}

func doc7() search.Document {
	return search.Document{
		"id": "7", "title": "Lagermedarbejder i Køge", "company_name": "Øresund Transport A/S", "town": "Køge",
		"kind": "igu", "hours_min": 10, "_geo": map[string]any{"lat": 55.458, "lng": 12.1821},
	}
}

func TestUpsertWaitsUntilTaskSucceeded(t *testing.T) {
	r := newReplay(t, "upsert.json")
	e := readyEngine(t, r)
	if err := e.Upsert(context.Background(), search.Openings, []search.Document{doc7()}); err != nil {
		t.Fatal(err)
	}
	// Upsert returned only after the poll that saw "succeeded".
	got := r.requests()
	if n := len(got); n != 4 || got[n-1].Path != "/tasks/10" {
		t.Fatalf("requests %v: want the document POST and three polls of task 10", got)
	}
}

func TestFailedTaskIsAnError(t *testing.T) {
	r := newReplay(t, "upsert_failed.json")
	e := readyEngine(t, r)
	ctx := context.Background()
	err := e.Upsert(ctx, search.Openings, []search.Document{doc7()})
	if !errors.Is(err, search.ErrInvalidDocument) || !strings.Contains(err.Error(), "invalid latitude") {
		t.Errorf("rejected document: %v, want ErrInvalidDocument with Meilisearch's message", err)
	}
	if errors.Is(err, search.ErrUnavailable) {
		t.Errorf("rejected document reported as unavailable: %v", err)
	}
	err = e.Upsert(ctx, search.Openings, []search.Document{doc7()})
	if !errors.Is(err, search.ErrUnavailable) || errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("disk full: %v, want ErrUnavailable", err)
	}
}

func TestDeleteSendsValidIDsAndWaits(t *testing.T) {
	r := newReplay(t, "delete.json")
	e := readyEngine(t, r)
	if err := e.Delete(context.Background(), search.Openings, []string{"101", "does-not-exist", "no spaces/allowed"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Delete(context.Background(), search.Openings, []string{"a b"}); err != nil {
		t.Fatalf("only invalid ids: %v, want nil and no request", err)
	}
}

func TestSearchTranslatesEveryFilter(t *testing.T) {
	r := newReplay(t, "search_filters.json")
	e := readyEngine(t, r)
	res, err := e.Search(context.Background(), search.Openings, search.Query{
		Q:               `lager "truck" -pak`,
		Kinds:           []string{"virksomhedspraktik", "loentilskud", "loentilskud"},
		Branches:        []string{"transport_lager_logistik"},
		Statuses:        []string{"open"},
		TargetGroups:    []string{"gruppe2"},
		JobcentreIDs:    []int64{1, 2},
		CompanyIDs:      []int64{3},
		HoursMin:        12.5,
		HoursMax:        30,
		SeatsFreeMin:    2,
		MentorAvailable: true,
		MaxDanishLevel:  models.DanishBasic,
		Sort:            search.SortStartDateDesc,
		Page:            2,
		PerPage:         5,
		Facets:          []string{"branch", "kind", "status"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 7 || res.Page != 2 || res.PerPage != 5 {
		t.Errorf("total %d page %d per %d, want 7, 2, 5", res.Total, res.Page, res.PerPage)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{"103", "104"}) {
		t.Errorf("hits %v", got)
	}
	want := map[string]map[string]int{
		"branch": {"transport_lager_logistik": 7},
		"kind":   {"loentilskud": 3, "virksomhedspraktik": 4},
		"status": {"open": 7},
	}
	if !reflect.DeepEqual(res.Facets, want) {
		t.Errorf("facets %v, want %v", res.Facets, want)
	}
	h := res.Hits[0]
	for _, k := range []string{fieldFoldedText, fieldFoldedExact, "_formatted", "_geoDistance"} {
		if _, ok := h.Document[k]; ok {
			t.Errorf("hit document has %q", k)
		}
	}
	if h.Document.String("title") != "Lagerarbejde" || h.Document.Bool("mentor_available") != true {
		t.Errorf("document %v", h.Document)
	}
	if n, ok := h.Document.Int("start_date_int"); !ok || n != 20270301 {
		t.Errorf("start_date_int %v", h.Document["start_date_int"])
	}
	if h.DistanceKm != nil {
		t.Errorf("distance_km %v without a point", *h.DistanceKm)
	}
	if got := string(h.Formatted["title"]); got != "<mark>Lager</mark>arbejde" {
		t.Errorf("title highlight %q", got)
	}
	if got := string(res.Hits[1].Formatted["tasks"]); got != "Kørsel med gaffel<mark>truck</mark>." {
		t.Errorf("tasks highlight %q", got)
	}
}

func TestSearchGeoDistanceAndSafeHighlights(t *testing.T) {
	r := newReplay(t, "search_geo.json")
	e := readyEngine(t, r)
	near := search.Point{Lat: 56.0361, Lon: 12.6136}
	res, err := e.Search(context.Background(), search.Openings, search.Query{
		Q: "opvask", Kinds: []string{"igu", "loentilskud"}, Near: &near, RadiusKm: 25, Sort: search.SortDistance,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{"111", "105"}) {
		t.Fatalf("hits %v", got)
	}
	for i, want := range []float64{0.23, 0.512} { // _geoDistance is in metres
		if d := res.Hits[i].DistanceKm; d == nil || math.Abs(*d-want) > 1e-9 {
			t.Errorf("hit %s: distance_km %v, want %v", res.Hits[i].ID(), d, want)
		}
	}
	// The document's own markup is escaped; only the highlight markers
	// become tags.
	f := res.Hits[0].Formatted
	if got, want := string(f["title"]), "Rengøring &amp; <mark>opvask</mark> &lt;script&gt;alert(1)&lt;/script&gt;"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got := string(f["town"]); got != "Helsingør" {
		t.Errorf("town %q", got)
	}
	if got := string(res.Hits[1].Formatted["tasks"]); got != "Forberedelse af mad og <mark>opvask</mark>." {
		t.Errorf("tasks %q", got)
	}
	if _, ok := res.Hits[1].Document[fieldFoldedText]; ok {
		t.Error("folded field in the hit")
	}
	if lat, lng, ok := res.Hits[1].Document.Geo(); !ok || lat != 56.0401 || lng != 12.6166 {
		t.Errorf("_geo %v", res.Hits[1].Document["_geo"])
	}

	// A point alone: no filter or sort is sent, and the distance is
	// measured here since Meilisearch sends no _geoDistance.
	res, err = e.Search(context.Background(), search.Openings, search.Query{Q: "butiksassistent", Near: &near})
	if err != nil {
		t.Fatal(err)
	}
	req := r.requests()[1].Body.(map[string]any)
	for _, k := range []string{"filter", "sort"} {
		if _, ok := req[k]; ok {
			t.Errorf("search without radius or sort sent %q: %v", k, req[k])
		}
	}
	want := models.DistanceKm(near.Lat, near.Lon, 56.1629, 10.2039)
	if len(res.Hits) != 1 || res.Hits[0].DistanceKm == nil || *res.Hits[0].DistanceKm != want {
		t.Fatalf("hits %+v, want one at %.1f km", res.Hits, want)
	}
	if got := string(res.Hits[0].Formatted["title"]); got != "Butiksassistent &lt;b&gt;" {
		t.Errorf("title without _formatted %q, want it escaped", got)
	}
	if !reflect.DeepEqual(res.Facets, map[string]map[string]int{"branch": {}, "kind": {}}) {
		t.Errorf("facets %v, want empty branch and kind", res.Facets)
	}
}

func hitIDs(r search.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID()
	}
	return out
}

func TestRebuildBuildsAsideReplaysAndSwaps(t *testing.T) {
	r := newReplay(t, "rebuild.json")
	e := readyEngine(t, r)
	ctx := context.Background()
	docs := func(yield func(search.Document, error) bool) {
		if !yield(search.Document{"id": "101", "title": "Rengøring af kontorer"}, nil) {
			return
		}
		// The outbox worker writes while the source is read.
		if err := e.Upsert(ctx, search.Openings, []search.Document{{"id": "150", "title": "Gartnermedhjælper"}}); err != nil {
			t.Error(err)
		}
		if err := e.Delete(ctx, search.Openings, []string{"103"}); err != nil {
			t.Error(err)
		}
		yield(search.Document{"id": "102", "title": "Medhjælper på lageret"}, nil)
	}
	if err := e.Rebuild(ctx, search.Openings, docs); err != nil {
		t.Fatal(err)
	}
	// After the swap, writes go to the live index and are not recorded
	// for a replay any more.
	st, _ := e.state(search.Openings)
	if st.pending != nil {
		t.Error("pending writes still recorded after the rebuild")
	}
}

func TestRebuildWithFailingSourceKeepsLiveIndex(t *testing.T) {
	r := newReplay(t, "rebuild_failed.json")
	e := readyEngine(t, r)
	boom := errors.New("database went away")
	err := e.Rebuild(context.Background(), search.Openings, func(yield func(search.Document, error) bool) {
		if yield(search.Document{"id": "101", "title": "x"}, nil) {
			yield(nil, boom)
		}
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Rebuild: %v, want %v", err, boom)
	}
	for _, req := range r.requests() {
		if req.Path == "/swap-indexes" || strings.HasPrefix(req.Path, "/indexes/openings/") {
			t.Errorf("failed rebuild touched the live index: %s %s", req.Method, req.Path)
		}
	}
}

func TestServerErrorsMapToUnavailable(t *testing.T) {
	r := newReplay(t, "errors.json")
	e := readyEngine(t, r)
	ctx := context.Background()
	if err := e.Health(ctx); err != nil {
		t.Fatalf("Health: %v", err)
	}
	for _, name := range []string{"500 internal", "502 from a proxy", "404 index_not_found", "403 invalid_api_key"} {
		if _, err := e.Search(ctx, search.Openings, search.Query{Q: "x"}); !errors.Is(err, search.ErrUnavailable) {
			t.Errorf("search answered %s: %v, want ErrUnavailable", name, err)
		}
	}
	_, err := e.Search(ctx, search.Openings, search.Query{Q: "x"})
	if err == nil || errors.Is(err, search.ErrUnavailable) {
		t.Errorf("search answered 400 invalid_search_filter: %v, want an error that is not ErrUnavailable", err)
	}
	if err := e.Upsert(ctx, search.Openings, []search.Document{doc7()}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("upsert answered 503: %v, want ErrUnavailable", err)
	}
	if err := e.Health(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("health answered 503: %v, want ErrUnavailable", err)
	}
}

func TestConnectionRefusedIsUnavailable(t *testing.T) {
	srv := httptest.NewServer(nil)
	url := srv.URL
	srv.Close() // nothing listens there any more
	e := newTestEngine(t, url)
	ctx := context.Background()
	if err := e.Health(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Health: %v", err)
	}
	if _, err := e.Search(ctx, search.Openings, search.Query{}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search: %v", err)
	}
	if err := e.Setup(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Setup: %v", err)
	}
	if err := e.Upsert(ctx, search.Openings, []search.Document{doc7()}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Upsert: %v", err)
	}
	if err := e.Rebuild(ctx, search.Openings, func(func(search.Document, error) bool) {}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Rebuild: %v", err)
	}
}

// Bad input is refused before anything is sent (the replay server has no
// exchange, so any request fails the test).
func TestBadInputSendsNothing(t *testing.T) {
	r := newReplay(t)
	e := readyEngine(t, r)
	ctx := context.Background()
	if _, err := e.Search(ctx, "citizens", search.Query{}); !errors.Is(err, search.ErrUnknownIndex) {
		t.Errorf("unknown index: %v", err)
	}
	if _, err := e.Search(ctx, search.Openings, search.Query{Sort: search.SortDistance}); !errors.Is(err, search.ErrInvalidQuery) {
		t.Errorf("distance sort without point: %v", err)
	}
	err := e.Upsert(ctx, search.Openings, []search.Document{{"id": "ok-1"}, {"title": "no id"}})
	if !errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("document without id: %v", err)
	}
	err = e.Upsert(ctx, search.Openings, []search.Document{{"id": "nan", "hours_min": math.NaN()}})
	if !errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("NaN in a document: %v", err)
	}
	if err := e.Delete(ctx, "citizens", []string{"1"}); !errors.Is(err, search.ErrUnknownIndex) {
		t.Errorf("delete from unknown index: %v", err)
	}
}

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "127.0.0.1:7700", "ftp://x", "http://"} {
		if _, err := New(u); err == nil {
			t.Errorf("New(%q) accepted", u)
		}
	}
}
