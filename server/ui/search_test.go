package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"placering/models"
	"placering/search"
	"placering/search/indexer"
	"placering/search/memsearch"
	"placering/server/app"
)

// switchable is a real search engine that can be made to fail the way an
// unreachable server does, to show the page's database fallback.
type switchable struct {
	search.Engine
	down atomic.Bool
}

func (s *switchable) Search(ctx context.Context, idx search.Index, q search.Query) (search.Result, error) {
	if s.down.Load() {
		return search.Result{}, fmt.Errorf("%w: dial tcp 127.0.0.1:7700: connection refused", search.ErrUnavailable)
	}
	return s.Engine.Search(ctx, idx, q)
}

// searchEnv is env with a search engine and the indexer that feeds it
// from the outbox. Openings: three at "Øresund Transport A/S" (jobcentre
// Helsingør's consultant posted them) in Helsingør, København and
// Ballerup, and one at the employer's bakery in Helsingør.
type searchEnv struct {
	*env
	engine                           *switchable
	ix                               *indexer.Indexer
	logistics                        models.Company
	clean, store, truck, baker       models.Opening
	virksomhedscenter                models.Virksomhedscenter
	citizenBallerup, citizenHomeless models.Citizen
}

func newSearchEnv(t *testing.T) *searchEnv {
	t.Helper()
	e := newEnv(t)
	engine := &switchable{Engine: memsearch.New()}
	// newEnv builds the app without an engine, since no other page
	// searches. No request has been served yet, so setting it here is
	// seen by every handler.
	e.app.Index = engine
	s := &searchEnv{env: e, engine: engine, ix: &indexer.Indexer{Store: e.store, Engine: engine}}
	s.logistics = e.createCompanyIn("29403473", "Øresund Transport A/S", "Ballerup", "transport_lager_logistik")
	s.clean = s.opening(&e.consultant, models.OpeningFields{CompanyID: s.logistics.ID, Kind: models.KindPraktik, Title: "Rengøringsassistent",
		Branch: "rengoering_hotel_restauration_koekken", Town: "Helsingør", Postcode: "3000", Lat: 56.036, Lon: 12.612,
		HoursMin: 10, HoursMax: 20, Seats: 2, MentorAvailable: true, StartDate: models.NewDate(2027, 3, 1)})
	s.store = s.opening(&e.consultant, models.OpeningFields{CompanyID: s.logistics.ID, Kind: models.KindFleksjob, Title: "Lagermedarbejder",
		Branch: "transport_lager_logistik", Town: "København K", Postcode: "1360", Lat: 55.676, Lon: 12.568,
		HoursMin: 15, HoursMax: 25, Seats: 1, StartDate: models.NewDate(2027, 2, 1)})
	s.truck = s.opening(&e.consultant, models.OpeningFields{CompanyID: s.logistics.ID, Kind: models.KindIGU, Title: "Lagerarbejder med truck",
		Branch: "transport_lager_logistik", Town: "Ballerup", Postcode: "2750", Lat: 55.731, Lon: 12.363,
		HoursMin: 37, HoursMax: 37, Seats: 3, StartDate: models.NewDate(2027, 1, 15)})
	// The employer's company's opening, posted by the consultant: one the
	// employer posted for praktik would await review, in no index.
	s.baker = s.opening(&e.consultant, models.OpeningFields{CompanyID: e.company.ID, Kind: models.KindPraktik, Title: "Bagerlærling",
		Branch: "butik_detail", Town: "Helsingør", Postcode: "3000", Lat: 56.03, Lon: 12.60,
		HoursMin: 15, HoursMax: 30, Seats: 1, StartDate: models.NewDate(2027, 4, 1)})
	ctx := context.Background()
	var err error
	s.virksomhedscenter, err = e.app.CreateVirksomhedscenter(ctx, &e.consultant, models.VirksomhedscenterFields{
		CompanyID: s.logistics.ID, Seats: 4, TargetGroups: models.List[models.TargetGroup]{models.Flygtning, models.Gruppe2},
		ValidFrom: models.NewDate(2026, 1, 1), ValidTo: models.NewDate(2028, 1, 1),
	})
	if err != nil {
		t.Fatalf("create virksomhedscenter: %v", err)
	}
	s.citizenBallerup = s.citizen("050585-1234", "Bo Ballerup", 55.7315, 12.3635)
	s.citizenHomeless = s.citizen("060686-4321", "Hanne Uden Bopæl", 0, 0)
	s.drain()
	return s
}

func (s *searchEnv) opening(who *models.User, f models.OpeningFields) models.Opening {
	s.t.Helper()
	f.Tasks, f.Address, f.Status = "Opgaver i teamet", "Vej 1", models.StatusOpen
	o, err := s.app.CreateOpening(context.Background(), who, f)
	if err != nil {
		s.t.Fatalf("create opening %s: %v", f.Title, err)
	}
	return o
}

func (s *searchEnv) citizen(cpr, name string, lat, lon float64) models.Citizen {
	s.t.Helper()
	c, err := s.app.CreateCitizen(context.Background(), &s.consultant, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
		Name: name, TargetGroup: models.Gruppe1, Lat: lat, Lon: lon,
	}})
	if err != nil {
		s.t.Fatalf("create citizen %s: %v", name, err)
	}
	return c
}

func (s *searchEnv) drain() {
	s.t.Helper()
	if _, err := s.ix.Drain(context.Background()); err != nil {
		s.t.Fatalf("drain outbox: %v", err)
	}
}

// hitTitles lists the result titles on a page, in order, without the
// highlighting.
func hitTitles(body string) []string {
	var out []string
	tag := regexp.MustCompile(`<[^>]+>`)
	for _, m := range regexp.MustCompile(`<h3><a href="[^"]*">(.*?)</a></h3>`).FindAllStringSubmatch(body, -1) {
		out = append(out, tag.ReplaceAllString(m[1], ""))
	}
	return out
}

func wantHits(t *testing.T, body string, want ...string) {
	t.Helper()
	if got := hitTitles(body); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("hits = %q, want %q", got, want)
	}
}

// facetCount is the count shown beside a facet's checkbox, and whether it
// is ticked.
func facetCount(t *testing.T, body, param, value string) (count string, checked bool) {
	t.Helper()
	re := regexp.MustCompile(`<input type="checkbox" id="[^"]*" name="` + param + `" value="` + value + `"( checked)?>\s*<label[^>]*>[^<]*<span class="facet-count">\((\d+)\)</span>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no facet %s=%s with a count", param, value)
	}
	return m[2], m[1] != ""
}

func wantFacet(t *testing.T, body, param, value, count string, checked bool) {
	t.Helper()
	if n, c := facetCount(t, body, param, value); n != count || c != checked {
		t.Errorf("facet %s=%s: (%s) checked=%v, want (%s) checked=%v", param, value, n, c, count, checked)
	}
}

func TestSearchPage(t *testing.T) {
	s := newSearchEnv(t)
	c := s.client()
	c.login(s.consultant.Email)

	// The whole page: the nav link, text search with highlighting, facet
	// counts of all matches, the result details.
	resp, body := c.get("/soeg?q=lager")
	wantStatus(t, resp, body, http.StatusOK)
	wantHits(t, body, "Lagermedarbejder", "Lagerarbejder med truck")
	wantContains(t, body, `<a href="/soeg" aria-current="page">Søg</a>`, "<title>Søg i åbninger – Placering</title>",
		"2 åbninger fundet.", `value="lager"`, "<mark>Lagermedarbejder</mark>", `href="/aabninger/`+itoa(s.store.ID)+`"`,
		"Øresund Transport A/S", "Fleksjob", "Transport, lager og logistik", "15–25", "1 af 1", "1. feb. 2027")
	wantFacet(t, body, "kind", "fleksjob", "1", false)
	wantFacet(t, body, "kind", "igu", "1", false)
	wantFacet(t, body, "kind", "virksomhedspraktik", "0", false)
	wantFacet(t, body, "branch", "transport_lager_logistik", "2", false)

	// Ticking a kind narrows the hits; the kind counts still show what the
	// other kinds would add (OR), the branch counts follow the filter.
	_, body = c.get("/soeg?q=lager&kind=fleksjob")
	wantHits(t, body, "Lagermedarbejder")
	wantFacet(t, body, "kind", "fleksjob", "1", true)
	wantFacet(t, body, "kind", "igu", "1", false)
	wantFacet(t, body, "branch", "transport_lager_logistik", "1", false)
	_, body = c.get("/soeg?q=lager&kind=fleksjob&kind=igu")
	wantHits(t, body, "Lagermedarbejder", "Lagerarbejder med truck")

	// The other filters: branch, hours, mentor, seats, status, sort.
	_, body = c.get("/soeg?branch=transport_lager_logistik&branch=butik_detail&sort=start_date")
	wantHits(t, body, "Lagerarbejder med truck", "Lagermedarbejder", "Bagerlærling")
	wantFacet(t, body, "branch", "rengoering_hotel_restauration_koekken", "1", false)
	_, body = c.get("/soeg?hours_min=26")
	wantHits(t, body, "Lagerarbejder med truck", "Bagerlærling")
	_, body = c.get("/soeg?hours_max=12")
	wantHits(t, body, "Rengøringsassistent")
	_, body = c.get("/soeg?mentor=on")
	wantHits(t, body, "Rengøringsassistent")
	wantContains(t, body, `id="f-mentor" name="mentor" value="on" checked`)
	_, body = c.get("/soeg?seats_free=3")
	wantHits(t, body, "Lagerarbejder med truck")
	_, body = c.get("/soeg?status=draft")
	wantContains(t, body, "Ingen åbninger fundet.", "Ingen åbninger passer til søgningen.")
	resp, body = c.get("/soeg?hours_min=30&hours_max=10")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Højst antal timer skal være mindst lige så mange", "Ret filtrene for at se resultater.",
		`<title>Fejl: Søg i åbninger – Placering</title>`, `href="#f-hours_max"`)
	wantHits(t, body)
	resp, body = c.get("/soeg?seats_free=mange")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `&#34;mange&#34; er ikke et heltal.`, `id="f-seats_free" name="seats_free" type="text" value="mange"`)

	// Distance from a place: a postcode or a town name, with a radius.
	_, body = c.get("/soeg?place=2750&sort=distance")
	wantHits(t, body, "Lagerarbejder med truck", "Lagermedarbejder", "Bagerlærling", "Rengøringsassistent")
	wantContains(t, body, "Afstand måles fra 2750 Ballerup.", "<dt>Afstand</dt><dd>0 km</dd>")
	_, body = c.get("/soeg?place=helsing%C3%B8r&radius_km=10")
	wantHits(t, body, "Rengøringsassistent", "Bagerlærling")
	wantContains(t, body, "Afstand måles fra 3000 Helsingør.")
	resp, body = c.get("/soeg?place=Atlantis&radius_km=10&q=lager")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `Vi kender ikke stedet »Atlantis«. Skriv et postnummer (fx 3000) eller et bynavn (fx Helsingør).`,
		`id="f-place" name="place" type="text" value="Atlantis"`, `aria-invalid="true"`, `href="#f-place"`)
	wantLacks(t, body, "Ingen adgang", "Der opstod en fejl")
	wantHits(t, body)
	resp, body = c.get("/soeg?sort=distance&radius_km=5")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Vælg en borger eller skriv et sted for at sortere efter afstand.", "Vælg en borger eller skriv et sted for at søge inden for en afstand.")

	// Junk is dropped, not passed on: unknown codes, another index's
	// filters, the API's raw coordinates and employer scoping.
	_, body = c.get("/soeg?kind=drop+table&target_group=gruppe1&lat=1&lon=1&sort=-id&page=abc&company_id=" + itoa(s.company.ID))
	wantHits(t, body, "Rengøringsassistent", "Lagermedarbejder", "Lagerarbejder med truck", "Bagerlærling")

	// The other indexes, through the tabs.
	_, body = c.get("/soeg?index=virksomhedscentre&target_group=flygtning")
	wantContains(t, body, "<title>Søg i virksomhedscentre – Placering</title>", `href="/virksomhedscentre/`+itoa(s.virksomhedscenter.ID)+`"`,
		"Flygtning eller familiesammenført", `<input type="hidden" name="index" value="virksomhedscentre">`, "4 af 4")
	wantFacet(t, body, "target_group", "flygtning", "1", true)
	wantFacet(t, body, "target_group", "gruppe2", "1", false)
	_, body = c.get("/soeg?index=companies&q=bageri")
	wantHits(t, body, "Bageriet Kronborg ApS")
	wantContains(t, body, `href="/virksomheder/`+itoa(s.company.ID)+`"`, "CVR 12345674", `href="/soeg?index=openings&amp;q=bageri"`)
}

func TestSearchFragments(t *testing.T) {
	s := newSearchEnv(t)
	c := s.client()
	c.login(s.consultant.Email)

	reads := auditCount(t, s.env, s.consultant.ID)
	// Typing: only the results, with the facets and the count out of
	// band, and the address bar gets the cleaned query.
	resp, body := c.get("/soeg?index=openings&q=lager&kind=fleksjob&hours_min=&place=", "HX-Request", "true", "HX-Target", "soeg-resultat")
	wantStatus(t, resp, body, http.StatusOK)
	wantHits(t, body, "Lagermedarbejder")
	wantContains(t, body, `<div id="facetter" hx-swap-oob="true">`, `<p id="antal" class="count" role="status" hx-swap-oob="true">1 åbning fundet.</p>`)
	wantLacks(t, body, "<html", `id="filtre"`, `id="soeg-resultat"`, `name="citizen_id"`)
	wantFacet(t, body, "kind", "igu", "1", false)
	if got, want := resp.Header.Get("HX-Push-Url"), "/soeg?kind=fleksjob&q=lager"; got != want {
		t.Errorf("HX-Push-Url = %q, want %q", got, want)
	}
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Target") {
		t.Errorf("Vary = %q; fragments differ by HX-Target", resp.Header.Values("Vary"))
	}
	// An audited citizen list is not loaded for every key typed.
	if n := auditCount(t, s.env, s.consultant.ID); n != reads {
		t.Errorf("typing recorded %d citizen reads", n-reads)
	}

	// A filter change: filters and results, problems in 200 answers
	// (htmx swaps only those), next to the field.
	resp, body = c.get("/soeg?q=lager&place=Atlantis", "HX-Request", "true", "HX-Target", "soeg-indhold")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `id="filtre"`, `id="soeg-resultat"`, "Vi kender ikke stedet »Atlantis«", `<p id="antal" class="count" role="status" hx-swap-oob="true">Ret filtrene`,
		`name="citizen_id"`)
	wantLacks(t, body, "<html")
	wantHits(t, body)

	// A history restore needs the whole page.
	_, body = c.get("/soeg?q=lager", "HX-Request", "true", "HX-History-Restore-Request", "true")
	wantContains(t, body, "<html")
}

func auditCount(t *testing.T, e *env, userID int64) int64 {
	t.Helper()
	_, n, err := e.store.ListAudit(context.Background(), models.AuditFilter{UserID: userID, Entity: "citizen"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSearchFromCitizen(t *testing.T) {
	s := newSearchEnv(t)
	c := s.client()
	c.login(s.consultant.Email)

	// A view without typing lists no citizen and reads none.
	before := auditCount(t, s.env, s.consultant.ID)
	resp, body := c.get("/soeg")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `id="borger-soeg"`, `hx-get="/borgervalg?til=soeg"`, `name="citizen_id"`, `<option value="">Ingen borger valgt</option>`)
	wantLacks(t, body, "Bo Ballerup", "Hanne Uden Bopæl")
	if n := auditCount(t, s.env, s.consultant.ID); n != before {
		t.Errorf("a view without typing recorded %d citizen reads", n-before)
	}

	// Typing fetches the matches (masked), and reads only those.
	reads := func(id int64) int64 {
		t.Helper()
		_, n, err := s.env.store.ListAudit(context.Background(), models.AuditFilter{UserID: s.consultant.ID, Entity: "citizen", EntityID: id})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	ballerup, homeless := reads(s.citizenBallerup.ID), reads(s.citizenHomeless.ID)
	resp, body = c.get("/borgervalg?til=soeg&borger_soeg=+ball", "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="`+itoa(s.citizenBallerup.ID)+`">Bo Ballerup (050585-XXXX)</option>`, "1 borger fundet")
	wantLacks(t, body, "<html", "Hanne", "050585-1234", "0505851234")
	wantReads := func(id, before, want int64) {
		t.Helper()
		if n := reads(id) - before; n != want {
			t.Errorf("citizen %d: %d reads recorded, want %d", id, n, want)
		}
	}
	wantReads(s.citizenBallerup.ID, ballerup, 1)
	wantReads(s.citizenHomeless.ID, homeless, 0)
	// One letter is not enough; nothing is read.
	_, body = c.get("/borgervalg?borger_soeg=b", "HX-Request", "true")
	wantContains(t, body, "Skriv mindst 2 bogstaver")
	wantLacks(t, body, "Bo Ballerup")
	_, body = c.get("/borgervalg?borger_soeg=zzz", "HX-Request", "true")
	wantContains(t, body, "Ingen borgere fundet for »zzz«")
	wantReads(s.citizenBallerup.ID, ballerup, 1)
	// Without JavaScript the typed text is submitted and the matches come
	// back in the select.
	resp, body = c.get("/soeg?borger_soeg=ballerup")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="`+itoa(s.citizenBallerup.ID)+`">Bo Ballerup (050585-XXXX)</option>`, `value="ballerup"`)
	wantLacks(t, body, "Hanne")

	before = auditCount(t, s.env, s.consultant.ID)
	_, body = c.get("/soeg?sort=distance&radius_km=30&citizen_id=" + itoa(s.citizenBallerup.ID))
	wantHits(t, body, "Lagerarbejder med truck", "Lagermedarbejder")
	wantContains(t, body, "Afstand måles fra borgerens bopæl.", "<dt>Afstand</dt><dd>0,1 km</dd>",
		`<option value="`+itoa(s.citizenBallerup.ID)+`" selected>`)
	// The home is a read of the citizen, recorded as one.
	_, n, err := s.env.store.ListAudit(context.Background(), models.AuditFilter{UserID: s.consultant.ID, Entity: "citizen", EntityID: s.citizenBallerup.ID})
	if err != nil {
		t.Fatal(err)
	}
	if after := auditCount(t, s.env, s.consultant.ID); after <= before || n == 0 {
		t.Errorf("audit entries %d → %d (%d for the citizen); want the home read recorded", before, after, n)
	}

	resp, body = c.get("/soeg?citizen_id=" + itoa(s.citizenHomeless.ID))
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Borgeren har ingen bopæl registreret.")
	resp, body = c.get("/soeg?citizen_id=999999")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Borgeren findes ikke i dit jobcenter.")
	resp, body = c.get("/soeg?place=3000&citizen_id=" + itoa(s.citizenBallerup.ID))
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Vælg enten en borger eller et sted – ikke begge.")

	// Event staff search but never see citizens, not even by id.
	ev := s.client()
	ev.login(s.ev.Email)
	resp, body = ev.get("/soeg?q=lager")
	wantStatus(t, resp, body, http.StatusOK)
	wantHits(t, body, "Lagermedarbejder", "Lagerarbejder med truck")
	wantLacks(t, body, `name="citizen_id"`, "Bo Ballerup", `href="/borgere"`)
	resp, body = ev.get("/soeg?citizen_id=" + itoa(s.citizenBallerup.ID))
	wantStatus(t, resp, body, http.StatusForbidden)
	wantLacks(t, body, "Bo Ballerup", "Afstand måles")
	// The refused attempt is in the citizen's access log; no read is.
	entries, _, err := s.env.store.ListAudit(context.Background(), models.AuditFilter{UserID: s.ev.ID, Entity: "citizen"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != "denied" || entries[0].EntityIDs != ","+itoa(s.citizenBallerup.ID)+"," {
		t.Errorf("event staff: audit entries %+v, want one denied read of the citizen", entries)
	}
}

func TestSearchEmployer(t *testing.T) {
	s := newSearchEnv(t)
	c := s.client()
	c.login(s.employer.Email)

	resp, body := c.get("/soeg")
	wantStatus(t, resp, body, http.StatusOK)
	wantHits(t, body, "Bagerlærling")
	wantContains(t, body, "1 åbning fundet.")
	wantFacet(t, body, "branch", "butik_detail", "1", false)
	wantFacet(t, body, "branch", "transport_lager_logistik", "0", false)
	wantLacks(t, body, `name="citizen_id"`, `aria-label="Hvad vil du søge i?"`)

	// Not by text, not by a filter (whose counts come from a second
	// search), not by an id in the URL.
	_, body = c.get("/soeg?q=lager")
	wantHits(t, body)
	wantContains(t, body, "Ingen åbninger fundet.")
	_, body = c.get("/soeg?kind=fleksjob&company_id=" + itoa(s.logistics.ID))
	wantHits(t, body)
	wantFacet(t, body, "kind", "fleksjob", "0", true)
	wantFacet(t, body, "kind", "virksomhedspraktik", "1", false)

	for _, idx := range []string{"companies", "virksomhedscentre"} {
		resp, body = c.get("/soeg?index=" + idx)
		wantStatus(t, resp, body, http.StatusForbidden)
		wantLacks(t, body, "Øresund Transport")
	}
	resp, body = c.get("/soeg?citizen_id=" + itoa(s.citizenBallerup.ID))
	wantStatus(t, resp, body, http.StatusForbidden)
	wantLacks(t, body, "Bo Ballerup")
}

func TestSearchDegraded(t *testing.T) {
	s := newSearchEnv(t)
	c := s.client()
	c.login(s.consultant.Email)
	s.engine.down.Store(true)

	resp, body := c.get("/soeg?q=Lager&kind=fleksjob")
	wantStatus(t, resp, body, http.StatusOK)
	wantHits(t, body, "Lagermedarbejder")
	wantContains(t, body, `<p class="notice" role="status">Søgemaskinen svarer ikke lige nu.`, "1 åbning fundet.")
	wantFacet(t, body, "kind", "igu", "1", false) // counted by the database

	_, body = c.get("/soeg?q=Lager", "HX-Request", "true", "HX-Target", "soeg-resultat")
	wantContains(t, body, `role="status">Søgemaskinen svarer ikke`)
}

func TestSearchPaging(t *testing.T) {
	s := newSearchEnv(t)
	for i := 0; i < 22; i++ {
		s.opening(&s.consultant, models.OpeningFields{CompanyID: s.logistics.ID, Kind: models.KindPraktik, Title: fmt.Sprintf("Pakkeri %02d", i),
			Town: "Ballerup", Postcode: "2750", Lat: 55.73, Lon: 12.36, HoursMin: 10, HoursMax: 20, Seats: 1})
	}
	s.drain()
	c := s.client()
	c.login(s.consultant.Email)
	_, body := c.get("/soeg?q=pakkeri")
	wantContains(t, body, "22 åbninger fundet, viser 1–20.", "Side 1 af 2", `href="/soeg?page=2&amp;q=pakkeri"`)
	if n := len(hitTitles(body)); n != 20 {
		t.Errorf("page 1 has %d hits", n)
	}
	_, body = c.get("/soeg?q=pakkeri&page=2")
	wantContains(t, body, "viser 21–22", "Forrige side", `href="/soeg?q=pakkeri"`)
	if n := len(hitTitles(body)); n != 2 {
		t.Errorf("page 2 has %d hits", n)
	}
}
