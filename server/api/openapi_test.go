package api_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"placering/models"
	"placering/store/storetest"
)

// The OpenAPI document must describe exactly the routes echo serves, and
// its schemas must name exactly the fields the API sends.
func TestOpenAPIMatchesRegisteredRoutes(t *testing.T) {
	e := newEnv(t, "sqlite")
	r := e.do("", "GET", "/api/v1/openapi.json", "")
	if r.status != 200 || r.json["openapi"] != "3.0.3" {
		t.Fatalf("openapi.json: %d", r.status)
	}
	documented := map[string]bool{}
	for path, ops := range r.json["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range e.echo.Routes() {
		if !strings.HasPrefix(rt.Path, "/api/v1/") {
			continue
		}
		p := rt.Path
		for _, part := range strings.Split(p, "/") {
			if strings.HasPrefix(part, ":") {
				p = strings.Replace(p, part, "{"+part[1:]+"}", 1)
			}
		}
		served[rt.Method+" "+p] = true
	}
	if missing := diff(served, documented); len(missing) > 0 {
		t.Errorf("served but not documented: %v", missing)
	}
	if extra := diff(documented, served); len(extra) > 0 {
		t.Errorf("documented but not served: %v", extra)
	}
	for _, want := range []string{"GET /api/v1/companies", "POST /api/v1/citizens", "PATCH /api/v1/openings/{id}", "DELETE /api/v1/virksomhedscentre/{id}", "GET /api/v1/branches", "POST /api/v1/auth/tokens"} {
		if !documented[want] {
			t.Errorf("%s is not documented", want)
		}
	}

	schemas := r.json["components"].(map[string]any)["schemas"].(map[string]any)
	samples := map[string]any{
		"Company": models.Company{}, "Opening": models.Opening{}, "Citizen": models.Citizen{}, "Virksomhedscenter": models.Virksomhedscenter{},
	}
	for name, sample := range samples {
		b, _ := json.Marshal(sample)
		var sent map[string]any
		json.Unmarshal(b, &sent)
		props := schemas[name].(map[string]any)["properties"].(map[string]any)
		for k := range sent {
			if _, ok := props[k]; !ok {
				t.Errorf("%s: field %q is sent but not documented", name, k)
			}
		}
	}
	// The contract fields, spelled as clients will use them.
	contract := map[string]string{
		"Company":           "id cvr name branch address postcode town lat lon",
		"Virksomhedscenter": "id company_id seats target_groups valid_from valid_to",
		"Opening":           "id company_id kind title tasks branch hours_min hours_max seats start_date duration_weeks status lat lon",
		"Citizen":           "id cpr_masked name target_group goal_branch goal_title danish_level lat lon max_commute_km hours_capacity consent_share arrival_date",
	}
	for name, fields := range contract {
		props := schemas[name].(map[string]any)["properties"].(map[string]any)
		for _, f := range strings.Fields(fields) {
			if _, ok := props[f]; !ok {
				t.Errorf("%s lacks contract field %q", name, f)
			}
		}
	}
	cpr := schemas["CitizenInput"].(map[string]any)["properties"].(map[string]any)["cpr"].(map[string]any)
	if cpr["writeOnly"] != true {
		t.Error("cpr is not documented as write-only")
	}
}

func diff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// A client can send back what a GET returned as a PATCH: the server-set
// fields are ignored, and since nothing changed, nothing is written (the
// updated_at stamp stays).
func TestGetSentBackAsPatchChangesNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		opening := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, e.company.ID))
		citizen := e.do("consA", "POST", "/api/v1/citizens", `{"cpr":"0101901234","name":"Anna Andersen","target_group":"gruppe2","lat":56.03,"lon":12.6}`)
		vc := e.do("consA", "POST", "/api/v1/virksomhedscentre", fmt.Sprintf(`{"company_id":%d,"valid_from":"2026-01-01","seats":3,"target_groups":["gruppe2"]}`, e.company.ID))
		for _, created := range []response{opening, citizen, vc} {
			if created.status != 201 {
				t.Fatalf("create: %d %s", created.status, created.body)
			}
		}
		placement := e.do("consA", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id":%v,"opening_id":%v,"start_date":"2027-01-15"}`,
			citizen.json["id"], opening.json["id"]))
		if placement.status != 201 {
			t.Fatalf("placement: %d %s", placement.status, placement.body)
		}
		paths := []string{
			fmt.Sprintf("/api/v1/companies/%d", e.company.ID),
			fmt.Sprintf("/api/v1/openings/%v", opening.json["id"]),
			fmt.Sprintf("/api/v1/citizens/%v", citizen.json["id"]),
			fmt.Sprintf("/api/v1/virksomhedscentre/%v", vc.json["id"]),
			fmt.Sprintf("/api/v1/placements/%v", placement.json["id"]),
		}
		for _, path := range paths {
			before := e.do("consA", "GET", path, "")
			if before.status != 200 {
				t.Fatalf("GET %s: %d", path, before.status)
			}
			r := e.do("consA", "PATCH", path, before.body)
			if r.status != 200 {
				t.Errorf("PATCH %s with its own GET body: %d %s", path, r.status, r.body)
				continue
			}
			after := e.do("consA", "GET", path, "")
			if after.body != before.body {
				t.Errorf("PATCH %s with its own GET body changed the row:\nbefore %s\nafter  %s", path, before.body, after.body)
			}
		}
		// A server-set field sent with another value is ignored too, and a
		// real change still lands.
		path := fmt.Sprintf("/api/v1/openings/%v", opening.json["id"])
		r := e.do("consA", "PATCH", path, `{"id": 999, "created_at": "2001-01-01T00:00:00Z", "seats": 3}`)
		if r.status != 200 || r.json["seats"] != float64(3) || r.json["id"] != opening.json["id"] {
			t.Errorf("PATCH with server fields and a change: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "PATCH", path, `{"colour": "blå"}`); r.status != 422 || !r.hasField("colour") {
			t.Errorf("an unknown field is still refused: %d %s", r.status, r.body)
		}
	})
}

// The generated client in package apiclient was made from the document the
// server serves now; after a change to the API, go generate makes it anew.
func TestGeneratedClientIsCurrent(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	served := e.do("", "GET", "/api/v1/openapi.json", "")
	raw, err := os.ReadFile("apiclient/openapi.json")
	must(t, err)
	var want, got any
	must(t, json.Unmarshal(raw, &got))
	must(t, json.Unmarshal([]byte(served.body), &want))
	if !reflect.DeepEqual(want, got) {
		t.Fatal("server/api/apiclient was generated from an older document: run go generate ./server/api/apiclient")
	}
}
