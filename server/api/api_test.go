package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"placering/cache/memcache"
	"placering/models"
	"placering/search/indexer"
	"placering/search/memsearch"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/router"
	"placering/server/session"
	"placering/store"
	"placering/store/storetest"
)

// env is a running service on one database backend with one user of each
// kind, logged in through the API.
type env struct {
	t       *testing.T
	srv     *httptest.Server
	echo    *echo.Echo
	engine  *outage
	indexer *indexer.Indexer
	store   *store.Store
	jcA     models.Jobcentre
	jcB     models.Jobcentre
	company models.Company // in jobcentre A; the employer's company
	tokens  map[string]string
	// contract is the server's own OpenAPI document; client checks every
	// exchange with /api/v1 against it (see contract_test.go).
	contract *contract
	client   *http.Client
	// rawAPI turns the check off, for a test that needs raw access.
	rawAPI bool
	// shift moves the service's clock ahead (nanoseconds), for tests of
	// what expires.
	shift *atomic.Int64
}

func newEnv(t *testing.T, b storetest.Backend) *env {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, b)
	vault, _ := cprvault.New(bytes.Repeat([]byte{3}, cprvault.KeySize))
	engine := &outage{Engine: memsearch.New()}
	shift := new(atomic.Int64)
	a := app.New(app.Deps{Store: st, Vault: vault, Index: engine, Now: func() time.Time { return time.Now().Add(time.Duration(shift.Load())) }})
	mc := memcache.New()
	h := router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: mc}, Throttle: &session.Throttle{Cache: mc},
		Checks: map[string]router.Check{"search": {Optional: true, Probe: a.SearchStatus}}})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	e := &env{t: t, srv: srv, echo: h, store: st, engine: engine, tokens: map[string]string{}, shift: shift,
		indexer: &indexer.Indexer{Store: st, Engine: engine}}
	e.contract = loadContract(t, srv.URL)
	e.client = &http.Client{Transport: e.transport()}
	e.jcA = models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	e.jcB = models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
	must(t, st.CreateJobcentre(ctx, &e.jcA))
	must(t, st.CreateJobcentre(ctx, &e.jcB))
	e.company = models.Company{JobcentreID: e.jcA.ID, CompanyFields: models.CompanyFields{CVR: "10150817", Name: "Kronborg Lager ApS",
		Branch: "transport_lager_logistik", Address: "Strandgade 1", Postcode: "3000", Town: "Helsingør", Lat: 56.036, Lon: 12.612}}
	must(t, st.CreateCompany(ctx, &e.company))
	users := []app.UserInput{
		{Email: "admin@test.dk", Role: models.RoleAdmin},
		{Email: "kons.a@test.dk", Role: models.RoleConsultant, JobcentreID: &e.jcA.ID},
		{Email: "kons.b@test.dk", Role: models.RoleConsultant, JobcentreID: &e.jcB.ID},
		{Email: "chef@kronborglager.dk", Role: models.RoleEmployer, CompanyID: &e.company.ID},
		{Email: "event@test.dk", Role: models.RoleEventStaff, JobcentreID: &e.jcA.ID},
	}
	names := []string{"admin", "consA", "consB", "employer", "event"}
	for i, u := range users {
		u.Name, u.Password = names[i], "hemmelig-kode-123"
		if _, err := a.CreateUser(ctx, nil, u); err != nil {
			t.Fatalf("create %s: %v", u.Email, err)
		}
		res := e.do("", "POST", "/api/v1/auth/tokens", fmt.Sprintf(`{"email":%q,"password":"hemmelig-kode-123"}`, u.Email))
		if res.status != 201 {
			t.Fatalf("token for %s: %d %s", u.Email, res.status, res.body)
		}
		e.tokens[names[i]] = res.json["token"].(string)
	}
	return e
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   string
	json   map[string]any
}

// do sends a request as the named user ("" for none) with a JSON body.
func (e *env) do(who, method, path, body string) response {
	e.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	res, err := e.client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, body: string(b)}
	json.Unmarshal(b, &out.json)
	return out
}

// fields returns the names in a problem's errors list.
func (r response) fields() []string {
	var out []string
	list, _ := r.json["errors"].([]any)
	for _, fe := range list {
		out = append(out, fe.(map[string]any)["field"].(string))
	}
	return out
}

func (r response) hasField(f string) bool {
	for _, x := range r.fields() {
		if x == f {
			return true
		}
	}
	return false
}

func eachBackend(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, b))
		})
	}
}

func (e *env) count(table string) int64 {
	var n int64
	switch table {
	case "companies":
		_, n, _ = e.store.ListCompanies(context.Background(), models.CompanyFilter{IncludeArchived: true})
	case "openings":
		_, n, _ = e.store.ListOpenings(context.Background(), models.OpeningFilter{IncludeArchived: true})
	case "citizens":
		_, n, _ = e.store.ListCitizens(context.Background(), models.CitizenFilter{IncludeArchived: true})
	case "virksomhedscentre":
		_, n, _ = e.store.ListVirksomhedscentre(context.Background(), models.VirksomhedscenterFilter{IncludeArchived: true})
	}
	return n
}

const validOpening = `{"company_id": %d, "kind": "virksomhedspraktik", "title": "Lagermedarbejder", "tasks": "Pluk og pak",
	"hours_min": 10, "hours_max": 25, "seats": 2, "start_date": "2027-01-15", "duration_weeks": 13}`

func TestCompanyCRUD(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"Espergærde Rengøring","branch":"rengoering_hotel_restauration_koekken",
			"address":"Stationsvej 2","postcode":"3060","town":"Espergærde","lat":56.0,"lon":12.57,"contacts":[{"name":"Lone Berg","email":"lone@example.dk"}]}`)
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		id := int64(r.json["id"].(float64))
		if r.json["jobcentre_id"].(float64) != float64(e.jcA.ID) {
			t.Fatalf("company registered in the wrong jobcentre: %v", r.json["jobcentre_id"])
		}
		r = e.do("consA", "PATCH", fmt.Sprintf("/api/v1/companies/%d", id), `{"name":"Espergærde Rengøring ApS"}`)
		if r.status != 200 || r.json["name"] != "Espergærde Rengøring ApS" || r.json["town"] != "Espergærde" {
			t.Fatalf("patch changed more or less than the name: %d %s", r.status, r.body)
		}
		if contacts := r.json["contacts"].([]any); len(contacts) != 1 {
			t.Fatalf("patch lost contacts: %s", r.body)
		}
		r = e.do("consB", "GET", "/api/v1/companies?branch=rengoering_hotel_restauration_koekken&sort=name", "")
		if r.status != 200 || r.json["total"].(float64) != 1 {
			t.Fatalf("another jobcentre's consultant finds the company in the shared register: %d %s", r.status, r.body)
		}
		r = e.do("consB", "PATCH", fmt.Sprintf("/api/v1/companies/%d", id), `{"name":"Kapret"}`)
		if r.status != 403 {
			t.Fatalf("consultant of another jobcentre edited the company: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "DELETE", fmt.Sprintf("/api/v1/companies/%d", id), ""); r.status != 204 {
			t.Fatalf("archive: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/companies/%d", id), "")
		if r.status != 200 || r.json["archived_at"] == nil {
			t.Fatalf("archived company should still be readable with archived_at: %s", r.body)
		}
		r = e.do("consA", "GET", "/api/v1/companies?q=espergærde", "")
		if r.json["total"].(float64) != 0 {
			t.Fatalf("archived company listed: %s", r.body)
		}
	})
}

func TestBadInputIsRejectedAndNothingIsWritten(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		before := e.count("openings") + e.count("companies") + e.count("citizens")
		opening := func(patch string) string {
			base := fmt.Sprintf(validOpening, e.company.ID)
			return strings.TrimSuffix(strings.TrimSpace(base), "}") + "," + patch + "}"
		}
		cases := []struct {
			name, who, method, path, body string
			status                        int
			fields                        []string
		}{
			{"malformed JSON", "consA", "POST", "/api/v1/companies", `{"cvr": "10150817", `, 400, nil},
			{"not an object", "consA", "POST", "/api/v1/companies", `["x"]`, 400, nil},
			{"empty body", "consA", "POST", "/api/v1/companies", ``, 415, nil},
			{"unknown field", "consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"X","branch":"butik_detail","colour":"blue"}`, 422, []string{"colour"}},
			{"read-only field", "consA", "POST", "/api/v1/companies", `{"id": 5, "cvr":"24256790","name":"X","branch":"butik_detail"}`, 422, []string{"id"}},
			{"wrong types and more", "consA", "POST", "/api/v1/openings", opening(`"seats":"to","hours_max":"mange","mentor_available":"ja"`), 422, []string{"seats", "hours_max", "mentor_available"}},
			{"invalid CVR", "consA", "POST", "/api/v1/companies", `{"cvr":"12345678","name":"X","branch":"butik_detail"}`, 422, []string{"cvr"}},
			{"min hours above max", "consA", "POST", "/api/v1/openings", opening(`"hours_min":30,"hours_max":10`), 422, []string{"hours_min"}},
			{"no seats", "consA", "POST", "/api/v1/openings", opening(`"seats":0`), 422, []string{"seats"}},
			{"unknown kind", "consA", "POST", "/api/v1/openings", opening(`"kind":"vikariat"`), 422, []string{"kind"}},
			{"bad date", "consA", "POST", "/api/v1/openings", opening(`"start_date":"15-01-2027"`), 422, []string{"start_date"}},
			{"over-long title", "consA", "POST", "/api/v1/openings", opening(`"title":"` + strings.Repeat("å", 201) + `"`), 422, []string{"title"}},
			{"outside Denmark", "consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"X","branch":"butik_detail","lat":48.85,"lon":2.35}`, 422, []string{"lat", "lon"}},
			{"every bad field at once", "consA", "POST", "/api/v1/companies", `{"cvr":"1","branch":"nope"}`, 422, []string{"cvr", "name", "branch"}},
			{"invalid CPR", "consA", "POST", "/api/v1/citizens", `{"cpr":"310290-1234","name":"Ida","target_group":"gruppe1"}`, 422, []string{"cpr"}},
			{"unknown target group", "consA", "POST", "/api/v1/citizens", `{"cpr":"010190-1234","name":"Ida","target_group":"gruppe9"}`, 422, []string{"target_group"}},
			{"another tenant's company", "consB", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, e.company.ID), 422, []string{"company_id"}},
			{"another tenant as jobcentre", "consB", "POST", "/api/v1/companies", fmt.Sprintf(`{"jobcentre_id":%d,"cvr":"24256790","name":"X","branch":"butik_detail"}`, e.jcA.ID), 422, []string{"jobcentre_id"}},
			{"unknown query parameter", "consA", "GET", "/api/v1/openings?brnch=it_kommunikation", "", 400, []string{"brnch"}},
			{"unknown filter value", "consA", "GET", "/api/v1/openings?kind=vikariat&page=0", "", 400, []string{"kind", "page"}},
			{"unknown sort", "consA", "GET", "/api/v1/openings?sort=password", "", 400, []string{"sort"}},
			{"no such id", "consA", "GET", "/api/v1/openings/999999", "", 404, nil},
			{"id not a number", "consA", "GET", "/api/v1/openings/abc", "", 404, nil},
		}
		for _, c := range cases {
			r := e.do(c.who, c.method, c.path, c.body)
			if r.status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.body)
				continue
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: content type %q, want problem+json", c.name, ct)
			}
			if r.json["title"] == nil || r.json["status"].(float64) != float64(c.status) {
				t.Errorf("%s: not a problem document: %s", c.name, r.body)
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: errors do not name %q: %v", c.name, f, r.fields())
				}
			}
		}
		if after := e.count("openings") + e.count("companies") + e.count("citizens"); after != before {
			t.Fatalf("rejected requests wrote %d rows", after-before)
		}
	})
}

func TestCitizensAreTenantScopedMaskedAndAudited(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("consA", "POST", "/api/v1/citizens", `{"cpr":"0101901234","name":"Amina Yusuf","target_group":"flygtning",
			"arrival_date":"2026-08-01","goal_branch":"rengoering_hotel_restauration_koekken","goal_title":"Køkkenmedhjælper",
			"danish_level":"basis","lat":56.03,"lon":12.6,"max_commute_km":15,"hours_capacity":12,"consent_share":true}`)
		if r.status != 201 {
			t.Fatalf("create citizen: %d %s", r.status, r.body)
		}
		if strings.Contains(r.body, "1234") || r.json["cpr_masked"] != "010190-XXXX" {
			t.Fatalf("response leaks or lacks the masked CPR: %s", r.body)
		}
		if _, has := r.json["cpr"]; has {
			t.Fatal("response has a cpr field")
		}
		id := int64(r.json["id"].(float64))
		if r := e.do("consA", "POST", "/api/v1/citizens", `{"cpr":"010190-1234","name":"Dublet","target_group":"gruppe1"}`); r.status != 409 || !r.hasField("cpr") ||
			!strings.Contains(r.body, "Der findes allerede en aktiv borger med dette CPR-nummer i jobcentret.") {
			t.Fatalf("duplicate CPR: %d %s", r.status, r.body)
		}
		// Another jobcentre registers the same person: a conflict there
		// would tell its consultant that the CPR number is known elsewhere.
		r = e.do("consB", "POST", "/api/v1/citizens", `{"cpr":"010190-1234","name":"Amina Yusuf","target_group":"gruppe1"}`)
		if r.status != 201 || r.json["id"].(float64) == float64(id) {
			t.Fatalf("same CPR in another jobcentre: %d %s", r.status, r.body)
		}
		otherID := int64(r.json["id"].(float64))
		if r := e.do("consB", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", otherID), `{"cpr":"0101901234"}`); r.status != 200 {
			t.Fatalf("rewriting the same CPR in the other jobcentre: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "POST", "/api/v1/citizens", `{"cpr":"0101901234","name":"Dublet","target_group":"gruppe1"}`); r.status != 409 || !r.hasField("cpr") {
			t.Fatalf("duplicate CPR within the other jobcentre: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", fmt.Sprintf("/api/v1/citizens/%d", id), ""); r.status != 404 {
			t.Fatalf("consultant of another jobcentre read the citizen: %d", r.status)
		}
		if r := e.do("consB", "GET", "/api/v1/citizens", ""); r.json["total"].(float64) != 1 || strings.Contains(r.body, fmt.Sprintf(`"id":%d,`, id)) {
			t.Fatalf("consultant of another jobcentre lists the citizen: %s", r.body)
		}
		for _, who := range []string{"employer", "event"} {
			if r := e.do(who, "GET", "/api/v1/citizens", ""); r.status != 403 {
				t.Fatalf("%s listed citizens: %d", who, r.status)
			}
			if r := e.do(who, "GET", fmt.Sprintf("/api/v1/citizens/%d", id), ""); r.status != 403 {
				t.Fatalf("%s read a citizen: %d", who, r.status)
			}
		}
		if r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", id), `{"hours_capacity": 15}`); r.status != 200 || r.json["hours_capacity"].(float64) != 15 || r.json["goal_title"] != "Køkkenmedhjælper" {
			t.Fatalf("patch citizen: %d %s", r.status, r.body)
		}
		e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d", id), "")
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: id})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, en := range entries {
			actions[en.Action]++
			if en.Route == "" || en.UserID == 0 {
				t.Fatalf("audit entry not attributable: %+v", en)
			}
		}
		if actions["create"] != 1 || actions["update"] != 1 || actions["read"] < 1 {
			t.Fatalf("audit trail incomplete: %v", actions)
		}
	})
}

func TestEmployerSeesAndEditsOnlyOwnCompany(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		other := models.Company{JobcentreID: e.jcA.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Andet Firma", Branch: "butik_detail"}}
		must(t, e.store.CreateCompany(context.Background(), &other))
		r := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, other.ID))
		if r.status != 201 {
			t.Fatalf("consultant creates opening: %d %s", r.status, r.body)
		}
		otherOpening := int64(r.json["id"].(float64))

		// The employer posts without naming the company: it is their own.
		r = e.do("employer", "POST", "/api/v1/openings", `{"kind":"ordinaere_timer","title":"Truckfører","hours_min":5,"hours_max":15,"seats":1}`)
		if r.status != 201 || r.json["company_id"].(float64) != float64(e.company.ID) || r.json["town"] != "Helsingør" {
			t.Fatalf("employer posts opening: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, other.ID)); r.status != 422 || !r.hasField("company_id") {
			t.Fatalf("employer posted for another company: %d %s", r.status, r.body)
		}
		r = e.do("employer", "GET", "/api/v1/openings", "")
		if r.json["total"].(float64) != 1 {
			t.Fatalf("employer sees other companies' openings: %s", r.body)
		}
		if r := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d", otherOpening), ""); r.status != 404 {
			t.Fatalf("employer read another company's opening: %d", r.status)
		}
		if r := e.do("employer", "PATCH", fmt.Sprintf("/api/v1/openings/%d", otherOpening), `{"seats":9}`); r.status != 404 {
			t.Fatalf("employer edited another company's opening: %d", r.status)
		}
		if r := e.do("employer", "PATCH", fmt.Sprintf("/api/v1/companies/%d", other.ID), `{"name":"x"}`); r.status != 404 {
			t.Fatalf("employer edited another company: %d", r.status)
		}
		if r := e.do("employer", "PATCH", fmt.Sprintf("/api/v1/companies/%d", e.company.ID), `{"contacts":[{"name":"Lone Lager","phone":"+45 49 21 00 00"}]}`); r.status != 200 {
			t.Fatalf("employer edits own company: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", "/api/v1/companies", `{"cvr":"10150817","name":"x","branch":"butik_detail"}`); r.status != 403 {
			t.Fatalf("employer registered a company: %d", r.status)
		}
		if r := e.do("event", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, e.company.ID)); r.status != 403 {
			t.Fatalf("event staff posted an opening: %d", r.status)
		}
		if r := e.do("employer", "POST", "/api/v1/users", `{"email":"x@y.dk","name":"x","password":"hemmelig-kode-123","role":"admin"}`); r.status != 403 {
			t.Fatalf("employer created a user: %d", r.status)
		}
	})
}

func TestVirksomhedscentre(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		body := fmt.Sprintf(`{"company_id":%d,"valid_from":"2026-01-01","valid_to":"2027-12-31","seats":6,
			"target_groups":["gruppe2","gruppe3"],"mentors":[{"name":"Bent Madsen","phone":"40404040"}],"notes":"Fast aftale med mentorstøtte"}`, e.company.ID)
		r := e.do("consA", "POST", "/api/v1/virksomhedscentre", body)
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/virksomhedscentre?target_group=gruppe2&active_on=2026-06-01", ""); r.json["total"].(float64) != 1 {
			t.Fatalf("filter by target group: %s", r.body)
		}
		bad := fmt.Sprintf(`{"company_id":%d,"valid_from":"2027-01-01","valid_to":"2026-01-01","seats":0,"target_groups":["gruppe7"]}`, e.company.ID)
		if r := e.do("consA", "POST", "/api/v1/virksomhedscentre", bad); r.status != 422 || !r.hasField("valid_to") || !r.hasField("seats") || !r.hasField("target_groups") {
			t.Fatalf("bad virksomhedscenter: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "POST", "/api/v1/virksomhedscentre", body); r.status != 422 || !r.hasField("company_id") {
			t.Fatalf("virksomhedscenter with another tenant's company: %d %s", r.status, r.body)
		}
	})
}

func TestAuthentication(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	r := e.do("", "GET", "/api/v1/openings", "")
	if r.status != 401 || r.header.Get("WWW-Authenticate") == "" {
		t.Fatalf("no token: %d %v", r.status, r.header)
	}
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/openings", nil)
	req.Header.Set("Authorization", "Bearer forfalsket")
	res, _ := e.client.Do(req)
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Fatalf("forged token: %d", res.StatusCode)
	}
	if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"kons.a@test.dk","password":"forkert"}`); r.status != 401 {
		t.Fatalf("wrong password: %d", r.status)
	}
	if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"","password":""}`); r.status != 422 || !r.hasField("email") || !r.hasField("password") {
		t.Fatalf("empty credentials: %d %s", r.status, r.body)
	}
	var last response
	for i := 0; i < 12; i++ {
		last = e.do("", "POST", "/api/v1/auth/tokens", `{"email":"kons.b@test.dk","password":"gæt"}`)
	}
	if last.status != 429 || last.header.Get("Retry-After") == "" {
		t.Fatalf("login throttling: %d %v", last.status, last.header)
	}
	if r := e.do("consA", "GET", "/api/v1/me", ""); r.json["email"] != "kons.a@test.dk" || r.json["password_hash"] != nil {
		t.Fatalf("me: %s", r.body)
	}
}

func TestBranchesAndHealth(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/branches", nil)
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var branches []map[string]any
	json.NewDecoder(res.Body).Decode(&branches)
	res.Body.Close()
	good := 0
	for _, b := range branches {
		if b["code"] == "" || b["label"] == "" {
			t.Fatalf("branch without code or label: %v", b)
		}
		if b["good_prospects"] == true {
			good++
		}
	}
	if good != 5 {
		t.Fatalf("want the five good-prospect branches, got %d", good)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		res, err := e.client.Get(e.srv.URL + p)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %v %v", p, err, res.StatusCode)
		}
		res.Body.Close()
	}
}
