package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"placering/models"
)

// plWorld is a jobcentre A citizen and opening at the employer's company,
// and the weeks around today.
type plWorld struct {
	citizen, opening int64
	thisWeek         models.ISOWeek
	start            models.Date // Monday five weeks ago
}

func plNum(v any) int64 { f, _ := v.(float64); return int64(f) }

func (e *env) plCitizen(who, cpr, group, entered string) int64 {
	e.t.Helper()
	r := e.do(who, "POST", "/api/v1/citizens", fmt.Sprintf(`{"cpr":%q,"name":"Borger %s","target_group":%q,"group_entered_on":%q}`, cpr, cpr[:4], group, entered))
	if r.status != 201 {
		e.t.Fatalf("create citizen: %d %s", r.status, r.body)
	}
	return plNum(r.json["id"])
}

func newPlWorld(e *env) plWorld {
	e.t.Helper()
	w := plWorld{thisWeek: models.ISOWeekOf(models.DateOf(time.Now()))}
	w.start = w.thisWeek.AddWeeks(-5).Monday()
	w.citizen = e.plCitizen("consA", "0101901111", "gruppe2", w.start.AddDays(-300).String())
	r := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(`{"company_id": %d, "kind": "virksomhedspraktik", "title": "Lagermedhjælper",
		"hours_min": 10, "hours_max": 20, "seats": 2, "duration_weeks": 13}`, e.company.ID))
	if r.status != 201 {
		e.t.Fatalf("create opening: %d %s", r.status, r.body)
	}
	w.opening = plNum(r.json["id"])
	return w
}

// place creates a placement for the world's citizen at its opening.
func (e *env) place(w plWorld, extra string) map[string]any {
	e.t.Helper()
	body := fmt.Sprintf(`{"citizen_id": %d, "opening_id": %d, "start_date": %q%s}`, w.citizen, w.opening, w.start, extra)
	r := e.do("consA", "POST", "/api/v1/placements", body)
	if r.status != 201 {
		e.t.Fatalf("create placement: %d %s", r.status, r.body)
	}
	return r.json
}

func TestPlacementLifecycleAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		p := e.place(w, `, "note": "Mødes med mentor mandag", "company_mentor": {"name": "Lone Berg"}`)
		id := plNum(p["id"])
		// From the opening: company, kind, 13 weeks and a ladder 10 → 20.
		if plNum(p["company_id"]) != e.company.ID || p["kind"] != "virksomhedspraktik" || p["status"] != "aktiv" ||
			p["end_date"] != w.start.AddDays(7*13-1).String() || p["citizen_name"] != "Borger 0101" || p["company_name"] != "Kronborg Lager ApS" {
			t.Fatalf("defaults from the opening: %v", p)
		}
		if plan := p["plan"].([]any); len(plan) != 3 || plNum(plan[2].(map[string]any)["hours"]) != 20 {
			t.Fatalf("default plan: %v", p["plan"])
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d", id), ""); r.status != 200 || r.json["note"] != "Mødes med mentor mandag" {
			t.Fatalf("get: %d %s", r.status, r.body)
		}
		r := e.do("employer", "GET", fmt.Sprintf("/api/v1/placements/%d", id), "")
		if r.status != 200 || r.json["note"] != "" || r.json["citizen_name"] != "Borger 0101" {
			t.Fatalf("employer reads the placement at their company without the jobcentre's note: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/placements", ""); r.status != 200 || plNum(r.json["total"]) != 1 {
			t.Fatalf("employer's list: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", fmt.Sprintf("/api/v1/placements/%d", id), ""); r.status != 404 {
			t.Fatalf("another jobcentre's consultant read the placement: %d", r.status)
		}
		if r := e.do("consB", "GET", "/api/v1/placements", ""); plNum(r.json["total"]) != 0 {
			t.Fatalf("another jobcentre's consultant lists the placement: %s", r.body)
		}
		if r := e.do("event", "GET", "/api/v1/placements", ""); r.status != 403 {
			t.Fatalf("event staff listed placements: %d", r.status)
		}
		if r := e.do("employer", "PATCH", fmt.Sprintf("/api/v1/placements/%d", id), `{"status":"afbrudt"}`); r.status != 403 {
			t.Fatalf("employer changed a placement: %d %s", r.status, r.body)
		}
		for _, c := range []struct{ body, field string }{
			{`{"status":"afsluttet"}`, "outcome"},
			{`{"status":"planlagt"}`, "status"},
			{`{"citizen_id": 999}`, "citizen_id"},
			{`{"outcome":"lotto"}`, "outcome"},
			{`{"plan":[{"from_week":2,"hours":10}]}`, "plan[0].from_week"},
			{`{"evaluation":{"completion":"ja"}}`, "evaluation.completion"},
		} {
			if r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", id), c.body); r.status != 422 || !r.hasField(c.field) {
				t.Errorf("PATCH %s: %d %s", c.body, r.status, r.body)
			}
		}
		r = e.do("consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", id), `{"status":"afsluttet","outcome":"loentilskud",
			"evaluation":{"completion":"gennemfoert","tasks_solved":"Varemodtagelse og pluk","competences":[{"name":"Mødestabilitet","rating":5}],
			"recommendation":"Klar til løntilskud","citizen_view":"Det gik godt"}}`)
		if r.status != 200 || r.json["status"] != "afsluttet" || r.json["ended_on"] != models.DateOf(time.Now()).String() || r.json["evaluation"] == nil {
			t.Fatalf("complete: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", fmt.Sprintf("/api/v1/placements/%d", id), ""); r.json["evaluation"] != nil {
			t.Fatalf("the citizen's own view reaches the employer: %s", r.body)
		}
		if r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", id), `{"status":"aktiv"}`); r.status != 422 || !r.hasField("status") {
			t.Fatalf("reopened a completed placement: %d %s", r.status, r.body)
		}

		// Directly, without an opening: the planned end follows the kind.
		r = e.do("consA", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "loentilskud", "start_date": %q,
			"plan": [{"from_week": 1, "hours": 25}]}`, w.citizen, e.company.ID, w.start))
		if r.status != 201 || r.json["end_date"] != w.start.AddDays(7*26-1).String() || r.json["opening_id"] != nil {
			t.Fatalf("direct løntilskud: %d %s", r.status, r.body)
		}
		other := e.plCitizen("consB", "0202902222", "gruppe1", "2026-01-01")
		for _, c := range []struct {
			name, who, body string
			status          int
			fields          []string
		}{
			{"nothing", "consA", `{}`, 422, []string{"citizen_id", "company_id", "kind", "start_date"}},
			{"another tenant's citizen", "consA", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "igu", "start_date": "2027-01-04"}`, other, e.company.ID), 422, []string{"citizen_id"}},
			{"born ended", "consA", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "igu", "start_date": "2027-01-04", "status": "afbrudt"}`, w.citizen, e.company.ID), 422, []string{"status"}},
			{"unknown company", "consA", fmt.Sprintf(`{"citizen_id": %d, "company_id": 999999, "kind": "igu", "start_date": "2027-01-04"}`, w.citizen), 422, []string{"company_id"}},
			{"employer", "employer", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "igu", "start_date": "2027-01-04"}`, w.citizen, e.company.ID), 403, nil},
		} {
			r := e.do(c.who, "POST", "/api/v1/placements", c.body)
			if r.status != c.status {
				t.Errorf("%s: %d %s", c.name, r.status, r.body)
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: no error for %s: %v", c.name, f, r.fields())
				}
			}
		}
		entries, _, _ := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: w.citizen})
		reads := 0
		for _, en := range entries {
			if en.Action == "read" && strings.Contains(en.Route, "/placements") {
				reads++
			}
		}
		if reads == 0 {
			t.Fatal("placement reads are not audited as reads of the citizen")
		}
	})
}

func TestWeeklyHoursAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		week := w.thisWeek.AddWeeks(-2) // placement week 4: the ladder says 15
		path := fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, week)
		r := e.do("consA", "PUT", path, `{"worked": 12, "absent": 3, "absence_reason": "sygdom"}`)
		if r.status != 200 || plNum(r.json["revision"]) != 1 || r.json["planned_effective"].(float64) != 15 || r.json["changed"] != true ||
			r.json["source"] != "konsulent" || r.json["iso_week"] != week.String() || r.json["planned"] != nil {
			t.Fatalf("first save: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "PUT", path, `{"worked": 12, "absent": 3, "absence_reason": "sygdom"}`); r.status != 200 || r.json["changed"] != false || plNum(r.json["revision"]) != 1 {
			t.Fatalf("same figures again: %d %s", r.status, r.body)
		}
		r = e.do("employer", "PUT", path, `{"worked": 14, "absent": 1, "absence_reason": "sygdom", "source": "virksomhedsmentor", "note": "Efter timeseddel", "revision": 1}`)
		if r.status != 200 || plNum(r.json["revision"]) != 2 || r.json["source"] != "virksomhedsmentor" {
			t.Fatalf("the workplace mentor's correction: %d %s", r.status, r.body)
		}
		r = e.do("consA", "PUT", path, `{"worked": 10, "revision": 1}`)
		if r.status != 409 || !r.hasField("revision") {
			t.Fatalf("a correction from a stale revision: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", path, "")
		hist, _ := r.json["history"].([]any)
		if r.status != 200 || len(hist) != 2 || plNum(r.json["hours"].(map[string]any)["worked"]) != 14 {
			t.Fatalf("week with history: %d %s", r.status, r.body)
		}
		if first := hist[0].(map[string]any); plNum(first["worked"]) != 12 || first["source"] != "konsulent" {
			t.Fatalf("the first version is lost: %v", first)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d/hours", id), "")
		if weeks, _ := r.json["weeks"].([]any); r.status != 200 || len(weeks) != 6 {
			t.Fatalf("weeks of the placement (5 past + this): %d %s", r.status, r.body)
		}

		other := models.Company{JobcentreID: e.jcA.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Andet Firma", Branch: "butik_detail"}}
		must(t, e.store.CreateCompany(context.Background(), &other))
		r = e.do("consA", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "ordinaere_timer", "start_date": %q}`,
			w.citizen, other.ID, w.start))
		elsewhere := plNum(r.json["id"])
		last := w.thisWeek.AddWeeks(-1)
		cases := []struct {
			name, who, path, body string
			status                int
			fields                []string
		}{
			{"bad ISO week", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/2027-3", id), `{"worked": 5}`, 422, []string{"iso_week"}},
			{"week 53 in a 52-week year", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/2027-W53", id), `{"worked": 5}`, 422, []string{"iso_week"}},
			{"week before the placement", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, w.thisWeek.AddWeeks(-9)), `{"worked": 5}`, 422, []string{"iso_week"}},
			{"future week with hours", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, w.thisWeek.AddWeeks(2)), `{"worked": 5}`, 422, []string{"worked"}},
			{"negative hours", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": -2, "ordinary": -1}`, 422, []string{"worked", "ordinary"}},
			{"worked over 80", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 81}`, 422, []string{"worked"}},
			{"absence without reason", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 5, "absent": 5}`, 422, []string{"absence_reason"}},
			{"worked missing, unknown field", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"hours": 5}`, 422, []string{"hours", "worked"}},
			{"text for a number", "consA", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": "fem"}`, 422, []string{"worked"}},
			{"employer as consultant", "employer", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 5, "source": "konsulent"}`, 422, []string{"source"}},
			{"unknown placement", "consA", fmt.Sprintf("/api/v1/placements/999999/hours/%s", last), `{"worked": 5}`, 404, nil},
			{"another tenant's placement", "consB", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 5}`, 404, nil},
			{"another company's placement", "employer", fmt.Sprintf("/api/v1/placements/%d/hours/%s", elsewhere, last), `{"worked": 5}`, 404, nil},
			{"event staff", "event", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 5}`, 403, nil},
		}
		for _, c := range cases {
			r := e.do(c.who, "PUT", c.path, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d %s", c.name, r.status, r.body)
				continue
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: no error for %s: %v", c.name, f, r.fields())
				}
			}
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), ""); r.json["reported"] != false {
			t.Fatalf("a rejected save wrote the week: %s", r.body)
		}
		// Ordinary hours default to all worked hours at an ordinary-hours job.
		r = e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", elsewhere, last), `{"worked": 6}`)
		if r.status != 200 || r.json["ordinary"].(float64) != 6 {
			t.Fatalf("ordinary hours: %d %s", r.status, r.body)
		}
	})
}

func TestBulkHoursAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		other := e.plCitizen("consB", "0202902222", "gruppe1", "2026-01-01")
		elsewhere := models.Company{JobcentreID: e.jcB.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Ballerup Bageri", Branch: "butik_detail"}}
		must(t, e.store.CreateCompany(context.Background(), &elsewhere))
		r := e.do("consB", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "igu", "start_date": %q}`, other, elsewhere.ID, w.start))
		if r.status != 201 {
			t.Fatalf("jobcentre B's placement: %d %s", r.status, r.body)
		}
		theirs := plNum(r.json["id"])
		item := func(pid int64, week models.ISOWeek, worked string) string {
			return fmt.Sprintf(`{"placement_id": %d, "iso_week": %q, "worked": %s}`, pid, week, worked)
		}
		weeks := []models.ISOWeek{w.thisWeek.AddWeeks(-4), w.thisWeek.AddWeeks(-3), w.thisWeek.AddWeeks(-2)}
		good := []string{item(id, weeks[0], "10"), item(id, weeks[1], "12"), item(id, weeks[2], "15")}
		bulk := func(items ...string) string { return `{"items": [` + strings.Join(items, ",") + `]}` }

		cases := []struct {
			name   string
			body   string
			status int
			fields []string
		}{
			{"another tenant's placement", bulk(append(good, item(theirs, weeks[0], "8"))...), 422, []string{"items[3].placement_id"}},
			{"unknown placement and bad week", bulk(good[0], item(999999, weeks[0], "8"), fmt.Sprintf(`{"placement_id": %d, "iso_week": "uge 3", "worked": 1}`, id)), 422,
				[]string{"items[1].placement_id", "items[2].iso_week"}},
			{"hours over 80 and negative", bulk(good[0], item(id, weeks[1], "90"), item(id, weeks[2], "-1")), 422, []string{"items[1].worked", "items[2].worked"}},
			{"the same week twice", bulk(good[0], item(id, weeks[0], "11")), 422, []string{"items[1].iso_week"}},
			{"unknown nested field and wrong type", bulk(`{"placement_id": 1, "iso_week": "2027-W01", "worked": 1, "colour": "blå"}`, item(id, weeks[1], `"tolv"`), good[2]), 422,
				[]string{"items[0].colour", "items[1].worked"}},
			{"not an object", bulk(`17`), 422, []string{"items[0]"}},
			{"empty", `{"items": []}`, 422, []string{"items"}},
		}
		for _, c := range cases {
			r := e.do("consA", "POST", "/api/v1/hours/bulk", c.body)
			if r.status != c.status {
				t.Errorf("%s: %d %s", c.name, r.status, r.body)
				continue
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: no error for %s: %v", c.name, f, r.fields())
				}
			}
		}
		if r := e.do("event", "POST", "/api/v1/hours/bulk", bulk(good...)); r.status != 403 {
			t.Fatalf("event staff saved hours: %d", r.status)
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d/hours", id), ""); strings.Contains(r.body, `"reported":true`) {
			t.Fatalf("a rejected bulk save wrote weeks: %s", r.body)
		}
		r = e.do("consA", "POST", "/api/v1/hours/bulk", bulk(good...))
		if r.status != 200 || plNum(r.json["saved"]) != 3 || len(r.json["items"].([]any)) != 3 {
			t.Fatalf("bulk save: %d %s", r.status, r.body)
		}
		// One stale item stops the whole batch, and says which.
		stale := fmt.Sprintf(`{"placement_id": %d, "iso_week": %q, "worked": 9, "revision": 0}`, id, weeks[1])
		r = e.do("consA", "POST", "/api/v1/hours/bulk", bulk(item(id, weeks[0], "11"), stale))
		if r.status != 409 || !r.hasField("items[1].revision") {
			t.Fatalf("stale item: %d %s", r.status, r.body)
		}
		r = e.do("employer", "POST", "/api/v1/hours/bulk", bulk(item(id, weeks[0], "10"), item(id, weeks[1], "12")))
		if r.status != 200 || plNum(r.json["unchanged"]) != 2 {
			t.Fatalf("nothing changed by the stale batch: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", "/api/v1/hours/bulk", bulk(item(theirs, weeks[0], "8"))); r.status != 422 || !r.hasField("items[0].placement_id") {
			t.Fatalf("employer entered hours for a placement they cannot see... %d %s", r.status, r.body)
		}
	})
}

func TestProgressionAndAlertsAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		var items []string
		for i, h := range []int{10, 15, 15, 16, 16} {
			items = append(items, fmt.Sprintf(`{"placement_id": %d, "iso_week": %q, "worked": %d}`, id, w.thisWeek.AddWeeks(i-4), h))
		}
		if r := e.do("consA", "POST", "/api/v1/hours/bulk", `{"items": [`+strings.Join(items, ",")+`]}`); r.status != 200 {
			t.Fatalf("hours: %d %s", r.status, r.body)
		}
		r := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/progression", w.citizen), "")
		if r.status != 200 {
			t.Fatalf("progression: %d %s", r.status, r.body)
		}
		m := r.json["metrics"].(map[string]any)
		if m["current_hours"].(float64) != 16 || m["average_4_weeks"].(float64) != 15.5 || m["target_hours"].(float64) != 20 || m["trend_hours_per_week"] == nil {
			t.Fatalf("metrics: %v", m)
		}
		if series := r.json["series"].([]any); len(series) != 6 {
			t.Fatalf("series from the placement's first week to now: %d weeks", len(series))
		}
		if !strings.Contains(r.body, `"kind":"genvisitation"`) {
			t.Fatalf("a group 2 citizen at 15.5 hours should be proposed for group 1: %s", r.body)
		}
		for who, status := range map[string]int{"consB": 404, "employer": 403, "event": 403} {
			if r := e.do(who, "GET", fmt.Sprintf("/api/v1/citizens/%d/progression", w.citizen), ""); r.status != status {
				t.Errorf("%s read the progression: %d", who, r.status)
			}
		}

		r = e.do("consA", "GET", "/api/v1/alerts?kind=genvisitation", "")
		list, _ := r.json["items"].([]any)
		if r.status != 200 || len(list) != 1 {
			t.Fatalf("alerts: %d %s", r.status, r.body)
		}
		alert := list[0].(map[string]any)
		key := alert["key"].(string)
		if plNum(alert["citizen_id"]) != w.citizen || alert["due"] == nil || !strings.Contains(alert["message"].(string), "gruppe 1") || alert["citizen_name"] != "Borger 0101" {
			t.Fatalf("alert item: %v", alert)
		}
		if r := e.do("consB", "GET", "/api/v1/alerts", ""); r.status != 200 || plNum(r.json["total"]) != 0 {
			t.Fatalf("jobcentre B sees A's alerts: %s", r.body)
		}
		for _, who := range []string{"employer", "event"} {
			if r := e.do(who, "GET", "/api/v1/alerts", ""); r.status != 403 {
				t.Errorf("%s listed alerts: %d", who, r.status)
			}
		}
		if r := e.do("consA", "GET", "/api/v1/alerts?kind=vejret&acknowledged=måske", ""); r.status != 400 || !r.hasField("kind") || !r.hasField("acknowledged") {
			t.Fatalf("bad filters: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "POST", "/api/v1/alerts/"+key+"/ack", `{"note":"Ikke min"}`); r.status != 404 {
			t.Fatalf("jobcentre B acknowledged A's alert: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "POST", "/api/v1/alerts/genvisitation:c999999:x/ack", `{"note":"?"}`); r.status != 404 {
			t.Fatalf("unknown alert: %d %s", r.status, r.body)
		}
		r = e.do("consA", "POST", "/api/v1/alerts/"+key+"/ack", `{"note":"Genvisitation aftalt til næste samtale"}`)
		if r.status != 201 || r.json["acknowledged"].(map[string]any)["note"] != "Genvisitation aftalt til næste samtale" {
			t.Fatalf("ack: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "POST", "/api/v1/alerts/"+key+"/ack", `{"note":"igen"}`); r.status != 409 {
			t.Fatalf("second ack: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/alerts?kind=genvisitation", ""); plNum(r.json["total"]) != 0 {
			t.Fatalf("an acknowledged alert is still open: %s", r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/alerts?kind=genvisitation&acknowledged=true", ""); plNum(r.json["total"]) != 1 {
			t.Fatalf("acknowledged alerts: %s", r.body)
		}

		// Interrupting the placement raises a re-placement task.
		if r := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", id), `{"status":"afbrudt"}`); r.status != 200 {
			t.Fatalf("interrupt: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/alerts?citizen_id=%d&kind=genplacering", w.citizen), "")
		if list, _ := r.json["items"].([]any); len(list) != 1 || list[0].(map[string]any)["due"] != models.DateOf(time.Now()).AddDays(42).String() {
			t.Fatalf("re-placement task due in 6 weeks: %s", r.body)
		}
	})
}

func TestProgressionSettingsAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("consA", "GET", "/api/v1/progression/settings", "")
		if r.status != 200 || r.json["default"] != true || plNum(r.json["stagnation_weeks"]) != 4 || len(r.json["deadlines"].([]any)) != 8 {
			t.Fatalf("defaults: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "PUT", "/api/v1/progression/settings", `{"stagnation_weeks": 6}`); r.status != 403 {
			t.Fatalf("a consultant changed the thresholds: %d", r.status)
		}
		if r := e.do("consB", "GET", fmt.Sprintf("/api/v1/progression/settings?jobcentre_id=%d", e.jcA.ID), ""); r.status != 403 {
			t.Fatalf("another jobcentre's settings: %d", r.status)
		}
		body := fmt.Sprintf(`{"jobcentre_id": %d, "stagnation_weeks": 0, "shortfall_share": 2}`, e.jcA.ID)
		if r := e.do("admin", "PUT", "/api/v1/progression/settings", body); r.status != 422 || !r.hasField("stagnation_weeks") || !r.hasField("shortfall_share") {
			t.Fatalf("bad thresholds: %d %s", r.status, r.body)
		}
		body = fmt.Sprintf(`{"jobcentre_id": %d, "stagnation_weeks": 6, "rule_225_groups": ["gruppe1"]}`, e.jcA.ID)
		if r := e.do("admin", "PUT", "/api/v1/progression/settings", body); r.status != 200 || r.json["default"] != false {
			t.Fatalf("save: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", "/api/v1/progression/settings", "")
		if plNum(r.json["stagnation_weeks"]) != 6 || len(r.json["rule_225_groups"].([]any)) != 1 || plNum(r.json["shortfall_weeks"]) != 2 {
			t.Fatalf("saved settings: %s", r.body)
		}
	})
}

func TestMonthlyReportAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		last := w.thisWeek.AddWeeks(-1)
		if r := e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, last), `{"worked": 12, "ordinary": 2}`); r.status != 200 {
			t.Fatalf("hours: %d %s", r.status, r.body)
		}
		month := last.AddWeeks(0).Monday().AddDays(3).String()[:7] // the month of the week's Thursday
		r := e.do("consA", "GET", "/api/v1/reports/monthly?from="+month+"&to="+month, "")
		if r.status != 200 {
			t.Fatalf("report: %d %s", r.status, r.body)
		}
		months := r.json["months"].([]any)
		groups := months[0].(map[string]any)["groups"].([]any)
		var g2, all map[string]any
		for _, g := range groups {
			switch g := g.(map[string]any); g["target_group"] {
			case "gruppe2":
				g2 = g
			case "alle":
				all = g
			}
		}
		if g2 == nil || all == nil || plNum(g2["citizens"]) != 1 || plNum(g2["in_placement"]) != 1 || plNum(g2["with_ordinary_hours"]) != 1 ||
			g2["share_in_placement_or_ordinary_hours"].(float64) != 1 || g2["avg_weekly_hours"].(float64) != 12 || plNum(all["citizens"]) != 1 {
			t.Fatalf("figures: %v", groups)
		}
		for _, url := range []string{"/api/v1/reports/monthly?format=csv&from=" + month, "/api/v1/reports/monthly?from=" + month} {
			r := e.doAccept("consA", url, "text/csv")
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") ||
				!strings.HasPrefix(r.body, "\ufeffMåned;Målgruppe;Nøgletal;Ordning;Branche;Udfald;Værdi") ||
				!strings.Contains(r.body, "Andel i placering eller med ordinære timer;;;;1,000") {
				t.Fatalf("CSV %s: %d %s", url, r.status, r.body[:min(len(r.body), 400)])
			}
		}
		for _, c := range []struct {
			who, query string
			status     int
		}{
			{"consA", "from=2027-13", 400}, {"consA", "from=2027-06&to=2027-01", 400}, {"consA", "from=2020-01&to=2027-01", 400},
			{"consA", "", 400}, {"consA", "from=2027-01&format=xml", 400}, {"employer", "from=2027-01", 403}, {"event", "from=2027-01", 403},
		} {
			if r := e.do(c.who, "GET", "/api/v1/reports/monthly?"+c.query, ""); r.status != c.status {
				t.Errorf("%s %q: %d %s", c.who, c.query, r.status, r.body)
			}
		}
		if r := e.do("consB", "GET", "/api/v1/reports/monthly?from="+month, ""); r.status != 200 || strings.Contains(r.body, `"citizens":1`) {
			t.Fatalf("jobcentre B's report counts A's citizen: %s", r.body)
		}
	})
}

// doAccept is a GET with an Accept header.
func (e *env) doAccept(who, path, accept string) response {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	req.Header.Set("Accept", accept)
	res, err := e.client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// The new paths document their path parameters, and ISO weeks are strings.
func TestPlacementOpenAPI(t *testing.T) {
	e := newEnv(t, "sqlite")
	r := e.do("", "GET", "/api/v1/openapi.json", "")
	put := r.json["paths"].(map[string]any)["/api/v1/placements/{id}/hours/{iso_week}"].(map[string]any)["put"].(map[string]any)
	names := map[string]bool{}
	for _, p := range put["parameters"].([]any) {
		if p := p.(map[string]any); p["in"] == "path" {
			names[p["name"].(string)] = true
		}
	}
	if !names["id"] || !names["iso_week"] {
		t.Fatalf("path parameters: %v", names)
	}
	week := r.json["components"].(map[string]any)["schemas"].(map[string]any)["HoursRow"].(map[string]any)["properties"].(map[string]any)["iso_week"].(map[string]any)
	if week["type"] != "string" || week["example"] != "2027-W03" {
		t.Fatalf("iso_week schema: %v", week)
	}
	for _, field := range strings.Fields("citizen_id opening_id company_id kind start_date end_date status outcome plan") {
		if _, ok := r.json["components"].(map[string]any)["schemas"].(map[string]any)["PlacementInput"].(map[string]any)["properties"].(map[string]any)[field]; !ok {
			t.Errorf("PlacementInput lacks contract field %q", field)
		}
	}
}

// A week has two notes: the one shared with the employer (note) and the
// jobcentre's own (internal_note), which may say why a citizen was absent.
// An employer reads and writes only the shared one, and their save keeps
// the internal note; acknowledging an alert of another jobcentre is the
// same "not found" as a made-up key.
func TestEmployerSeesNoJobcentreHourNotesAndAlertKeysLeakNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		week := w.thisWeek.AddWeeks(-1)
		path := fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, week)
		if r := e.do("consA", "PUT", path, `{"worked": 5, "absent": 2, "absence_reason": "sygdom", "note": "Husk mødetid kl. 8", "internal_note": "Indlagt psykiatrisk afd., angst"}`); r.status != 200 {
			t.Fatalf("consultant's week: %d %s", r.status, r.body)
		}
		for _, p := range []string{path, fmt.Sprintf("/api/v1/placements/%d/hours", id)} {
			r := e.do("employer", "GET", p, "")
			if r.status != 200 || strings.Contains(r.body, "angst") || !strings.Contains(r.body, "Husk mødetid") {
				t.Errorf("employer reads %s: %d %s", p, r.status, r.body)
			}
			if r := e.do("consA", "GET", p, ""); !strings.Contains(r.body, "angst") || !strings.Contains(r.body, "Husk mødetid") {
				t.Errorf("the consultant lost their own notes on %s: %s", p, r.body)
			}
		}
		r := e.do("employer", "PUT", path, `{"worked": 6, "absent": 1, "absence_reason": "sygdom", "internal_note": "Min egen", "revision": 1}`)
		if r.status != 422 || r.json["code"] != "invalid" || !strings.Contains(r.body, "internal_note") {
			t.Errorf("an employer writes the internal note: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "PUT", path, `{"worked": 6, "absent": 1, "absence_reason": "sygdom", "source": "virksomhedsmentor", "note": "Efter timeseddel", "revision": 1}`); r.status != 200 || strings.Contains(r.body, "angst") {
			t.Fatalf("mentor's correction: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", path, ""); !strings.Contains(r.body, "Efter timeseddel") || strings.Contains(r.body, "angst") {
			t.Errorf("employer's own note missing or the consultant's shown: %s", r.body)
		}
		if r := e.do("consA", "GET", path, ""); r.json["hours"].(map[string]any)["internal_note"] != "Indlagt psykiatrisk afd., angst" {
			t.Errorf("the employer's save dropped the internal note: %s", r.body)
		}

		theirs := e.do("consB", "POST", fmt.Sprintf("/api/v1/alerts/%s/ack", url.PathEscape(fmt.Sprintf("under_plan:p%d", id))), `{"note":"x"}`)
		madeUp := e.do("consB", "POST", "/api/v1/alerts/under_plan:p999999/ack", `{"note":"x"}`)
		if theirs.status != 404 || madeUp.status != 404 || theirs.json["detail"] != madeUp.json["detail"] {
			t.Errorf("another jobcentre's alert answers differently from a made-up one:\n%d %s\n%d %s", theirs.status, theirs.body, madeUp.status, madeUp.body)
		}
	})
}

// Dates, weeks and months outside 1900–2100 are refused with a Danish field
// error and nothing is stored, including an end date the service would
// compute past 2100; the jobcentre's lists keep working.
func TestFarDatesAreRefusedAndNothingIsHalfWritten(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		before := e.count("placements")
		for _, c := range []struct{ body, field string }{
			{fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "virksomhedspraktik", "start_date": "9999-12-20"}`, w.citizen, e.company.ID), "start_date"},
			{fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "virksomhedspraktik", "start_date": "0000-01-01"}`, w.citizen, e.company.ID), "start_date"},
			{fmt.Sprintf(`{"citizen_id": %d, "company_id": %d, "kind": "loentilskud", "start_date": "2100-12-20"}`, w.citizen, e.company.ID), "end_date"},
		} {
			r := e.do("consA", "POST", "/api/v1/placements", c.body)
			if r.status != 422 || !r.hasField(c.field) || !strings.Contains(r.body, "2100") {
				t.Errorf("%s: %d %s", c.body, r.status, r.body)
			}
		}
		if after := e.count("placements"); after != before {
			t.Fatalf("a refused placement was stored: %d → %d", before, after)
		}
		id := plNum(e.place(w, "")["id"])
		if r := e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/9999-W01", id), `{"worked": 1}`); r.status != 422 && r.status != 400 {
			t.Errorf("week 9999-W01: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/reports/monthly?from=0000-01&to=0001-01", ""); r.status != 400 {
			t.Errorf("month 0000-01: %d %s", r.status, r.body)
		}
		for _, path := range []string{"/api/v1/placements", "/api/v1/alerts", "/api/v1/reports/monthly?from=2026-11"} {
			if r := e.do("consA", "GET", path, ""); r.status != 200 {
				t.Errorf("%s after the refused writes: %d %s", path, r.status, r.body)
			}
		}
	})
}

// Changing a saved week without the revision read is refused with 428 and
// says so; a new week needs none. Of two writers who read the same
// revision, exactly one lands, every round.
func TestSavedWeekNeedsTheRevisionRead(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		path := fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, w.thisWeek.AddWeeks(-1))
		if r := e.do("consA", "PUT", path, `{"worked": 10}`); r.status != 200 {
			t.Fatalf("new week: %d %s", r.status, r.body)
		}
		r := e.do("employer", "PUT", path, `{"worked": 12}`)
		if r.status != 428 || !r.hasField("revision") || r.json["code"] != "precondition_needed" || !strings.Contains(r.body, "revision 1") {
			t.Fatalf("a change without the revision: %d %s", r.status, r.body)
		}
		for round := 1; round <= 10; round++ {
			body := func(n int) string { return fmt.Sprintf(`{"worked": %d, "revision": %d}`, 10+n, round) }
			a, b := e.do("consA", "PUT", path, body(round)), e.do("employer", "PUT", path, body(round+20))
			if a.status != 200 || b.status != 409 {
				t.Fatalf("round %d: first %d, second %d %s", round, a.status, b.status, b.body)
			}
		}
	})
}
