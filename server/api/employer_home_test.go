package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestEmployerHomeAPI: the employer's home holds their company without the
// jobcentre's notes, their openings with referral counts (matches that
// reached kontaktet, no citizen), the open openings' candidate counts
// (only citizens who consented for the kind), and no other company's
// openings; other roles are refused.
func TestEmployerHomeAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		if r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/companies/%d", e.company.ID), `{"notes":"Intern note om ejeren"}`); r.status != 200 {
			t.Fatalf("note: %d %s", r.status, r.body)
		}
		praktik := e.mkOpening("virksomhedspraktik", "Lagermedarbejder", 10, 25, 3, "")
		flex := e.mkOpening("fleksjob", "Pakkemedarbejder", 10, 20, 1, "")
		draft := e.mkOpening("virksomhedspraktik", "Kladde til truckfører", 10, 25, 1, `,"status":"draft"`)
		var citizens []int64
		for i, kinds := range []string{`["virksomhedspraktik"]`, `["virksomhedspraktik"]`, `[]`} {
			citizens = append(citizens, e.mkCitizen("consA", fmt.Sprintf(`{"cpr":%q,"name":"Hemmelig Borger %d","target_group":"gruppe1",
				"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende",
				"lat":56.04,"lon":12.6,"max_commute_km":60,"hours_capacity":20,"consent_kinds":%s}`, cpr(i, 77), i, kinds)))
		}
		// Two matches on the praktik opening: one contacted, one only proposed.
		for i, c := range citizens[:2] {
			r := e.do("consA", "POST", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, c, praktik))
			if r.status != 201 {
				t.Fatalf("match: %d %s", r.status, r.body)
			}
			if i == 0 {
				if r := e.move("consA", int64(r.json["id"].(float64)), `{"state":"kontaktet"}`); r.status != 200 {
					t.Fatalf("contact: %d %s", r.status, r.body)
				}
			}
		}
		// Another company's opening never shows.
		other := e.do("consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"Andet Firma","branch":"butik_detail"}`)
		if other.status != 201 {
			t.Fatalf("other company: %d %s", other.status, other.body)
		}
		if r := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(`{"company_id":%d,"kind":"virksomhedspraktik","title":"Fremmed åbning","hours_min":10,"hours_max":20,"seats":1}`,
			int64(other.json["id"].(float64)))); r.status != 201 {
			t.Fatalf("other opening: %d %s", r.status, r.body)
		}

		r := e.do("employer", "GET", "/api/v1/employer/home", "")
		if r.status != 200 {
			t.Fatalf("home: %d %s", r.status, r.body)
		}
		for _, leak := range []string{"Intern note", "Hemmelig Borger", "Fremmed åbning", "notes", "citizen_id"} {
			if strings.Contains(r.body, leak) {
				t.Errorf("home shows %q: %s", leak, r.body)
			}
		}
		if co := r.json["company"].(map[string]any); co["name"] != "Kronborg Lager ApS" || co["town"] != "Helsingør" {
			t.Errorf("company: %v", co)
		}
		referrals := map[float64]float64{}
		for _, o := range r.json["openings"].([]any) {
			o := o.(map[string]any)
			referrals[o["id"].(float64)] = o["referrals"].(float64)
		}
		if len(referrals) != 3 || referrals[float64(praktik)] != 1 || referrals[float64(flex)] != 0 || referrals[float64(draft)] != 0 {
			t.Errorf("openings and referrals: %v (%s)", referrals, r.body)
		}
		counts := map[float64]float64{}
		for _, c := range r.json["candidates"].([]any) {
			c := c.(map[string]any)
			if c["counted"] != true {
				t.Errorf("not counted: %v", c)
			}
			counts[c["opening_id"].(float64)] = c["count"].(float64)
		}
		// The draft is not open; the fleksjob list has nobody (no consent
		// for fleksjob); the praktik list has the two who consented.
		if len(counts) != 2 || counts[float64(praktik)] != 2 || counts[float64(flex)] != 0 {
			t.Errorf("candidate counts: %v", counts)
		}
		if got := employerList(t, e, praktik); len(got) != 2 {
			t.Errorf("the candidates page lists %d, the home says 2", len(got))
		}
		if len(r.json["weeks_to_confirm"].([]any)) != 0 || len(r.json["references_to_write"].([]any)) != 0 {
			t.Errorf("tasks: %s", r.body)
		}
		for _, who := range []string{"admin", "consA", "event"} {
			if r := e.do(who, "GET", "/api/v1/employer/home", ""); r.status != 403 {
				t.Errorf("%s reads the employer home: %d %s", who, r.status, r.body)
			}
		}
	})
}
