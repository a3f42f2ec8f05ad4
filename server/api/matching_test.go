package api_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"placering/matching"
	"placering/models"
)

// matchWorld is a small jobcentre A with three citizens who each fit one
// kind of opening at the employer's company, one more fleksjob-approved
// citizen to compete for the single fleksjob seat, and a citizen of
// jobcentre B living next door (who must never show up for A).
type matchWorld struct {
	fleks, fleks2, refugee, g1, other int64 // citizens
	fleksjob, igu, praktik            int64 // openings at e.company (jobcentre A)
}

func (e *env) mkCitizen(who, body string) int64 {
	e.t.Helper()
	r := e.do(who, "POST", "/api/v1/citizens", body)
	if r.status != 201 {
		e.t.Fatalf("create citizen: %d %s", r.status, r.body)
	}
	return int64(r.json["id"].(float64))
}

func (e *env) mkOpening(kind, title string, hoursMin, hoursMax float64, seats int, extra string) int64 {
	e.t.Helper()
	start := time.Now().AddDate(0, 0, 14).Format("2006-01-02")
	body := fmt.Sprintf(`{"company_id":%d,"kind":%q,"title":%q,"tasks":"Pluk, pak og varemodtagelse","hours_min":%g,"hours_max":%g,
		"seats":%d,"start_date":%q,"duration_weeks":13%s}`, e.company.ID, kind, title, hoursMin, hoursMax, seats, start, extra)
	r := e.do("consA", "POST", "/api/v1/openings", body)
	if r.status != 201 {
		e.t.Fatalf("create opening: %d %s", r.status, r.body)
	}
	return int64(r.json["id"].(float64))
}

func newMatchWorld(e *env) matchWorld {
	arrived := time.Now().AddDate(0, 0, -200).Format("2006-01-02")
	var w matchWorld
	w.fleks = e.mkCitizen("consA", `{"cpr":"1503851234","name":"Lone Fleks","target_group":"ledig_fleksjobvisiteret",
		"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende",
		"lat":56.03,"lon":12.60,"max_commute_km":20,"hours_capacity":15,"consent_share":true,"consent_kinds":["fleksjob"]}`)
	w.fleks2 = e.mkCitizen("consA", `{"cpr":"0512804567","name":"Bo Fleks","target_group":"ledig_fleksjobvisiteret",
		"goal_branch":"transport_lager_logistik","danish_level":"flydende","lat":56.04,"lon":12.61,"max_commute_km":20,"hours_capacity":12,"consent_share":true}`)
	w.refugee = e.mkCitizen("consA", `{"cpr":"0107902345","name":"Amina Yusuf","target_group":"flygtning","arrival_date":"`+arrived+`",
		"goal_branch":"transport_lager_logistik","goal_title":"Lagerelev","danish_level":"basis",
		"lat":56.02,"lon":12.59,"max_commute_km":20,"hours_capacity":30,"consent_share":false}`)
	w.g1 = e.mkCitizen("consA", `{"cpr":"2011903456","name":"Peter Gruppe","target_group":"gruppe1",
		"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende",
		"lat":56.035,"lon":12.605,"max_commute_km":20,"hours_capacity":25,"consent_share":true,"consent_kinds":["virksomhedspraktik"]}`)
	w.other = e.mkCitizen("consB", `{"cpr":"0909921678","name":"Nabo Fra B","target_group":"gruppe1",
		"goal_branch":"transport_lager_logistik","danish_level":"flydende","lat":56.036,"lon":12.61,"max_commute_km":20,
		"hours_capacity":25,"consent_share":true}`)
	w.fleksjob = e.mkOpening("fleksjob", "Lagermedarbejder på fleksjob", 10, 20, 1, "")
	w.igu = e.mkOpening("igu", "Lagerelev (IGU)", 25, 37, 2, `,"danish_level":"basis"`)
	w.praktik = e.mkOpening("virksomhedspraktik", "Lagermedarbejder i praktik", 10, 25, 2, "")
	return w
}

// items returns the list under "items" as objects.
func (r response) items() []map[string]any {
	var out []map[string]any
	list, _ := r.json["items"].([]any)
	for _, x := range list {
		out = append(out, x.(map[string]any))
	}
	return out
}

func num(v any) int64 { f, _ := v.(float64); return int64(f) }

// itemFor finds the item about an opening (or citizen) id.
func itemFor(items []map[string]any, key string, id int64) map[string]any {
	for _, it := range items {
		if num(it[key]) == id {
			return it
		}
	}
	return nil
}

// checkFactors holds a ranked item to the contract: score is the sum of
// named factors, each with a Danish one-line reason.
func checkFactors(t *testing.T, it map[string]any) {
	t.Helper()
	fs, _ := it["factors"].([]any)
	if len(fs) == 0 {
		t.Fatalf("item without factors: %v", it)
	}
	sum := 0.0
	for _, f := range fs {
		f := f.(map[string]any)
		reason, _ := f["reason"].(string)
		if f["name"] == "" || reason == "" || strings.Contains(reason, "\n") {
			t.Fatalf("factor without name or one-line reason: %v", f)
		}
		sum += f["contribution"].(float64)
	}
	if math.Abs(sum-it["score"].(float64)) > 0.011 {
		t.Fatalf("factors sum to %v, score is %v", sum, it["score"])
	}
}

func hasRule(it map[string]any, prefix string) bool {
	by, _ := it["excluded_by"].([]any)
	for _, r := range by {
		if strings.HasPrefix(r.(string), prefix) {
			return true
		}
	}
	return false
}

func TestCitizenMatchesAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		path := func(id int64) string { return fmt.Sprintf("/api/v1/citizens/%d/matches", id) }

		r := e.do("consA", "GET", path(w.fleks), "")
		if r.status != 200 || r.json["rules_version"] != matching.RulesVersion {
			t.Fatalf("matches: %d %s", r.status, r.body)
		}
		items := r.items()
		if itemFor(items, "opening_id", w.fleksjob) == nil {
			t.Fatalf("fleksjob-approved citizen did not get the fleksjob opening: %s", r.body)
		}
		if itemFor(items, "opening_id", w.igu) != nil || itemFor(items, "opening_id", w.praktik) != nil {
			t.Fatalf("fleksjob-approved citizen got IGU or praktik (not allowed by the default table): %s", r.body)
		}
		for i, it := range items {
			checkFactors(t, it)
			if it["excluded_by"] != nil {
				t.Fatalf("eligible item carries excluded_by: %v", it)
			}
			if i > 0 && it["score"].(float64) > items[i-1]["score"].(float64) {
				t.Fatalf("not ranked: %s", r.body)
			}
		}

		r = e.do("consA", "GET", path(w.refugee), "")
		if itemFor(r.items(), "opening_id", w.fleksjob) != nil {
			t.Fatalf("refugee got a fleksjob opening: %s", r.body)
		}
		if itemFor(r.items(), "opening_id", w.igu) == nil || itemFor(r.items(), "opening_id", w.praktik) == nil {
			t.Fatalf("refugee should get IGU and praktik: %s", r.body)
		}
		r = e.do("consA", "GET", path(w.refugee)+"?include=excluded", "")
		ex := itemFor(r.items(), "opening_id", w.fleksjob)
		if r.status != 200 || ex == nil || !hasRule(ex, "R01") {
			t.Fatalf("include=excluded should list the fleksjob opening with R01: %s", r.body)
		}
		checkFactors(t, ex)
		r = e.do("consA", "GET", path(w.g1)+"?include=excluded&limit=5", "")
		if it := itemFor(r.items(), "opening_id", w.igu); it == nil || !hasRule(it, "R02") {
			t.Fatalf("IGU must be excluded for a non-refugee by R02: %s", r.body)
		}

		// A citizen read is audited, with the route.
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: w.fleks})
		must(t, err)
		found := false
		for _, en := range entries {
			found = found || en.Action == "read" && strings.Contains(en.Route, "/matches")
		}
		if !found {
			t.Fatalf("matches read not audited: %+v", entries)
		}

		for _, c := range []struct {
			who, path string
			status    int
			field     string
		}{
			{"employer", path(w.fleks), 403, ""},
			{"event", path(w.fleks), 403, ""},
			{"consB", path(w.fleks), 404, ""}, // another tenant's citizen
			{"consA", path(w.other), 404, ""},
			{"consA", path(999999), 404, ""},
			{"consA", path(w.fleks) + "?include=everything", 400, "include"},
			{"consA", path(w.fleks) + "?limit=0", 400, "limit"},
			{"consA", path(w.fleks) + "?colour=red", 400, "colour"},
			{"", path(w.fleks), 401, ""},
		} {
			r := e.do(c.who, "GET", c.path, "")
			if r.status != c.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s GET %s: %d %q, want %d problem+json: %s", c.who, c.path, r.status, r.header.Get("Content-Type"), c.status, r.body)
			}
			if c.field != "" && !r.hasField(c.field) {
				t.Errorf("%s GET %s: errors do not name %q: %s", c.who, c.path, c.field, r.body)
			}
		}
	})
}

func TestOpeningCandidatesAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		path := func(id int64) string { return fmt.Sprintf("/api/v1/openings/%d/candidates", id) }

		r := e.do("consA", "GET", path(w.igu), "")
		if r.status != 200 {
			t.Fatalf("candidates: %d %s", r.status, r.body)
		}
		if items := r.items(); len(items) != 1 || num(items[0]["citizen_id"]) != w.refugee || items[0]["name"] != "Amina Yusuf" {
			t.Fatalf("IGU candidates must be the refugee alone: %s", r.body)
		}
		checkFactors(t, r.items()[0])

		r = e.do("consA", "GET", path(w.praktik), "")
		if itemFor(r.items(), "citizen_id", w.g1) == nil || itemFor(r.items(), "citizen_id", w.other) != nil {
			t.Fatalf("praktik candidates: own jobcentre's group 1 citizen yes, jobcentre B's no: %s", r.body)
		}
		// Jobcentre B's consultant ranks B's citizens for A's opening.
		r = e.do("consB", "GET", path(w.praktik), "")
		if items := r.items(); r.status != 200 || len(items) != 1 || num(items[0]["citizen_id"]) != w.other {
			t.Fatalf("consultant B must see only B's citizens: %d %s", r.status, r.body)
		}

		// The employer: own openings only, consenting citizens only, no
		// name, no target group, no CPR number in any form.
		r = e.do("employer", "GET", path(w.igu), "")
		if r.status != 200 || len(r.items()) != 0 {
			t.Fatalf("employer sees a citizen who did not consent: %d %s", r.status, r.body)
		}
		// Bo Fleks consented in general only: he is not on the list.
		r = e.do("employer", "GET", path(w.fleksjob), "")
		if items := r.items(); r.status != 200 || len(items) != 1 || items[0]["candidate_ref"] == nil {
			t.Fatalf("employer candidates for own fleksjob: Lone Fleks alone, by reference: %d %s", r.status, r.body)
		}
		// Nor anything a home, a health need or a target group can be read
		// from (candidates_test.go checks this in depth).
		for _, leak := range []string{"Lone Fleks", "Bo Fleks", "cpr", "150385", "XXXX", "target_group", "ledig fleksjobvisiteret",
			"distance_km", "citizen_id", "score", "factors", "hjemmet", `"afstand"`, `"mentor"`, `"virksomhedscenter"`} {
			if strings.Contains(r.body, leak) {
				t.Fatalf("employer view leaks %q: %s", leak, r.body)
			}
		}
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: w.fleks})
		must(t, err)
		if len(entries) == 0 || entries[0].Action != "read" {
			t.Fatalf("employer's candidate read not audited: %+v", entries)
		}

		other := e.do("consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"Andet Lager","branch":"transport_lager_logistik","lat":56.03,"lon":12.6}`)
		notOwn := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(`{"company_id":%d,"kind":"virksomhedspraktik","title":"Lager","hours_min":5,"hours_max":20,"seats":1}`, num(other.json["id"])))
		for _, c := range []struct {
			who, path string
			status    int
		}{
			{"employer", path(num(notOwn.json["id"])), 404},
			{"event", path(w.praktik), 403},
			{"consA", path(999999), 404},
			{"consA", path(w.praktik) + "?include=excluded", 400},
		} {
			if r := e.do(c.who, "GET", c.path, ""); r.status != c.status {
				t.Errorf("%s GET %s: %d, want %d: %s", c.who, c.path, r.status, c.status, r.body)
			}
		}
	})
}

func TestAssignAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		matchesBefore := e.matchCount()
		body := fmt.Sprintf(`{"citizen_ids":[%d,%d,%d],"opening_ids":[%d,%d,%d]}`, w.fleks, w.refugee, w.g1, w.fleksjob, w.igu, w.praktik)
		r := e.do("consA", "POST", "/api/v1/matching/assign", body)
		if r.status != 200 {
			t.Fatalf("assign: %d %s", r.status, r.body)
		}
		got := map[int64]int64{}
		sum := 0.0
		for _, x := range r.json["assignments"].([]any) {
			a := x.(map[string]any)
			got[num(a["citizen_id"])] = num(a["opening_id"])
			sum += a["score"].(float64)
		}
		if got[w.fleks] != w.fleksjob || got[w.g1] != w.praktik || (got[w.refugee] != w.igu && got[w.refugee] != w.praktik) {
			t.Fatalf("assignment: %s", r.body)
		}
		if math.Abs(sum-r.json["objective"].(float64)) > 1e-6 || r.json["unassigned"] == nil {
			t.Fatalf("objective %v is not the sum %v, or unassigned missing: %s", r.json["objective"], sum, r.body)
		}
		// Only one fleksjob seat: the second fleksjob citizen is left out,
		// with a reason.
		r = e.do("consA", "POST", "/api/v1/matching/assign", fmt.Sprintf(`{"citizen_ids":[%d,%d],"opening_ids":[%d]}`, w.fleks, w.fleks2, w.fleksjob))
		un, _ := r.json["unassigned"].([]any)
		if r.status != 200 || len(r.json["assignments"].([]any)) != 1 || len(un) != 1 || un[0].(map[string]any)["reason"] == "" {
			t.Fatalf("one seat, two citizens: %d %s", r.status, r.body)
		}
		// By filter: every group-1 citizen of the jobcentre, praktik only.
		r = e.do("consA", "POST", "/api/v1/matching/assign", `{"target_groups":["gruppe1"],"kinds":["virksomhedspraktik"]}`)
		if r.status != 200 || len(r.json["assignments"].([]any)) != 1 || num(r.json["assignments"].([]any)[0].(map[string]any)["citizen_id"]) != w.g1 {
			t.Fatalf("assign by filter: %d %s", r.status, r.body)
		}
		if n := e.matchCount(); n != matchesBefore {
			t.Fatalf("assign wrote %d match records", n-matchesBefore)
		}

		for _, c := range []struct {
			name, who, body string
			status          int
			field           string
		}{
			{"another tenant's citizen", "consA", fmt.Sprintf(`{"citizen_ids":[%d,%d]}`, w.fleks, w.other), 422, "citizen_ids"},
			{"unknown citizen", "consA", `{"citizen_ids":[999999]}`, 422, "citizen_ids"},
			{"unknown opening", "consA", fmt.Sprintf(`{"citizen_ids":[%d],"opening_ids":[999999]}`, w.fleks), 422, "opening_ids"},
			{"another tenant as jobcentre", "consA", fmt.Sprintf(`{"jobcentre_id":%d}`, e.jcB.ID), 422, "jobcentre_id"},
			{"unknown kind", "consA", `{"kinds":["vikariat"]}`, 422, "kinds"},
			{"unknown group", "consA", `{"target_groups":["gruppe9"]}`, 422, "target_groups"},
			{"negative id", "consA", `{"citizen_ids":[-1]}`, 422, "citizen_ids"},
			{"wrong type", "consA", `{"citizen_ids":"alle"}`, 422, "citizen_ids"},
			{"unknown field", "consA", `{"citizens":[1]}`, 422, "citizens"},
			{"malformed", "consA", `{"citizen_ids":[1,`, 400, ""},
			{"admin without jobcentre", "admin", `{}`, 422, "jobcentre_id"},
			{"employer", "employer", `{}`, 403, ""},
			{"event staff", "event", `{}`, 403, ""},
		} {
			r := e.do(c.who, "POST", "/api/v1/matching/assign", c.body)
			if r.status != c.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: %d, want %d problem+json: %s", c.name, r.status, c.status, r.body)
				continue
			}
			if c.field != "" && !r.hasField(c.field) {
				t.Errorf("%s: errors do not name %q: %s", c.name, c.field, r.body)
			}
		}
		// An administrator names the jobcentre, or lets the citizens name it.
		if r := e.do("admin", "POST", "/api/v1/matching/assign", fmt.Sprintf(`{"citizen_ids":[%d]}`, w.g1)); r.status != 200 || len(r.json["assignments"].([]any)) != 1 {
			t.Fatalf("admin assign: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "POST", "/api/v1/matching/assign", fmt.Sprintf(`{"citizen_ids":[%d,%d]}`, w.g1, w.other)); r.status != 422 || !r.hasField("jobcentre_id") {
			t.Fatalf("admin batch across jobcentres: %d %s", r.status, r.body)
		}
	})
}

func (e *env) matchCount() int64 {
	e.t.Helper()
	_, n, err := e.store.ListMatches(context.Background(), models.MatchFilter{})
	must(e.t, err)
	return n
}

func (e *env) move(who string, id int64, body string) response {
	e.t.Helper()
	return e.do(who, "POST", fmt.Sprintf("/api/v1/matches/%d/transitions", id), body)
}

func TestMatchPipelineAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		propose := func(who string, citizen, opening int64) response {
			return e.do(who, "POST", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d,"note":"Ringet til Lone"}`, citizen, opening))
		}
		r := propose("consA", w.fleks, w.fleksjob)
		if r.status != 201 || r.json["state"] != "foreslaaet" || r.header.Get("Location") == "" || r.json["score"].(float64) <= 0 ||
			r.json["rules_version"] != matching.RulesVersion || len(r.json["factors"].([]any)) == 0 {
			t.Fatalf("propose: %d %s", r.status, r.body)
		}
		m1 := num(r.json["id"])
		if h := r.json["history"].([]any); len(h) != 1 || h[0].(map[string]any)["to_state"] != "foreslaaet" || num(h[0].(map[string]any)["user_id"]) == 0 {
			t.Fatalf("first history entry: %s", r.body)
		}
		r = propose("consA", w.fleks2, w.fleksjob)
		if r.status != 201 {
			t.Fatalf("second proposal for the one seat: %d %s", r.status, r.body)
		}
		m2 := num(r.json["id"])

		for _, c := range []struct {
			name, who, body string
			status          int
			field           string
		}{
			{"duplicate open match", "consA", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, w.fleks, w.fleksjob), 409, "opening_id"},
			{"pair the rules exclude", "consA", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, w.refugee, w.fleksjob), 422, "opening_id"},
			{"another tenant's citizen", "consB", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, w.fleks, w.praktik), 422, "citizen_id"},
			{"unknown opening", "consA", fmt.Sprintf(`{"citizen_id":%d,"opening_id":999999}`, w.g1), 422, "opening_id"},
			{"missing ids", "consA", `{}`, 422, "citizen_id"},
			{"employer", "employer", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, w.g1, w.praktik), 403, ""},
			{"event staff", "event", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, w.g1, w.praktik), 403, ""},
		} {
			r := e.do(c.who, "POST", "/api/v1/matches", c.body)
			if r.status != c.status || (c.field != "" && !r.hasField(c.field)) {
				t.Errorf("%s: %d %s, want %d naming %q", c.name, r.status, r.body, c.status, c.field)
			}
		}
		if r := propose("consA", w.refugee, w.fleksjob); !strings.Contains(r.body, "Fleksjob kun for ledige fleksjobvisiterede") {
			t.Fatalf("refusal should name the rule in Danish: %s", r.body)
		}

		// Illegal moves and bad input: 422 problem+json naming the field.
		for _, c := range []struct {
			name, body, field string
			status            int
		}{
			{"straight to startet", `{"state":"startet"}`, "state", 422},
			{"unknown state", `{"state":"ansat"}`, "state", 422},
			{"afvist without reason", `{"state":"afvist"}`, "reason", 422},
			{"afvist with a reason not on the list", `{"state":"afvist","reason":"gider ikke"}`, "reason", 422},
			{"afvist 'andet' without a note", `{"state":"afvist","reason":"andet"}`, "note", 422},
			{"reason on a forward move", `{"state":"kontaktet","reason":"borger_transport"}`, "reason", 422},
			{"unknown field", `{"state":"kontaktet","who":"mig"}`, "who", 422},
			{"malformed", `{"state":`, "", 400},
		} {
			r := e.move("consA", m1, c.body)
			if r.status != c.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") || (c.field != "" && !r.hasField(c.field)) {
				t.Errorf("%s: %d %s, want %d naming %q", c.name, r.status, r.body, c.status, c.field)
			}
		}
		if r := e.move("consA", m1, `{"state":"startet"}`); !strings.Contains(r.body, "kan ikke gå fra foreslået til startet") {
			t.Fatalf("illegal move should be explained in Danish: %s", r.body)
		}

		for _, st := range []string{"kontaktet", "samtale", "aftalt"} {
			if r := e.move("consA", m1, fmt.Sprintf(`{"state":%q,"note":"ok"}`, st)); r.status != 200 || r.json["state"] != st {
				t.Fatalf("move to %s: %d %s", st, r.status, r.body)
			}
		}
		if r := e.move("consA", m1, `{"state":"kontaktet"}`); r.status != 422 {
			t.Fatalf("backwards move allowed: %d %s", r.status, r.body)
		}
		if r := e.move("consA", m2, `{"state":"aftalt"}`); r.status != 200 {
			t.Fatalf("skip to aftalt: %d %s", r.status, r.body)
		}
		for _, who := range []string{"consB"} {
			if r := e.move(who, m1, `{"state":"startet"}`); r.status != 404 {
				t.Fatalf("%s moved another jobcentre's match: %d", who, r.status)
			}
		}
		for _, who := range []string{"employer", "event"} {
			if r := e.move(who, m1, `{"state":"startet"}`); r.status != 403 {
				t.Fatalf("%s moved a match: %d", who, r.status)
			}
		}

		// Before the start: one free seat, in matching and in search.
		seatsIn := func(who string, citizen, opening int64) (any, bool) {
			r := e.do(who, "GET", fmt.Sprintf("/api/v1/citizens/%d/matches?include=excluded", citizen), "")
			it := itemFor(r.items(), "opening_id", opening)
			if it == nil {
				return nil, false
			}
			return it["seats_free"], it["excluded_by"] == nil
		}
		if seats, eligible := seatsIn("consA", w.fleks2, w.fleksjob); seats != 1.0 || !eligible {
			t.Fatalf("before start: seats_free %v, eligible %v", seats, eligible)
		}
		e.drain()
		if s := searchSeatsFree(e, "fleksjob"); s != 1 {
			t.Fatalf("search seats_free before start: %v", s)
		}

		r = e.move("consA", m1, `{"state":"startet","note":"Starter mandag"}`)
		if r.status != 200 || r.json["state"] != "startet" || r.json["stalled"] != false {
			t.Fatalf("start: %d %s", r.status, r.body)
		}
		hist := r.json["history"].([]any)
		if len(hist) != 5 {
			t.Fatalf("history should have 5 events: %s", r.body)
		}
		for i, x := range hist {
			ev := x.(map[string]any)
			want := []string{"", "foreslaaet", "kontaktet", "samtale", "aftalt", "startet"}
			from, _ := ev["from_state"].(string) // absent on the first event
			if from != want[i] || ev["to_state"] != want[i+1] || ev["at"] == nil || num(ev["user_id"]) == 0 {
				t.Fatalf("history event %d: %v", i, ev)
			}
		}
		taken, err := e.store.SeatsTaken(context.Background(), []int64{w.fleksjob})
		must(t, err)
		if taken[w.fleksjob] != 1 {
			t.Fatalf("start made %d placements", taken[w.fleksjob])
		}
		// The placement stub it made carries a first hours ladder and is
		// what the placements API lists for the citizen.
		pl := e.do("consA", "GET", "/api/v1/placements?status=aktiv&status=planlagt", "")
		items, _ := pl.json["items"].([]any)
		if pl.status != 200 || len(items) != 1 {
			t.Fatalf("placements after start: %d %s", pl.status, pl.body)
		}
		if plan, _ := items[0].(map[string]any)["plan"].([]any); len(plan) == 0 {
			t.Fatalf("the placement made by start has no hours plan: %s", pl.body)
		}
		// The seat is gone: the other match cannot start, and says why.
		r = e.move("consA", m2, `{"state":"startet"}`)
		if r.status != 409 || !strings.Contains(r.body, "ingen ledige pladser") || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("start without a seat: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/matches/%d", m2), ""); r.json["state"] != "aftalt" || len(r.json["history"].([]any)) != 2 {
			t.Fatalf("failed start half-wrote: %s", r.body)
		}
		if seats, eligible := seatsIn("consA", w.fleks2, w.fleksjob); seats != 0.0 || eligible {
			t.Fatalf("after start: seats_free %v, eligible %v", seats, eligible)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/matches?include=excluded", w.fleks2), "")
		if it := itemFor(r.items(), "opening_id", w.fleksjob); it == nil || !hasRule(it, "R07") {
			t.Fatalf("full opening should be excluded by R07: %s", r.body)
		}
		e.drain()
		if s := searchSeatsFree(e, "fleksjob"); s != 0 {
			t.Fatalf("search seats_free after start: %v", s)
		}

		r = e.move("consA", m2, `{"state":"afvist","reason":"arbejdsgiver_ingen_plads","note":"Pladsen gik til en anden"}`)
		if r.status != 200 || r.json["state"] != "afvist" || r.json["rejection_reason"] != "arbejdsgiver_ingen_plads" {
			t.Fatalf("reject: %d %s", r.status, r.body)
		}
		if h := r.json["history"].([]any); h[len(h)-1].(map[string]any)["reason"] != "arbejdsgiver_ingen_plads" {
			t.Fatalf("rejection reason not in history: %s", r.body)
		}
		for _, id := range []int64{m1, m2} {
			if r := e.move("consA", id, `{"state":"afvist","reason":"andet","note":"x"}`); r.status != 422 || !strings.Contains(r.body, "kan ikke flyttes længere") {
				t.Fatalf("moved a final match %d: %d %s", id, r.status, r.body)
			}
		}

		// The board: own jobcentre only, state and history on each record.
		r = e.do("consA", "GET", "/api/v1/matches?state=startet&state=afvist", "")
		if r.status != 200 || r.json["total"].(float64) != 2 {
			t.Fatalf("list: %d %s", r.status, r.body)
		}
		for _, it := range r.items() {
			if it["history"] == nil || it["stalled"] != false {
				t.Fatalf("list item without history or stalled flag: %v", it)
			}
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/matches?citizen_id=%d&kind=fleksjob&stalled=true", w.fleks), ""); r.status != 200 || r.json["total"].(float64) != 0 {
			t.Fatalf("a started match is never stalled: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", "/api/v1/matches", ""); r.json["total"].(float64) != 0 {
			t.Fatalf("another jobcentre lists the matches: %s", r.body)
		}
		if r := e.do("consB", "GET", fmt.Sprintf("/api/v1/matches/%d", m1), ""); r.status != 404 {
			t.Fatalf("another jobcentre reads a match: %d", r.status)
		}
		for _, who := range []string{"employer", "event"} {
			if r := e.do(who, "GET", "/api/v1/matches", ""); r.status != 403 {
				t.Fatalf("%s lists matches: %d", who, r.status)
			}
			if r := e.do(who, "GET", fmt.Sprintf("/api/v1/matches/%d", m1), ""); r.status != 403 {
				t.Fatalf("%s reads a match: %d", who, r.status)
			}
		}
		// Reading a match is reading about its citizen: audited.
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: w.fleks2})
		must(t, err)
		reads := 0
		for _, en := range entries {
			if en.Action == "read" && strings.HasPrefix(en.Route, "GET /api/v1/matches") {
				reads++
			}
		}
		if reads == 0 {
			t.Fatalf("match reads not audited: %+v", entries)
		}
		if r := e.do("consA", "GET", "/api/v1/matches?state=ansat", ""); r.status != 400 || !r.hasField("state") {
			t.Fatalf("unknown state filter: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/matches/999999", ""); r.status != 404 {
			t.Fatalf("unknown match: %d", r.status)
		}
		r = e.do("consA", "GET", "/api/v1/matching/rejection-reasons", "")
		if r.status != 200 || !strings.Contains(r.body, `"share_with_citizen"`) || !strings.Contains(r.body, "arbejdsgiver_ingen_plads") {
			t.Fatalf("rejection reasons: %d %s", r.status, r.body)
		}
	})
}

// searchSeatsFree returns the seats_free of the one opening of kind in the
// search index.
func searchSeatsFree(e *env, kind string) float64 {
	e.t.Helper()
	r := e.do("consA", "GET", "/api/v1/search/openings?kind="+kind, "")
	hits, _ := r.json["hits"].([]any)
	if r.status != 200 || len(hits) != 1 || r.json["degraded"] != nil {
		e.t.Fatalf("search %s: %d %s", kind, r.status, r.body)
	}
	return hits[0].(map[string]any)["seats_free"].(float64)
}

func TestMatchingSettingsAndRulesAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		r := e.do("consA", "GET", "/api/v1/matching/settings", "")
		if r.status != 200 || r.json["default"] != true || num(r.json["jobcentre_id"]) != e.jcA.ID || num(r.json["stalled_after_days"]) != 14 {
			t.Fatalf("default settings: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", "/api/v1/matching/rules", "")
		if r.status != 200 || r.json["version"] != matching.RulesVersion || len(r.json["rules"].([]any)) != len(matching.Rules()) {
			t.Fatalf("rules: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/matching/rules", ""); r.status != 200 {
			t.Fatalf("employer may read the rules: %d", r.status)
		}

		put := func(who string, body string) response { return e.do(who, "PUT", "/api/v1/matching/settings", body) }
		for _, c := range []struct {
			name, who, body string
			status          int
			fields          []string
		}{
			{"weights not summing to 100", "admin", fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":80}}`, e.jcA.ID), 422, []string{"weights.weights"}},
			{"every bad field at once", "admin", fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":-5,"load_penalty_max":50},"rule_params":{"igu_min_age":10,"default_max_commute_km":0},"stalled_after_days":0}`, e.jcA.ID), 422,
				[]string{"weights.goal", "weights.load_penalty_max", "rule_params.igu_min_age", "rule_params.default_max_commute_km", "stalled_after_days"}},
			{"unknown kind in the group table", "admin", fmt.Sprintf(`{"jobcentre_id":%d,"rule_params":{"allowed_groups":{"vikariat":["gruppe1"]}}}`, e.jcA.ID), 422, []string{"rule_params.allowed_groups"}},
			{"unknown jobcentre", "admin", `{"jobcentre_id":999999}`, 422, []string{"jobcentre_id"}},
			{"no jobcentre", "admin", `{}`, 422, []string{"jobcentre_id"}},
			{"wrong type", "admin", fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":"meget"}}`, e.jcA.ID), 422, []string{"weights"}},
			{"unknown field", "admin", fmt.Sprintf(`{"jobcentre_id":%d,"colour":"red"}`, e.jcA.ID), 422, []string{"colour"}},
			{"consultant", "consA", fmt.Sprintf(`{"jobcentre_id":%d}`, e.jcA.ID), 403, nil},
			{"employer", "employer", fmt.Sprintf(`{"jobcentre_id":%d}`, e.jcA.ID), 403, nil},
		} {
			r := put(c.who, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.status, r.body)
				continue
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: errors do not name %q: %v", c.name, f, r.fields())
				}
			}
		}
		if r := e.do("consA", "GET", "/api/v1/matching/settings", ""); r.json["default"] != true {
			t.Fatalf("rejected settings were written: %s", r.body)
		}
		for _, c := range []struct {
			who, path string
			status    int
		}{
			{"consB", fmt.Sprintf("/api/v1/matching/settings?jobcentre_id=%d", e.jcA.ID), 403},
			{"employer", "/api/v1/matching/settings", 403},
			{"event", "/api/v1/matching/settings", 403},
			{"event", "/api/v1/matching/rules", 403},
			{"consB", fmt.Sprintf("/api/v1/matching/rules?jobcentre_id=%d", e.jcA.ID), 403},
			{"admin", "/api/v1/matching/settings?jobcentre_id=999999", 404},
			{"admin", "/api/v1/matching/settings?jobcentre_id=abc", 400},
		} {
			if r := e.do(c.who, "GET", c.path, ""); r.status != c.status {
				t.Errorf("%s GET %s: %d, want %d: %s", c.who, c.path, r.status, c.status, r.body)
			}
		}

		// Distance alone, and an IGU age limit below the refugee's age (36).
		r = put("admin", fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":0,"distance":100,"hours":0,"mentor":0,"virksomhedscenter":0,"start":0,"history":0},
			"rule_params":{"igu_max_age":30},"stalled_after_days":7}`, e.jcA.ID))
		if r.status != 200 || r.json["default"] != false || num(r.json["stalled_after_days"]) != 7 {
			t.Fatalf("save settings: %d %s", r.status, r.body)
		}
		for _, who := range []string{"consA", "employer"} {
			r = e.do(who, "GET", "/api/v1/matching/rules", "")
			if r.json["params"].(map[string]any)["igu_max_age"] != 30.0 || !strings.Contains(r.body, "18–30") {
				t.Fatalf("%s: rules do not show the new parameters: %s", who, r.body)
			}
		}
		if r := e.do("consB", "GET", "/api/v1/matching/rules", ""); r.json["params"].(map[string]any)["igu_max_age"] != 40.0 {
			t.Fatalf("jobcentre B's rules changed: %s", r.body)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/matches", w.g1), "")
		it := itemFor(r.items(), "opening_id", w.praktik)
		if it == nil {
			t.Fatalf("praktik missing: %s", r.body)
		}
		for _, f := range it["factors"].([]any) {
			f := f.(map[string]any)
			if (f["name"] == matching.FactorDistance) != (f["contribution"].(float64) > 0) && f["name"] != matching.FactorLoad {
				t.Fatalf("weights not applied: %v", it["factors"])
			}
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates", w.igu), "")
		if r.status != 200 || len(r.items()) != 0 {
			t.Fatalf("IGU age limit 30 must exclude the refugee born in 1990: %s", r.body)
		}
		// Jobcentre B keeps the defaults.
		if r := e.do("consB", "GET", "/api/v1/matching/settings", ""); r.json["default"] != true {
			t.Fatalf("settings leaked to another jobcentre: %s", r.body)
		}
	})
}

// A virksomhedscenter is the jobcentre's own: it opens the
// company's praktik to its group 4 citizens, not to another jobcentre's.
func TestVirksomhedscenterIsTheJobcentresOwn(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newMatchWorld(e)
		g4 := `{"cpr":"%s","name":"Gruppe Fire","target_group":"gruppe4","danish_level":"flydende","lat":56.035,"lon":12.61,"max_commute_km":20,"hours_capacity":12}`
		ownG4 := e.mkCitizen("consA", fmt.Sprintf(g4, "0303881234"))
		otherG4 := e.mkCitizen("consB", fmt.Sprintf(g4, "0404881234"))
		praktikFor := func(who string, citizen int64) map[string]any {
			t.Helper()
			r := e.do(who, "GET", fmt.Sprintf("/api/v1/citizens/%d/matches?include=excluded", citizen), "")
			if r.status != 200 {
				t.Fatalf("matches: %d %s", r.status, r.body)
			}
			return itemFor(r.items(), "opening_id", w.praktik)
		}
		if it := praktikFor("consA", ownG4); it == nil || !hasRule(it, "R05") {
			t.Fatalf("group 4 without an virksomhedscenter must be excluded by R05: %v", it)
		}
		from := time.Now().AddDate(0, -1, 0).Format("2006-01-02")
		r := e.do("consA", "POST", "/api/v1/virksomhedscentre", fmt.Sprintf(`{"company_id":%d,"valid_from":%q,"seats":4,"target_groups":["gruppe4"]}`, e.company.ID, from))
		if r.status != 201 {
			t.Fatalf("virksomhedscenter: %d %s", r.status, r.body)
		}
		it := praktikFor("consA", ownG4)
		if it == nil || it["excluded_by"] != nil {
			t.Fatalf("the jobcentre's own virksomhedscenter should open the praktik to its group 4 citizen: %v", it)
		}
		for _, f := range it["factors"].([]any) {
			if f := f.(map[string]any); f["name"] == matching.FactorVirksomhedscenter && f["contribution"].(float64) <= 0 {
				t.Fatalf("virksomhedscenter gives no virksomhedscenter points: %v", f)
			}
		}
		if it := praktikFor("consB", otherG4); it == nil || !hasRule(it, "R05") {
			t.Fatalf("another jobcentre's virksomhedscenter opened the praktik: %v", it)
		}
		// Candidates and assignment see the virksomhedscenter the same way.
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates", w.praktik), "")
		if itemFor(r.items(), "citizen_id", ownG4) == nil {
			t.Fatalf("group 4 citizen missing from candidates: %s", r.body)
		}
		r = e.do("consB", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates", w.praktik), "")
		if itemFor(r.items(), "citizen_id", otherG4) != nil {
			t.Fatalf("jobcentre B's group 4 citizen is a candidate through A's virksomhedscenter: %s", r.body)
		}
		r = e.do("consB", "POST", "/api/v1/matching/assign", fmt.Sprintf(`{"citizen_ids":[%d]}`, otherG4))
		if r.status != 200 || len(r.json["assignments"].([]any)) != 0 {
			t.Fatalf("jobcentre B assigned its group 4 citizen through A's virksomhedscenter: %s", r.body)
		}
		r = e.do("consA", "POST", "/api/v1/matching/assign", fmt.Sprintf(`{"citizen_ids":[%d]}`, ownG4))
		if r.status != 200 || len(r.json["assignments"].([]any)) != 1 {
			t.Fatalf("jobcentre A could not assign its group 4 citizen: %s", r.body)
		}
	})
}
