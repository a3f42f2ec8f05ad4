package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/search/indexer"
	"placering/server/auth"
	"placering/server/demo"
	"placering/store"
	"placering/store/storetest"
)

// demoService is the whole service over the demo data set, as `go run
// ./server -demo` starts it, with API tokens for the demo users.
type demoService struct {
	t      *testing.T
	srv    *httptest.Server
	b      *backends
	ds     *demo.Dataset
	tokens map[string]string // e-mail → token
}

func startDemo(t *testing.T, backend storetest.Backend) *demoService {
	t.Helper()
	ctx := context.Background()
	env := map[string]string{"DATA_DIR": t.TempDir(), "CPR_KEY": randomHex(32)}
	if backend == storetest.Postgres {
		env["DATABASE_URL"] = storetest.Config(t, backend).DatabaseURL
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBackends(ctx, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	a := b.app()
	// What loadDemo does, without printing the logins.
	ds := demo.Generate(1, models.DateOf(time.Now()))
	hash, err := auth.HashPassword(demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.Tx(ctx, func(tx *store.Store) error { return insertDemo(ctx, tx, a, ds, hash, demoExtra{}) }); err != nil {
		t.Fatal(err)
	}
	d := &demoService{t: t, b: b, ds: ds, tokens: map[string]string{}}
	d.drain()
	d.srv = httptest.NewServer(b.handler(cfg, a, quiet))
	t.Cleanup(d.srv.Close)
	return d
}

// drain brings the search index up to date, as the indexer worker would.
func (d *demoService) drain() {
	d.t.Helper()
	ix := &indexer.Indexer{Store: d.b.store, Engine: d.b.search}
	if _, err := ix.Drain(context.Background()); err != nil {
		d.t.Fatal(err)
	}
}

// call sends a JSON request as the demo user with that e-mail and decodes
// the answer into out (when not nil).
func (d *demoService) call(email, method, path, body string, out any) int {
	d.t.Helper()
	tok, ok := d.tokens[email]
	if !ok && email != "" {
		var res struct{ Token string }
		cred := fmt.Sprintf(`{"email":%q,"password":%q}`, email, demo.Password)
		if st := d.call("", "POST", "/api/v1/auth/tokens", cred, &res); st != 201 {
			d.t.Fatalf("login %s: %d", email, st)
		}
		tok, d.tokens[email] = res.Token, res.Token
	}
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, d.srv.URL+path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			d.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	if res.StatusCode >= 300 && out != nil {
		d.t.Logf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode
}

type demoCitizen struct {
	ID          int64              `json:"id"`
	TargetGroup models.TargetGroup `json:"target_group"`
}

type demoOpening struct {
	ID        int64       `json:"id"`
	CompanyID int64       `json:"company_id"`
	Kind      models.Kind `json:"kind"`
	Seats     int         `json:"seats"`
	Status    string      `json:"status"`
}

type matchItem struct {
	OpeningID  int64       `json:"opening_id"`
	CitizenID  int64       `json:"citizen_id"`
	Score      float64     `json:"score"`
	Kind       models.Kind `json:"kind"`
	SeatsFree  *int        `json:"seats_free"`
	ExcludedBy []string    `json:"excluded_by"`
	Factors    []struct {
		Name         string  `json:"name"`
		Contribution float64 `json:"contribution"`
		Reason       string  `json:"reason"`
	} `json:"factors"`
	TargetGroup models.TargetGroup `json:"target_group"`
}

// all pages through a list endpoint.
func all[T any](d *demoService, email, path string) []T {
	d.t.Helper()
	var out []T
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for p := 1; ; p++ {
		var page struct {
			Items []T `json:"items"`
			Total int `json:"total"`
		}
		if st := d.call(email, "GET", fmt.Sprintf("%s%sper_page=200&page=%d", path, sep, p), "", &page); st != 200 {
			d.t.Fatalf("list %s: %d", path, st)
		}
		out = append(out, page.Items...)
		if len(out) >= page.Total || len(page.Items) == 0 {
			return out
		}
	}
}

func (d *demoService) matches(email string, citizen int64, query string) []matchItem {
	d.t.Helper()
	var res struct{ Items []matchItem }
	if st := d.call(email, "GET", fmt.Sprintf("/api/v1/citizens/%d/matches%s", citizen, query), "", &res); st != 200 {
		d.t.Fatalf("matches of citizen %d: %d", citizen, st)
	}
	return res.Items
}

func (d *demoService) consultantOf(slug string) string {
	return "konsulent." + slug + "@" + demo.Domain
}

// The end-to-end promise on the demo data: fleksjob openings go to
// fleksjob-approved citizens and never to refugees, IGU openings only to
// refugees (in ranking, candidates and assignment alike), and starting a
// match takes a seat, as the API and the search index both show.
func TestMatchingEndToEndOnDemoData(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(string(backend), func(t *testing.T) {
			t.Parallel()
			d := startDemo(t, backend)
			openings := all[demoOpening](d, "admin@"+demo.Domain, "/api/v1/openings")
			kindOf := map[int64]models.Kind{}
			for _, o := range openings {
				kindOf[o.ID] = o.Kind
			}
			fleksWithFleksjob, iguCandidates, iguAssigned, fleksAssigned := 0, 0, 0, 0
			var started struct {
				consultant       string
				citizen, opening int64
			}
			for _, slug := range []string{"helsingor", "ballerup", "kobenhavn"} {
				cons := d.consultantOf(slug)
				citizens := all[demoCitizen](d, cons, "/api/v1/citizens")
				groupOf := map[int64]models.TargetGroup{}
				for _, c := range citizens {
					groupOf[c.ID] = c.TargetGroup
				}
				for _, c := range citizens {
					if c.TargetGroup != models.LedigFleksjobvisitert && c.TargetGroup != models.Flygtning && c.ID%5 != 0 {
						continue // every fleksjob-approved citizen and refugee, a fifth of the rest
					}
					for _, it := range d.matches(cons, c.ID, "") {
						if kindOf[it.OpeningID] != it.Kind || it.ExcludedBy != nil || len(it.Factors) == 0 {
							t.Fatalf("citizen %d: malformed item %+v", c.ID, it)
						}
						switch {
						case it.Kind == models.KindFleksjob && c.TargetGroup != models.LedigFleksjobvisitert:
							t.Fatalf("fleksjob opening %d proposed to a %s citizen %d", it.OpeningID, c.TargetGroup, c.ID)
						case it.Kind == models.KindIGU && c.TargetGroup != models.Flygtning:
							t.Fatalf("IGU opening %d proposed to a %s citizen %d", it.OpeningID, c.TargetGroup, c.ID)
						case it.Kind == models.KindFleksjob:
							fleksWithFleksjob++
							if started.citizen == 0 && it.SeatsFree != nil && *it.SeatsFree > 0 {
								started.consultant, started.citizen, started.opening = cons, c.ID, it.OpeningID
							}
						}
					}
				}
				// A refugee never gets a fleksjob, even among the excluded it is
				// there only with the fleksjob rule against it.
				for _, c := range citizens {
					if c.TargetGroup != models.Flygtning {
						continue
					}
					for _, it := range d.matches(cons, c.ID, "?include=excluded&limit=200") {
						if it.Kind == models.KindFleksjob && !hasPrefix(it.ExcludedBy, "R01") {
							t.Fatalf("refugee %d: fleksjob opening %d not excluded by R01: %+v", c.ID, it.OpeningID, it)
						}
					}
					break
				}

				// IGU openings: candidates are refugees of the consultant's own
				// jobcentre, in the ranking and in the batch assignment.
				for _, o := range openings {
					if o.Kind != models.KindIGU || o.Status != string(models.StatusOpen) {
						continue
					}
					var res struct{ Items []matchItem }
					if st := d.call(cons, "GET", fmt.Sprintf("/api/v1/openings/%d/candidates?limit=200", o.ID), "", &res); st != 200 {
						t.Fatalf("IGU candidates: %d", st)
					}
					for _, it := range res.Items {
						if g, own := groupOf[it.CitizenID]; !own || g != models.Flygtning || it.TargetGroup != models.Flygtning {
							t.Fatalf("IGU opening %d: candidate %d is %q (own jobcentre: %v)", o.ID, it.CitizenID, g, own)
						}
						iguCandidates++
					}
				}
				var a struct {
					Assignments []struct {
						CitizenID int64   `json:"citizen_id"`
						OpeningID int64   `json:"opening_id"`
						Score     float64 `json:"score"`
					} `json:"assignments"`
					Objective  float64 `json:"objective"`
					Unassigned []struct {
						CitizenID int64  `json:"citizen_id"`
						Reason    string `json:"reason"`
					} `json:"unassigned"`
				}
				if st := d.call(cons, "POST", "/api/v1/matching/assign", "{}", &a); st != 200 {
					t.Fatalf("assign: %d", st)
				}
				if len(a.Assignments)+len(a.Unassigned) != len(citizens) || len(a.Assignments) == 0 {
					t.Fatalf("%s: %d assigned + %d unassigned, %d citizens", slug, len(a.Assignments), len(a.Unassigned), len(citizens))
				}
				perOpening := map[int64]int{}
				sum := 0.0
				for _, p := range a.Assignments {
					g, k := groupOf[p.CitizenID], kindOf[p.OpeningID]
					if k == models.KindIGU && g != models.Flygtning || k == models.KindFleksjob && g != models.LedigFleksjobvisitert {
						t.Fatalf("assignment gives %s opening %d to a %s citizen %d", k, p.OpeningID, g, p.CitizenID)
					}
					switch k {
					case models.KindIGU:
						iguAssigned++
					case models.KindFleksjob:
						fleksAssigned++
					}
					perOpening[p.OpeningID]++
					sum += p.Score
				}
				for id, n := range perOpening {
					for _, o := range openings {
						if o.ID == id && n > o.Seats {
							t.Fatalf("opening %d got %d citizens for %d seats", id, n, o.Seats)
						}
					}
				}
				if math.Abs(sum-a.Objective) > 1e-6 {
					t.Fatalf("objective %v, assignments sum to %v", a.Objective, sum)
				}
				for _, u := range a.Unassigned {
					if u.Reason == "" {
						t.Fatalf("unassigned citizen %d without a reason", u.CitizenID)
					}
				}
			}
			// The checks above must have had something to check.
			t.Logf("fleksjob proposals to fleksjob-approved citizens: %d; IGU candidates: %d; assigned IGU %d, fleksjob %d",
				fleksWithFleksjob, iguCandidates, iguAssigned, fleksAssigned)
			if fleksWithFleksjob == 0 || started.citizen == 0 || iguCandidates == 0 || iguAssigned == 0 || fleksAssigned == 0 {
				t.Fatal("the demo data gave too few fleksjob or IGU matches to test the rules")
			}

			// Start a match and watch the seat go, in matching and in search.
			seatsBefore := seatsOf(d, started.consultant, started.citizen, started.opening)
			searchBefore := searchSeats(d, started.consultant, started.opening)
			if searchBefore != seatsBefore {
				t.Fatalf("search says %d free seats, matching %d", searchBefore, seatsBefore)
			}
			var m struct {
				ID    int64  `json:"id"`
				State string `json:"state"`
			}
			if st := d.call(started.consultant, "POST", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, started.citizen, started.opening), &m); st != 201 {
				t.Fatalf("propose: %d", st)
			}
			for _, state := range []string{"kontaktet", "aftalt", "startet"} {
				if st := d.call(started.consultant, "POST", fmt.Sprintf("/api/v1/matches/%d/transitions", m.ID), fmt.Sprintf(`{"state":%q}`, state), &m); st != 200 || m.State != state {
					t.Fatalf("move to %s: %d", state, st)
				}
			}
			if after := seatsOf(d, started.consultant, started.citizen, started.opening); after != seatsBefore-1 {
				t.Fatalf("free seats after start: %d, want %d", after, seatsBefore-1)
			}
			d.drain()
			if after := searchSeats(d, started.consultant, started.opening); after != searchBefore-1 {
				t.Fatalf("search seats_free after start: %d, want %d", after, searchBefore-1)
			}
		})
	}
}

func hasPrefix(ids []string, prefix string) bool {
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}

// seatsOf reads an opening's free seats from a citizen's ranking (among
// the excluded when no seat is left).
func seatsOf(d *demoService, cons string, citizen, opening int64) int {
	d.t.Helper()
	for _, it := range d.matches(cons, citizen, "?include=excluded&limit=200") {
		if it.OpeningID == opening && it.SeatsFree != nil {
			return *it.SeatsFree
		}
	}
	d.t.Fatalf("opening %d not in citizen %d's list", opening, citizen)
	return 0
}

// searchSeats reads an opening's seats_free from the search index.
func searchSeats(d *demoService, cons string, opening int64) int {
	d.t.Helper()
	var o demoOpening
	if st := d.call(cons, "GET", fmt.Sprintf("/api/v1/openings/%d", opening), "", &o); st != 200 {
		d.t.Fatalf("opening %d: %d", opening, st)
	}
	var res struct {
		Hits []struct {
			ID        string  `json:"id"`
			SeatsFree float64 `json:"seats_free"`
		} `json:"hits"`
	}
	path := fmt.Sprintf("/api/v1/search/openings?company_id=%d&kind=fleksjob&per_page=100", o.CompanyID)
	if st := d.call(cons, "GET", path, "", &res); st != 200 {
		d.t.Fatalf("search: %d", st)
	}
	for _, h := range res.Hits {
		if h.ID == fmt.Sprint(opening) {
			return int(h.SeatsFree)
		}
	}
	d.t.Fatalf("opening %d not found in search", opening)
	return 0
}
