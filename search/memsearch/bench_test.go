package memsearch_test

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"placering/search"
	"placering/search/memsearch"
	"placering/search/searchtest"
)

// The benchmarks measure the figures at full size: 100,000
// openings and 2,000 virksomhedscentre.
//
//	go test ./search/memsearch -run '^$' -bench . -benchtime 2000x
//
// BenchmarkBuild reports the time to index everything and the heap the
// index holds; BenchmarkQuery reports p50 and p99 per query shape from the
// individual query times.
const (
	benchOpenings          = 100_000
	benchVirksomhedscentre = 2_000
	benchSeed              = 2027
)

var (
	corpusOnce              sync.Once
	corpusOpenings          []search.Document
	corpusVirksomhedscentre []search.Document

	engineOnce  sync.Once
	benchEngine *memsearch.Engine
)

func corpus() ([]search.Document, []search.Document) {
	corpusOnce.Do(func() {
		c := searchtest.NewCorpus(benchSeed, 5_000)
		corpusOpenings = c.Openings(benchOpenings)
		corpusVirksomhedscentre = c.Virksomhedscentre(benchVirksomhedscentre)
	})
	return corpusOpenings, corpusVirksomhedscentre
}

func build(b *testing.B) *memsearch.Engine {
	ops, vcs := corpus()
	e := memsearch.New()
	ctx := context.Background()
	for i := 0; i < len(ops); i += 1000 {
		if err := e.Upsert(ctx, search.Openings, ops[i:min(i+1000, len(ops))]); err != nil {
			b.Fatal(err)
		}
	}
	if err := e.Upsert(ctx, search.Virksomhedscentre, vcs); err != nil {
		b.Fatal(err)
	}
	return e
}

func BenchmarkBuild(b *testing.B) {
	corpus()
	var heap uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		e := build(b)
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(e)
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
}

var (
	benchTexts = []string{
		"lager", "rengøring", "køkkenhjælper", "sosu", "restaurnt", "butiksassistent", "pleje",
		"chauffør", "it-supporter", "kontor", "rengoring kontorer", "lagermedarbejder aarhus",
		"produktion", "tømrer", "pædagogmedhjælper", "opvask", "truckfører morgenhold",
		"s", "la", "rengø", "social- og sundhedshjælper", "logistik",
	}
	twoFilters = search.Query{Kinds: []string{"virksomhedspraktik", "loentilskud"}, Statuses: []string{"open"}}
)

func BenchmarkQuery(b *testing.B) {
	engineOnce.Do(func() { benchEngine = build(b) })
	e := benchEngine
	shapes := []struct {
		name string
		q    func(i int) search.Query
	}{
		{"text", func(i int) search.Query { return search.Query{Q: benchTexts[i%len(benchTexts)]} }},
		{"text+2filters", func(i int) search.Query {
			q := twoFilters
			q.Q = benchTexts[i%len(benchTexts)]
			return q
		}},
		{"text+filter+geo25km+facets", func(i int) search.Query {
			t := searchtest.Towns[i%len(searchtest.Towns)]
			return search.Query{
				Q: benchTexts[i%len(benchTexts)], Kinds: []string{"virksomhedspraktik", "loentilskud"},
				Near: &search.Point{Lat: t.Lat, Lon: t.Lon}, RadiusKm: 25,
				Facets: []string{"branch", "kind"},
			}
		}},
		{"filters+geo25km+distance-sort", func(i int) search.Query {
			t := searchtest.Towns[i%len(searchtest.Towns)]
			return search.Query{Statuses: []string{"open"}, MentorAvailable: i%2 == 0,
				Near: &search.Point{Lat: t.Lat, Lon: t.Lon}, RadiusKm: 25, Sort: search.SortDistance}
		}},
	}
	ctx := context.Background()
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			var times []time.Duration
			i := 0
			for b.Loop() {
				q := s.q(i)
				start := time.Now()
				if _, err := e.Search(ctx, search.Openings, q); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
				i++
			}
			slices.Sort(times)
			pct := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

// TestCorpusQueriesFindSomething keeps the benchmark honest: the benchmark
// queries must return hits on the corpus, or they would measure nothing.
func TestCorpusQueriesFindSomething(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-document index")
	}
	c := searchtest.NewCorpus(benchSeed, 1_000)
	e := memsearch.New()
	ctx := context.Background()
	if err := e.Upsert(ctx, search.Openings, c.Openings(20_000)); err != nil {
		t.Fatal(err)
	}
	for _, text := range benchTexts {
		q := twoFilters
		q.Q = text
		res, err := e.Search(ctx, search.Openings, q)
		if err != nil || res.Total == 0 {
			t.Errorf("%q: %d hits, %v", text, res.Total, err)
		}
	}
}
