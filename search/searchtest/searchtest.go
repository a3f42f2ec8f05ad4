// Package searchtest is the contract suite every search.Engine must pass:
// the search behaviour consultants rely on (Danish folding and ASCII spellings,
// inflections, typos, no typos on company names and short words, synonyms,
// prefixes, filters, geo radius and distance sort, start-date sort, facets,
// highlights, paging, deletes, upserts and rebuilds) expressed as queries
// over a small fixture world and the hits they must and must not return.
//
// Run it from a backend's tests:
//
//	func TestContract(t *testing.T) {
//		searchtest.Run(t, func(t *testing.T) search.Engine { return memsearch.New() })
//	}
package searchtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"testing"
	"time"

	"placering/models"
	"placering/search"
)

// Run runs the contract suite. newEngine must return an engine whose
// indexes are empty (Setup not yet called is fine); it is called once for
// the read-only cases and once for each case that writes.
func Run(t *testing.T, newEngine func(t *testing.T) search.Engine) {
	t.Helper()
	e := Load(t, newEngine(t))
	t.Run("Text", func(t *testing.T) { runCases(t, e, textCases) })
	t.Run("Inflections", func(t *testing.T) {
		if m, ok := e.(search.InflectionMatcher); !ok || !m.MatchesInflections() {
			t.Skip("engine does not match inflections both ways (search.InflectionMatcher); prefix direction is covered in Text")
		}
		runCases(t, e, inflectionCases)
	})
	t.Run("Filters", func(t *testing.T) { runCases(t, e, filterCases) })
	t.Run("Virksomhedscentre", func(t *testing.T) { runCases(t, e, vcCases) })
	t.Run("Companies", func(t *testing.T) { runCases(t, e, companyCases) })
	t.Run("Geo", func(t *testing.T) { testGeo(t, e) })
	t.Run("SortStartDate", func(t *testing.T) { runCases(t, e, sortCases) })
	t.Run("Facets", func(t *testing.T) { testFacets(t, e) })
	t.Run("Highlights", func(t *testing.T) { testHighlights(t, e) })
	t.Run("Paging", func(t *testing.T) { testPaging(t, e) })
	t.Run("Errors", func(t *testing.T) { testErrors(t, e) })
	t.Run("Delete", func(t *testing.T) { testDelete(t, Load(t, newEngine(t))) })
	t.Run("UpsertReplaces", func(t *testing.T) { testUpsertReplaces(t, Load(t, newEngine(t))) })
	t.Run("Rebuild", func(t *testing.T) { testRebuild(t, Load(t, newEngine(t))) })
}

// Load runs Setup and writes the fixtures into e's three indexes.
func Load(t testing.TB, e search.Engine) search.Engine {
	t.Helper()
	ctx := context.Background()
	if err := e.Setup(ctx); err != nil {
		t.Fatalf("Setup: %v", err)
	}
	if err := e.Health(ctx); err != nil {
		t.Fatalf("Health: %v", err)
	}
	for idx, docs := range map[search.Index][]search.Document{
		search.Openings:          OpeningDocs(),
		search.Virksomhedscentre: VirksomhedscenterDocs(),
		search.Companies:         CompanyDocs(),
	} {
		if err := e.Upsert(ctx, idx, docs); err != nil {
			t.Fatalf("Upsert %s: %v", idx, err)
		}
	}
	return e
}

// tc is one query and what its hits must be.
type tc struct {
	name    string
	idx     search.Index // default Openings
	q       search.Query
	include []string // must be among the hits
	exclude []string // must not be among the hits
	exact   []string // when set: exactly these hits, in any order
	order   []string // when set: exactly these hits, in this order
}

var textCases = []tc{
	{name: "danish letters", q: search.Query{Q: "rengøring"}, include: ids(101, 111), exclude: ids(102, 105, 106, 109)},
	{name: "upper case", q: search.Query{Q: "RENGØRING"}, include: ids(101, 111), exclude: ids(105)},
	{name: "ascii one-letter spelling", q: search.Query{Q: "rengoring"}, include: ids(101, 111), exclude: ids(105)},
	{name: "ascii two-letter spelling", q: search.Query{Q: "rengoering"}, include: ids(101, 111), exclude: ids(105)},
	{name: "prefix while typing", q: search.Query{Q: "rengø"}, include: ids(101, 111), exclude: ids(105)},
	{name: "prefix of a compound", q: search.Query{Q: "lagerarb"}, include: ids(103), exclude: ids(101)},
	{name: "stem finds inflection and compound", q: search.Query{Q: "lager"}, include: ids(102, 103, 104), exclude: ids(101, 105)},
	{name: "all words must match", q: search.Query{Q: "rengøring kontorer"}, include: ids(101), exclude: ids(111, 105)},
	{name: "typo in long word", q: search.Query{Q: "restaurnt"}, include: ids(105), exclude: ids(101)},
	{name: "typo in medium word", q: search.Query{Q: "servce"}, include: ids(106)},
	{name: "no typo in short word", q: search.Query{Q: "bagr"}, exclude: ids(112)},
	{name: "short word exact", q: search.Query{Q: "bager"}, include: ids(112)},
	{name: "company name exact", q: search.Query{Q: "vigier"}, include: ids(106)},
	{name: "company name prefix", q: search.Query{Q: "VIGI"}, include: ids(106)},
	{name: "no typo on company name (vigile)", q: search.Query{Q: "vigile"}, exclude: ids(106)},
	{name: "no typo on company name (one edit)", q: search.Query{Q: "vigiar"}, exclude: ids(106)},
	{name: "synonym abbreviation to phrase", q: search.Query{Q: "sosu"}, include: ids(107, 108), exclude: ids(101)},
	{name: "synonym phrase to abbreviation", q: search.Query{Q: "social- og sundhedshjælper"}, include: ids(107, 108), exclude: ids(101)},
	{name: "synonym kantine finds køkken", q: search.Query{Q: "kantine"}, include: ids(109), exclude: ids(101)},
	{name: "synonym logistik finds lager", q: search.Query{Q: "logistik"}, include: ids(104), exclude: ids(101)},
	{name: "town", q: search.Query{Q: "aarhus"}, include: ids(110, 112), exclude: ids(101)},
	{name: "nothing matches", q: search.Query{Q: "xylofonstemmer"}, exact: ids()},
	{name: "separators only is no text", q: search.Query{Q: " - , "}, include: ids(101, 112)},
}

// inflectionCases need stemming, which Meilisearch lacks.
var inflectionCases = []tc{
	{name: "definite form finds bare and compound", q: search.Query{Q: "lageret"}, include: ids(103, 104), exclude: ids(101)},
	{name: "compound finds its parts", q: search.Query{Q: "lagerarbejde"}, include: ids(102, 104), exclude: ids(101)},
}

var filterCases = []tc{
	{name: "kind OR", q: search.Query{Kinds: []string{"virksomhedspraktik", "loentilskud"}},
		exact: ids(101, 102, 103, 105, 106, 108, 110, 111)},
	{name: "branch OR", q: search.Query{Branches: []string{brTransport, brPleje}},
		exact: ids(102, 103, 104, 107, 108)},
	{name: "kind AND branch", q: search.Query{Kinds: []string{"virksomhedspraktik"}, Branches: []string{brTransport}},
		exact: ids(103)},
	{name: "status", q: search.Query{Statuses: []string{"draft", "filled"}}, exact: ids(111, 112)},
	{name: "hours at least", q: search.Query{HoursMin: 25}, exact: ids(101, 102, 105, 106, 108, 110, 112)},
	{name: "hours at most", q: search.Query{HoursMax: 10}, exact: ids(103, 104, 107, 111)},
	{name: "hours range overlaps", q: search.Query{HoursMin: 12, HoursMax: 14}, exact: ids(103, 107)},
	{name: "seats free", q: search.Query{SeatsFreeMin: 2}, exact: ids(103, 105, 110)},
	{name: "mentor", q: search.Query{MentorAvailable: true}, exact: ids(101, 103, 105, 107, 109)},
	{name: "danish level at most basic", q: search.Query{MaxDanishLevel: models.DanishBasic},
		exact: ids(101, 102, 103, 105, 109, 110, 111, 112)},
	{name: "danish level none", q: search.Query{MaxDanishLevel: models.DanishNone}, exact: ids(102, 105, 109, 111)},
	{name: "jobcentre", q: search.Query{JobcentreIDs: []int64{2, 3}}, exact: ids(107, 108, 110, 112)},
	{name: "employer's own company", q: search.Query{CompanyIDs: []int64{COeresund}}, exact: ids(102, 103, 104)},
	{name: "text and filter", q: search.Query{Q: "lager", MentorAvailable: true}, exact: ids(103)},
	{name: "unknown kind matches nothing", q: search.Query{Kinds: []string{"findes_ikke"}}, exact: ids()},
	{name: "no filter matches all", q: search.Query{}, exact: ids(101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112)},
}

var vcCases = []tc{
	{name: "target groups OR", idx: search.Virksomhedscentre, q: search.Query{TargetGroups: []string{"gruppe3", "flygtning"}}, exact: ids(201, 202)},
	{name: "seats free", idx: search.Virksomhedscentre, q: search.Query{SeatsFreeMin: 1}, exact: ids(201, 203)},
	{name: "mentor", idx: search.Virksomhedscentre, q: search.Query{MentorAvailable: true}, exact: ids(201, 203)},
	{name: "company name", idx: search.Virksomhedscentre, q: search.Query{Q: "nordkysten"}, exact: ids(201)},
	{name: "branch words in title", idx: search.Virksomhedscentre, q: search.Query{Q: "køkken"}, include: ids(201), exclude: ids(202, 203)},
	{name: "branch filter", idx: search.Virksomhedscentre, q: search.Query{Branches: []string{brPleje}}, exact: ids(202)},
}

var companyCases = []tc{
	{name: "name", idx: search.Companies, q: search.Query{Q: "marienlyst"}, exact: ids(CMarienlyst)},
	{name: "cvr exact", idx: search.Companies, q: search.Query{Q: "22222222"}, exact: ids(CVigier)},
	{name: "cvr no typo", idx: search.Companies, q: search.Query{Q: "22222223"}, exact: ids()},
	{name: "name no typo", idx: search.Companies, q: search.Query{Q: "vigiar"}, exclude: ids(CVigier)},
	{name: "danish letters in name", idx: search.Companies, q: search.Query{Q: "oresund"}, include: ids(COeresund)},
	{name: "own company", idx: search.Companies, q: search.Query{CompanyIDs: []int64{CKvickly}}, exact: ids(CKvickly)},
}

var sortCases = []tc{
	{name: "ascending", q: search.Query{Branches: []string{brTransport}, Sort: search.SortStartDate}, order: ids(104, 102, 103)},
	{name: "descending", q: search.Query{Branches: []string{brTransport}, Sort: search.SortStartDateDesc}, order: ids(103, 102, 104)},
	{name: "missing date last ascending", q: search.Query{Branches: []string{brRengoering}, Sort: search.SortStartDate}, order: ids(101, 105, 109, 111)},
	{name: "missing date last descending", q: search.Query{Branches: []string{brRengoering}, Sort: search.SortStartDateDesc}, order: ids(109, 105, 101, 111)},
	{name: "sort beats relevance", q: search.Query{Q: "lager", Sort: search.SortStartDate}, order: ids(104, 102, 103)},
}

func runCases(t *testing.T, e search.Engine, cases []tc) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			idx := c.idx
			if idx == "" {
				idx = search.Openings
			}
			q := c.q
			q.PerPage = search.MaxPerPage
			res := mustSearch(t, e, idx, q)
			got := hitIDs(res)
			for _, id := range c.include {
				if !slices.Contains(got, id) {
					t.Errorf("Q=%q: hits %v lack %s", q.Q, got, id)
				}
			}
			for _, id := range c.exclude {
				if slices.Contains(got, id) {
					t.Errorf("Q=%q: hits %v include %s", q.Q, got, id)
				}
			}
			if c.exact != nil {
				want := slices.Sorted(slices.Values(c.exact))
				if have := slices.Sorted(slices.Values(got)); !slices.Equal(have, want) {
					t.Errorf("hits = %v, want %v", have, want)
				}
				if res.Total != len(c.exact) {
					t.Errorf("total = %d, want %d", res.Total, len(c.exact))
				}
			}
			if c.order != nil && !slices.Equal(got, c.order) {
				t.Errorf("hits in order %v, want %v", got, c.order)
			}
		})
	}
}

func testGeo(t *testing.T, e search.Engine) {
	near := Helsingoer
	res := mustSearch(t, e, search.Openings, search.Query{Near: &near, RadiusKm: 10, PerPage: 100})
	if want := ids(101, 102, 104, 105, 109, 111); !sameSet(hitIDs(res), want) {
		t.Errorf("10 km around Helsingør: hits %v, want %v", hitIDs(res), want)
	}

	res = mustSearch(t, e, search.Openings, search.Query{Near: &near, RadiusKm: 30, Sort: search.SortDistance, PerPage: 100})
	got := hitIDs(res)
	if want := ids(101, 102, 103, 104, 105, 106, 109, 111); !sameSet(got, want) {
		t.Errorf("30 km around Helsingør: hits %v, want %v", got, want)
	}
	last := -1.0
	for _, h := range res.Hits {
		if h.DistanceKm == nil {
			t.Fatalf("hit %s has no distance_km", h.ID())
		}
		lat, lon, _ := h.Document.Geo()
		want := models.DistanceKm(near.Lat, near.Lon, lat, lon)
		if math.Abs(*h.DistanceKm-want) > 0.01*want+0.05 {
			t.Errorf("hit %s: distance_km %.3f, want about %.3f", h.ID(), *h.DistanceKm, want)
		}
		if *h.DistanceKm < last {
			t.Errorf("hit %s at %.3f km comes after one at %.3f km", h.ID(), *h.DistanceKm, last)
		}
		last = *h.DistanceKm
	}
	if len(got) > 0 && (got[len(got)-1] != "103" && got[len(got)-1] != "106") {
		t.Errorf("the Hillerød openings should be farthest, order %v", got)
	}

	// A point without a radius filters nothing but still measures.
	res = mustSearch(t, e, search.Openings, search.Query{Q: "butiksassistent", Near: &near})
	if len(res.Hits) != 1 || res.Hits[0].DistanceKm == nil || *res.Hits[0].DistanceKm < 150 {
		t.Errorf("Aarhus from Helsingør: %+v", res.Hits)
	}
	// Without a point there is no distance.
	res = mustSearch(t, e, search.Openings, search.Query{Q: "butiksassistent"})
	if len(res.Hits) != 1 || res.Hits[0].DistanceKm != nil {
		t.Errorf("no point given, but distance set: %+v", res.Hits)
	}
	// Text, filter, radius and distance sort together.
	res = mustSearch(t, e, search.Openings, search.Query{Q: "opvask", Kinds: []string{"igu", "loentilskud"}, Near: &near, RadiusKm: 25, Sort: search.SortDistance})
	if got := hitIDs(res); !slices.Equal(got, ids(105, 109)) {
		t.Errorf("opvask near Helsingør: %v, want [105 109]", got)
	}
}

func testFacets(t *testing.T, e search.Engine) {
	res := mustSearch(t, e, search.Openings, search.Query{Kinds: []string{"virksomhedspraktik"}, PerPage: 1})
	want := map[string]map[string]int{
		"kind":   {"virksomhedspraktik": 5},
		"branch": {brRengoering: 2, brTransport: 1, brService: 1, brButik: 1},
	}
	if !sameFacets(res.Facets, want) {
		t.Errorf("facets = %v, want %v", res.Facets, want)
	}
	if res.Total != 5 || len(res.Hits) != 1 {
		t.Errorf("total %d with %d hits on the page, want 5 and 1: facets count all matches", res.Total, len(res.Hits))
	}

	res = mustSearch(t, e, search.Openings, search.Query{Q: "xylofonstemmer"})
	if !sameFacets(res.Facets, map[string]map[string]int{"kind": {}, "branch": {}}) {
		t.Errorf("no matches: facets = %v, want empty kind and branch", res.Facets)
	}

	res = mustSearch(t, e, search.Virksomhedscentre, search.Query{Facets: []string{"target_groups"}})
	want = map[string]map[string]int{"target_groups": {"gruppe2": 2, "gruppe3": 1, "gruppe4": 1, "flygtning": 1}}
	if !sameFacets(res.Facets, want) {
		t.Errorf("target group facets = %v, want %v", res.Facets, want)
	}
}

func testHighlights(t *testing.T, e search.Engine) {
	check := func(q, id, field, want string) {
		t.Helper()
		res := mustSearch(t, e, search.Openings, search.Query{Q: q, PerPage: 100})
		for _, h := range res.Hits {
			if h.ID() == id {
				if got := string(h.Formatted[field]); got != want {
					t.Errorf("Q=%q: %s _formatted.%s = %q, want %q", q, id, field, got, want)
				}
				return
			}
		}
		t.Errorf("Q=%q: no hit %s", q, id)
	}
	check("restaurant", "105", "title", "Køkkenhjælp i <mark>restaurant</mark>")
	check("restaurnt", "105", "title", "Køkkenhjælp i <mark>restaurant</mark>")
	check("vigier", "106", "company_name", "<mark>VIGIER</mark> Service ApS")
	// The title holds markup: it comes back escaped, with only our tags.
	check("rengøring", "111", "title", "<mark>Rengøring</mark> &amp; opvask &lt;script&gt;alert(1)&lt;/script&gt;")
	// Fields without a match are escaped text.
	check("rengøring", "111", "town", "Helsingør")
	check("rengøring", "111", "tasks", "Hotelværelser.")
}

func testPaging(t *testing.T, e search.Engine) {
	q := search.Query{Kinds: []string{"virksomhedspraktik", "loentilskud"}, Sort: search.SortStartDate, PerPage: 3}
	for page, want := range [][]string{ids(102, 110, 101), ids(103, 108, 105), ids(106, 111), ids()} {
		q.Page = page + 1
		res := mustSearch(t, e, search.Openings, q)
		if got := hitIDs(res); !slices.Equal(got, want) {
			t.Errorf("page %d: %v, want %v", q.Page, got, want)
		}
		if res.Total != 8 {
			t.Errorf("page %d: total %d, want 8", q.Page, res.Total)
		}
		if res.Page != q.Page || res.PerPage != 3 {
			t.Errorf("page %d: result says page %d per %d", q.Page, res.Page, res.PerPage)
		}
	}
	res := mustSearch(t, e, search.Openings, search.Query{PerPage: 1000})
	if res.PerPage != search.MaxPerPage || len(res.Hits) != 12 {
		t.Errorf("per_page 1000: capped to %d with %d hits, want %d and 12", res.PerPage, len(res.Hits), search.MaxPerPage)
	}
	res = mustSearch(t, e, search.Openings, search.Query{})
	if res.Page != 1 || res.PerPage != search.DefaultPerPage {
		t.Errorf("defaults: page %d per %d", res.Page, res.PerPage)
	}
}

func testErrors(t *testing.T, e search.Engine) {
	ctx := context.Background()
	_, err := e.Search(ctx, search.Openings, search.Query{Sort: search.SortDistance})
	if !errors.Is(err, search.ErrInvalidQuery) || search.FieldErrors(err).For("sort") == "" {
		t.Errorf("distance sort without a point: %v, want ErrInvalidQuery about sort", err)
	}
	if _, err := e.Search(ctx, "citizens", search.Query{}); !errors.Is(err, search.ErrUnknownIndex) {
		t.Errorf("unknown index: %v, want ErrUnknownIndex", err)
	}
	err = e.Upsert(ctx, search.Openings, []search.Document{{"id": "ok-1", "title": "x"}, {"title": "no id"}})
	if !errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("document without id: %v, want ErrInvalidDocument", err)
	}
	if res := mustSearch(t, e, search.Openings, search.Query{Q: "x"}); slices.Contains(hitIDs(res), "ok-1") {
		t.Errorf("a rejected batch was partly written")
	}
}

func testDelete(t *testing.T, e search.Engine) {
	ctx := context.Background()
	before := mustSearch(t, e, search.Openings, search.Query{}).Total
	if err := e.Delete(ctx, search.Openings, []string{"101", "does-not-exist"}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Q: "rengøring"})); slices.Contains(got, "101") {
		t.Errorf("deleted 101 still found: %v", got)
	}
	if after := mustSearch(t, e, search.Openings, search.Query{}).Total; after != before-1 {
		t.Errorf("total %d after delete, want %d", after, before-1)
	}
}

func testUpsertReplaces(t *testing.T, e search.Engine) {
	ctx := context.Background()
	before := mustSearch(t, e, search.Openings, search.Query{}).Total
	o, company := Opening(101)
	o.Title, o.Tasks, o.Kind = "Vinduespudser", "Pudsning af vinduer.", models.KindFleksjob
	if err := e.Upsert(ctx, search.Openings, []search.Document{search.OpeningDoc(o, company, 1)}); err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Q: "kontorer", PerPage: 100})); slices.Contains(got, "101") {
		t.Errorf("old text of 101 still found: %v", got)
	}
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Q: "vinduespudser"})); !slices.Equal(got, ids(101)) {
		t.Errorf("new text: %v, want [101]", got)
	}
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Kinds: []string{"fleksjob"}})); !sameSet(got, ids(101, 107)) {
		t.Errorf("new kind: %v, want [101 107]", got)
	}
	if after := mustSearch(t, e, search.Openings, search.Query{}).Total; after != before {
		t.Errorf("total %d after replacing, want %d", after, before)
	}
}

func testRebuild(t *testing.T, e search.Engine) {
	ctx := context.Background()
	docs := OpeningDocs()

	// A failing source leaves the old index in place.
	boom := errors.New("database went away")
	err := e.Rebuild(ctx, search.Openings, func(yield func(search.Document, error) bool) {
		if yield(docs[0], nil) {
			yield(nil, boom)
		}
	})
	if !errors.Is(err, boom) {
		t.Errorf("Rebuild with failing source: %v, want %v", err, boom)
	}
	if total := mustSearch(t, e, search.Openings, search.Query{}).Total; total != len(docs) {
		t.Fatalf("after failed rebuild: total %d, want %d", total, len(docs))
	}

	// Writes made while the rebuild reads its source survive the swap: a
	// new opening, a change and a delete, as the outbox worker would
	// apply them.
	extra := search.Document{"id": "150", "title": "Gartnermedhjælper", "kind": "igu", "status": "open"}
	changed, company := Opening(102)
	changed.Title = "Pakkeriassistent"
	src := func(yield func(search.Document, error) bool) {
		for i, d := range docs[:4] { // 101..104
			if !yield(d, nil) {
				return
			}
			if i == 1 {
				must(t, e.Upsert(ctx, search.Openings, []search.Document{extra, search.OpeningDoc(changed, company, 1)}))
				must(t, e.Delete(ctx, search.Openings, []string{"103"}))
				// The old index answers meanwhile.
				if got := mustSearch(t, e, search.Openings, search.Query{}).Total; got != len(docs) {
					t.Errorf("during rebuild: total %d, want %d", got, len(docs))
				}
			}
		}
	}
	if err := e.Rebuild(ctx, search.Openings, iter.Seq2[search.Document, error](src)); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	res := mustSearch(t, e, search.Openings, search.Query{PerPage: 100})
	if got := hitIDs(res); !sameSet(got, ids(101, 102, 104, 150)) {
		t.Errorf("after rebuild: %v, want [101 102 104 150]", got)
	}
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Q: "pakkeriassistent"})); !slices.Equal(got, ids(102)) {
		t.Errorf("change made during rebuild: %v, want [102]", got)
	}
	// The rebuilt index keeps the settings: typos, synonyms, filters.
	if got := hitIDs(mustSearch(t, e, search.Openings, search.Query{Q: "logistik", Kinds: []string{"ordinaere_timer"}})); !slices.Equal(got, ids(104)) {
		t.Errorf("synonym and filter after rebuild: %v, want [104]", got)
	}
}

func mustSearch(t testing.TB, e search.Engine, idx search.Index, q search.Query) search.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := e.Search(ctx, idx, q)
	if err != nil {
		t.Fatalf("Search %s %+v: %v", idx, q, err)
	}
	return res
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func hitIDs(r search.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID()
	}
	return out
}

func ids(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprint(n)
	}
	return out
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

func sameFacets(got, want map[string]map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for f, w := range want {
		g, ok := got[f]
		if !ok || len(g) != len(w) {
			return false
		}
		for k, n := range w {
			if g[k] != n {
				return false
			}
		}
	}
	return true
}
