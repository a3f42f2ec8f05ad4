package memsearch

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"placering/search"
)

func ids(r search.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID()
	}
	return out
}

func TestRanking(t *testing.T) {
	ctx := context.Background()
	e := New(WithSynonyms(search.Synonyms{}))
	err := e.Upsert(ctx, search.Openings, []search.Document{
		{"id": "tasks", "title": "Chauffør", "tasks": "Kørsel til lager"},
		{"id": "title", "title": "Lager"},
		{"id": "compound", "title": "Lagerarbejde"},
		{"id": "company", "title": "Kontor", "company_name": "Lager ApS"},
		{"id": "typo", "title": "Restaurent"},
		{"id": "exact", "title": "Restaurant"},
		{"id": "near", "title": "Rengøring af kontor"},
		{"id": "far", "title": "Rengøring af skoler og gange samt kontor"},
		{"id": "reversed", "title": "Kontor og rengøring"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]string{
		// Field order title > tasks > company name; exact before compound.
		"lager": {"title", "compound", "tasks", "company"},
		// Fewer typos first.
		"restaurant": {"exact", "typo"},
		// Words close together and in order first.
		"rengøring kontor": {"near", "reversed", "far"},
	} {
		res, err := e.Search(ctx, search.Openings, search.Query{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); !slices.Equal(got, want) {
			t.Errorf("Q=%q: order %v, want %v", q, got, want)
		}
	}
}

// TestConcurrentUse runs searches, writes and a rebuild at once (run with
// -race to check the locking) and checks that no write made during the
// rebuild is lost.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	e := New()
	doc := func(i int) search.Document {
		return search.Document{
			"id": fmt.Sprint(i), "title": fmt.Sprintf("Lagermedarbejder %d", i), "kind": "igu",
			"branch": "transport_lager_logistik", "start_date_int": 20270100 + i%28,
			"_geo": map[string]any{"lat": 56.0 + float64(i%10)/100, "lng": 12.5},
		}
	}
	var seed []search.Document
	for i := range 200 {
		seed = append(seed, doc(i))
	}
	if err := e.Upsert(ctx, search.Openings, seed); err != nil {
		t.Fatal(err)
	}
	// The rebuild starts first and waits in the middle of its source
	// until the writers are done, so every write happens during it.
	started, writersDone := make(chan struct{}), make(chan struct{})
	errs := make(chan error, 100)
	rebuilt := make(chan struct{})
	go func() {
		defer close(rebuilt)
		err := e.Rebuild(ctx, search.Openings, func(yield func(search.Document, error) bool) {
			for i, d := range seed[100:] {
				if i == 50 {
					close(started)
					<-writersDone
				}
				if !yield(d, nil) {
					return
				}
			}
		})
		if err != nil {
			errs <- err
		}
	}()
	<-started
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				q := search.Query{Q: "lagermedarb", Kinds: []string{"igu"}, Near: &search.Point{Lat: 56, Lon: 12.5}, RadiusKm: 30, Sort: search.SortDistance}
				if _, err := e.Search(ctx, search.Openings, q); err != nil {
					errs <- err
				}
				if w == 0 {
					if err := e.Upsert(ctx, search.Openings, []search.Document{doc(1000 + i)}); err != nil {
						errs <- err
					}
				}
				if w == 1 {
					if err := e.Delete(ctx, search.Openings, []string{fmt.Sprint(i), fmt.Sprint(150 + i%10)}); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(writersDone)
	<-rebuilt
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// The source had 100..199; the writes added 1000..1049 and deleted
	// 0..49 and 150..159 while it was read.
	res, err := e.Search(ctx, search.Openings, search.Query{PerPage: 100, Q: "lagermedarbejder"})
	if err != nil {
		t.Fatal(err)
	}
	if want := 100 - 10 + 50; res.Total != want {
		t.Errorf("after rebuild: %d documents, want %d", res.Total, want)
	}
	for _, h := range res.Hits {
		var n int
		fmt.Sscan(h.ID(), &n)
		if n < 100 || n >= 150 && n < 160 {
			t.Errorf("document %d should be gone", n)
		}
	}
	for i := range 50 {
		r, err := e.Search(ctx, search.Openings, search.Query{Q: fmt.Sprintf("lagermedarbejder %d", 1000+i)})
		if err != nil || !slices.Contains(ids(r), fmt.Sprint(1000+i)) {
			t.Errorf("upsert %d made during the rebuild was lost: %v %v", 1000+i, ids(r), err)
		}
	}
}

func TestUpsertCopiesDocument(t *testing.T) {
	ctx := context.Background()
	e := New()
	groups := []string{"gruppe1"}
	d := search.Document{"id": "1", "title": "Pedel", "target_groups": groups}
	if err := e.Upsert(ctx, search.Virksomhedscentre, []search.Document{d}); err != nil {
		t.Fatal(err)
	}
	d["title"] = "Ændret"
	groups[0] = "gruppe4"
	res, err := e.Search(ctx, search.Virksomhedscentre, search.Query{Q: "pedel", TargetGroups: []string{"gruppe1"}})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Document.String("title") != "Pedel" {
		t.Fatalf("the caller's later changes leaked into the index: %+v %v", res.Hits, err)
	}
	if n := e.Len(search.Virksomhedscentre); n != 1 {
		t.Errorf("Len = %d", n)
	}
}
