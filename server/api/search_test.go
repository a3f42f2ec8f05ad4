package api_test

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"placering/search"
	"placering/store/storetest"
)

// outage wraps a real engine and makes it fail the way an unreachable
// server does, to prove what the service does while search is down.
type outage struct {
	search.Engine
	down atomic.Bool
}

func (o *outage) fail() error {
	if o.down.Load() {
		return fmt.Errorf("%w: dial tcp 127.0.0.1:7700: connection refused", search.ErrUnavailable)
	}
	return nil
}

func (o *outage) Upsert(ctx context.Context, idx search.Index, docs []search.Document) error {
	if err := o.fail(); err != nil {
		return err
	}
	return o.Engine.Upsert(ctx, idx, docs)
}

func (o *outage) Delete(ctx context.Context, idx search.Index, ids []string) error {
	if err := o.fail(); err != nil {
		return err
	}
	return o.Engine.Delete(ctx, idx, ids)
}

func (o *outage) Search(ctx context.Context, idx search.Index, q search.Query) (search.Result, error) {
	if err := o.fail(); err != nil {
		return search.Result{}, err
	}
	return o.Engine.Search(ctx, idx, q)
}

func (o *outage) Health(ctx context.Context) error {
	if err := o.fail(); err != nil {
		return err
	}
	return o.Engine.Health(ctx)
}

func (o *outage) Rebuild(ctx context.Context, idx search.Index, docs iter.Seq2[search.Document, error]) error {
	if err := o.fail(); err != nil {
		return err
	}
	return o.Engine.Rebuild(ctx, idx, docs)
}

func (e *env) drain() {
	e.t.Helper()
	if _, err := e.indexer.Drain(context.Background()); err != nil {
		e.t.Fatalf("drain outbox: %v", err)
	}
}

func (e *env) postOpening(who string, companyID int64, title, kind string, lat, lon float64) int64 {
	e.t.Helper()
	body := fmt.Sprintf(`{"company_id":%d,"kind":%q,"title":%q,"tasks":"Opgaver","hours_min":5,"hours_max":20,"seats":2,
		"start_date":"2027-02-01","lat":%g,"lon":%g,"address":"Vej 1","town":"By"}`, companyID, kind, title, lat, lon)
	r := e.do(who, "POST", "/api/v1/openings", body)
	if r.status != 201 {
		e.t.Fatalf("post opening: %d %s", r.status, r.body)
	}
	return int64(r.json["id"].(float64))
}

func hitIDs(r response) []string {
	var out []string
	hits, _ := r.json["hits"].([]any)
	for _, h := range hits {
		out = append(out, h.(map[string]any)["id"].(string))
	}
	return out
}

func TestSearchAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		other := e.do("consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"Øresund Service A/S","branch":"rengoering_hotel_restauration_koekken"}`)
		oid := int64(other.json["id"].(float64))
		clean := e.postOpening("consA", oid, "Rengøringsassistent", "virksomhedspraktik", 56.036, 12.612) // Helsingør
		store := e.postOpening("consA", oid, "Lagermedarbejder", "fleksjob", 55.676, 12.568)              // København
		e.postOpening("consA", oid, "Kokkeelev", "igu", 55.728, 12.357)                                   // Ballerup
		e.postOpening("employer", e.company.ID, "Truckfører", "ordinaere_timer", 56.03, 12.60)            // the employer's own
		e.drain()

		r := e.do("consA", "GET", "/api/v1/search/openings?q=rengoring", "")
		if r.status != 200 || len(hitIDs(r)) != 1 || hitIDs(r)[0] != fmt.Sprint(clean) {
			t.Fatalf("ASCII spelling: %d %s", r.status, r.body)
		}
		formatted := r.json["hits"].([]any)[0].(map[string]any)["_formatted"].(map[string]any)
		if !strings.Contains(formatted["title"].(string), "<mark>") {
			t.Fatalf("no highlight: %v", formatted)
		}
		r = e.do("consA", "GET", "/api/v1/search/openings?kind=fleksjob&kind=igu", "")
		if r.json["total"].(float64) != 2 {
			t.Fatalf("repeated kind is OR: %s", r.body)
		}
		kinds := r.json["facets"].(map[string]any)["kind"].(map[string]any)
		if kinds["fleksjob"].(float64) != 1 || kinds["igu"].(float64) != 1 {
			t.Fatalf("facets: %v", kinds)
		}
		// 25 km around Copenhagen: Copenhagen and Ballerup, not Helsingør (~40 km).
		r = e.do("consA", "GET", "/api/v1/search/openings?lat=55.676&lon=12.568&radius_km=25&sort=distance", "")
		ids := hitIDs(r)
		if len(ids) != 2 || ids[0] != fmt.Sprint(store) {
			t.Fatalf("geo radius and distance sort: %s", r.body)
		}
		if d := r.json["hits"].([]any)[0].(map[string]any)["distance_km"].(float64); d > 0.5 {
			t.Fatalf("distance_km = %v", d)
		}
		if r := e.do("employer", "GET", "/api/v1/search/openings", ""); r.json["total"].(float64) != 1 {
			t.Fatalf("employer sees other companies' openings in search: %s", r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/search/companies", ""); r.status != 403 {
			t.Fatalf("employer searched the company register: %d", r.status)
		}
		if r := e.do("event", "GET", "/api/v1/search/openings?q=lager", ""); r.status != 200 || r.json["total"].(float64) != 2 { // title and company name
			t.Fatalf("event staff search: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/search/openings?radius_km=10&sort=nearest&colour=red", ""); r.status != 400 || !r.hasField("colour") {
			t.Fatalf("bad search parameters: %d %s", r.status, r.body)
		}
		cit := e.do("consA", "POST", "/api/v1/citizens", `{"cpr":"020285-1234","name":"Jonas","target_group":"gruppe1","lat":55.70,"lon":12.55}`)
		cid := int64(cit.json["id"].(float64))
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/search/openings?citizen_id=%d&sort=distance&radius_km=10", cid), "")
		if r.status != 200 || len(hitIDs(r)) != 1 || hitIDs(r)[0] != fmt.Sprint(store) {
			t.Fatalf("distance from a citizen's home: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", fmt.Sprintf("/api/v1/search/openings?citizen_id=%d", cid), ""); r.status != 404 {
			t.Fatalf("another jobcentre used the citizen's address: %d", r.status)
		}
		// Companies and virksomhedscentre are indexed too; CVR is exact.
		if r := e.do("consB", "GET", "/api/v1/search/companies?q=24256790", ""); r.json["total"].(float64) != 1 {
			t.Fatalf("company by CVR: %s", r.body)
		}
	})
}

// The promise: with search down, writes succeed, search answers
// from the database (flagged), /readyz shows the lag, and once search is
// back the outbox brings every change in, with nothing stale.
func TestSearchOutageLosesNoUpdate(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			e := newEnv(t, b)
			e.drain()
			e.engine.down.Store(true)
			var ids []int64
			for i := 0; i < 100; i++ {
				ids = append(ids, e.postOpening("consA", e.company.ID, fmt.Sprintf("Lagerjob %03d", i), "virksomhedspraktik", 56.03, 12.6))
			}
			for _, id := range ids[:60] { // 60 updates
				r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/openings/%d", id), fmt.Sprintf(`{"title":"Pakkejob %d"}`, id))
				if r.status != 200 {
					t.Fatalf("update while search is down: %d %s", r.status, r.body)
				}
			}
			for _, id := range ids[60:] { // 40 archives
				if r := e.do("consA", "DELETE", fmt.Sprintf("/api/v1/openings/%d", id), ""); r.status != 204 {
					t.Fatalf("archive while search is down: %d", r.status)
				}
			}
			if _, err := e.indexer.Drain(context.Background()); err != nil {
				t.Fatal(err) // failures are per entry, rescheduled, not an error
			}
			r := e.do("consA", "GET", "/api/v1/search/openings?q=pakkejob&per_page=100", "")
			if r.status != 200 || r.json["degraded"] != true || r.json["notice"] == nil || r.json["total"].(float64) != 60 {
				t.Fatalf("fallback search while down: %d %s", r.status, r.body[:min(300, len(r.body))])
			}
			rz := e.do("", "GET", "/readyz", "")
			check := rz.json["checks"].(map[string]any)["search"].(map[string]any)
			if rz.status != 200 || rz.json["status"] != "degraded" || check["detail"].(map[string]any)["pending_updates"].(float64) < 200 {
				t.Fatalf("readyz while search is down: %d %s", rz.status, rz.body)
			}

			e.engine.down.Store(false)
			// Retries wait out their backoff; drain until the outbox is empty.
			for i := 0; i < 100; i++ {
				e.drain()
				if pending, _, _ := e.store.OutboxLag(context.Background()); pending == 0 {
					break
				}
				waitBackoff()
			}
			all := e.do("consA", "GET", "/api/v1/search/openings?per_page=100", "")
			if all.json["degraded"] != nil {
				t.Fatalf("still degraded after recovery: %s", all.body[:200])
			}
			got := map[string]string{}
			for _, h := range all.json["hits"].([]any) {
				m := h.(map[string]any)
				got[m["id"].(string)] = m["title"].(string)
			}
			if len(got) != 60 {
				t.Fatalf("after recovery %d openings are searchable, want 60 (40 archived)", len(got))
			}
			for _, id := range ids[:60] {
				if want := fmt.Sprintf("Pakkejob %d", id); got[fmt.Sprint(id)] != want {
					t.Fatalf("opening %d: title %q in search, want %q (stale)", id, got[fmt.Sprint(id)], want)
				}
			}
			if r := e.do("consA", "GET", "/api/v1/search/openings?q="+url.QueryEscape("lagerjob"), ""); r.json["total"].(float64) != 0 {
				t.Fatalf("stale or archived documents remain: %s", r.body[:200])
			}
		})
	}
}

func waitBackoff() { <-time.After(200 * time.Millisecond) }
