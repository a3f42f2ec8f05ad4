package indexer_test

import (
	"context"
	"fmt"
	"iter"
	"testing"

	"placering/models"
	"placering/search"
	"placering/search/indexer"
	"placering/search/memsearch"
	"placering/store"
	"placering/store/storetest"
)

// midRebuild is an engine whose Rebuild of the openings index stops after
// the first document to run a hook: the moment when another replica's
// worker writes to the old index, which the new one has not read yet.
type midRebuild struct {
	*memsearch.Engine
	hook func()
}

func (m *midRebuild) Rebuild(ctx context.Context, idx search.Index, docs iter.Seq2[search.Document, error]) error {
	if idx != search.Openings || m.hook == nil {
		return m.Engine.Rebuild(ctx, idx, docs)
	}
	wrapped := func(yield func(search.Document, error) bool) {
		first := true
		for d, err := range docs {
			if !yield(d, err) {
				return
			}
			if first {
				first = false
				m.hook()
			}
		}
	}
	return m.Engine.Rebuild(ctx, idx, wrapped)
}

func seed(t *testing.T, s *store.Store, openings int) (models.Company, []models.Opening) {
	t.Helper()
	ctx := context.Background()
	jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := s.CreateJobcentre(ctx, &jc); err != nil {
		t.Fatal(err)
	}
	c := models.Company{JobcentreID: jc.ID, CompanyFields: models.CompanyFields{
		CVR: "10150817", Name: "Helsingør Lager ApS", Branch: "transport_lager_logistik",
		Town: "Helsingør", Postcode: "3000", Lat: 56.03, Lon: 12.6,
	}}
	if err := s.CreateCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	var out []models.Opening
	for i := range openings {
		o := models.Opening{JobcentreID: c.JobcentreID, OpeningFields: models.OpeningFields{
			CompanyID: c.ID, Status: models.StatusOpen, Kind: models.KindPraktik, Title: fmt.Sprintf("Lagermedarbejder %d", i), Branch: "transport_lager_logistik",
			HoursMin: 10, HoursMax: 30, Seats: 1, DurationWeeks: 4, Lat: 56.03, Lon: 12.6,
		}}
		if err := s.CreateOpening(ctx, &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return c, out
}

// A reindex that runs beside other replicas must not lose a write that one
// of them applied to the old index while the new one was being built.
func TestReindexKeepsWritesAppliedElsewhereDuringTheRebuild(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, b)
			_, openings := seed(t, s, 3)
			engine := &midRebuild{Engine: memsearch.New()}
			if err := engine.Setup(ctx); err != nil {
				t.Fatal(err)
			}
			// The other replica has its own engine client; here it is a
			// second memsearch whose writes the rebuilding one never sees.
			elsewhere := &indexer.Indexer{Store: s, Engine: memsearch.New()}
			if _, err := elsewhere.Drain(ctx); err != nil {
				t.Fatal(err)
			}
			last := openings[len(openings)-1]
			engine.hook = func() {
				last.Title = "Pakkemedarbejder"
				if err := s.UpdateOpening(ctx, &last); err != nil {
					t.Error(err)
				}
				if _, err := elsewhere.Drain(ctx); err != nil { // takes the outbox entry
					t.Error(err)
				}
			}
			if err := indexer.Reindex(ctx, s, engine); err != nil {
				t.Fatal(err)
			}
			engine.hook = nil
			if _, err := (&indexer.Indexer{Store: s, Engine: engine}).Drain(ctx); err != nil {
				t.Fatal(err)
			}
			res, err := engine.Search(ctx, search.Openings, search.Query{Q: "pakkemedarbejder"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 1 || res.Hits[0].ID() != fmt.Sprint(last.ID) {
				t.Fatalf("the write made during the rebuild is not in the new index: %+v", res)
			}
			all, err := engine.Search(ctx, search.Openings, search.Query{})
			if err != nil {
				t.Fatal(err)
			}
			if all.Total != len(openings) {
				t.Fatalf("rebuilt index holds %d openings, want %d", all.Total, len(openings))
			}
		})
	}
}
